"""Write the corrected pages as hOCR 1.2 (XHTML, as Tesseract writes it): one file, a div per page.

hOCR allows several pages in one document (``ocr_page`` elements in order), so the whole document
is one file. Each block is an ``ocr_carea`` holding one ``ocr_par``, each line an ``ocr_line``, each
word an ``ocrx_word``; boxes and confidences go in ``title`` (``bbox x0 y0 x1 y1; x_wconf 93``). A
word keeps the engine's confidence only where the corrections left it as read; a word cut at the
line end is written with its hyphen.
"""

from __future__ import annotations

from lxml import etree

from correct.exports.ocr_layout import SOFTWARE, LaidBlock, LaidLine, LaidPage
from correct.exports.word_edits import Box

XHTML_NS = "http://www.w3.org/1999/xhtml"
DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
CAPABILITIES = "ocr_page ocr_carea ocr_par ocr_line ocrx_word"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML_NS}}}{tag}", attrs)
    element.text = text
    return element


def _bbox(box: Box) -> str:
    return "bbox {} {} {} {}".format(*box)


def _line(parent: etree._Element, line: LaidLine, line_id: str) -> None:
    element = _el(parent, "span", **{"class": "ocr_line", "id": line_id, "title": _bbox(line.box)})
    for k, word in enumerate(line.words, start=1):
        title = _bbox(word.box)
        if word.confidence is not None:
            title += f"; x_wconf {round(min(max(word.confidence, 0.0), 1.0) * 100)}"
        text = word.text + ("-" if word.hyphen else "")
        span = _el(element, "span", text, **{"class": "ocrx_word", "id": f"{line_id}_w{k}", "title": title})
        span.tail = " " if k < len(line.words) else None  # text extraction sees the word break


def _block(parent: etree._Element, block: LaidBlock, block_id: str) -> None:
    area = _el(parent, "div", **{"class": "ocr_carea", "id": block_id, "title": _bbox(block.box)})
    par = _el(
        area, "p", **{"class": "ocr_par", "id": f"{block_id}_par", "lang": "rus", "title": _bbox(block.box)}
    )
    for j, line in enumerate(block.lines, start=1):
        _line(par, line, f"{block_id}_l{j}")
        par[-1].tail = "\n"


def _page(body: etree._Element, laid: LaidPage) -> None:
    n = laid.page.number
    image = laid.page.image.replace('"', "%22")  # the title quotes the image's name
    title = f'image "{image}"; {_bbox((0, 0, laid.page.width, laid.page.height))}; ppageno {n - 1}'
    page = _el(body, "div", **{"class": "ocr_page", "id": f"page_{n}", "title": title})
    for k, block in enumerate(laid.blocks, start=1):
        _block(page, block, f"block_{n}_{k}")


def hocr_document(pages: list[LaidPage], title: str = "") -> bytes:
    """All pages as one hOCR (XHTML) document, UTF-8 bytes."""
    root = etree.Element(f"{{{XHTML_NS}}}html", nsmap={None: XHTML_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "ru")
    root.set("lang", "ru")
    head = _el(root, "head")
    _el(head, "title", title)
    _el(head, "meta", **{"http-equiv": "Content-Type", "content": "text/html;charset=utf-8"})
    _el(head, "meta", name="ocr-system", content=SOFTWARE)
    _el(head, "meta", name="ocr-capabilities", content=CAPABILITIES)
    body = _el(root, "body")
    for laid in pages:
        _page(body, laid)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)
