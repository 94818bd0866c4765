"""A scan (page images or PDFs) and an English file -> the Ingested tuple every other input gives.

The pages are numbered through the scan's files in order (a PDF's pages where the PDF stands), each
becomes an ``OcrPage`` (from a PDF's text layer, else Tesseract), and ``ingest_ocr`` cleans them as it
cleans every OCR source, keeping each word's box. Pages that had to be made (a PDF page rendered, a
multi-page TIFF split) are written to ``pages_dir/<doc id>/page-K.png`` and kept: ``Page.image`` names
them, and the review app crops them later. Page images given as files are used where they lie.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from align.errors import InputError
from align.ingest.document import Ingested, Source, document_id
from align.ingest.ocr_pages import OcrPage, ingest_ocr
from align.ingest.scan.files import PDF_SUFFIXES
from align.ingest.scan.images import PageImage, image_pages
from align.ingest.scan.pdf import pdf_pages
from align.ingest.scan.tesseract import LANGUAGE, ocr_pages
from align.paths import safe_name

log = logging.getLogger(__name__)
RENDER_DPI = 300  # Tesseract's documented best resolution for body text; PDF pages are rendered at it
SPLIT_SUFFIXES = PDF_SUFFIXES + (".tif", ".tiff")  # the files whose pages may have to be written out


def scan_images(scan: tuple[Path, ...], pages_dir: Path, dpi: int = RENDER_DPI) -> list[PageImage]:
    """The page images of a scan's files, numbered 1.. through them in order."""
    images: list[PageImage] = []
    for path in scan:
        first = len(images) + 1
        if path.suffix.lower() in PDF_SUFFIXES:
            images.extend(pdf_pages(path, first, pages_dir, dpi))
        else:
            images.extend(image_pages(path, first, pages_dir))
    return images


def read_scan(
    source: Source, pages_dir: Path | None = None, *, jobs: int = 1, language: str = LANGUAGE
) -> list[OcrPage]:
    """The OCR pages of a scan Source; rendered pages go to ``pages_dir/<doc id>/``.

    ``pages_dir`` None: a fresh temporary folder, made only when a page must be written (a PDF, a
    TIFF), and left in place because the pages' paths are in the result.
    """
    if not source.scan:
        raise InputError(f"{source.label()}: no page files in this scan")
    missing = next((p for p in source.scan if not Path(p).is_file()), None)
    if missing is not None:
        raise InputError(f"{missing}: no such page file")
    if pages_dir is None:  # only PDFs and TIFFs write pages; for PNG and JPEG pages the folder stays unmade
        needed = any(p.suffix.lower() in SPLIT_SUFFIXES for p in source.scan)
        pages_dir = Path(tempfile.mkdtemp(prefix="workbench-pages-") if needed else tempfile.gettempdir())
    folder = pages_dir / safe_name(document_id(source))
    t0 = time.perf_counter()
    images = scan_images(tuple(Path(p) for p in source.scan), folder)
    pages = ocr_pages(images, language=language, jobs=jobs)
    seconds = time.perf_counter() - t0
    log.info("%s: %d pages read in %.1f s (%d jobs)", source.label(), len(pages), seconds, jobs)
    return pages


def ru_label(scan: tuple[Path, ...]) -> str:
    """How the document names its Russian source: the one file, or the folder all pages share."""
    folders = {Path(p).parent for p in scan}
    return str(scan[0]) if len(scan) == 1 or len(folders) > 1 else str(folders.pop())


def ingest_scan(
    source: Source, pages_dir: Path | None = None, *, jobs: int = 1, language: str = LANGUAGE
) -> Ingested:
    """A scan Source -> (Document, ru segments with their words, en segments, removed).

    ``jobs``: Tesseract processes at once (the cores to use). InputError, in one line, for a missing
    or unreadable page, no Tesseract, no English file, or pages without Russian text.
    """
    if source.en is None:
        raise InputError(f"{source.label()}: a scan needs the English translation: --en EN.txt")
    if not Path(source.en).is_file():
        raise InputError(f"{source.en}: no such English file")
    pages = read_scan(source, pages_dir, jobs=jobs, language=language)
    return ingest_ocr(pages, Path(source.en), ru_label(source.scan), name=document_id(source))
