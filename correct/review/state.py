"""Where a document's review stands: the imported Result plus every decision in force.

A pure function of the import and the log (:func:`review_of`): the later decision wins,
an undone one no longer counts, and an alignment correction whose links are gone (the
document was re-processed, or an earlier correction undone) is set aside and reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from align.model import (
    LINK_ACTIONS,
    PROPOSAL_ACTIONS,
    Action,
    Decision,
    Flag,
    Link,
    Proposal,
    Result,
    TargetKind,
)
from correct.review.decisions import effective
from correct.review.link_edits import link_id, links_from_json, reading_order


class ProposalStatus(StrEnum):
    UNDECIDED = "undecided"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


_STATUS = {
    Action.ACCEPT: ProposalStatus.ACCEPTED,
    Action.REJECT: ProposalStatus.REJECTED,
    Action.EDIT: ProposalStatus.EDITED,
}


@dataclass(frozen=True)
class ProposalState:
    """Where a proposal stands after the log: undecided, accepted, rejected or edited."""

    status: ProposalStatus
    replacement: str | None = None  # text that replaces original[start:end] (accepted or edited)
    reviewer: str = ""
    seq: int = 0  # the deciding decision (0 when undecided)


@dataclass(frozen=True)
class FlagState:
    """A flag's verdict after the log (``None`` while undecided)."""

    verdict: str | None = None
    comment: str = ""
    reviewer: str = ""
    seq: int = 0


UNDECIDED = ProposalState(ProposalStatus.UNDECIDED)
NO_VERDICT = FlagState()


def proposal_states(proposals: Iterable[Proposal], decisions: Iterable[Decision]) -> dict[str, ProposalState]:
    """Each proposal's state: the latest accept/reject/edit in force decides (later writer wins)."""
    states = {p.id: UNDECIDED for p in proposals}
    for d in effective(decisions):
        if d.target_kind == TargetKind.PROPOSAL and d.action in PROPOSAL_ACTIONS and d.target in states:
            replacement = d.new if d.action in (Action.ACCEPT, Action.EDIT) else None
            states[d.target] = ProposalState(_STATUS[Action(d.action)], replacement, d.reviewer, d.seq)
    return states


def flag_states(flags: Iterable[Flag], decisions: Iterable[Decision]) -> dict[str, FlagState]:
    """Each flag's verdict: the latest verdict in force decides."""
    states = {f.id: NO_VERDICT for f in flags}
    for d in effective(decisions):
        if d.target_kind == TargetKind.FLAG and d.action == Action.VERDICT and d.target in states:
            states[d.target] = FlagState(d.new, d.comment, d.reviewer, d.seq)
    return states


def corrected_links(
    links: Sequence[Link], decisions: Iterable[Decision], order: dict[str, int]
) -> tuple[tuple[Link, ...], list[Decision]]:
    """The alignment after the reviewers' merges, splits, unlinks and relinks.

    Decisions are replayed in log order; one whose removed links are no longer
    all present (an earlier correction was undone, or the document was
    re-processed) is skipped and returned so the app can say so. ``order`` maps
    segment id -> document position and keeps the links in reading order.
    """
    current = {link_id(x): x for x in links}
    skipped: list[Decision] = []
    for d in effective(decisions):
        if d.target_kind != TargetKind.LINK or d.action not in LINK_ACTIONS:
            continue
        removed = [link_id(x) for x in links_from_json(d.old)]
        if not all(r in current for r in removed):
            skipped.append(d)
            continue
        for r in removed:
            del current[r]
        for x in links_from_json(d.new):
            current[link_id(x)] = x
    return reading_order(list(current.values()), order), skipped


@dataclass(frozen=True)
class Progress:
    """How far the review of one document has got."""

    proposals: int
    proposals_decided: int
    flags: int
    flags_decided: int

    @property
    def done(self) -> bool:
        return self.proposals_decided == self.proposals and self.flags_decided == self.flags


def progress(p_states: dict[str, ProposalState], f_states: dict[str, FlagState]) -> Progress:
    """Counts of decided proposals and flags for the documents page."""
    return Progress(
        proposals=len(p_states),
        proposals_decided=sum(s.status != ProposalStatus.UNDECIDED for s in p_states.values()),
        flags=len(f_states),
        flags_decided=sum(s.verdict is not None for s in f_states.values()),
    )


@dataclass(frozen=True)
class Review:
    """One document as reviewers see it now: the import plus every decision in force."""

    result: Result  # as imported
    decisions: tuple[Decision, ...]  # the whole log of this document, oldest first
    proposals: dict[str, ProposalState]
    flags: dict[str, FlagState]
    links: tuple[Link, ...]  # the alignment after reviewers' corrections
    skipped: tuple[Decision, ...]  # alignment decisions that no longer apply

    @property
    def progress(self) -> Progress:
        return progress(self.proposals, self.flags)


def segment_order(result: Result) -> dict[str, int]:
    """Segment id -> its index within its language: the reading order of links."""
    return {s.id: i for side in (result.ru, result.en) for i, s in enumerate(side)}


def review_of(result: Result, decisions: Sequence[Decision]) -> Review:
    """Derive the current state of a document from its import and its decision log."""
    order = segment_order(result)
    links, skipped = corrected_links(result.alignment, decisions, order)
    return Review(
        result=result,
        decisions=tuple(decisions),
        proposals=proposal_states(result.proposals, decisions),
        flags=flag_states(result.flags, decisions),
        links=links,
        skipped=tuple(skipped),
    )
