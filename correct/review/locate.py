"""Finding a quote again in a re-processed document: exact with context, then by context, then fuzzy.

The order is that of Hypothesis's anchoring (dom-anchor-text-quote), and it never guesses:

1. the exact text with its whole prefix and suffix; equal candidates are told apart by
   the nearest position hint;
2. the exact text where most of its context still matches: the candidate with the
   longest matching context, if it has at least ``MIN_CONTEXT`` characters of it and no
   other candidate has as many;
3. the exact text alone, if it occurs once in the document and is long enough
   (``MIN_UNIQUE``) to be the same words;
4. for a whole paragraph only, the paragraph whose text is closest (rapidfuzz ratio
   at least ``MIN_PARAGRAPH_RATIO``), when no other comes as close.

Anything else is reported as not found.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from align.model import Segment
from correct.review.anchors import Quote

# Matching context characters needed to place a quote whose context changed (a sentence end
# edited next to a word still leaves most of its 64 characters of context).
MIN_CONTEXT = 8
# A quote found once in the whole document, with none of its context, is placed only if it is
# at least this long: a short word ("и", "1955") recurs by chance, a long phrase does not.
MIN_UNIQUE = 12
# A paragraph that was edited (a full stop removed, a word fixed in the source) is still the
# same paragraph at this rapidfuzz ratio (0-100); a different paragraph of the same document
# scores far lower.
MIN_PARAGRAPH_RATIO = 90.0
# The best paragraph must beat the second best by this much, or the match is ambiguous.
PARAGRAPH_MARGIN = 3.0
_SEPARATOR = "\x00"  # never in cleaned text: no quote matches across two paragraphs


@dataclass(frozen=True)
class Spot:
    """Where a quote was found: a segment and offsets into its text."""

    segment: Segment
    start: int
    end: int


class LanguageText:
    """One language's paragraphs joined into one searchable string."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = tuple(segments)
        self.starts: list[int] = []
        offset = 0
        for seg in self.segments:
            self.starts.append(offset)
            offset += len(seg.text) + len(_SEPARATOR)
        self.text = _SEPARATOR.join(seg.text for seg in self.segments)
        self._by_text: dict[str, list[Segment]] = {}
        for seg in self.segments:
            self._by_text.setdefault(seg.text, []).append(seg)

    def occurrences(self, exact: str) -> Iterator[int]:
        i = self.text.find(exact) if exact else -1
        while i >= 0:
            yield i
            i = self.text.find(exact, i + 1)

    def spot(self, offset: int, length: int) -> Spot:
        k = bisect.bisect_right(self.starts, offset) - 1
        start = offset - self.starts[k]
        return Spot(self.segments[k], start, start + length)

    def with_text(self, text: str) -> list[Segment]:
        return self._by_text.get(text, [])


def _context_score(text: str, offset: int, quote: Quote) -> tuple[int, bool]:
    """Characters of the quote's context that match around ``offset``, and whether all do."""
    before = text[max(0, offset - len(quote.prefix)) : offset]
    end = offset + len(quote.exact)
    after = text[end : end + len(quote.suffix)]
    left = 0
    while left < len(before) and before[-1 - left] == quote.prefix[-1 - left]:
        left += 1
    right = 0
    while right < len(after) and after[right] == quote.suffix[right]:
        right += 1
    return left + right, left == len(quote.prefix) and right == len(quote.suffix)


def locate(quote: Quote, text: LanguageText) -> Spot | None:
    """Where a span quote is in the new text (steps 1-3 of the module docstring), or None."""
    scored = []
    for offset in text.occurrences(quote.exact):
        score, whole = _context_score(text.text, offset, quote)
        spot = text.spot(offset, len(quote.exact))
        scored.append((whole, score, -abs(spot.segment.start + spot.start - quote.position), spot))
    if not scored:
        return None
    whole = [s for s in scored if s[0]]
    if whole:
        return max(whole, key=lambda s: s[2])[3]
    scored.sort(key=lambda s: s[1], reverse=True)
    best = scored[0]
    if best[1] >= MIN_CONTEXT and (len(scored) == 1 or scored[1][1] < best[1]):
        return best[3]
    if len(scored) == 1 and len(quote.exact.strip()) >= MIN_UNIQUE:
        return best[3]
    return None


def locate_paragraph(quote: Quote, text: LanguageText) -> Segment | None:
    """The paragraph of the new text that a whole-paragraph quote names (step 4 when edited)."""
    same = text.with_text(quote.exact)
    if same:
        return min(same, key=lambda seg: abs(seg.start - quote.position))
    cutoff = (MIN_PARAGRAPH_RATIO - PARAGRAPH_MARGIN) / 100
    shortest = cutoff / (2 - cutoff)  # the ratio 2m/(a+b) cannot reach the cutoff below this length ratio
    n = len(quote.exact)
    scores = sorted(
        (
            (fuzz.ratio(quote.exact, seg.text, score_cutoff=cutoff * 100), seg)
            for seg in text.segments
            if min(n, len(seg.text)) >= shortest * max(n, len(seg.text))
        ),
        key=lambda s: s[0],
        reverse=True,
    )
    if not scores or scores[0][0] < MIN_PARAGRAPH_RATIO:
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - PARAGRAPH_MARGIN:
        return None
    return scores[0][1]
