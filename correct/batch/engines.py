"""Where a batch's documents are processed: in this process, a local process pool, or a Dask cluster.

Every engine runs the same function, ``batch_task.process_document``, with one
``Workbench`` per worker process, so the encoder and lexicons load once per
worker. Engines yield report rows as documents finish, in completion order.

Why Dask and not Ray for scale-out: ``dask[distributed]`` is pure Python and
already our optional extra, starts a ``LocalCluster`` in seconds for tests, and
its futures API mirrors ``concurrent.futures``, so the cluster path is the
local path with another executor. Ray would add a large binary dependency and
its own object store for documents that are a few hundred kilobytes each.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError
from align.ingest.document import Source
from correct.batch.report import DocumentRow
from correct.batch.task import DocumentTask, process_document
from correct.pipeline import PipelineConfig, Workbench, available_cores

if TYPE_CHECKING:
    from distributed import Client

ENGINES = ("local", "dask")
# Variables the BLAS/OpenMP runtimes (and torch) read once, when they load.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS")

_WORKBENCH: Workbench | None = None  # the process-pool worker's one Workbench (set by its initializer)
_DASK_WORKBENCHES: dict[str, Workbench] = {}  # per Dask worker process, by repr(config), oldest first
MAX_DASK_WORKBENCHES = 2  # two batches sharing a cluster at once don't reload the encoder per document
_DASK_LOCK = threading.Lock()


def execute(
    tasks: Sequence[DocumentTask],
    config: PipelineConfig,
    *,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    workbench: Workbench | None = None,
) -> Iterator[DocumentRow]:
    """Process the tasks on the chosen engine, yielding one row per task as it finishes.

    ``workbench``: an already loaded one, used when the documents run in this
    process (local engine, one job).

    With nothing to do no worker starts and no encoder loads: that keeps an
    unchanged re-run to hashing the inputs.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if not tasks:
        return
    if engine == "dask":
        yield from _on_dask(tasks, config, jobs, scheduler)
    elif min(jobs, len(tasks)) == 1:
        yield from _inline(tasks, workbench or Workbench(config))
    else:
        yield from _on_process_pool(tasks, config, min(jobs, len(tasks)))


def worker_config(config: PipelineConfig, jobs: int) -> PipelineConfig:
    """The config each of ``jobs`` workers on this machine uses: the cores shared out, at least one each.

    Two workers with two encoder threads each on two cores would fight for them.
    """
    if config.threads:
        return config
    return replace(config, threads=max(1, available_cores() // max(1, jobs)))


def limit_threads(threads: int) -> None:
    """Keep this worker process's numeric libraries to ``threads`` threads.

    The environment variables reach runtimes loaded later (torch loads with the
    encoder); threadpoolctl, when present, limits the BLAS already loaded.
    """
    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        pass
    else:
        threadpool_limits(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


def _inline(tasks: Sequence[DocumentTask], workbench: Workbench) -> Iterator[DocumentRow]:
    for task in tasks:
        yield process_document(task, workbench)


def _init_pool_worker(config: PipelineConfig, parent_pid: int) -> None:
    """Process-pool initializer: one Workbench per worker; Ctrl-C is the parent's to handle."""
    global _WORKBENCH
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_threads(config.threads or 1)
    _exit_with_parent(parent_pid)
    _WORKBENCH = Workbench(config)


def _exit_with_parent(parent_pid: int) -> None:
    """Exit when the parent dies (kill -9): an orphaned pool worker would otherwise wait forever
    on its call queue, holding an encoder's memory."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _run_in_pool_worker(task: DocumentTask) -> DocumentRow:
    assert _WORKBENCH is not None, "pool worker used before its initializer ran"
    return process_document(task, _WORKBENCH)


def _on_process_pool(
    tasks: Sequence[DocumentTask], config: PipelineConfig, jobs: int
) -> Iterator[DocumentRow]:
    # spawn, not fork: a forked child would inherit the parent's threads (tqdm's monitor) and any torch state.
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_pool_worker,
        initargs=(worker_config(config, jobs), os.getpid()),
    )
    finished = False
    try:
        futures = {pool.submit(_run_in_pool_worker, task): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as exc:
                yield _lost(futures[future], f"worker process died ({exc})")
        finished = True
    finally:
        _stop_pool(pool, finished)


def _stop_pool(pool: ProcessPoolExecutor, finished: bool) -> None:
    """Shut the pool down; when interrupted, drop queued work and end the workers now."""
    if finished:
        pool.shutdown(wait=True)
        return
    processes = list(getattr(pool, "_processes", {}).values())  # the executor has no public handle
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _lost(task: DocumentTask, message: str) -> DocumentRow:
    return DocumentRow(
        id=task.id,
        source=task.source.label(),
        status="failed",
        input_sha256=task.input_sha256,
        settings_sha256=task.settings_sha256,
        error=message,
        error_kind="internal",
    )


def run_on_dask_worker(
    task: DocumentTask, config: PipelineConfig, host_workers: dict[str, int] | None = None
) -> DocumentRow:
    """The Dask task: the per-document function with this worker process's cached Workbench.

    The lock keeps one document at a time per worker process, whatever its thread count: the
    encoder has its own threads. ``host_workers``: worker processes per host at submission, to
    share a machine's cores. Only the newest ``MAX_DASK_WORKBENCHES`` are kept: each ``--out`` has
    its own cache folder, so a long-lived worker held one encoder per run it served (5 runs: 962 MiB).
    """
    key = repr(config)  # configs may hold unhashable fields; their repr is exact
    with _DASK_LOCK:
        workbench = _DASK_WORKBENCHES.get(key)
        if workbench is None:
            if not config.threads:
                config = replace(config, threads=dask_worker_threads(host_workers or {}))
            limit_threads(config.threads)
            while len(_DASK_WORKBENCHES) >= MAX_DASK_WORKBENCHES:
                _DASK_WORKBENCHES.pop(next(iter(_DASK_WORKBENCHES)))  # the oldest
            workbench = _DASK_WORKBENCHES[key] = Workbench(config)
        return process_document(task, workbench)


def dask_worker_threads(host_workers: dict[str, int]) -> int:
    """Encoder threads of this Dask worker process: its machine's cores shared by the worker
    processes there, at most the cores its affinity mask allows.

    Processes, not Dask threads: the lock runs one document at a time per process. Two
    ``dask worker --nworkers 1`` on a 2-core machine each took both cores before (4 BLAS
    threads on 2 cores). ``min`` with the affinity mask: a worker pinned to a core group
    (``taskset``) keeps its group.
    """
    from distributed import get_worker
    from distributed.comm import get_address_host

    processes = max(1, host_workers.get(get_address_host(get_worker().address), 1))
    machine = os.cpu_count() or available_cores()
    return max(1, min(available_cores(), machine // processes))


def workers_per_host(client: Client) -> dict[str, int]:
    """Worker processes per host address, as the scheduler sees them now."""
    from distributed.comm import get_address_host

    return dict(Counter(get_address_host(address) for address in client.nthreads()))


def absolute_paths(
    tasks: Sequence[DocumentTask], config: PipelineConfig
) -> tuple[list[DocumentTask], PipelineConfig]:
    """The tasks and config with every path made absolute against this process's working directory.

    A ``dask worker`` started elsewhere has its own working directory: a relative input failed there as
    "no such file" (a bad-input failure, kept), a relative ``--db`` read as an empty memory. ``abspath``,
    not ``resolve``: a shared mount may sit behind different symlinks on different machines.
    """

    def absolute(path: str | Path | None) -> Path | None:
        return None if path is None else Path(os.path.abspath(path))

    def source(src: Source) -> Source:
        scan = tuple(Path(os.path.abspath(page)) for page in src.scan)
        paths = {"archive": absolute(src.archive), "ru": absolute(src.ru), "en": absolute(src.en)}
        return replace(src, **paths, images=absolute(src.images), scan=scan)

    remote = [replace(t, source=source(t.source), output=absolute(t.output)) for t in tasks]
    fields = ("cache_dir", "memory_path", "memory_db")
    paths = {name: str(absolute(getattr(config, name))) for name in fields if getattr(config, name)}
    return remote, replace(config, **paths)


def _on_dask(
    tasks: Sequence[DocumentTask], config: PipelineConfig, jobs: int, scheduler: str | None
) -> Iterator[DocumentRow]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise InputError(
            "--engine dask needs the dask extra: pip install 'ocr-align-workbench[dask]'"
        ) from exc
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout=30))
            except OSError as exc:  # TimeoutError included
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
            tasks, config = absolute_paths(tasks, config)
            host_workers = workers_per_host(client)
        else:
            jobs = min(jobs, len(tasks))
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            stack.enter_context(cluster)
            client = stack.enter_context(Client(cluster))
            config = worker_config(config, jobs)
            host_workers = None
        futures = client.map(
            run_on_dask_worker, list(tasks), config=config, host_workers=host_workers, pure=False
        )
        by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
        finished = False
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:  # the worker died (KilledWorker); the document is retried next run
                    yield _lost(by_key[future.key], f"dask worker lost ({type(exc).__name__}: {exc})")
            finished = True
        finally:
            if not finished:
                client.cancel(futures)
