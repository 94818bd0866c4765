"""`workbench audit`: discrepancy flags as a report for translators, for one document or many."""

from __future__ import annotations

from pathlib import Path

import click

from align.atomic import write_bytes_atomic
from align.errors import InputError
from align.serialize import read_result
from correct.exports.audit_batch import BATCH_FORMATS, render_batch
from correct.exports.audit_report import FORMATS, render_report
from correct.exports.reviewed import reviewed_result, verdict_notes
from correct.review.store import Store
from ui.commands.errors import input_errors
from ui.commands.output import emit, output_option

ALL_FORMATS = tuple(dict.fromkeys((*FORMATS, *BATCH_FORMATS)))


@click.command(name="audit")
@click.argument(
    "result_paths",
    metavar="[RESULT.json]...",
    nargs=-1,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Every document of this review database, with the translators' verdicts.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(ALL_FORMATS),
    default="html",
    show_default=True,
    help="Report format; csv-excel is CSV with a byte-order mark for Excel; xlsx needs -o.",
)
@output_option
def audit(result_paths: tuple[Path, ...], db_path: Path | None, fmt: str, output: Path | None) -> None:
    """Report the flags of RESULT.json files (or of every document in --db) grouped by severity and kind.

    One document: CSV, JSON, HTML side by side, CSV for Excel or XLSX. Several documents: one report with
    counts per check kind and severity and a row per flag naming its document and paragraph (JSON, CSV,
    CSV for Excel or XLSX with a sheet per check kind).
    """
    with input_errors():
        results, verdicts = _load(result_paths, db_path)
        if fmt in FORMATS and len(results) == 1:  # the one-document report, as before
            doc = results[0].document.id
            text = render_report(results[0], fmt, verdicts.get(doc))
            emit(text, output, f"{fmt} report")
            return
        if fmt not in BATCH_FORMATS:
            raise InputError(
                f"a report over several documents is one of {', '.join(BATCH_FORMATS)}, not {fmt}"
            )
        report = render_batch(results, fmt, verdicts)
        if isinstance(report, bytes):
            if output is None:
                raise InputError(f"{fmt} is a binary file: give -o FILE")
            write_bytes_atomic(output, report)
            click.echo(f"{fmt} report of {len(results)} document(s) -> {output}", err=True)
        else:
            emit(report, output, f"{fmt} report of {len(results)} document(s)")


def _load(result_paths: tuple[Path, ...], db_path: Path | None) -> tuple[list, dict]:
    """The results to report on, and the verdicts per document (from the database only)."""
    if bool(result_paths) == bool(db_path):
        raise InputError("give RESULT.json files or --db FILE (one of the two)")
    if result_paths:
        return [read_result(p) for p in result_paths], {}
    store = Store(db_path)
    reviews = [store.review(doc) for doc in store.document_ids()]
    if not reviews:
        raise InputError(f"{db_path}: the database holds no documents")
    return [reviewed_result(r) for r in reviews], {r.result.document.id: verdict_notes(r) for r in reviews}
