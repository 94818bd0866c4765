"""Overlapping proposals: which of several fixes over the same characters is kept.

The proposer keeps the most confident of proposals that overlap, and ``workbench apply``
does the same with decided proposals ranked above undecided ones: both call this.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from align.model import Proposal


def by_confidence(proposal: Proposal) -> tuple[float, ...]:
    """The default priority: the more confident proposal wins."""
    return (proposal.confidence,)


def non_overlapping(
    proposals: Iterable[Proposal], priority: Callable[[Proposal], tuple[float, ...]] = by_confidence
) -> list[Proposal]:
    """The proposals that overlap no proposal of higher ``priority`` (input order breaks ties).

    Two spans overlap when each starts before the other ends. The kept spans overlap no other, so
    sorted by (start, end) their ends never decrease: a span overlaps some kept one exactly when the
    last kept span starting before its end ends after its start. A bisection finds that one, where
    comparing with every kept span made a huge paragraph's thousands of proposals quadratic.
    """
    kept: list[Proposal] = []
    spans: list[tuple[int, int]] = []  # the kept spans, sorted
    for p in sorted(proposals, key=priority, reverse=True):
        j = bisect.bisect_left(spans, (p.end,))  # the kept spans starting before p ends: spans[:j]
        if j and spans[j - 1][1] > p.start:
            continue
        bisect.insort(spans, (p.start, p.end))
        kept.append(p)
    return kept
