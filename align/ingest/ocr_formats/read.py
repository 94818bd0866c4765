"""Read an OCR file of any supported format, found by its content, and ingest it with its English.

The format is the root element's (``alto``, ``PcGts``, an HTML page with ``ocr_page`` elements),
whatever the file is called: engines name ALTO ``.xml`` or ``.alto``, hOCR ``.hocr`` or ``.html``.
The page images are the ones the file names (relative names from the file's folder), unless an
image folder is given: its images, in natural name order ("page-2" before "page-10"), are the pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.ingest.ocr_formats.alto import read_alto
from align.ingest.ocr_formats.hocr import is_hocr, read_hocr
from align.ingest.ocr_formats.page_xml import read_page_xml
from align.ingest.ocr_formats.tree import SNIFF_BYTES, local, parse_file, sniff
from align.ingest.ocr_pages import OcrPage, ingest_ocr
from align.ingest.parts import Ingested

OCR_SUFFIXES = (".xml", ".alto", ".hocr", ".html", ".htm", ".xhtml")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".jp2")
READERS: dict[str, Callable[[etree._Element, Path], list[OcrPage]]] = {
    "alto": read_alto,
    "page": read_page_xml,
    "hocr": read_hocr,
}


def ocr_format(root: etree._Element) -> str | None:
    """'alto' | 'page' | 'hocr' for a parsed file's root element, None for anything else."""
    name = local(root)
    if name == "alto":
        return "alto"
    if name == "PcGts" and "primaresearch.org/PAGE" in (etree.QName(root).namespace or ""):
        return "page"
    return "hocr" if is_hocr(root) else None


def is_ocr_file(path: Path) -> bool:
    """True when ``path`` should be read as an OCR file: by its extension, or by a markup head that is
    ALTO, PAGE or hOCR (a Russian ".txt" that is really ALTO)."""
    if Path(path).suffix.lower() in OCR_SUFFIXES:
        return True
    try:
        with open(path, "rb") as f:
            return sniff(f.read(SNIFF_BYTES)) is not None
    except OSError:
        return False  # the text reader reports the missing file


def _natural(path: Path) -> list[int | str]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def folder_images(folder: Path) -> list[Path]:
    """The page images in ``folder``, in natural name order."""
    if not Path(folder).is_dir():
        raise InputError(f"{folder}: no such image folder")
    found = [p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    return sorted(found, key=_natural)


def _with_images(pages: list[OcrPage], images: Path, path: Path) -> list[OcrPage]:
    found = folder_images(images)
    if len(found) != len(pages):
        raise InputError(
            f"{path}: {len(pages)} page(s) but {len(found)} image(s) in {images}; give one image per page"
        )
    return [replace(p, page=replace(p.page, image=str(image))) for p, image in zip(pages, found, strict=True)]


def read_ocr_file(path: Path, images: Path | None = None) -> list[OcrPage]:
    """The pages of an ALTO, PAGE or hOCR file; ``images``: a folder with the page images, in page order.

    InputError (one line) for a file that is not well formed, of no known format, or without pages.
    """
    path = Path(path)
    root = parse_file(path)
    fmt = ocr_format(root)
    if fmt is None:
        raise InputError(f"{path}: not an ALTO, PAGE or hOCR file (its root element is <{local(root)}>)")
    pages = READERS[fmt](root, path)
    if not pages:
        raise InputError(f"{path}: {fmt.upper() if fmt != 'hocr' else 'hOCR'} file without pages")
    return _with_images(pages, Path(images), path) if images is not None else pages


def ingest_ocr_file(
    path: Path, en_path: Path, name: str | None = None, images: Path | None = None
) -> Ingested:
    """An OCR file of the Russian + an English file -> (Document, ru segments, en segments, removed).

    The segments keep each word's box and confidence (``Segment.words``), the document its pages.
    """
    return ingest_ocr(read_ocr_file(path, images), Path(en_path), str(path), name)
