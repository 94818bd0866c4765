"""A tiny scanned document written by the test: one page image with dark word blocks, its Result.

The page is 400 x 200 pixels, white, with a black block where each OCR word is, on two lines.
The Russian paragraph "первый втарой третий четвёртый пятый" has a proposal "втарой" -> "второй"
(line 0) and "пятый" -> "пятый!" (line 1); the English has one paragraph. Built from the
dataclasses so that the crop tests need no Tesseract.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from align.model import Document, Link, Page, Proposal, Result, Segment, Word

DOC = "scan-tiny"
TEXT = "первый втарой третий четвёртый пятый"
# (word, line, box) in the page image's pixels
LAYOUT = (
    ("первый", 0, (20, 20, 90, 40)),
    ("втарой", 0, (100, 20, 170, 40)),
    ("третий", 0, (180, 20, 250, 40)),
    ("четвёртый", 1, (20, 60, 120, 80)),
    ("пятый", 1, (130, 60, 190, 80)),
)
SIZE = (400, 200)


def write_page(path: Path, size: tuple[int, int] = SIZE) -> Path:
    """The page image: white, a black block per word (scaled when ``size`` is not the layout's)."""
    sx, sy = size[0] / SIZE[0], size[1] / SIZE[1]
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for _, _, (x0, y0, x1, y1) in LAYOUT:
        draw.rectangle((x0 * sx, y0 * sy, x1 * sx - 1, y1 * sy - 1), fill=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def words() -> tuple[Word, ...]:
    out, at = [], 0
    for text, line, box in LAYOUT:
        start = TEXT.index(text, at)
        out.append(Word(start, start + len(text), 1, box, 0.9, line))
        at = start + len(text)
    return tuple(out)


def _proposal(seg: Segment, original: str, suggestion: str) -> Proposal:
    start = seg.text.index(original)
    return Proposal(f"{seg.id}:{start}:{original}", seg.id, start, start + len(original), original,
                    suggestion, confidence=0.8, reasons=("test",), producer="test.v1")  # fmt: skip


def scan_result(image: Path | str, page_size: tuple[int, int] = SIZE) -> Result:
    """The document with its page image at ``image`` (measured as ``page_size`` by the OCR)."""
    ru = Segment(id=f"{DOC}/ru@0", lang="ru", text=TEXT, start=0, end=len(TEXT), page=1, words=words())
    en = Segment(id=f"{DOC}/en@0", lang="en", text="first second third fourth fifth", start=0, end=31)
    return Result(
        document=Document(
            id=DOC,
            source={"ru": str(image), "en": "en.txt"},
            pages=(Page(1, str(image), *page_size),),
        ),  # fmt: skip
        ru=(ru,),
        en=(en,),
        alignment=(Link(ru=(ru.id,), en=(en.id,), score=0.9),),
        proposals=(_proposal(ru, "втарой", "второй"), _proposal(ru, "пятый", "пятый!")),
    )
