"""Write a corrected page as ALTO v4 (``http://www.loc.gov/standards/alto/ns-v4#``, schema 4.4).

One file per page, as METS/ALTO practice has it (ALTO would allow several ``Page`` elements, but
viewers and repositories expect one page image per ALTO file). Each block is a ``TextBlock``, each
line a ``TextLine``, each word a ``String`` with its box in pixels; between words an ``SP``; a word
cut at the line end a ``HYP``. A word the corrections changed carries ``CS="true"`` (ALTO's
"corrected" status) and no ``WC`` (the engine's confidence was for the text it read).
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from correct.exports.ocr_layout import SOFTWARE, XSI_NS, LaidBlock, LaidLine, LaidPage
from correct.exports.word_edits import Box

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = f"{ALTO_NS} http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"


def _el(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    return etree.SubElement(parent, f"{{{ALTO_NS}}}{tag}", {k: str(v) for k, v in attrs.items()})


def _geometry(box: Box) -> dict[str, int]:
    x0, y0, x1, y1 = box
    return {"HPOS": x0, "VPOS": y0, "WIDTH": x1 - x0, "HEIGHT": y1 - y0}


def _line(parent: etree._Element, line: LaidLine, line_id: str) -> None:
    element = _el(parent, "TextLine", ID=line_id, **_geometry(line.box))
    for k, word in enumerate(line.words):
        if k:
            gap = word.box[0] - line.words[k - 1].box[2]
            _el(element, "SP", WIDTH=max(gap, 0), HPOS=line.words[k - 1].box[2], VPOS=word.box[1])
        last = k == len(line.words) - 1
        content = word.text + ("-" if word.hyphen and not last else "")  # a HYP can only end the line
        attrs: dict[str, str | int] = {"ID": f"{line_id}_w{k + 1}", "CONTENT": content, **_geometry(word.box)}
        if word.confidence is not None:
            attrs["WC"] = f"{min(max(word.confidence, 0.0), 1.0):.3f}"
        if word.corrected:
            attrs["CS"] = "true"
        _el(element, "String", **attrs)
    if line.words and line.words[-1].hyphen:
        _el(element, "HYP", CONTENT="-")


def _block(parent: etree._Element, block: LaidBlock, block_id: str) -> None:
    element = _el(parent, "TextBlock", ID=block_id, **_geometry(block.box))
    for j, line in enumerate(block.lines, start=1):
        _line(element, line, f"{block_id}_l{j}")


def _description(root: etree._Element, laid: LaidPage, now: datetime) -> None:
    description = _el(root, "Description")
    _el(description, "MeasurementUnit").text = "pixel"
    if laid.page.image:
        info = _el(description, "sourceImageInformation")
        _el(info, "fileName").text = laid.page.image
    processing = _el(description, "Processing", ID="workbench_corrections")
    _el(processing, "processingCategory").text = "contentModification"
    _el(processing, "processingDateTime").text = now.isoformat(timespec="seconds")
    _el(processing, "processingStepDescription").text = "OCR corrections reviewed in the workbench applied"
    software = _el(processing, "processingSoftware")
    _el(software, "softwareName").text = SOFTWARE


def alto_page(laid: LaidPage, now: datetime | None = None) -> bytes:
    """One page as an ALTO v4 document (UTF-8 bytes with an XML declaration)."""
    root = etree.Element(f"{{{ALTO_NS}}}alto", nsmap={None: ALTO_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.set("SCHEMAVERSION", "4.4")
    _description(root, laid, now or datetime.now(UTC))
    n = laid.page.number
    page = _el(
        _el(root, "Layout"),
        "Page",
        ID=f"p{n}",
        PHYSICAL_IMG_NR=n,
        WIDTH=laid.page.width,
        HEIGHT=laid.page.height,
    )
    space = _el(page, "PrintSpace", **_geometry((0, 0, laid.page.width, laid.page.height)))
    for k, block in enumerate(laid.blocks, start=1):
        _block(space, block, f"p{n}_b{k}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
