"""Write the corrected pages as a searchable PDF: each page image with an invisible text layer.

Done as OCRmyPDF's hOCR transform does it (``ocrmypdf/hocrtransform``), with pikepdf (qpdf): the
image fills the page, and every word is shown in text render mode 3 (invisible) at its box, the
font as tall as its line and stretched (``Tz``) to the word's width, with a space stretched over
the gap to the next word so that viewers find the word breaks. The font is a glyphless Type 0 font
(the idea of Tesseract's and OCRmyPDF's "GlyphLessFont"): every character is its own UTF-16 code
(Identity-H) drawn with the font's one glyph (``CIDToGIDMap``: every code to glyph 1), and
``ToUnicode`` maps it back, so that copying and searching give the corrected Russian. The font is
built in code (``correct.exports.glyphless_font``). JPEG pages go in as they are; other images are
stored losslessly (Flate).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError
from correct.exports.glyphless_font import ADVANCE, FAMILY, HEIGHT, UNITS_PER_EM, glyphless_font
from correct.exports.ocr_layout import LaidLine, LaidPage

if TYPE_CHECKING:  # imported where it is used: importing this module loads no PDF library
    import pikepdf

DPI = 300  # the resolution assumed for an image that does not record its own
CHAR_WIDTH = ADVANCE / UNITS_PER_EM  # the glyph's advance, in text space units per font size
CID_TO_GLYPH_1 = b"\x00\x01" * 65536  # CIDToGIDMap: every character code drawn with glyph 1
UNICODE_RANGES_PER_BLOCK = 100  # a CMap's bfrange section holds at most 100 entries


@dataclass(frozen=True)
class PageImage:
    """A page image as a PDF image stream wants it."""

    data: bytes
    width: int  # pixels
    height: int
    colorspace: str  # DeviceGray | DeviceRGB
    bits: int
    filter: str  # DCTDecode | FlateDecode
    dpi: tuple[float, float]


def _dpi(info: dict) -> tuple[float, float]:
    dpi = info.get("dpi") or (DPI, DPI)
    return tuple(float(d) if d and float(d) >= 10 else float(DPI) for d in dpi[:2])  # type: ignore[return-value]


def read_page_image(path: str, number: int) -> PageImage:
    """The page's image, decoded where a PDF cannot take the file as it is; InputError when it is missing."""
    from PIL import Image, UnidentifiedImageError

    if not path:
        raise InputError(f"page {number} has no image: a searchable PDF needs the page images")
    try:
        with Image.open(path) as image:
            dpi = _dpi(image.info)
            if image.format == "JPEG" and image.mode in ("L", "RGB"):
                space = "DeviceGray" if image.mode == "L" else "DeviceRGB"
                return PageImage(Path(path).read_bytes(), *image.size, space, 8, "DCTDecode", dpi)
            if image.mode not in ("1", "L", "RGB"):
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, "white")
                image.paste(rgba, mask=rgba.getchannel("A"))  # transparency on white paper
            space = "DeviceRGB" if image.mode == "RGB" else "DeviceGray"
            bits = 1 if image.mode == "1" else 8
            return PageImage(zlib.compress(image.tobytes()), *image.size, space, bits, "FlateDecode", dpi)
    except FileNotFoundError as exc:
        raise InputError(f"page {number}: its image {path} was not found") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"page {number}: {path} is not an image that can be read ({exc})") from exc


def _to_unicode() -> bytes:
    """An identity ToUnicode CMap for the Basic Multilingual Plane, in spec-sized bfrange sections."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    sections = []
    for k in range(0, len(ranges), UNICODE_RANGES_PER_BLOCK):
        chunk = ranges[k : k + UNICODE_RANGES_PER_BLOCK]
        sections.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(sections) + "\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The Type 0 font of the text layer: the glyphless font embedded, codes UTF-16, ToUnicode identity."""
    from pikepdf import Array, Dictionary, Name

    name = Name("/" + FAMILY)
    program = pdf.make_stream(zlib.compress(glyphless_font()), Filter=Name.FlateDecode)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=name, Flags=5, FontBBox=Array([0, 0, ADVANCE, HEIGHT]),
        ItalicAngle=0, Ascent=HEIGHT, Descent=0, CapHeight=HEIGHT, StemV=80, FontFile2=program,
    )  # fmt: skip
    cid_font = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=name,
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor), DW=ADVANCE,
        CIDToGIDMap=pdf.make_stream(zlib.compress(CID_TO_GLYPH_1), Filter=Name.FlateDecode),
    )  # fmt: skip
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=name,
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid_font)]),
            ToUnicode=pdf.make_stream(_to_unicode()),
        )  # fmt: skip
    )


def _hex(text: str) -> str:
    """``text`` as the font's codes: UTF-16BE of each character (outside the BMP: U+FFFD)."""
    codes = [ord(c) if ord(c) <= 0xFFFF and not 0xD800 <= ord(c) <= 0xDFFF else 0xFFFD for c in text]
    return "<" + "".join(f"{code:04X}" for code in codes) + ">"


def _show(x: float, baseline: float, size: float, width: float, text: str) -> str:
    scale = 100 * max(width, 0.01) / (len(text) * size * CHAR_WIDTH)
    return f"1 0 0 1 {x:.2f} {baseline:.2f} Tm {scale:.2f} Tz {_hex(text)} Tj\n"


def _line_ops(line: LaidLine, sx: float, sy: float, page_height: float) -> str:
    """The content stream of one line: each word at its box, a space over each gap."""
    x0, y0, x1, y1 = line.box
    size = max((y1 - y0) * sy, 1.0)
    baseline = page_height - y1 * sy
    ops = [f"/F1 {size:.2f} Tf\n"]
    for k, word in enumerate(line.words):
        text = word.text + ("-" if word.hyphen else "")
        ops.append(_show(word.box[0] * sx, baseline, size, (word.box[2] - word.box[0]) * sx, text))
        if k + 1 < len(line.words):
            gap = (line.words[k + 1].box[0] - word.box[2]) * sx
            ops.append(_show(word.box[2] * sx, baseline, size, gap, " "))
    return "".join(ops)


def _page(pdf: pikepdf.Pdf, font: pikepdf.Object, laid: LaidPage) -> pikepdf.Page:
    from pikepdf import Array, Dictionary, Name, Page

    image = read_page_image(laid.page.image, laid.page.number)
    width_pt, height_pt = image.width * 72 / image.dpi[0], image.height * 72 / image.dpi[1]
    sx = width_pt / (laid.page.width or image.width)  # page pixels -> points (the image may be rescaled)
    sy = height_pt / (laid.page.height or image.height)
    stream = pdf.make_stream(
        image.data, Type=Name.XObject, Subtype=Name.Image, Width=image.width, Height=image.height,
        ColorSpace=Name("/" + image.colorspace), BitsPerComponent=image.bits, Filter=Name("/" + image.filter),
    )  # fmt: skip
    text = "".join(_line_ops(line, sx, sy, height_pt) for block in laid.blocks for line in block.lines)
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q\nBT 3 Tr\n{text}ET\n"
    return Page(
        Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, round(width_pt, 2), round(height_pt, 2)]),
            Resources=Dictionary(XObject=Dictionary(Im0=stream), Font=Dictionary(F1=font)),
            Contents=pdf.make_stream(content.encode("ascii")),
        )  # fmt: skip
    )


def searchable_pdf(pages: list[LaidPage], title: str = "") -> bytes:
    """All pages as one PDF: the page images with the corrected text invisible on top, word by word."""
    import pikepdf

    pdf = pikepdf.Pdf.new()
    font = _font(pdf)
    for laid in pages:
        pdf.pages.append(_page(pdf, font, laid))
    pdf.docinfo["/Creator"] = "ocr-align-workbench"
    if title:
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
