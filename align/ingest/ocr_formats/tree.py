"""Parse an OCR file with lxml and walk it by local element names, so that one reader serves every
namespace version of its format (ALTO v2/v3/v4, PAGE 2013/2019, hOCR as XHTML or as plain HTML).

Parsing never touches the network or expands external entities: OCR files come from elsewhere.
Any parse failure is an ``InputError`` of one line naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree, html

from align.errors import InputError

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels

SNIFF_BYTES = 65536  # enough of a file's head to see its root element or its first hOCR page
_ALTO = re.compile(rb"<(?:[\w.-]+:)?alto[\s>/]")
_PAGE = re.compile(rb"<(?:[\w.-]+:)?PcGts[\s>/]")
_HOCR = re.compile(rb"""class\s*=\s*["'][^"']*\bocr_page\b""")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def sniff(head: bytes) -> str | None:
    """'alto' | 'page' | 'hocr' from the first bytes of a file, None when it looks like none of them.

    Only markup is looked at: a plain text file (whatever its encoding) never starts with "<".
    """
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    for name, pattern in (("alto", _ALTO), ("page", _PAGE), ("hocr", _HOCR)):
        if pattern.search(head):
            return name
    return None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def parse_file(path: Path) -> etree._Element:
    """The root element of an OCR file; hOCR that is HTML but not XML is parsed as HTML.

    InputError (one line) for a missing or unreadable file and for markup that is not well formed.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if sniff(data[:SNIFF_BYTES]) == "hocr":  # HTML hOCR (unclosed <meta>, ...): the HTML parser reads it
            return _parse_html(data)
        raise InputError(f"{path}: not well-formed XML ({_one_line(exc)})") from exc


def _parse_html(data: bytes) -> etree._Element:
    """HTML as its ``charset`` says, else as UTF-8 (what engines write; HTML's own default is Latin-1)."""
    declared = _CHARSET.search(data[:SNIFF_BYTES])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        parser = html.HTMLParser(encoding=encoding, no_network=True, remove_comments=True)
    except LookupError:
        parser = html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    return html.fromstring(data, parser=parser)


def local(element: etree._Element) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def kids(element: etree._Element, name: str) -> list[etree._Element]:
    """The element's children called ``name`` (any namespace), in document order."""
    return [child for child in element if local(child) == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    """The element's descendants called ``name`` (any namespace), in document order."""
    return [d for d in element.iter() if d is not element and local(d) == name]


def resolve_image(ocr_file: Path, name: str | None) -> str:
    """The path of the image an OCR file names, relative names taken from the file's folder ("" for none).

    Engines write a bare file name, a relative or absolute path, or a ``file://`` URL.
    """
    name = (name or "").strip()
    if not name:
        return ""
    if name.startswith("file:"):
        name = unquote(urlparse(name).path)
    image = Path(name)
    return str(image if image.is_absolute() else Path(ocr_file).parent / image)


def number(value: str | None, default: float = 0.0) -> float:
    """An attribute as a float (``default`` when it is absent or not a number)."""
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def union(boxes: list[Box]) -> Box:
    """The smallest box holding all ``boxes``."""
    x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
    return min(x0s), min(y0s), max(x1s), max(y1s)


def share_box(box: Box, texts: list[str]) -> list[Box]:
    """``box`` cut left to right into one box per text, each as wide as its share of the characters.

    For lines whose words have no geometry of their own (a PAGE line with only its text): a word's
    box then is an estimate within its line, good enough to crop the line and place a text layer.
    A space between words counts as one character and belongs to no word.
    """
    x0, y0, x1, y1 = box
    total = sum(len(t) for t in texts) + max(len(texts) - 1, 0)
    out, at = [], 0
    for text in texts:
        left = x0 + round((x1 - x0) * at / total) if total else x0
        at += len(text)
        right = x0 + round((x1 - x0) * at / total) if total else x1
        out.append((left, y0, max(right, left), y1))
        at += 1
    return out
