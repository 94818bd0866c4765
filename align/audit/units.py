"""The aligned units the checks compare: sentence pairs where sentences align, else paragraph pairs.

A check looks at a link through ``LinkView``: its segments, the text of each side, and the
sentence pairs of ``Link.sentences`` resolved to (segment id, start, end) spans, so that every
check reports spans into ``Segment.text`` without knowing how sentence ids are spelt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Link, Segment, Sentence

# "[...]": the translator's mark for text left out.
ELISION = re.compile(r"\[\s*(?:\.\s*){3}\]|\[…\]")


@dataclass(frozen=True)
class Piece:
    """A stretch of one segment's text: a whole paragraph or one sentence."""

    segment: str  # segment id
    start: int  # offsets into Segment.text
    end: int
    text: str


@dataclass(frozen=True)
class UnitPair:
    """Pieces that translate each other: one sentence link, or one paragraph link."""

    ru: tuple[Piece, ...]
    en: tuple[Piece, ...]
    score: float


@dataclass(frozen=True)
class LinkView:
    """One link with its segments resolved, and its sentence pairs (empty when none aligned)."""

    index: int  # position of the link in the alignment (document order)
    link: Link
    ru: tuple[Segment, ...]
    en: tuple[Segment, ...]
    sentence_pairs: tuple[UnitPair, ...]

    @property
    def paragraph_pair(self) -> UnitPair:
        """The whole link as one unit."""
        return UnitPair(_whole(self.ru), _whole(self.en), self.link.score)

    def text(self, lang: str) -> str:
        """The side's paragraphs joined by a blank line."""
        return "\n\n".join(seg.text for seg in (self.ru if lang == "ru" else self.en))


def _whole(segments: Sequence[Segment]) -> tuple[Piece, ...]:
    return tuple(Piece(seg.id, 0, len(seg.text), seg.text) for seg in segments)


def _sentence_index(segments: Sequence[Segment]) -> dict[str, tuple[Segment, Sentence]]:
    return {sent.id: (seg, sent) for seg in segments for sent in seg.sentences}


def _pieces(ids: Sequence[str], index: dict[str, tuple[Segment, Sentence]]) -> tuple[Piece, ...]:
    pieces = []
    for sid in ids:
        if sid in index:
            seg, sent = index[sid]
            pieces.append(Piece(seg.id, sent.start, sent.end, seg.text[sent.start : sent.end]))
    return tuple(pieces)


def link_views(ru: Sequence[Segment], en: Sequence[Segment], links: Sequence[Link]) -> tuple[LinkView, ...]:
    """Every link resolved against the segments; unknown segment ids are skipped, not fatal."""
    by_id = {seg.id: seg for seg in (*ru, *en)}
    sentences = _sentence_index((*ru, *en))
    views = []
    for i, link in enumerate(links):
        ru_segs = tuple(by_id[s] for s in link.ru if s in by_id)
        en_segs = tuple(by_id[s] for s in link.en if s in by_id)
        pairs = tuple(
            UnitPair(_pieces(s.ru, sentences), _pieces(s.en, sentences), s.score) for s in link.sentences
        )
        views.append(LinkView(i, link, ru_segs, en_segs, pairs))
    return tuple(views)


def is_editorial(text: str) -> bool:
    """Short lines, stamps and headers: all capitals, few words or mostly digits and signs.

    Unmatched editorial material (a registry stamp, "Для заметок") matters less to a translator
    than an unmatched paragraph of prose, so it is reported as a note.
    """
    letters = [c for c in text if c.isalpha()]
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) < 6 or len(letters) < 0.5 * len(text.strip() or "x"):
        return True
    upper = sum(c.isupper() for c in letters)
    return upper > 0.6 * len(letters)
