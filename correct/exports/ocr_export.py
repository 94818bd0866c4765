"""The corrected OCR out: ALTO v4, PAGE 2019, hOCR or a searchable PDF, from a result and its corrections.

Each keeps the scan's geometry (``correct.exports.ocr_layout``): every word where the engine found
it, with the corrected text. Files:

- ``alto``, ``page``: one XML file per page (``page-0001.xml``, ...), the practice of both formats
  (PAGE allows one page per file; ALTO files are one per page image in METS/ALTO). A document of
  one page is one file; of several, ``-o`` names a folder for them.
- ``hocr``: one XHTML file with a ``ocr_page`` per page; ``pdf``: one PDF with a page per page.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from align.atomic import write_bytes_atomic
from align.errors import InputError
from align.model import Result
from correct.exports.alto_out import alto_page
from correct.exports.hocr_out import hocr_document
from correct.exports.ocr_layout import laid_pages
from correct.exports.page_out import page_xml_page
from correct.exports.pdf_out import searchable_pdf

OCR_FORMATS = ("alto", "page", "hocr", "pdf")


@dataclass(frozen=True)
class OcrFile:
    """One output file: its name (inside an output folder) and its bytes."""

    name: str
    data: bytes


def page_file_name(number: int) -> str:
    """The name of a page's file in an output folder ("page-0001.xml"): they sort in page order."""
    return f"page-{number:04d}.xml"


def ocr_files(result: Result, fmt: str, ru_texts: dict[str, str] | None = None) -> list[OcrFile]:
    """The files of an OCR export of ``result`` with ``ru_texts`` (segment id -> corrected text; a
    segment not in it keeps its text). InputError for a document without page geometry."""
    if fmt not in OCR_FORMATS:
        raise InputError(f"unknown OCR format {fmt!r}; choose one of {', '.join(OCR_FORMATS)}")
    pages = laid_pages(result, ru_texts)
    doc = result.document.id
    if fmt == "alto":
        return [OcrFile(page_file_name(p.page.number), alto_page(p)) for p in pages]
    if fmt == "page":
        return [OcrFile(page_file_name(p.page.number), page_xml_page(p)) for p in pages]
    if fmt == "hocr":
        return [OcrFile(f"{doc}.hocr", hocr_document(pages, title=doc))]
    return [OcrFile(f"{doc}.pdf", searchable_pdf(pages, title=doc))]


def stdout_text(files: list[OcrFile], fmt: str) -> str:
    """The one text file of an export, to print; InputError where the export is not one text file."""
    if fmt == "pdf":
        raise InputError("--format pdf writes a binary file: give -o FILE.pdf")
    if len(files) != 1:
        raise InputError(f"{len(files)} pages make {len(files)} {fmt.upper()} files: give -o FOLDER")
    return files[0].data.decode("utf-8")


def write_ocr_files(files: list[OcrFile], output: Path) -> list[Path]:
    """Write the export: one file to ``output`` (into it, when it is a folder), several into the
    folder ``output`` (made if missing). Returns the paths written."""
    output = Path(output)
    if len(files) == 1:
        target = output / files[0].name if output.is_dir() else output
        return [write_bytes_atomic(target, files[0].data)]
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: {len(files)} pages make {len(files)} files: give -o a folder")
    output.mkdir(parents=True, exist_ok=True)
    return [write_bytes_atomic(output / f.name, f.data) for f in files]


MIME = {
    "alto": "application/xml",
    "page": "application/xml",
    "hocr": "application/xhtml+xml",
    "pdf": "application/pdf",
}


def one_download(files: list[OcrFile], fmt: str, stem: str) -> tuple[bytes, str, str]:
    """(bytes, file name, MIME type) of an export for a browser download: its one file, or a ZIP of its
    page files (``STEM.FMT.zip``) when it has several."""
    if len(files) == 1:
        name = files[0].name if fmt in ("hocr", "pdf") else f"{stem}.{fmt}.xml"
        return files[0].data, name, MIME[fmt]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.writestr(f.name, f.data)
    return buffer.getvalue(), f"{stem}.{fmt}.zip", "application/zip"
