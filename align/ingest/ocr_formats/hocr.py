"""Read hOCR (OCR results embedded in HTML, https://kba.github.io/hocr-spec/1.2/) into OCR pages.

hOCR marks elements by class and puts their properties in ``title``: ``ocr_page`` (``image "p1.png";
bbox 0 0 W H``), ``ocr_carea`` and ``ocr_par`` (blocks), ``ocr_line`` (and the other line classes
Tesseract writes: ``ocr_header``, ``ocr_textfloat``, ``ocr_caption``), ``ocrx_word`` (``bbox x0 y0 x1
y1; x_wconf 93``, a confidence in percent). A word's block is its nearest ``ocr_par``, else its
``ocr_carea``, so that a text area of several paragraphs gives several blocks. Tesseract writes
XHTML; other engines write HTML, which is read with lxml's HTML parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from align.ingest.ocr_formats.tree import Box, local, resolve_image, share_box
from align.ingest.ocr_pages import OcrPage, OcrWord
from align.model import Page

LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"})
BLOCK_CLASSES = ("ocr_par", "ocr_carea")  # the nearest paragraph is the block, else the text area
_BBOX = re.compile(r"\bbbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_WCONF = re.compile(r"\bx_wconf\s+(-?\d+(?:\.\d+)?)")
_IMAGE = re.compile(r"""\bimage\s+(?:"([^"]*)"|'([^']*)'|([^;\s]+))""")


def classes(element: etree._Element) -> set[str]:
    """The element's hOCR classes (its ``class`` attribute, split at white space)."""
    return set((element.get("class") or "").split())


def bbox(element: etree._Element) -> Box | None:
    """The ``bbox`` of the element's ``title``, None when it has none."""
    match = _BBOX.search(element.get("title") or "")
    return tuple(int(v) for v in match.groups()) if match else None  # type: ignore[return-value]


def _with_class(root: etree._Element, names: frozenset[str] | set[str]) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and classes(e) & names]


def _ancestor(element: etree._Element, names: frozenset[str] | set[str]) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and not classes(parent) & names:
        parent = parent.getparent()
    return parent


def _confidence(word: etree._Element) -> float | None:
    match = _WCONF.search(word.get("title") or "")
    return float(match.group(1)) / 100 if match else None


def _page_words(page: etree._Element) -> list[OcrWord]:
    """The words of one ``ocr_page``, numbered by line and block in document order."""
    lines: dict[int, int] = {}  # id() of the line element -> line number
    blocks: dict[int, int] = {}
    words: list[OcrWord] = []
    for word in _with_class(page, {"ocrx_word"}):
        text = "".join(word.itertext()).strip()
        if not text:
            continue
        line = _ancestor(word, LINE_CLASSES)
        line = line if line is not None else word.getparent()
        block = next((b for c in BLOCK_CLASSES if (b := _ancestor(word, {c})) is not None), line)
        line_no = lines.setdefault(id(line), len(lines))
        block_no = blocks.setdefault(id(block), len(blocks))
        box = bbox(word) or share_box(bbox(line) or (0, 0, 0, 0), [text])[0]
        words.append(OcrWord(text, box, _confidence(word), line_no, block_no))
    return words


def read_hocr(root: etree._Element, path: Path) -> list[OcrPage]:
    """The ``ocr_page`` elements of a parsed hOCR file, numbered from 1 in document order."""
    out = []
    for page_no, page in enumerate(_with_class(root, {"ocr_page"}), start=1):
        box = bbox(page) or (0, 0, 0, 0)
        match = _IMAGE.search(page.get("title") or "")
        image = resolve_image(path, next((g for g in match.groups() if g), "")) if match else ""
        words = tuple(_page_words(page))
        # a page without a bbox reaches at least as far as its words
        width = box[2] - box[0] or max((w.box[2] for w in words), default=0)
        height = box[3] - box[1] or max((w.box[3] for w in words), default=0)
        out.append(OcrPage(Page(page_no, image, width, height), words))
    return out


def is_hocr(root: etree._Element) -> bool:
    """True for an HTML document with at least one ``ocr_page``."""
    return local(root).lower() == "html" and bool(_with_class(root, {"ocr_page"}))
