"""Where a proposal lies on the scan: its words' boxes, its line's box, the boxes of a whole page.

A proposal's ``start``/``end`` index its segment's text, and so do the segment's OCR words
(``Segment.words``), so the words a proposal is about are those its span overlaps. Its line is every
word of the segment on the same page and ``line``: the editor reads the fix in that context. Pure:
boxes in, boxes out, in the page image's pixels ``(x0, y0, x1, y1)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Page, Proposal, Result, Segment, Word

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class ScanSpot:
    """A proposal on its page: the boxes of its words and of the line(s) they stand on."""

    page: Page
    words: tuple[Box, ...]  # the proposal's words, in text order
    line: Box  # the union of its words' lines on this page


@dataclass(frozen=True)
class PageMark:
    """A proposal's word box on a page, for the page view (``n``: the proposal's place in the list)."""

    n: int  # 0-based index into the proposals the marks were made from
    proposal: str  # Proposal.id
    box: Box


def union(boxes: Sequence[Box]) -> Box:
    """The smallest box holding every box (at least one)."""
    assert boxes, "union of no boxes"
    return (
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )  # fmt: skip


def span_words(segment: Segment, start: int, end: int) -> tuple[Word, ...]:
    """The segment's words that ``text[start:end]`` overlaps; an empty span (an insertion) takes the
    word it touches, so that a proposal to insert a letter still points at its place."""
    if end > start:
        return tuple(w for w in segment.words if w.start < end and w.end > start)
    return tuple(w for w in segment.words if w.start <= start <= w.end)[:1]


def line_words(segment: Segment, words: Sequence[Word]) -> tuple[Word, ...]:
    """Every word of the segment on the same page and line as one of ``words``."""
    lines = {(w.page, w.line) for w in words}
    return tuple(w for w in segment.words if (w.page, w.line) in lines)


def page_of(result: Result, number: int) -> Page | None:
    """The document's page ``number`` (None when the document has no such page)."""
    return next((p for p in result.document.pages if p.number == number), None)


def proposal_spot(result: Result, proposal: Proposal) -> ScanSpot | None:
    """Where ``proposal`` lies on the scan; None for a text-only document or a span without OCR words.

    A proposal over a page break (a word rejoined from two pages) is shown on its first word's page.
    """
    words = span_words(result.segment(proposal.segment), proposal.start, proposal.end)
    page = page_of(result, words[0].page) if words else None
    if page is None:
        return None
    words = tuple(w for w in words if w.page == page.number)
    line = line_words(result.segment(proposal.segment), words)
    return ScanSpot(page, tuple(w.box for w in words), union([w.box for w in line]))


def widen(box: Box, width: int, height: int, margin: float) -> Box:
    """``box`` grown by ``margin`` times its height on every side, kept inside a ``width`` x ``height``
    page: the crop shows the line's ascenders and descenders and a little of the paper around it."""
    pad = max(2, round((box[3] - box[1]) * margin))
    return (max(0, box[0] - pad), max(0, box[1] - pad), min(width, box[2] + pad), min(height, box[3] + pad))


def page_marks(result: Result, proposals: Sequence[Proposal], number: int) -> list[PageMark]:
    """The word boxes of ``proposals`` on page ``number``, one mark per word, in the proposals' order."""
    marks = []
    for n, p in enumerate(proposals):
        words = span_words(result.segment(p.segment), p.start, p.end)
        marks += [PageMark(n, p.id, w.box) for w in words if w.page == number]
    return marks


def proposal_page(result: Result, proposal: Proposal) -> int | None:
    """The number of the page the proposal is shown on (None when it has none)."""
    spot = proposal_spot(result, proposal)
    return spot.page.number if spot is not None else None
