"""What the proposer learns from review, derived from the decision log's current state.

The log is the only record of decisions; the correction memory (rejected pairs, accepted
words, confusion counts: :class:`correct.proposals.memory.CorrectionMemory`) is a pure
function of it. Each proposal counts once, by the decision in force on it now:

- accepted: the (original, suggestion) pair is learned;
- edited to the suggestion: an accept, not a rejection;
- edited to other text: that text is learned and the suggestion turned down;
- rejected: the suggestion is turned down;
- undone, or decided again: only the decision now in force counts, so an undo unlearns.

``correct.review.store.StoreMemory`` hands a review store's memory to the proposer (``process --db``,
``batch --db``); ``workbench memory export`` writes it to a file for runs without a store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from align.model import PROPOSAL_ACTIONS, Action, Decision, TargetKind
from correct.proposals.memory import CorrectionMemory
from correct.proposals.tokens import normalise
from correct.review.anchors import Anchor
from correct.review.decisions import effective


def memory_from_log(decisions: Sequence[Decision], anchors: Mapping[int, Anchor]) -> CorrectionMemory:
    """The correction memory that the decisions in force teach (``decisions`` as placed, oldest first)."""
    in_force: dict[tuple[str, str], Decision] = {}
    for d in effective(decisions):
        if d.target_kind == TargetKind.PROPOSAL and d.action in PROPOSAL_ACTIONS:
            in_force[(d.doc, d.target or f"#{d.seq}")] = d  # an orphan keeps its lesson, on its own
    accepted: Counter = Counter()
    rejected: Counter = Counter()
    for d in in_force.values():
        original, suggestion = _pair(d, anchors.get(d.seq))
        if d.action == Action.REJECT or (d.action == Action.EDIT and d.new != suggestion):
            rejected[(normalise(original), normalise(suggestion))] += 1
        if d.action == Action.ACCEPT or d.action == Action.EDIT:
            accepted[(normalise(original), normalise(d.new or ""))] += 1
    return CorrectionMemory(accepted=dict(accepted), rejected=dict(rejected))


def _pair(d: Decision, anchor: Anchor | None) -> tuple[str, str]:
    """(original, suggestion) of the proposal decided on: from its anchored record, else from old/new."""
    record = anchor.record if anchor else {}
    if "original" in record:
        return record["original"], record["suggestion"]
    if d.action == Action.REJECT:
        return d.new or "", d.old or ""
    return d.old or "", d.new or ""
