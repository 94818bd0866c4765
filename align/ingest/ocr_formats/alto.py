"""Read ALTO (v2, v3, v4; also the namespace-less v1 files) into OCR pages.

ALTO (Analyzed Layout and Text Object, Library of Congress, https://www.loc.gov/standards/alto/)
holds ``Layout/Page/PrintSpace/TextBlock/TextLine/String``: each ``String`` a word with its
``CONTENT``, its box (``HPOS``, ``VPOS``, ``WIDTH``, ``HEIGHT``) and its confidence ``WC`` in [0, 1].
The versions differ in their namespace (``.../alto/ns-v2#``, ``ns-v3#``, ``ns-v4#``), not in these
elements, so elements are found by local name. A ``TextBlock`` is a block (paragraph); blocks
nested in a ``ComposedBlock`` are read in document order. A line-end ``HYP`` becomes a trailing "-"
on the line's last word, so that cleaning rejoins the word as it does in a text file.

Coordinates are in ``Description/MeasurementUnit``: ``pixel`` (the usual), or ``mm10`` / ``inch1200``,
which are turned into pixels at 300 dpi since ALTO does not record the scan's resolution.
The page image is ``sourceImageInformation/fileName``; it names one image, so it is the image of a
file's only page (a file of several pages needs its images given as a folder).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from align.ingest.ocr_formats.tree import Box, descendants, kids, local, number, resolve_image, share_box
from align.ingest.ocr_pages import OcrPage, OcrWord
from align.model import Page

DPI = 300  # assumed scan resolution for files measured in mm10 or inch1200
UNIT_SCALE = {"pixel": 1.0, "mm10": DPI / 254, "inch1200": DPI / 1200}  # file unit -> pixels


def _unit_scale(root: etree._Element) -> float:
    units = [u.text.strip() for u in descendants(root, "MeasurementUnit") if u.text]
    return UNIT_SCALE.get(units[0] if units else "pixel", 1.0)


def _box(element: etree._Element, scale: float) -> Box | None:
    """The element's box in pixels, None when it has no position."""
    if element.get("HPOS") is None or element.get("VPOS") is None:
        return None
    x, y = number(element.get("HPOS")) * scale, number(element.get("VPOS")) * scale
    w, h = number(element.get("WIDTH")) * scale, number(element.get("HEIGHT")) * scale
    return round(x), round(y), round(x + w), round(y + h)


def _line_words(line: etree._Element, scale: float) -> list[tuple[str, Box | None, float | None]]:
    """(text, box, confidence) of each String of a line; a HYP adds "-" to the word before it."""
    out: list[tuple[str, Box | None, float | None]] = []
    for element in line:
        name = local(element)
        if name == "String" and (element.get("CONTENT") or "").strip():
            wc = element.get("WC")
            conf = None if wc is None else number(wc)
            out.append((element.get("CONTENT").strip(), _box(element, scale), conf))
        elif name == "HYP" and out:
            text, box, conf = out[-1]
            out[-1] = (text if text.endswith("-") else text + "-", box, conf)
    if any(box is None for _t, box, _c in out):  # words without geometry share their line's box
        line_box = _box(line, scale) or (0, 0, 0, 0)
        shared = share_box(line_box, [t for t, _b, _c in out])
        out = [(t, b, c) for (t, _b, c), b in zip(out, shared, strict=True)]
    return out


def _page_words(page: etree._Element, scale: float) -> list[OcrWord]:
    words: list[OcrWord] = []
    line_no = 0
    for block_no, block in enumerate(descendants(page, "TextBlock")):
        for line in kids(block, "TextLine"):
            found = _line_words(line, scale)
            words += [OcrWord(text, box, conf, line_no, block_no) for text, box, conf in found]
            line_no += bool(found)
    return words


def read_alto(root: etree._Element, path: Path) -> list[OcrPage]:
    """The pages of a parsed ALTO file in document order, numbered from 1."""
    scale = _unit_scale(root)
    names = [n.text for info in descendants(root, "sourceImageInformation") for n in kids(info, "fileName")]
    pages = descendants(root, "Page")
    image = resolve_image(path, names[0]) if names and len(pages) == 1 else ""
    out = []
    for page_no, page in enumerate(pages, start=1):
        words = tuple(_page_words(page, scale))
        # WIDTH and HEIGHT are optional: then the page reaches at least as far as its words
        width = round(number(page.get("WIDTH")) * scale) or max((w.box[2] for w in words), default=0)
        height = round(number(page.get("HEIGHT")) * scale) or max((w.box[3] for w in words), default=0)
        out.append(OcrPage(Page(page_no, image, width, height), words))
    return out
