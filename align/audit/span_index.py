"""Which spans of a link's segments hold which found items, by binary search (issue 17).

The checks ask, for every quantity of a paragraph pair, whether it lies in some sentence, some
square-bracketed insertion or some unmatched sentence of the pair. Asked with ``any()`` over every
span, that is quadratic in a huge pair (a paragraph of a few thousand sentences); sorted offsets
and ``bisect`` answer the same in logarithmic time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol

from align.audit.units import Piece


class Spanned(Protocol):
    """An item located in a segment (``align.audit.numbers.Found``)."""

    @property
    def segment(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class SpanIndex:
    """Spans (segment id, start, end) that answer whether one of them contains a given stretch."""

    def __init__(self, spans: Iterable[tuple[str, int, int]]) -> None:
        by_segment: dict[str, list[tuple[int, int]]] = {}
        for segment, start, end in spans:
            by_segment.setdefault(segment, []).append((start, end))
        self._starts: dict[str, list[int]] = {}
        self._reach: dict[str, list[int]] = {}  # the largest end among the spans starting up to here
        for segment, found in by_segment.items():
            found.sort()
            self._starts[segment] = [s for s, _ in found]
            reach, furthest = [], found[0][1]
            for _, e in found:
                furthest = max(furthest, e)
                reach.append(furthest)
            self._reach[segment] = reach

    @classmethod
    def of_pieces(cls, pieces: Iterable[Piece]) -> SpanIndex:
        """The pieces' own spans."""
        return cls((p.segment, p.start, p.end) for p in pieces)

    def covers(self, item: Spanned) -> bool:
        """Whether some span of the item's segment starts at or before it and ends at or after it."""
        starts = self._starts.get(item.segment)
        if not starts:
            return False
        k = bisect_right(starts, item.start) - 1
        return k >= 0 and self._reach[item.segment][k] >= item.end


class OffsetIndex:
    """Items by segment and start offset: those inside given pieces without looking at the others."""

    def __init__(self, items: Sequence[Spanned]) -> None:
        self.items = items
        by_segment: dict[str, list[tuple[int, int]]] = {}
        for position, item in enumerate(items):
            by_segment.setdefault(item.segment, []).append((item.start, position))
        self._starts: dict[str, list[int]] = {}
        self._positions: dict[str, list[int]] = {}
        for segment, found in by_segment.items():
            found.sort()
            self._starts[segment] = [s for s, _ in found]
            self._positions[segment] = [p for _, p in found]

    def inside(self, pieces: Iterable[Piece], alive: list[bool]) -> list[int]:
        """Positions (ascending) of the live items that lie within one of the pieces."""
        out: set[int] = set()
        for piece in pieces:
            starts = self._starts.get(piece.segment)
            if not starts:
                continue
            lo, hi = bisect_left(starts, piece.start), bisect_right(starts, piece.end)
            positions = self._positions[piece.segment][lo:hi]
            out.update(j for j in positions if alive[j] and self.items[j].end <= piece.end)
        return sorted(out)
