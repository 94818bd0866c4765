"""A TrueType font of one glyph, built in code, for the searchable PDF's invisible text layer.

Text in render mode 3 is never painted, but PDF readers still measure its glyphs: PDFium drops
characters whose glyph has no box from the text it extracts (seen on single-letter Russian words,
"в", "и", with a font left unembedded). Tesseract and OCRmyPDF embed a "GlyphLessFont" for this; the
same idea is built here, so that no font file (and no font licence) has to be shipped: every
character maps to glyph 1, a rectangle half an em wide and one em tall (0..1000 above the
baseline), which gives every character a box and is never drawn.

The tables are the ones the PDF specification requires of a TrueType program embedded for a
CIDFontType2 font (``head``, ``hhea``, ``maxp``, ``hmtx``, ``loca``, ``glyf``), with ``cmap``,
``name`` and ``post`` so that font tools open it too (Apple's TrueType Reference Manual, ch. 6).
"""

from __future__ import annotations

import struct
from functools import cache

UNITS_PER_EM = 1000
ADVANCE = 500  # the glyph's width in font units: half an em, as in Tesseract's font
HEIGHT = 1000
FAMILY = "GlyphLessFont"


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _glyf() -> tuple[bytes, bytes]:
    """(glyf, loca): an empty .notdef, then one rectangle of four on-curve points."""
    header = struct.pack(">hhhhh", 1, 0, 0, ADVANCE, HEIGHT)  # one contour and its bounding box
    points = struct.pack(">HH", 3, 0) + b"\x01" * 4  # last point index, no instructions, on-curve flags
    xs = struct.pack(">4h", 0, 0, ADVANCE, 0)  # deltas: (0,0) (0,H) (W,H) (W,0)
    ys = struct.pack(">4h", 0, HEIGHT, 0, -HEIGHT)
    glyph = header + points + xs + ys
    glyph += b"\0" * (-len(glyph) % 4)
    return glyph, struct.pack(">3H", 0, 0, len(glyph) // 2)  # short offsets: bytes / 2


def _tables() -> dict[bytes, bytes]:
    glyf, loca = _glyf()
    head = struct.pack(
        ">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, UNITS_PER_EM, 0, 0,
        0, 0, ADVANCE, HEIGHT, 0, 3, 2, 0, 0,
    )  # fmt: skip
    hhea = struct.pack(
        ">IhhhHhhhhhhhhhhhH", 0x00010000, HEIGHT, 0, 0, ADVANCE, 0, 0, ADVANCE, 1, 0, 0, 0, 0, 0, 0, 0, 2
    )
    maxp = struct.pack(">I14H", 0x00010000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    hmtx = struct.pack(">HhHh", ADVANCE, 0, ADVANCE, 0)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + struct.pack(
        ">7H4H", 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1
    )
    cmap += struct.pack(">H", 0)  # idRangeOffset: the one segment maps U+FFFF to glyph 0
    name_text = FAMILY.encode("utf-16-be")
    name = struct.pack(">3H6H", 0, 1, 18, 3, 1, 0x409, 1, len(name_text), 0) + name_text
    post = struct.pack(">IihhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)
    return {
        b"cmap": cmap, b"glyf": glyf, b"head": head, b"hhea": hhea, b"hmtx": hmtx, b"loca": loca,
        b"maxp": maxp, b"name": name, b"post": post,
    }  # fmt: skip


@cache
def glyphless_font() -> bytes:
    """The font program (TrueType, about 400 bytes): every character one invisible-to-be box."""
    tables = _tables()
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    directory = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, (count - power) * 16
    )
    offset = len(directory) + 16 * count
    records, body = b"", b""
    for tag in sorted(tables):
        data = tables[tag]
        records += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(directory + records + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in sorted(tables) if t < b"head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
