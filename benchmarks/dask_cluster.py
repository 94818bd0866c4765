"""A batch through a Dask scheduler address, on a cluster of separate processes started on this machine.

    python benchmarks/dask_cluster.py [INPUT ...] [--workers 2] [--compare-local] [--json FILE]

How a user with several machines runs it, on one machine: ``dask scheduler`` on a free loopback port,
then ``--workers`` separate ``dask worker ADDRESS --nworkers 1 --nthreads 1`` processes, each in its
own process group and working directory (as on its own machine), and the real CLI
``workbench batch INPUT --engine dask --scheduler ADDRESS`` into a fresh folder (embedding cache
included, so the encoder loads and every paragraph is embedded). It prints documents per minute and,
per worker process (the ``worker`` column of ``run.json``), its documents, seconds and peak memory.
``--compare-local`` also runs ``--engine local --jobs WORKERS`` on the same inputs. INPUT defaults
to ``../shared/corpus/docs`` (NAME/ru.txt + NAME/en.txt folders).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
BIN = Path(sys.executable).parent  # the venv's scripts: `dask`, `workbench`
STOP_SECONDS = 10.0  # SIGTERM, then SIGKILL: a worker busy in the encoder may not stop at once


@dataclass(frozen=True)
class Cluster:
    """A running scheduler and its worker processes."""

    address: str  # tcp://127.0.0.1:PORT, what `--scheduler` takes
    worker_pids: tuple[int, ...]  # the Dask worker processes (children of each `dask worker` nanny)
    logs: Path  # scheduler.log, worker-<i>.log


def free_port() -> int:
    """A loopback port nothing listens on now (the scheduler binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_command() -> list[str]:
    """The `dask` CLI of this environment (`python -m dask` when the script is not beside python)."""
    script = BIN / "dask"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dask"]


@contextmanager
def started(command: Sequence[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    """A process in its own process group, stopped with everything it spawned however the block ends.

    A `dask worker` is a nanny that spawns the worker process: killing the group takes both.
    """
    cwd.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        _stop_group(process)


def _stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, SIGKILL to whatever of it is left after ``STOP_SECONDS``."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline:
        process.poll()  # reap the leader: a zombie would keep the group alive
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextmanager
def local_cluster(workers: int, folder: Path, timeout: float = 120.0) -> Iterator[Cluster]:
    """Scheduler plus ``workers`` one-thread worker processes, ready (all registered) on entry.

    Each worker starts in its own folder, so a path relative to the submitter's folder means
    nothing to it, as on another machine.
    """
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = [*dask_command(), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"]
    worker = [*dask_command(), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"]
    with ExitStack() as stack:
        stack.enter_context(started(scheduler, folder / "scheduler", folder / "scheduler.log"))
        for i in range(workers):
            stack.enter_context(started(worker, folder / f"worker-{i}", folder / f"worker-{i}.log"))
        with Client(address, timeout=timeout) as client:
            client.wait_for_workers(workers, timeout=timeout)
            pids = tuple(sorted(client.run(os.getpid).values()))
        yield Cluster(address, pids, folder)


def batch_command(inputs: Sequence[str | Path], out: Path, *options: str) -> list[str]:
    """The real `workbench batch` CLI (`python -m ui.cli` when the script is not beside python)."""
    script = BIN / "workbench"
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]
    return [*cli, "batch", *map(str, inputs), "--out", str(out), *options]


def per_worker(report: dict) -> dict[str, dict]:
    """Per ``worker`` (host:pid) of the documents done: their count, seconds (sum) and peak MiB."""
    workers: dict[str, dict] = {}
    for row in report["documents"]:
        if row["status"] != "done":
            continue
        entry = workers.setdefault(row["worker"], {"documents": 0, "seconds": 0.0, "peak_rss_mib": 0.0})
        entry["documents"] += 1
        entry["seconds"] = round(entry["seconds"] + row["seconds"], 2)
        entry["peak_rss_mib"] = max(entry["peak_rss_mib"], row["peak_rss_mib"] or 0.0)
    return dict(sorted(workers.items()))


def timed_batch(command: list[str], out: Path) -> dict:
    """Run a batch command; its wall time, totals and per-worker figures (from run.json)."""
    started_at = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - started_at
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    totals = report["totals"]
    return {
        "command": command,
        "wall_seconds": round(wall, 2),  # the CLI's own start-up included
        "documents": totals["done"],
        "paragraphs": totals["ru_paragraphs"] + totals["en_paragraphs"],
        "documents_per_minute": totals["documents_per_minute"],  # the run's wall time, in run.json
        "paragraphs_per_second": totals["paragraphs_per_second"],
        "workers": per_worker(report),
        "load_average_1min_after": round(os.getloadavg()[0], 2),  # other work on the machine skews it
    }


def measure(inputs: Sequence[Path], workers: int, compare_local: bool) -> dict:
    """The batch through a fresh cluster's scheduler (and optionally the local engine), each into a
    fresh folder."""
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="dask-cluster-") as tmp:
        folder = Path(tmp)
        with local_cluster(workers, folder / "cluster") as cluster:
            out = folder / "dask-out"
            dask = timed_batch(
                batch_command(inputs, out, "--engine", "dask", "--scheduler", cluster.address), out
            )
        summary = {
            "cores": os.cpu_count(),
            "worker_processes": workers,
            "load_average_1min_before": load_before,
            "dask": dask,
        }
        if compare_local:
            out = folder / "local-out"
            summary["local"] = timed_batch(
                batch_command(inputs, out, "--engine", "local", "--jobs", str(workers)), out
            )
    return summary


def print_summary(summary: dict) -> None:
    """One line per run, then one per worker process."""
    print(f"{summary['cores']} cores, load average {summary['load_average_1min_before']} before the runs")
    for engine in ("dask", "local"):
        run = summary.get(engine)
        if run is None:
            continue
        print(
            f"{engine:<5} {run['documents']} documents, {run['paragraphs']} paragraphs: "
            f"{run['documents_per_minute']:.1f} docs/min, {run['paragraphs_per_second']:.1f} paragraphs/s "
            f"({run['wall_seconds']:.1f} s with the CLI's start-up)"
        )
        for worker, entry in run["workers"].items():
            print(
                f"      {worker:<24} {entry['documents']:>4} documents {entry['seconds']:>8.1f} s "
                f"peak {entry['peak_rss_mib']:>6.0f} MiB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[CORPUS_DOCS], help="documents (folders)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--compare-local", action="store_true", help="also run --engine local --jobs N")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    summary = measure([p.resolve() for p in args.inputs], args.workers, args.compare_local)
    print_summary(summary)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
