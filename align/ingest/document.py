"""Read a document into clean Russian and English paragraphs that keep their provenance.

Two inputs are accepted:
- an archive-layout file (as in ``seeds/``): a metadata header, the Russian OCR
  of the scan, then the English translation; parts are found by content
  (``align.ingest.layout``);
- a pair of plain files, Russian and English, paragraphs separated by blank lines.

Cleaning (``align.ingest.clean``) strips markup, drops scan debris and rejoins page
breaks; every dropped piece is returned as a ``Removed`` record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from align.errors import InputError
from align.ingest.clean import Paragraph, clean_part
from align.ingest.decode import read_text
from align.ingest.layout import Block, find_parts, letter_counts, split_blocks
from align.model import Document, Removed, Segment

PART_HEADING = re.compile(r"\b(translation|перевод)\b", re.IGNORECASE)
HEADING_MAX_WORDS = 6  # a longer first block of the English part is text, not a part heading
MIN_PART_LETTERS = 20  # fewer letters than this in a part means the part is missing
# NAME.ru.txt + NAME.en.txt: the language suffix of the Russian file is not part of the id
RUSSIAN_SUFFIX = re.compile(r"\.(ru|rus|russian)$", re.IGNORECASE)

Lang = Literal["ru", "en"]


@dataclass(frozen=True)
class Source:
    """What to read: one archive-layout file, or a Russian file and an English file."""

    archive: Path | None = None
    ru: Path | None = None
    en: Path | None = None
    name: str | None = None  # document id; default: the file stem (see document_id)

    def label(self) -> str:
        """How messages name this document."""
        if self.archive is not None:
            return str(self.archive)
        return f"{self.ru} + {self.en}"


Ingested = tuple[Document, tuple[Segment, ...], tuple[Segment, ...], tuple[Removed, ...]]


def document_id(source: Source) -> str:
    """The id of a source's document: its ``name``, else the archive's stem, else the Russian file's stem
    without its language suffix ("t01.txt" -> "t01", "pair.ru.txt" -> "pair").

    The one rule for ids: segment ids, the result file a batch writes and the review
    store all start from it, so a re-run finds what an earlier run made.
    """
    if source.name:
        return source.name
    if source.archive is not None:
        return Path(source.archive).stem
    if source.ru is None:
        raise InputError("a document needs an archive file or a Russian file")
    return RUSSIAN_SUFFIX.sub("", Path(source.ru).stem)


def _segments(doc_id: str, lang: Lang, paras: list[Paragraph]) -> tuple[Segment, ...]:
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


def _drop_part_heading(blocks: list[Block], removed: list[Removed]) -> list[Block]:
    """Drop a heading such as "Translation - English" that opens the English part."""
    if blocks:
        plain = blocks[0].plain
        if len(plain.split()) <= HEADING_MAX_WORDS and PART_HEADING.search(plain) and not plain.endswith("."):
            removed.append(Removed("part_heading", blocks[0].text, blocks[0].start, blocks[0].end, "en"))
            return blocks[1:]
    return blocks


def _require_letters(blocks: list[Block], lang: Lang, where: str) -> None:
    """InputError naming ``where`` when a part has too few letters of its script to be there at all."""
    cyr = sum(letter_counts(b.plain)[0] for b in blocks)
    lat = sum(letter_counts(b.plain)[1] for b in blocks)
    if (cyr if lang == "ru" else lat) < MIN_PART_LETTERS:
        part = "Russian" if lang == "ru" else "English"
        raise InputError(f"{where}: no {part} part found (expected {part} paragraphs)")


def ingest_archive(path: Path, name: str | None = None) -> Ingested:
    """An archive-layout file -> (Document, ru segments, en segments, removed)."""
    raw, encoding = read_text(path)
    blocks = split_blocks(raw)
    parts = find_parts(blocks)
    removed: list[Removed] = [Removed("metadata", b.text, b.start, b.end) for b in blocks[: parts.ru_start]]
    ru_blocks = blocks[parts.ru_start : parts.en_start]
    en_blocks = blocks[parts.en_start :]
    _require_letters(ru_blocks, "ru", str(path))
    _require_letters(en_blocks, "en", str(path))
    en_blocks = _drop_part_heading(en_blocks, removed)
    doc_id = document_id(Source(archive=path, name=name))
    ru = _segments(doc_id, "ru", clean_part(ru_blocks, "ru", removed))
    en = _segments(doc_id, "en", clean_part(en_blocks, "en", removed))
    doc = Document(
        id=doc_id,
        source={"ru": str(path), "en": str(path)},
        metadata=parts.metadata,
        encoding={str(path): encoding},
    )
    return doc, ru, en, tuple(sorted(removed, key=lambda r: r.start))


def ingest_pair(ru_path: Path, en_path: Path, name: str | None = None) -> Ingested:
    """A Russian file and an English file -> (Document, ru segments, en segments, removed)."""
    ru_raw, ru_enc = read_text(ru_path)
    en_raw, en_enc = read_text(en_path)
    ru_blocks, en_blocks = split_blocks(ru_raw), split_blocks(en_raw)
    _require_letters(ru_blocks, "ru", str(ru_path))
    _require_letters(en_blocks, "en", str(en_path))
    removed_ru: list[Removed] = []
    removed_en: list[Removed] = []
    doc_id = document_id(Source(ru=ru_path, en=en_path, name=name))
    ru = _segments(doc_id, "ru", clean_part(ru_blocks, "ru", removed_ru))
    en = _segments(doc_id, "en", clean_part(_drop_part_heading(en_blocks, removed_en), "en", removed_en))
    doc = Document(
        id=doc_id,
        source={"ru": str(ru_path), "en": str(en_path)},
        encoding={str(ru_path): ru_enc, str(en_path): en_enc},
    )
    removed = sorted(removed_ru, key=lambda r: r.start) + sorted(removed_en, key=lambda r: r.start)
    return doc, ru, en, tuple(removed)


def ingest(source: Source) -> Ingested:
    """Read one document from its source; InputError for anything the user must fix."""
    if source.archive is not None:
        return ingest_archive(Path(source.archive), source.name)
    if source.ru is None or source.en is None:
        raise InputError("a document needs an archive file, or both a Russian and an English file")
    return ingest_pair(Path(source.ru), Path(source.en), source.name)
