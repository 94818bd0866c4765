"""Where a point of a paragraph pair lies on a common axis, and which words are near it (issue 17).

The name check compares every name of one side of a paragraph pair with every word of the other:
quadratic in a huge pair (each side one paragraph of a few thousand sentences). There a name is
compared only with the words of its own sentence pair and of the blocks of ``BLOCK_CHARS``
characters next to it. The axis is the English side's character offsets; a Russian offset is
carried over through the link's sentence pairs (linearly between their ends, so an untranslated
stretch does not shift all that follows). A name's window is the English stretch between the
sentence-pair ends around it, one block more on either side: without sentence pairs, or inside one
huge sentence, that is the whole pair, as before. A link whose English side is shorter than
2 * ``BLOCK_CHARS`` has at most two blocks, which every window covers, so there every name still
sees every word: the longest link of the seeds and the corpus has 1,336 characters a side.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from align.audit.units import LinkView
from align.model import Segment

BLOCK_CHARS = 4096  # characters: a window is its sentence pair's blocks and one block either side


Window = tuple[int, int]  # the first and last block a name is compared with


def block(position: float) -> int:
    """The block of a position on the English axis."""
    return int(position // BLOCK_CHARS)


def _window(lo: float, hi: float) -> Window:
    return block(lo) - 1, block(hi) + 1


def _bases(segments: Sequence[Segment]) -> dict[str, int]:
    bases, offset = {}, 0
    for seg in segments:
        bases[seg.id] = offset
        offset += len(seg.text)
    return bases


class LinkAxis:
    """Offsets of both sides of a link on one axis, the English side's characters end to end, with
    the window each offset is compared within."""

    def __init__(self, view: LinkView) -> None:
        self._ru, self._en = _bases(view.ru), _bases(view.en)
        ru_len, en_len = sum(len(s.text) for s in view.ru), sum(len(s.text) for s in view.en)
        self._length = float(en_len)
        knots = [(0.0, 0.0)]
        for pair in view.sentence_pairs:
            ru = [self._ru[p.segment] + x for p in pair.ru if p.segment in self._ru for x in (p.start, p.end)]
            en = [self._en[p.segment] + x for p in pair.en if p.segment in self._en for x in (p.start, p.end)]
            if ru and en:
                knots += [(min(ru), min(en)), (max(ru), max(en))]
        knots.sort()
        knots.append((float(ru_len), float(en_len)))
        # both coordinates non-decreasing: a crossing sentence link must not fold the axis back
        self._xs, self._ys, top = [], [], 0.0
        for x, y in knots:
            top = max(top, y)
            self._xs.append(float(x))
            self._ys.append(top)

    def en(self, segment: str, offset: int) -> tuple[float, Window]:
        """An English segment's offset on the axis, and its window."""
        y = float(self._en.get(segment, 0) + offset)
        i = self._interval(self._ys, y)
        return y, _window(self._ys[i], self._ys[i + 1])

    def ru(self, segment: str, offset: int) -> tuple[float, Window]:
        """A Russian segment's offset carried over to the English axis (between 0 and its length),
        and its window."""
        x = self._ru.get(segment, 0) + offset
        xs, ys = self._xs, self._ys
        i = self._interval(xs, x)
        dx = xs[i + 1] - xs[i]
        y = ys[i] + (ys[i + 1] - ys[i]) * (x - xs[i]) / dx if dx > 0 else ys[i + 1]
        return min(max(y, 0.0), self._length), _window(ys[i], ys[i + 1])

    @staticmethod
    def _interval(knots: list[float], at: float) -> int:
        """The knot interval [i, i + 1] holding ``at`` (the last one that starts at or before it)."""
        return min(max(bisect_right(knots, at) - 1, 0), len(knots) - 2)


class Nearby:
    """Keys (words) of one side of a link by block: what an item in a window is compared with."""

    def __init__(self, entries: Iterable[tuple[float, str]]) -> None:
        self._blocks: dict[int, set[str]] = {}
        for position, key in entries:
            self._blocks.setdefault(block(position), set()).add(key)
        self._near: dict[Window, list[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._blocks)

    def keys(self, window: Window) -> list[str]:
        """The sorted keys of the window's blocks (sorted once per window)."""
        if window not in self._near:
            lo, hi = window
            blocks = (
                range(lo, hi + 1)
                if hi - lo < len(self._blocks)
                else [j for j in self._blocks if lo <= j <= hi]
            )
            near = set().union(*(self._blocks.get(j, ()) for j in blocks))
            self._near[window] = sorted(near)
        return self._near[window]
