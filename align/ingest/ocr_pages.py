"""Read OCR pages (words with boxes, from Tesseract or an ALTO/PAGE/hOCR file) into segments that keep them.

Every OCR source ends here as ``OcrPage`` records: the engine's words in reading order, each with its
box, its confidence, and the line and block (paragraph) it belongs to. They are written out as the
raw text an archive file would hold (words of a line joined by a space, lines by a line break, blocks
and pages by a blank line), and that text goes through the same cleaning as every other input, so
that page breaks are rejoined and debris dropped the same way. Each word then keeps its box in the
segment it ended in (``Segment.words``, offsets into the clean text), so that an editor sees the
scan beside a fix and an export writes the corrected text back into the page's geometry.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from align.ingest.clean import clean_part
from align.ingest.decode import read_text
from align.ingest.layout import split_blocks
from align.ingest.parts import Ingested, russian_file_id
from align.ingest.parts import drop_part_heading as _drop_part_heading
from align.ingest.parts import part_segments as _segments
from align.ingest.parts import require_letters as _require_letters
from align.model import Document, Page, Removed, Segment, Word

LINE_BREAK = "\n"
BLOCK_BREAK = "\n\n"  # between blocks and between pages: a blank line, as in an archive file


@dataclass(frozen=True)
class OcrWord:
    """One word as an OCR engine read it."""

    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the page image's pixels
    confidence: float | None = None  # in [0, 1]
    line: int = 0  # the line on its page, 0-based in reading order
    block: int = 0  # the block (paragraph) on its page, 0-based in reading order


@dataclass(frozen=True)
class OcrPage:
    """A page and its words in reading order."""

    page: Page
    words: tuple[OcrWord, ...]


@dataclass(frozen=True)
class PlacedWord:
    """A word's span in the raw text built from the pages."""

    start: int
    end: int
    page: int
    word: OcrWord


def pages_text(pages: tuple[OcrPage, ...] | list[OcrPage]) -> tuple[str, list[PlacedWord]]:
    """The raw text of the pages and where each word lies in it (in raw order)."""
    parts: list[str] = []
    placed: list[PlacedWord] = []
    offset = 0
    last: tuple[int, int, int] | None = None  # (page, block, line) of the previous word
    for ocr_page in pages:
        for word in ocr_page.words:
            if not word.text.strip():
                continue
            here = (ocr_page.page.number, word.block, word.line)
            if last is not None:
                sep = " " if here == last else LINE_BREAK if here[:2] == last[:2] else BLOCK_BREAK
                parts.append(sep)
                offset += len(sep)
            text = word.text.strip()
            placed.append(PlacedWord(offset, offset + len(text), ocr_page.page.number, word))
            parts.append(text)
            offset += len(text)
            last = here
    return "".join(parts), placed


def _text_offsets(segment: Segment) -> tuple[list[int], list[tuple[int, int, int]]]:
    runs = sorted(segment.source_map, key=lambda r: r[1])
    return [r[1] for r in runs], runs


def _to_text(raw: int, starts: list[int], runs: list[tuple[int, int, int]]) -> int | None:
    """The clean-text offset of raw offset ``raw`` in a segment, None where cleaning dropped it."""
    k = bisect_right(starts, raw) - 1
    if k < 0:
        return None
    t0, r0, n = runs[k]
    return t0 + raw - r0 if raw < r0 + n else None


def _segment_words(segment: Segment, placed: list[PlacedWord], starts_all: list[int]) -> Segment:
    """The segment with the words whose raw span it covers, their offsets mapped into its text."""
    starts, runs = _text_offsets(segment)
    words: list[Word] = []
    lo = bisect_right(starts_all, segment.start - 1)
    for p in placed[lo:]:
        if p.start >= segment.end:
            break
        mapped = [t for r in range(p.start, p.end) if (t := _to_text(r, starts, runs)) is not None]
        if not mapped:
            continue  # the whole word was dropped (debris, a page number)
        w = p.word
        words.append(Word(min(mapped), max(mapped) + 1, p.page, w.box, w.confidence, w.line))
    words.sort(key=lambda w: w.start)
    page = words[0].page if words else segment.page
    return replace(segment, words=tuple(words), page=page)


def ingest_ocr(pages: list[OcrPage], en_path: Path, ru_label: str, name: str | None = None) -> Ingested:
    """OCR pages of the Russian + an English file -> (Document, ru segments, en segments, removed).

    ``ru_label`` names the Russian source in the document and in messages (the scan's files or the
    OCR file); the document id is ``name``, else the label's stem.
    """
    raw, placed = pages_text(pages)
    ru_blocks = split_blocks(raw)
    en_raw, en_enc = read_text(en_path)
    en_blocks = split_blocks(en_raw)
    _require_letters(ru_blocks, "ru", ru_label)
    _require_letters(en_blocks, "en", str(en_path))
    removed_ru: list[Removed] = []
    removed_en: list[Removed] = []
    doc_id = name or russian_file_id(ru_label)
    ru = _segments(doc_id, "ru", clean_part(ru_blocks, "ru", removed_ru))
    starts_all = [p.start for p in placed]
    ru = tuple(_segment_words(s, placed, starts_all) for s in ru)
    en = _segments(doc_id, "en", clean_part(_drop_part_heading(en_blocks, removed_en), "en", removed_en))
    doc = Document(
        id=doc_id,
        source={"ru": ru_label, "en": str(en_path)},
        encoding={str(en_path): en_enc},
        pages=tuple(p.page for p in pages),
    )
    removed = sorted(removed_ru, key=lambda r: r.start) + sorted(removed_en, key=lambda r: r.start)
    return doc, ru, en, tuple(removed)
