"""`workbench process`: documents -> result JSON files, one per document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from align.errors import InputError
from align.ingest.discover import discover
from align.ingest.document import Source
from align.ingest.scan.files import scan_source
from align.model import Severity
from align.paths import check_plain_name, inside
from align.serialize import write_result
from correct.pipeline import PipelineConfig, Workbench
from correct.review.store import Store
from ui.commands.errors import fail, input_errors
from ui.commands.import_ import describe


def pipeline_options(fn):
    """The options every processing command shares (process, batch)."""
    fn = click.option(
        "--encoder",
        default="use",
        show_default=True,
        help="Sentence encoder: 'use' (bundled, offline) or 'st:NAME_OR_PATH' (sentence-transformers).",
    )(fn)
    fn = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Cache folder for embeddings and the built lexicon index (default: OUT/.cache).",
    )(fn)
    fn = click.option(
        "--memory",
        "memory_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Correction memory file (`workbench memory export`); with --db the store's decisions teach.",
    )(fn)
    return fn


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--ru", "ru_path", type=click.Path(path_type=Path), help="Russian text file of a pair.")
@click.option(
    "--en", "en_path", type=click.Path(path_type=Path), help="English text file of a pair or a scan."
)
@click.option(
    "--scan",
    "scan_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Page images (PNG, TIFF, JPEG), PDFs or a folder of them: the Russian scan, read by Tesseract; "
    "with --en. Further INPUTS are more pages (--scan page-*.png); pages go in natural order.",
)
@click.option(
    "--images",
    "images_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the page images of an OCR file given with --ru (ALTO, PAGE, hOCR), in page order; "
    "by default the images the file names.",
)
@click.option("--name", help="Document id for a --ru/--en pair (default: the Russian file's stem).")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder."
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Import each result into this review database (created if missing): its decisions teach the "
    "proposer, its ignore list applies and earlier decisions are re-anchored.",
)
@pipeline_options
def process(
    inputs,
    ru_path,
    en_path,
    name,
    out_dir,
    *,
    scan_paths,
    images_dir,
    db_path,
    encoder,
    cache_dir,
    memory_path,
) -> None:
    """Ingest, align, audit and propose OCR fixes; write OUT/<name>.json per document.

    INPUTS are archive-layout files or folders of them (a folder of page images with an en.txt is a
    scan); or give one pair with --ru and --en, or one scan with --scan PAGE... and --en.
    A bad document is reported and skipped; the exit code is 2 if any failed.
    """
    with input_errors():
        sources, problems = _sources(inputs, ru_path, en_path, name, scan_paths, images=images_dir)
    several = len(sources) + len(problems) > 1  # one input: its error is said once, at the end
    for problem in problems:
        click.echo(f"workbench: error: {problem}", err=True)
    failures = list(problems)
    config = PipelineConfig(
        encoder=encoder,
        cache_dir=str(cache_dir or out_dir / ".cache"),
        memory_path=str(memory_path) if memory_path else None,
        memory_db=str(db_path) if db_path else None,
    )
    workbench = Workbench(config)
    for source in sources:
        label = source.label()
        try:
            result = workbench.process(source)
        except InputError as exc:
            failures.append(str(exc))
            if several:
                click.echo(f"workbench: error: {exc}", err=True)
            continue
        path = write_result(result, inside(out_dir, result.document.id, ".json"))
        click.echo(_summary(label, result, path))
        if db_path:
            with input_errors():
                report = Store(db_path, create=True).import_result(result)
            kept = f"; {report.kept} decisions kept, {len(report.orphaned)} no longer apply"
            click.echo(f"  imported into {db_path}" + (kept if report.reimport else ""))
            for line in describe(report, result, summary=False):
                click.echo(line)
    if failures and not several:
        fail(failures[0])
    if failures:
        total = len(sources) + len(problems)
        fail(f"{len(failures)} of {total} input(s) failed: " + "; ".join(failures))


def _sources(inputs, ru_path, en_path, name, scan_paths=(), *, images=None) -> tuple[list[Source], list[str]]:
    if images and not ru_path:
        raise InputError("--images goes with --ru FILE: the page images of an ALTO, PAGE or hOCR file")
    if scan_paths:
        if ru_path:
            raise InputError("give either --scan or --ru, not both: the scan is the Russian")
        return [scan_source([*scan_paths, *inputs], en_path, check_plain_name(name) if name else None)], []
    if ru_path or en_path:
        if inputs:
            raise InputError("give either INPUTS or --ru/--en, not both")
        if not (ru_path and en_path):
            raise InputError("a pair needs both --ru FILE and --en FILE")
        named = check_plain_name(name) if name else None
        return [Source(ru=ru_path, en=en_path, name=named, images=images)], []
    if not inputs:
        raise InputError("nothing to process: give document files or folders, or --ru FILE --en FILE")
    if name:
        check_plain_name(name)
    if name and len(inputs) > 1:
        raise InputError("--name applies to a single document")
    sources, problems = discover(inputs)
    if not sources and len(problems) == 1:
        raise InputError(problems[0])
    if name and sources:
        sources = [replace(sources[0], name=name)]
    return sources, problems


def _summary(label: str, result, path: Path) -> str:
    unmatched = sum(1 for link in result.alignment if not link.ru or not link.en)
    errors = sum(1 for f in result.flags if f.severity == Severity.ERROR)
    line = (
        f"{label}: {len(result.ru)} ru / {len(result.en)} en paragraphs, "
        f"{len(result.alignment)} links ({unmatched} unmatched), "
        f"{len(result.flags)} flags ({errors} errors), {len(result.proposals)} proposals -> {path}"
    )
    return "\n".join([line, *(f"  warning: {notice.message}" for notice in result.notices)])
