"""What the review pages move through: paragraphs to decide, a paragraph's proposals, filtered flags.

Pure functions of a :class:`correct.review.state.Review`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from align.model import Flag, Proposal
from correct.review.state import UNDECIDED, FlagState, ProposalState, ProposalStatus, Review

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def accept_all_above(
    proposals: Iterable[Proposal], states: dict[str, ProposalState], threshold: float
) -> list[Proposal]:
    """Undecided proposals at or above a confidence, for the editor's one-click accept."""
    return [
        p
        for p in proposals
        if p.confidence >= threshold and states.get(p.id, UNDECIDED).status == ProposalStatus.UNDECIDED
    ]


def flag_status(state: FlagState) -> str:
    """The status a translator filters on: the verdict, or "undecided"."""
    return state.verdict or "undecided"


def filter_flags(
    review: Review, kinds: Iterable[str] = (), severities: Iterable[str] = (), statuses: Iterable[str] = ()
) -> list[Flag]:
    """Flags matching every non-empty filter (kind, severity, status), in document order."""
    kinds, severities, statuses = set(kinds), set(severities), set(statuses)
    return [
        f
        for f in review.result.flags
        if (not kinds or f.kind in kinds)
        and (not severities or f.severity in severities)
        and (not statuses or flag_status(review.flags[f.id]) in statuses)
    ]


def proposals_in_reading_order(review: Review) -> list[Proposal]:
    """Every proposal of the document as a reader meets them: by paragraph, then by offset."""
    order = {s.id: i for i, s in enumerate(review.result.ru)}
    return sorted(review.result.proposals, key=lambda p: (order.get(p.segment, len(order)), p.start))


def next_open(is_open: Sequence[bool], current: int) -> int:
    """Where the focus goes after a decision: the next open item after ``current``, else the first
    open one before it, else ``current`` (everything is decided)."""
    after = [i for i in range(current + 1, len(is_open)) if is_open[i]]
    before = [i for i in range(current) if is_open[i]]
    return (after or before or [current])[0]


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of a paragraph: what an editor can fix where nothing was proposed."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]
