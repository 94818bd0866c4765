"""What every reader of a document shares: a cleaned part becomes segments, a missing part is an error.

The text readers (``align.ingest.document``) and the OCR readers (``align.ingest.ocr_pages`` and the
formats behind it) all end in the same steps. They live here, below both, so that the text reader can
hand an OCR file on to the OCR readers without the two importing each other.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from align.errors import InputError
from align.ingest.clean import Paragraph
from align.ingest.layout import Block, letter_counts
from align.model import Document, Removed, Segment

PART_HEADING = re.compile(r"\b(translation|перевод)\b", re.IGNORECASE)
HEADING_MAX_WORDS = 6  # a longer first block of the English part is text, not a part heading
MIN_PART_LETTERS = 20  # fewer letters than this in a part means the part is missing
# NAME.ru.txt + NAME.en.txt: the language suffix of the Russian file is not part of the id
RUSSIAN_SUFFIX = re.compile(r"\.(ru|rus|russian)$", re.IGNORECASE)

Lang = Literal["ru", "en"]

Ingested = tuple[Document, tuple[Segment, ...], tuple[Segment, ...], tuple[Removed, ...]]


def russian_file_id(ru_path: Path | str) -> str:
    """The document id a Russian file gives: its stem less the language suffix ("pair.ru.xml" -> "pair")."""
    return RUSSIAN_SUFFIX.sub("", Path(ru_path).stem)


def part_segments(doc_id: str, lang: Lang, paras: list[Paragraph]) -> tuple[Segment, ...]:
    """Segments of one part in raw-file order, with stable ids "<doc id>/<lang>@<raw offset>"."""
    segs = [
        Segment(
            id=f"{doc_id}/{lang}@{p.start}",
            lang=lang,
            text=p.text,
            start=p.start,
            end=p.end,
            page=p.page,
            speaker=p.speaker,
            source_map=p.source_map(),
        )
        for p in paras
    ]
    return tuple(sorted(segs, key=lambda s: s.start))


def drop_part_heading(blocks: list[Block], removed: list[Removed]) -> list[Block]:
    """Drop a heading such as "Translation - English" that opens the English part."""
    if blocks:
        plain = blocks[0].plain
        if len(plain.split()) <= HEADING_MAX_WORDS and PART_HEADING.search(plain) and not plain.endswith("."):
            removed.append(Removed("part_heading", blocks[0].text, blocks[0].start, blocks[0].end, "en"))
            return blocks[1:]
    return blocks


def require_letters(blocks: list[Block], lang: Lang, where: str) -> None:
    """InputError naming ``where`` when a part has too few letters of its script to be there at all."""
    cyr = sum(letter_counts(b.plain)[0] for b in blocks)
    lat = sum(letter_counts(b.plain)[1] for b in blocks)
    if (cyr if lang == "ru" else lat) < MIN_PART_LETTERS:
        part = "Russian" if lang == "ru" else "English"
        raise InputError(f"{where}: no {part} part found (expected {part} paragraphs)")
