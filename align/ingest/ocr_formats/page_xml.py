"""Read PAGE XML (PRImA's Page Content format, 2013-07-15 to 2019-07-15) into OCR pages.

PAGE (https://github.com/PRImA-Research-Lab/PAGE-XML) holds one ``Page`` per file with its
``imageFilename``, ``imageWidth`` and ``imageHeight``, then ``TextRegion`` / ``TextLine`` / ``Word``,
each with a polygon (``Coords@points``, "x,y x,y ...") and its text in ``TextEquiv/Unicode`` (the
one with the lowest ``@index`` where there are several) with the confidence ``TextEquiv@conf``.
A word's box is its polygon's bounding box. A ``TextRegion`` is a block, read in the page's
``ReadingOrder`` where it has one (else in document order). A line without ``Word`` elements (many
engines stop at lines) is split into words at white space, each word getting its share of the
line's box by its number of characters. Files older than 2013 give polygons as ``Point`` children;
those are read too.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from lxml import etree

from align.ingest.ocr_formats.tree import Box, descendants, kids, local, number, resolve_image, share_box
from align.ingest.ocr_pages import OcrPage, OcrWord
from align.model import Page

_POINT = re.compile(r"(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)")
_ORDER_ITEMS = frozenset(
    {"RegionRefIndexed", "RegionRef", "OrderedGroupIndexed", "UnorderedGroupIndexed", "OrderedGroup",
     "UnorderedGroup"}
)  # fmt: skip

Found = tuple[str, Box, float | None]  # a word's text, box and confidence


def _box(element: etree._Element) -> Box | None:
    """The bounding box of the element's ``Coords`` polygon, None when it has none."""
    coords = kids(element, "Coords")
    if not coords:
        return None
    points = coords[0].get("points")
    if points is not None:
        pairs = [(float(x), float(y)) for x, y in _POINT.findall(points)]
    else:
        pairs = [(number(p.get("x")), number(p.get("y"))) for p in kids(coords[0], "Point")]
    if not pairs:
        return None
    xs, ys = [x for x, _y in pairs], [y for _x, y in pairs]
    return round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))


def _text(element: etree._Element) -> tuple[str, float | None] | None:
    """(text, confidence) of the element's first-ranked ``TextEquiv``, None when it has none."""
    equivs = kids(element, "TextEquiv")
    if not equivs:
        return None
    best = min(equivs, key=lambda e: number(e.get("index"), math.inf))
    unicode = kids(best, "Unicode")
    text = "".join(unicode[0].itertext()) if unicode else ""
    conf = best.get("conf", element.get("conf"))
    return text, None if conf is None else number(conf)


def _word(word: etree._Element, line_box: Box) -> Found | None:
    found = _text(word)
    if found is None:  # the text only on its glyphs
        glyphs = [t for g in kids(word, "Glyph") if (t := _text(g))]
        found = ("".join(t for t, _c in glyphs), None) if glyphs else None
    if found is None or not found[0].strip():
        return None
    return found[0].strip(), _box(word) or line_box, found[1]


def _line_words(line: etree._Element) -> list[Found]:
    line_box = _box(line) or (0, 0, 0, 0)
    words = [found for w in kids(line, "Word") if (found := _word(w, line_box))]
    if words:
        return words
    found = _text(line)  # no words, or words without text: the line's own text
    if found is None or not found[0].split():
        return []
    texts = found[0].split()
    return [(t, box, found[1]) for t, box in zip(texts, share_box(line_box, texts), strict=True)]


def _reading_order(page: etree._Element) -> dict[str, int]:
    """Region id -> rank in the page's ``ReadingOrder`` (indexed groups by ``@index``, others as written)."""
    order: dict[str, int] = {}

    def walk(group: etree._Element) -> None:
        items = [c for c in group if local(c) in _ORDER_ITEMS]
        for item in sorted(items, key=lambda c: number(c.get("index"), math.inf)):  # stable: unindexed stay
            if item.get("regionRef"):
                order.setdefault(item.get("regionRef"), len(order))
            walk(item)

    for reading_order in kids(page, "ReadingOrder"):
        walk(reading_order)
    return order


def _regions(page: etree._Element) -> list[etree._Element]:
    """The page's text regions in reading order; a nested region goes with the region holding it."""
    order = _reading_order(page)

    def rank(item: tuple[int, etree._Element]) -> tuple[int, int]:
        position, element = item
        while element is not None and local(element) == "TextRegion":
            if element.get("id") in order:
                return order[element.get("id")], position
            element = element.getparent()
        return len(order), position

    return [region for _p, region in sorted(enumerate(descendants(page, "TextRegion")), key=rank)]


def read_page_xml(root: etree._Element, path: Path) -> list[OcrPage]:
    """The pages of a parsed PAGE file (one ``Page`` per file by the standard), numbered from 1."""
    out = []
    for page_no, page in enumerate(kids(root, "Page"), start=1):
        words: list[OcrWord] = []
        line_no = 0
        for block_no, region in enumerate(_regions(page)):
            for line in kids(region, "TextLine"):
                found = _line_words(line)
                words += [OcrWord(text, box, conf, line_no, block_no) for text, box, conf in found]
                line_no += bool(found)
        image = resolve_image(path, page.get("imageFilename"))
        width, height = round(number(page.get("imageWidth"))), round(number(page.get("imageHeight")))
        out.append(OcrPage(Page(page_no, image, width, height), tuple(words)))
    return out
