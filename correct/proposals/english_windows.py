"""The linked English of a Russian token: the whole pair, or, in a huge pair, the window around it.

A token is checked against the names, numbers and Latin words of the English linked to its paragraph
(``english_evidence.py``). In a pair of normal size that is the whole linked English, as it always was
(the corpus's longest linked English is 1,337 characters). In a huge pair (a whole document in one
paragraph each side) the whole English would make each token's check cost the size of the pair, so the
proposals quadratic in it, and would give a token evidence from pages away. A link whose English
exceeds ``LINK_CHARS`` is therefore cut into blocks of consecutive sentence links (``Link.sentences``)
of at least ``BLOCK_CHARS`` of English each, and a token gets the English of its block and of the block
on either side: what the sentence alignment says it translates, with a block of slack each way for an
alignment error. A sentence link longer than a block (a paragraph with no sentence end) is cut into
pieces of about a block, its Russian and its English at the same proportion of their lengths.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Link, Segment
from correct.proposals.english_evidence import EnglishEvidence, english_evidence
from correct.proposals.tokens import Token

LINK_CHARS = 10_000  # English characters of a link up to which its English is taken whole (as ever)
BLOCK_CHARS = 2_500  # English characters of a block at least: a token's window is 3 blocks

_RUNS = re.compile(r"\d+")
Key = tuple[int, int]  # (position of a Russian segment in the document, character offset in its text)
_BEFORE_ALL: Key = (-1, 0)


@dataclass(frozen=True)
class Window:
    """The English one stretch of a Russian segment is checked against."""

    evidence: EnglishEvidence
    ru_start: int  # the Russian that stretch of English translates, offsets in the segment's text
    ru_end: float  # math.inf: to the segment's end


@dataclass(frozen=True)
class SegmentEnglish:
    """The English evidence of one Russian segment, by position in its text."""

    starts: tuple[int, ...]  # offset where each window's stretch begins; the first is 0
    windows: tuple[Window, ...]

    @classmethod
    def whole(cls, evidence: EnglishEvidence) -> SegmentEnglish:
        """One window over the whole segment: the evidence of a link of normal size."""
        return cls((0,), (Window(evidence, 0, math.inf),))

    def at(self, offset: int) -> int:
        """The index of the window a token starting at ``offset`` belongs to."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


class TokenEnglish:
    """The English evidence of each token of one segment, and the Russian numbers that English
    translates (the segment's, or its window's: a number the Russian has is no fix for another)."""

    def __init__(self, tokens: Sequence[Token], linked: SegmentEnglish | None) -> None:
        self.linked = linked
        # digit runs inside a word count too: "39-летнего" has the English's "39-year-old"
        self._digits = [
            (t.start, run)
            for t in tokens
            if any(c.isdigit() for c in t.text)
            for run in _RUNS.findall(t.text)
        ]
        self._starts = [start for start, _ in self._digits]
        self._numbers: dict[int, set[str]] = {}  # window index -> its numbers, found once

    def __call__(self, tok: Token) -> tuple[EnglishEvidence | None, set[str]]:
        """(evidence, Russian numbers) for ``tok``; (None, the segment's numbers) without English."""
        if self.linked is None:
            return None, self._window_numbers(0, 0, math.inf)
        k = self.linked.at(tok.start)
        window = self.linked.windows[k]
        return window.evidence, self._window_numbers(k, window.ru_start, window.ru_end)

    def _window_numbers(self, k: int, start: int, end: float) -> set[str]:
        if k not in self._numbers:
            lo = bisect.bisect_left(self._starts, start)
            hi = len(self._starts) if end == math.inf else bisect.bisect_left(self._starts, end)
            self._numbers[k] = {run for _, run in self._digits[lo:hi]}
        return self._numbers[k]


@dataclass(frozen=True)
class _Unit:
    """A sentence link, or a piece of a long one: where its Russian starts, and its English."""

    ru: Key | None  # None: English with no Russian (a 0-1 sentence link)
    en: str


def english_windows(
    ru: Sequence[Segment], en: Sequence[Segment], links: Sequence[Link]
) -> dict[str, SegmentEnglish]:
    """The English evidence of each Russian segment id that has linked English."""
    lazy = EnglishWindows(ru, en, links)
    return {seg.id: english for seg in ru if (english := lazy.get(seg.id)) is not None}


class EnglishWindows:
    """:func:`english_windows` a link at a time, as the segments are visited in document order.

    Only the current link's evidence is held: in a 30 MB document (56 k links) the evidence of every
    link at once was 0.45 GiB.
    """

    def __init__(self, ru: Sequence[Segment], en: Sequence[Segment], links: Sequence[Link]) -> None:
        self.ru, self.links = ru, links
        self.en_text = {seg.id: seg.text for seg in en}
        self.en = en
        self.position = {seg.id: i for i, seg in enumerate(ru)}
        self.link_of = {rid: k for k, link in enumerate(links) if link.ru and link.en for rid in link.ru}
        self._sentences: tuple[dict, dict] | None = None  # built on the first huge link
        self._current: tuple[int, dict[str, SegmentEnglish]] = (-1, {})

    def get(self, ru_id: str) -> SegmentEnglish | None:
        """The English of a Russian segment, None when it is linked to none."""
        k = self.link_of.get(ru_id)
        if k is None:
            return None
        if self._current[0] != k:
            self._current = (k, self._windows(self.links[k]))
        return self._current[1].get(ru_id)

    def _windows(self, link: Link) -> dict[str, SegmentEnglish]:
        text = " ".join(self.en_text.get(e, "") for e in link.en)
        windows = None
        if len(text) > LINK_CHARS:
            if self._sentences is None:
                at = self.position
                ru_sentences = {s.id: (at[g.id], s.start, s.end) for g in self.ru for s in g.sentences}
                self._sentences = ru_sentences, {s.id: s.text for g in self.en for s in g.sentences}
            windows = _link_windows(link, self.position, *self._sentences)
        if windows is None:
            windows = dict.fromkeys(link.ru, SegmentEnglish.whole(english_evidence(text)))
        return windows


def _link_windows(
    link: Link, position: dict[str, int], ru_sentences: dict, en_sentences: dict[str, str]
) -> dict[str, SegmentEnglish] | None:
    """The windows of each Russian segment of a huge link; None when its sentence links give none
    (no sentence links, or out of document order) and the link's English is taken whole."""
    units = _units(link, ru_sentences, en_sentences)
    if not any(u.ru is not None for u in units):
        return None
    blocks = _blocks(units)
    keys = [key for key, _ in blocks]
    if keys != sorted(keys):
        return None
    english = [text for _, text in blocks]
    evidence = [english_evidence(" ".join(english[max(0, b - 1) : b + 2])) for b in range(len(blocks))]
    return {rid: _segment_windows(position[rid], keys, evidence) for rid in link.ru if rid in position}


def _units(link: Link, ru_sentences: dict, en_sentences: dict[str, str]) -> list[_Unit]:
    """The link's sentence links in order, each one longer than a block cut into pieces."""
    out: list[_Unit] = []
    for sl in link.sentences:
        spans = [ru_sentences[s] for s in sl.ru if s in ru_sentences]
        text = " ".join(en_sentences.get(s, "") for s in sl.en)
        if len(text) <= BLOCK_CHARS or not spans:
            out.append(_Unit((spans[0][0], spans[0][1]) if spans else None, text))
        else:
            out.extend(_pieces(spans, text))
    return out


def _pieces(spans: list[tuple[int, int, int]], text: str) -> list[_Unit]:
    """A long sentence link in pieces of about a block: piece j starts j/n of the way through both its
    Russian (``spans``: (segment position, start, end) of its sentences) and its English ``text``, the
    English cut at a space so that no word is halved."""
    n = len(text) // BLOCK_CHARS
    total = sum(end - start for _, start, end in spans)
    cuts = [0]
    for j in range(1, n):
        space = text.find(" ", j * len(text) // n)
        cuts.append(space if space > cuts[-1] else cuts[-1])
    cuts.append(len(text))
    out, k, passed = [], 0, 0  # spans[k] holds the next piece's start; passed: Russian before spans[k]
    for j in range(n):
        chars = j * total // n
        while k + 1 < len(spans) and chars - passed >= spans[k][2] - spans[k][1]:
            passed += spans[k][2] - spans[k][1]
            k += 1
        pos, start, end = spans[k]
        out.append(_Unit((pos, min(start + chars - passed, end)), text[cuts[j] : cuts[j + 1]]))
    return out


def _blocks(units: list[_Unit]) -> list[tuple[Key, str]]:
    """Consecutive units in blocks of at least BLOCK_CHARS of English, each holding some Russian:
    [(where the block's Russian starts, its English)]."""
    blocks: list[tuple[Key, list[str]]] = []
    start: Key | None = None
    texts: list[str] = []
    chars = 0
    for unit in units:
        start = start if start is not None else unit.ru
        texts.append(unit.en)
        chars += len(unit.en)
        if start is not None and chars >= BLOCK_CHARS:
            blocks.append((start, texts))
            start, texts, chars = None, [], 0
    if start is not None:
        blocks.append((start, texts))
    elif texts:
        blocks[-1][1].extend(texts)  # English after the last Russian joins the last block
    return [(key, " ".join(t)) for key, t in blocks]


def _segment_windows(pos: int, keys: list[Key], evidence: list[EnglishEvidence]) -> SegmentEnglish:
    """The windows of the Russian segment at ``pos``: one per block that covers some of its text."""
    first = max(0, bisect.bisect_right(keys, (pos, 0)) - 1)
    last = max(first, bisect.bisect_left(keys, (pos + 1, 0)) - 1)
    starts, windows = [], []
    for b in range(first, last + 1):
        starts.append(keys[b][1] if b > first else 0)
        lo = keys[b - 1] if b > 0 else _BEFORE_ALL
        hi = keys[b + 2] if b + 2 < len(keys) else None
        ru_start = lo[1] if lo[0] == pos else 0
        ru_end = hi[1] if hi is not None and hi[0] == pos else math.inf
        windows.append(Window(evidence[b], ru_start, ru_end))
    return SegmentEnglish(tuple(starts), tuple(windows))
