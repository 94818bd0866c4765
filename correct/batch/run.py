"""Batch runs: every document of an archive folder processed, reported, resumable and incremental.

plan (hash inputs and settings, keep what is unchanged) -> execute (an engine
runs ``process_document`` per document) -> report (``run.json``/``run.csv``
rewritten atomically as documents finish). A re-run reads the last report,
skips documents whose input and settings hashes match a finished result, and
so resumes an interrupted run where it stopped; ``force`` redoes everything.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from align.errors import InputError
from align.ingest.document import Source, document_id
from align.paths import inside
from align.serialize import read_result
from correct.batch.engines import execute
from correct.batch.report import (
    DocumentRow,
    as_unchanged,
    previous_rows,
    report_dict,
    row_from_result,
    write_report,
)
from correct.batch.task import (
    DocumentTask,
    input_sha256,
    settings_fingerprint,
    settings_sha256,
)
from correct.pipeline import PipelineConfig, Workbench, available_cores

log = logging.getLogger(__name__)

LOCK_NAME = ".batch.lock"
# Temp files of atomic writes (write_result, write_text_atomic): ".<name>.<random>.tmp".
STALE_TEMP_PATTERNS = (".*.json.*.tmp", ".run.csv.*.tmp")


@dataclass(frozen=True)
class BatchConfig:
    """How a batch runs; none of it changes a document's result."""

    jobs: int | None = None  # documents at once: worker processes or local Dask workers; None = the cores
    engine: str = "local"  # "local" (this machine) | "dask" (dask.distributed; needs the dask extra)
    scheduler: str | None = None  # Dask scheduler address ("tcp://host:8786"); None = a LocalCluster
    force: bool = False  # redo every document, even when its input and settings are unchanged
    report_every: float = 2.0  # seconds between report rewrites while documents finish


@dataclass(frozen=True)
class BatchPlan:
    """What a run will do: the tasks to process and a report row for every document, in input order."""

    tasks: tuple[DocumentTask, ...]
    rows: tuple[DocumentRow, ...]  # "pending" for each task; unchanged or failed for the rest
    settings: dict[str, Any] = field(default_factory=dict)
    settings_sha256: str = ""


@dataclass(frozen=True)
class BatchProgress:
    """Heard by the progress callback once the plan is made (row None) and after each document."""

    processed: int  # documents finished in this run (failed ones included)
    total: int  # documents this run processes (unchanged ones excluded)
    failed: int
    paragraphs: int  # paragraphs (both languages) of the documents processed so far
    unchanged: int  # documents skipped because nothing changed (bad documents that failed before excluded)
    elapsed: float  # seconds since the plan was made
    row: DocumentRow | None = None


@dataclass(frozen=True)
class BatchOutcome:
    """The finished run: its report (as written to run.json) and rows."""

    report: dict[str, Any]
    rows: tuple[DocumentRow, ...]

    @property
    def failed(self) -> tuple[DocumentRow, ...]:
        return tuple(row for row in self.rows if row.status == "failed")


def plan_batch(
    sources: Sequence[Source], out_dir: Path, config: PipelineConfig, force: bool = False
) -> BatchPlan:
    """Hash every input and decide, per document, whether its last result still holds."""
    settings = settings_fingerprint(config)
    settings_hash = settings_sha256(settings)
    previous = {} if force else previous_rows(out_dir)
    tasks: list[DocumentTask] = []
    rows: list[DocumentRow] = []
    first_source: dict[str, str] = {}
    for source in sources:
        doc_id = document_id(source)
        label = source.label()
        output = inside(out_dir, doc_id, ".json")
        if doc_id in first_source:
            message = f"duplicate document id {doc_id!r} (also {first_source[doc_id]}): rename one of them"
            rows.append(
                DocumentRow(id=doc_id, source=label, status="failed", error=message, error_kind="input")
            )
            continue
        first_source[doc_id] = label
        try:
            digest = input_sha256(source, doc_id)
        except OSError as exc:
            rows.append(
                DocumentRow(id=doc_id, source=label, status="failed", error=str(exc), error_kind="input")
            )
            continue
        kept = None if force else _still_valid(previous.get(doc_id), output, digest, settings_hash)
        if kept is not None:
            rows.append(kept)
            continue
        tasks.append(DocumentTask(doc_id, source, output, digest, settings_hash))
        rows.append(
            DocumentRow(
                id=doc_id, source=label, status="pending", input_sha256=digest, settings_sha256=settings_hash
            )
        )
    return BatchPlan(tuple(tasks), tuple(rows), settings, settings_hash)


def _still_valid(
    previous: DocumentRow | None, output: Path, digest: str, settings_hash: str
) -> DocumentRow | None:
    """The row to keep for an unchanged document, or None when it must be processed.

    Bad-input failures are kept too: the same bytes under the same settings fail
    the same way. Without a report row (run.json lost, or the run was killed
    between writing the result and the report) the hashes inside the result decide.
    """
    if previous is not None and (previous.input_sha256, previous.settings_sha256) == (digest, settings_hash):
        if previous.status in ("done", "unchanged") and output.is_file():
            return as_unchanged(previous)
        if previous.status == "failed" and previous.error_kind == "input":
            return previous
    if not output.is_file():
        return None
    try:
        result = read_result(output)
    except InputError:
        return None
    stamp = result.config.get("batch", {})
    if (stamp.get("input_sha256"), stamp.get("settings_sha256")) != (digest, settings_hash):
        return None
    return row_from_result(
        result,
        id=previous.id if previous else output.stem,
        source=previous.source if previous else " + ".join(dict.fromkeys(result.document.source.values())),
        status="unchanged",
        output=str(output),
        input_sha256=digest,
        settings_sha256=settings_hash,
    )


def run_batch(
    sources: Sequence[Source],
    out_dir: Path,
    config: PipelineConfig = PipelineConfig(),
    batch: BatchConfig = BatchConfig(),
    *,
    progress: Callable[[BatchProgress], None] | None = None,
    workbench: Workbench | None = None,
) -> BatchOutcome:
    """Process every source into ``out_dir``/<id>.json and write ``run.json`` and ``run.csv``.

    A failing document is a ``failed`` row; the run goes on. On KeyboardInterrupt
    the report is written (status "interrupted") and the interrupt re-raised;
    re-running the same command resumes. ``workbench``: one already loaded (a
    server's, a test session's) for a run in this process (jobs 1, local); its
    config is then the run's config.
    """
    config = workbench.config if workbench is not None else config
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _run_lock(out_dir):
        _remove_stale_temp_files(out_dir)
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        clock = time.perf_counter()
        plan = plan_batch(sources, out_dir, config, batch.force)
        rows = list(plan.rows)
        slot = {row.id: i for i, row in enumerate(plan.rows) if row.status == "pending"}
        jobs = batch.jobs or available_cores()
        header = _report_header(plan, batch, jobs, out_dir, started_at)

        def write(status: str) -> dict[str, Any]:
            report = report_dict(rows, {**header, "status": status}, time.perf_counter() - clock)
            write_report(out_dir, report, rows)
            return report

        write("running")
        status = "aborted"  # an error that stops the whole run (an unreachable cluster, our bug)
        engine_rows = execute(
            plan.tasks, config, engine=batch.engine, jobs=jobs, scheduler=batch.scheduler, workbench=workbench
        )
        last_write = time.perf_counter()
        try:
            with closing(engine_rows):  # stops the workers however the loop ends
                for row in _tracked(plan, engine_rows, progress, clock):
                    rows[slot[row.id]] = row
                    if time.perf_counter() - last_write >= batch.report_every:
                        write("running")
                        last_write = time.perf_counter()
            status = "complete"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            report = write(status)
            log.info("batch %s: %s", status, report["totals"])
    return BatchOutcome(report, tuple(rows))


def _report_header(
    plan: BatchPlan, batch: BatchConfig, jobs: int, out_dir: Path, started_at: str
) -> dict[str, Any]:
    """What the run report says of the run itself, besides its rows and totals."""
    return {
        "status": "running",
        "started": started_at,
        "engine": batch.engine,
        "jobs": jobs,
        "force": batch.force,
        "out": str(out_dir),
        "settings_sha256": plan.settings_sha256,
        "settings": plan.settings,
    }


def _tracked(
    plan: BatchPlan,
    rows: Iterator[DocumentRow],
    progress: Callable[[BatchProgress], None] | None,
    clock: float,
) -> Iterator[DocumentRow]:
    """Pass rows through, telling the progress callback how far the run is."""
    unchanged = sum(1 for row in plan.rows if row.status == "unchanged")
    processed = failed = paragraphs = 0

    def tell(row: DocumentRow | None) -> None:
        if progress is not None:
            elapsed = time.perf_counter() - clock
            progress(BatchProgress(processed, len(plan.tasks), failed, paragraphs, unchanged, elapsed, row))

    tell(None)
    for row in rows:
        processed += 1
        failed += row.status == "failed"
        paragraphs += row.paragraphs
        yield row
        tell(row)


@contextmanager
def _run_lock(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output folder; the OS drops the lock when the process dies."""
    with open(out_dir / LOCK_NAME, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(f"{out_dir}: another batch is writing into this folder; wait for it") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_temp_files(out_dir: Path) -> None:
    """Remove temp files a killed run left behind; safe because we hold the folder's lock."""
    for pattern in STALE_TEMP_PATTERNS:
        for path in out_dir.glob(pattern):
            log.info("removing %s, left by an interrupted run", path)
            path.unlink(missing_ok=True)
