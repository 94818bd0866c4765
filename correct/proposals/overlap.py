"""Overlapping proposals: which of several fixes over the same characters is kept.

The proposer keeps the most confident of proposals that overlap, and ``workbench apply``
does the same with decided proposals ranked above undecided ones: both call this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from align.model import Proposal


def by_confidence(proposal: Proposal) -> tuple[float, ...]:
    """The default priority: the more confident proposal wins."""
    return (proposal.confidence,)


def non_overlapping(
    proposals: Iterable[Proposal], priority: Callable[[Proposal], tuple[float, ...]] = by_confidence
) -> list[Proposal]:
    """The proposals that overlap no proposal of higher ``priority`` (input order breaks ties)."""
    kept: list[Proposal] = []
    for p in sorted(proposals, key=priority, reverse=True):
        if all(p.end <= k.start or p.start >= k.end for k in kept):
            kept.append(p)
    return kept
