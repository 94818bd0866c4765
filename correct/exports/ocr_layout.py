"""The corrected Russian laid back onto the scan's pages: page -> block -> line -> word, each with its box.

What every OCR writer (ALTO, PAGE, hOCR, the PDF text layer) takes. Blocks are the segments
(paragraphs): a paragraph that runs over a page break is a block on each page. Lines are the
engine's lines (``Word.line``). Words are the corrected text's (``correct.exports.word_edits``).
Words that cleaning dropped (page numbers, scan debris) belong to no segment and are not written.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from align.errors import InputError
from align.model import Page, Result
from correct.exports.word_edits import Box, EditedWord, edited_words, union

NO_GEOMETRY = "this document has no page geometry (it was not read from a scan or OCR file)"
# What every writer names as the producing software, and the XML Schema instance namespace of ALTO and PAGE
SOFTWARE = "ocr-align-workbench"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class LaidLine:
    """One line of a block: its words left to right."""

    words: tuple[EditedWord, ...]

    @property
    def box(self) -> Box:
        return union([w.box for w in self.words])

    @property
    def text(self) -> str:
        """The line's text as the page shows it: words joined by a space, a line-end hyphen kept."""
        return " ".join(w.text + ("-" if w.hyphen else "") for w in self.words)


@dataclass(frozen=True)
class LaidBlock:
    """The part of one segment that lies on one page."""

    segment: str  # the segment's id
    lines: tuple[LaidLine, ...]

    @property
    def box(self) -> Box:
        return union([line.box for line in self.lines])


@dataclass(frozen=True)
class LaidPage:
    """A page of the scan with the corrected blocks on it, in reading order."""

    page: Page
    blocks: tuple[LaidBlock, ...]


def laid_pages(result: Result, ru_texts: dict[str, str] | None = None) -> list[LaidPage]:
    """Every page of the document with its corrected words (``ru_texts``: segment id -> corrected text;
    a segment not in it keeps its text). InputError when the document has no page geometry."""
    if not any(seg.words for seg in result.ru):
        raise InputError(NO_GEOMETRY)
    texts = ru_texts or {}
    blocks: dict[int, list[LaidBlock]] = {p.number: [] for p in result.document.pages}
    for seg in result.ru:
        words = edited_words(seg, texts.get(seg.id, seg.text))
        for page, on_page in groupby(words, key=lambda w: w.page):
            lines = tuple(LaidLine(tuple(ws)) for _line, ws in groupby(on_page, key=lambda w: w.line))
            blocks.setdefault(page, []).append(LaidBlock(seg.id, lines))
    pages = {p.number: p for p in result.document.pages}
    out = []
    for number, on_page in sorted(blocks.items()):
        page = pages.get(number)
        if page is None:  # a word on a page the document does not list: the page reaches as far as its words
            right, bottom = union([b.box for b in on_page])[2:] if on_page else (0, 0)
            page = Page(number, "", right, bottom)
        out.append(LaidPage(page, tuple(on_page)))
    return out
