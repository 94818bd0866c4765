"""Making decisions: the log entries a reviewer's action becomes, and which entries are in force.

Reviewers never change a record: each accept, reject, edit, verdict, alignment correction
or undo is appended to a log (:mod:`correct.review.store` keeps it in SQLite) as an
``align.model.Decision``; what ``old``/``new`` hold for each ``Action`` is said there.
Everything the app shows and every export is derived from the imported Result plus that
log (:mod:`correct.review.state`), so history and undo come for free.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from align.errors import InputError
from align.model import (
    PROPOSAL_ACTIONS,
    Action,
    Decision,
    Flag,
    Proposal,
    Segment,
    TargetKind,
    Verdict,
    proposal_id,
)
from correct.review.link_edits import Change, link_id, links_to_json

# The producer of a fix an editor made where nothing was proposed.
EDITOR = "editor"


def effective(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions still in force: undo entries and the decisions they undid are left out."""
    decisions = list(decisions)
    undone = {int(d.target) for d in decisions if d.action == Action.UNDO}
    return [d for d in decisions if d.action != Action.UNDO and d.seq not in undone]


def proposal_decision(
    doc: str, proposal: Proposal, action: Action, reviewer: str, *, text: str | None = None, comment: str = ""
) -> Decision:
    """An accept, reject or edit of a proposal, with the old and new text the log keeps."""
    if action == Action.ACCEPT:
        old, new = proposal.original, proposal.suggestion
    elif action == Action.REJECT:
        old, new = proposal.suggestion, proposal.original
    elif action == Action.EDIT:
        if text is None:
            raise InputError("an edit needs the editor's text")
        old, new = proposal.original, text
    else:
        allowed = tuple(str(a) for a in PROPOSAL_ACTIONS)
        raise InputError(f"unknown proposal action {action!r}; use one of {allowed}")
    return Decision(
        doc=doc,
        target_kind=TargetKind.PROPOSAL,
        target=proposal.id,
        action=Action(action),
        old=old,
        new=new,
        reviewer=reviewer,
        comment=comment,
    )


def verdict_decision(
    doc: str, flag: Flag, verdict: Verdict, reviewer: str, *, previous: str | None = None, comment: str = ""
) -> Decision:
    """A translator's verdict on a flag; ``previous`` is the verdict it replaces (None: the first)."""
    if verdict not in tuple(Verdict):
        raise InputError(f"unknown verdict {verdict!r}; use one of {tuple(str(v) for v in Verdict)}")
    return Decision(
        doc=doc,
        target_kind=TargetKind.FLAG,
        target=flag.id,
        action=Action.VERDICT,
        old=previous,
        new=Verdict(verdict),
        reviewer=reviewer,
        comment=comment,
    )


def verdict_decisions(
    doc: str,
    flag: Flag,
    verdict: Verdict,
    reviewer: str,
    *,
    proposals: Sequence[Proposal] = (),
    previous: str | None = None,
    comment: str = "",
) -> list[Decision]:
    """The verdict, and with "OCR error" on a flag an OCR proposal explains (``values["proposal"]``,
    :mod:`align.audit.ocr_explained`) the accept of that proposal: one judgement, both records."""
    out = [verdict_decision(doc, flag, verdict, reviewer, previous=previous, comment=comment)]
    if verdict == Verdict.OCR_ERROR:
        wanted = set(flag.values.get("proposal", ()))
        note = f"OCR error verdict on flag {flag.id}"
        out += [
            proposal_decision(doc, p, Action.ACCEPT, reviewer, comment=note)
            for p in proposals
            if p.id in wanted
        ]
    return out


def link_decision(doc: str, action: Action, change: Change, reviewer: str, *, comment: str = "") -> Decision:
    """An alignment correction (``change`` from merge/split/unlink/relink) as a log entry."""
    if action not in (Action.MERGE, Action.SPLIT, Action.UNLINK, Action.RELINK):
        raise InputError(f"unknown alignment action {action!r}; use merge, split, unlink or relink")
    removed, added = change
    return Decision(
        doc=doc,
        target_kind=TargetKind.LINK,
        target=link_id(removed[0]),
        action=Action(action),
        old=links_to_json(removed),
        new=links_to_json(added),
        reviewer=reviewer,
        comment=comment,
    )


def last_action(
    in_force: Sequence[Decision], reviewer: str, kinds: Sequence[TargetKind] = ()
) -> list[Decision]:
    """The reviewer's last action whose last decision is about one of ``kinds`` (all when empty): every
    decision in force of its batch, oldest first (an "OCR error" verdict's accept of the fix with it;
    a decision logged without a batch is an action alone)."""
    mine = [d for d in in_force if d.reviewer == reviewer]
    chosen = [d for d in mine if not kinds or d.target_kind in kinds]
    if not chosen:
        return []
    last = chosen[-1]
    return [d for d in mine if d.batch == last.batch] if last.batch else [last]


def own_fix(
    doc: str, segment: Segment, span: tuple[int, int], text: str, reviewer: str
) -> tuple[Proposal, Decision]:
    """An editor's fix of ``segment.text[start:end]`` that nobody proposed: a proposal record
    (producer ``editor``) and the edit that applies ``text``; ``span`` is (start, end) in the text."""
    start, end = span
    original = segment.text[start:end]
    if not (0 <= start < end <= len(segment.text)) or not original.strip():
        raise InputError("choose a word of the paragraph to fix")
    if text == original:
        raise InputError("the correction is the same as the text")
    proposal = Proposal(
        id=proposal_id(segment.id, start, original),
        segment=segment.id,
        start=start,
        end=end,
        original=original,
        suggestion=text,
        confidence=1.0,
        reasons=("the editor's own fix",),
        producer=EDITOR,
    )
    return proposal, proposal_decision(doc, proposal, Action.EDIT, reviewer, text=text)


def undo_decision(undone: Decision, reviewer: str) -> Decision:
    """The log entry that takes ``undone`` back."""
    return Decision(
        doc=undone.doc,
        target_kind=TargetKind.DECISION,
        target=str(undone.seq),
        action=Action.UNDO,
        old=undone.action,
        reviewer=reviewer,
    )
