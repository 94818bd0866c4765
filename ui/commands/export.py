"""`workbench export`: aligned pairs as a bitext (TMX, TSV or JSON Lines), the corrected text, or the
corrected OCR in the scan's geometry (ALTO v4, PAGE 2019, hOCR, a searchable PDF).

From a RESULT.json (as processed), or with ``--db`` from a review store: then the
reviewers' decisions are applied, the alignment corrections and the accepted or edited
OCR fixes (the same exporters as the review app's Exports page).
"""

from __future__ import annotations

from pathlib import Path

import click

from align.errors import InputError
from align.serialize import read_result
from correct.exports.bitext import FORMATS, LEVELS, render_bitext
from correct.exports.ocr_export import OCR_FORMATS, OcrFile, ocr_files, stdout_text, write_ocr_files
from correct.exports.reviewed import corrected_segments_by_id, corrected_text, reviewed_result
from correct.review.store import Store
from ui.commands.errors import input_errors
from ui.commands.output import emit

TEXT = "text"  # the corrected Russian text: paragraphs separated by blank lines


@click.command(name="export")
@click.argument("source", metavar="RESULT.json | DOC")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Export document DOC from this review store, with its decisions applied.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, TEXT, *OCR_FORMATS)),
    default="tmx",
    show_default=True,
    help="Bitext format, the corrected Russian text (with --db), or the corrected OCR on its pages: "
    "ALTO v4 or PAGE 2019 (a file per page), hOCR, a searchable PDF.",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="paragraph",
    show_default=True,
    help="One unit per aligned paragraph pair, or per aligned sentence pair.",
)
@click.option(
    "-o",
    "output",
    type=click.Path(path_type=Path),
    help="Write here (default: stdout); for ALTO or PAGE of several pages, a folder.",
)
def export(source: str, db_path: Path | None, fmt: str, level: str, output: Path | None) -> None:
    """Export RESULT.json, or DOC in --db as reviewed: TMX 1.4b, TSV, JSONL, text, ALTO, PAGE, hOCR, PDF."""
    if fmt in OCR_FORMATS:
        with input_errors():
            files = _ocr(Store(db_path), source, fmt) if db_path else _ocr_processed(Path(source), fmt)
            if output is None:
                emit(stdout_text(files, fmt), None, fmt)
                return
            written = write_ocr_files(files, output)
        where = written[0] if len(written) == 1 else f"{output}/ ({len(written)} pages)"
        click.echo(f"{fmt} -> {where}", err=True)
        return
    with input_errors():
        text = (
            _reviewed(Store(db_path), source, fmt, level) if db_path else _processed(Path(source), fmt, level)
        )
    emit(text, output, "corrected text" if fmt == TEXT else f"{fmt} bitext")


def _processed(path: Path, fmt: str, level: str) -> str:
    if not path.is_file():
        raise InputError(f"{path}: no such result file (to export a document of a review store, add --db)")
    if fmt == TEXT:
        raise InputError(
            "--format text needs --db (the reviewed state); for a result file use `workbench apply`"
        )
    return render_bitext(read_result(path), fmt, level=level)


def _reviewed(store: Store, doc: str, fmt: str, level: str) -> str:
    review = store.review(doc)
    if fmt == TEXT:
        return corrected_text(review)
    return render_bitext(reviewed_result(review), fmt, level=level, ru_texts=corrected_segments_by_id(review))


def _ocr_processed(path: Path, fmt: str) -> list[OcrFile]:
    if not path.is_file():
        raise InputError(f"{path}: no such result file (to export a document of a review store, add --db)")
    return ocr_files(read_result(path), fmt)


def _ocr(store: Store, doc: str, fmt: str) -> list[OcrFile]:
    review = store.review(doc)
    return ocr_files(review.result, fmt, corrected_segments_by_id(review))
