"""`workbench batch`: documents under folders, files or globs -> results, a run report, the store."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click
from tqdm import tqdm

from align.ingest.discover import discover
from align.ingest.document import Source
from correct.batch.engines import ENGINES
from correct.batch.importing import import_into_store
from correct.batch.report import failure_lines, summary_table
from correct.batch.run import BatchConfig, BatchOutcome, BatchProgress, run_batch
from correct.pipeline import PipelineConfig
from correct.review.store import Store
from ui.commands.errors import fail, input_errors
from ui.commands.process import pipeline_options


@click.command(name="batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder."
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Review database to import the results into (created when missing).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    show_default="the cores available",
    help="Documents processed at once (worker processes, each loading the encoder once).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a dask.distributed cluster (the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to use with --engine dask (default: a local cluster of --jobs workers).",
)
@click.option(
    "--force", is_flag=True, help="Redo every document, even those whose input and settings are unchanged."
)
@pipeline_options
def batch(
    inputs: tuple[Path, ...],
    out_dir: Path,
    *,
    db_path: Path | None,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    force: bool,
    encoder: str,
    cache_dir: Path | None,
    memory_path: Path | None,
) -> None:
    """Process every document under INPUTS into OUT/<name>.json with a run report (OUT/run.json, OUT/run.csv).

    INPUTS are folders, files or globs of archive-layout documents and NAME.ru.txt + NAME.en.txt pairs.
    A re-run skips documents whose input and settings are unchanged, so an interrupted run resumes.
    A failing document is recorded in the report and the run goes on; the exit code is 2 if any failed.
    """
    with input_errors():
        sources, problems = discover(inputs)
        if not sources:
            fail("; ".join(problems) or "no documents found")
        if db_path:
            Store(db_path, create=True)  # a bad --db is said now, not after the whole run
    for problem in problems:
        click.echo(f"workbench: error: {problem}", err=True)
    config = PipelineConfig(
        encoder=encoder,
        cache_dir=str(cache_dir or out_dir / ".cache"),
        memory_path=str(memory_path) if memory_path else None,
        memory_db=str(db_path) if db_path else None,
    )
    settings = BatchConfig(jobs=jobs, engine=engine, scheduler=scheduler, force=force)
    outcome = _run_until_done_or_stopped(sources, out_dir, config, settings)
    click.echo(summary_table(outcome.report))
    if db_path:
        with input_errors():
            imported = import_into_store(db_path, outcome.rows)
        click.echo(
            f"store       {imported.imported} imported into {db_path}, {imported.already} already there; "
            f"{imported.orphaned} decision(s) lost their target; "
            f"{imported.quieted} flag(s) quieted by the ignore list"
        )
    for line in failure_lines(outcome.rows):
        click.echo(f"workbench: error: {line}", err=True)
    failed = len(outcome.failed) + len(problems)
    if failed:
        fail(f"{failed} of {len(outcome.rows) + len(problems)} input(s) failed; see {out_dir / 'run.csv'}")


def _run_until_done_or_stopped(
    sources: list[Source], out_dir: Path, config: PipelineConfig, settings: BatchConfig
) -> BatchOutcome:
    """The batch run with a progress bar; Ctrl-C or SIGTERM exits 130 with the finished documents kept."""
    bar = _ProgressBar()
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops as cleanly as Ctrl-C
    try:
        with input_errors():
            outcome = run_batch(sources, out_dir, config, settings, progress=bar)
    except KeyboardInterrupt:
        bar.close()
        click.echo(
            f"workbench: interrupted; finished documents are kept in {out_dir}; run again to resume", err=True
        )
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    bar.close()
    return outcome


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM handler: stop as Ctrl-C does, so the finished documents are kept."""
    raise KeyboardInterrupt


class _ProgressBar:
    """tqdm on stderr: documents, paragraphs per second and the time left."""

    def __init__(self) -> None:
        self.bar: tqdm | None = None

    def __call__(self, progress: BatchProgress) -> None:
        if self.bar is None:
            self.bar = self._open(progress)
        if progress.row is not None:
            rate = progress.paragraphs / progress.elapsed if progress.elapsed > 0 else 0.0
            self.bar.set_postfix(
                paragraphs=progress.paragraphs, per_s=f"{rate:.1f}", failed=progress.failed, refresh=False
            )
            self.bar.update(1)

    @staticmethod
    def _open(progress: BatchProgress) -> tqdm:
        """The bar for the first progress report, after saying once how many documents are skipped."""
        if progress.unchanged:
            tqdm.write(f"{progress.unchanged} document(s) unchanged since the last run: skipped", sys.stderr)
        return tqdm(
            total=progress.total,
            unit="doc",
            desc="documents",
            file=sys.stderr,
            dynamic_ncols=True,
            disable=progress.total == 0 or None,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
