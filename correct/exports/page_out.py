"""Write a corrected page as PAGE XML 2019-07-15 (PRImA's Page Content format).

PAGE holds one page per file by its schema (``PcGts`` has one ``Page``), so a document is a file per
page. Each block is a ``TextRegion`` (listed in the page's ``ReadingOrder``), each line a
``TextLine``, each word a ``Word``; every one has its box as a four-point ``Coords`` polygon and its
text in ``TextEquiv/Unicode`` (a line's and a region's text too, as PAGE consumers expect at every
level). A word keeps the engine's confidence (``TextEquiv@conf``) only where the corrections left
it as the engine read it. A word cut at the line end is written with its hyphen ("пере-").
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from correct.exports.ocr_layout import SOFTWARE, XSI_NS, LaidBlock, LaidLine, LaidPage
from correct.exports.word_edits import Box, EditedWord

PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
SCHEMA_LOCATION = f"{PAGE_NS} {PAGE_NS}/pagecontent.xsd"


def _el(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    return etree.SubElement(parent, f"{{{PAGE_NS}}}{tag}", {k: str(v) for k, v in attrs.items()})


def _coords(parent: etree._Element, box: Box) -> None:
    x0, y0, x1, y1 = (max(v, 0) for v in box)  # PAGE points are non-negative integers
    _el(parent, "Coords", points=f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}")


def _text(parent: etree._Element, text: str, confidence: float | None = None) -> None:
    attrs = {} if confidence is None else {"conf": f"{min(max(confidence, 0.0), 1.0):.3f}"}
    _el(_el(parent, "TextEquiv", **attrs), "Unicode").text = text


def _word(parent: etree._Element, word: EditedWord, word_id: str) -> None:
    element = _el(parent, "Word", id=word_id)
    _coords(element, word.box)
    _text(element, word.text + ("-" if word.hyphen else ""), word.confidence)


def _line(parent: etree._Element, line: LaidLine, line_id: str) -> None:
    element = _el(parent, "TextLine", id=line_id)
    _coords(element, line.box)
    for k, word in enumerate(line.words, start=1):
        _word(element, word, f"{line_id}_w{k}")
    _text(element, line.text)


def _region(parent: etree._Element, block: LaidBlock, region_id: str) -> None:
    element = _el(parent, "TextRegion", id=region_id, type="paragraph")
    _coords(element, block.box)
    for j, line in enumerate(block.lines, start=1):
        _line(element, line, f"{region_id}_l{j}")
    _text(element, "\n".join(line.text for line in block.lines))


def page_xml_page(laid: LaidPage, now: datetime | None = None) -> bytes:
    """One page as a PAGE 2019-07-15 document (UTF-8 bytes with an XML declaration)."""
    root = etree.Element(f"{{{PAGE_NS}}}PcGts", nsmap={None: PAGE_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata = _el(root, "Metadata")
    _el(metadata, "Creator").text = SOFTWARE
    _el(metadata, "Created").text = stamp
    _el(metadata, "LastChange").text = stamp
    _el(metadata, "Comments").text = "OCR corrections reviewed in the workbench applied"
    n = laid.page.number
    page = _el(
        root, "Page", imageFilename=laid.page.image, imageWidth=laid.page.width, imageHeight=laid.page.height
    )
    ids = [f"p{n}_r{k}" for k in range(1, len(laid.blocks) + 1)]
    if ids:
        group = _el(_el(page, "ReadingOrder"), "OrderedGroup", id=f"p{n}_ro")
        for index, region_id in enumerate(ids):
            _el(group, "RegionRefIndexed", index=index, regionRef=region_id)
    for block, region_id in zip(laid.blocks, ids, strict=True):
        _region(page, block, region_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
