"""Review decisions and the current state derived from their log.

Reviewers never change a record: each accept, reject, edit, verdict, alignment
correction or undo is appended to a log (``correct/review/store.py`` keeps it in
SQLite). Everything the app shows and every export is a pure function of the
imported Result plus that log, so history and undo come for free and two
reviewers working at once never overwrite each other: the later decision wins.

``old``/``new`` of a decision, by action:

- accept: the proposal's original text / its suggestion (what gets applied)
- edit: the original text / the editor's own text
- reject: the suggestion turned down / the original text that stays
- verdict: the previous verdict or None / the verdict
- merge, split, unlink, relink: JSON list of the links removed / of the links added
- undo: the undone decision's action / None; ``target`` is the undone decision's seq
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.errors import InputError
from align.model import Flag, Link, Proposal, Result

PROPOSAL_ACTIONS = ("accept", "reject", "edit")
VERDICTS = ("ocr_error", "translation_error", "not_an_issue")
LINK_ACTIONS = ("merge", "split", "unlink", "relink")
ACTIONS = (*PROPOSAL_ACTIONS, "verdict", *LINK_ACTIONS, "undo")
# The score given to a pair a reviewer made: a human link is certain.
HUMAN_LINK_SCORE = 1.0


@dataclass(frozen=True)
class Decision:
    """One entry of the append-only decision log."""

    seq: int  # position in the log (SQLite rowid): the order decisions were made in
    doc: str  # document id
    target_kind: str  # proposal | flag | link | decision (for undo)
    target: str  # Proposal.id, Flag.id, link_id(...) or the undone decision's seq
    action: str  # one of ACTIONS
    old: str | None
    new: str | None
    reviewer: str
    comment: str = ""
    at: str = ""  # ISO 8601 UTC time of the write


@dataclass(frozen=True)
class DecisionDraft:
    """A decision before the store gives it a seq and a time."""

    doc: str
    target_kind: str
    target: str
    action: str
    old: str | None
    new: str | None
    reviewer: str
    comment: str = ""


@dataclass(frozen=True)
class ProposalState:
    """Where a proposal stands after the log: undecided, accepted, rejected or edited."""

    status: str  # undecided | accepted | rejected | edited
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


UNDECIDED = ProposalState("undecided")
NO_VERDICT = FlagState()
_STATUS = {"accept": "accepted", "reject": "rejected", "edit": "edited"}


def link_id(link: Link) -> str:
    """Stable id of a link: a fingerprint of its Russian and English segment ids (not its position)."""
    key = json.dumps([list(link.ru), list(link.en)], ensure_ascii=False)
    return "link:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def effective(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions still in force: undo entries and the decisions they undid are left out."""
    decisions = list(decisions)
    undone = {int(d.target) for d in decisions if d.action == "undo"}
    return [d for d in decisions if d.action != "undo" and d.seq not in undone]


def proposal_states(proposals: Iterable[Proposal], decisions: Iterable[Decision]) -> dict[str, ProposalState]:
    """Each proposal's state: the latest accept/reject/edit in force decides (later writer wins)."""
    states = {p.id: UNDECIDED for p in proposals}
    for d in effective(decisions):
        if d.target_kind == "proposal" and d.action in PROPOSAL_ACTIONS and d.target in states:
            replacement = d.new if d.action in ("accept", "edit") else None
            states[d.target] = ProposalState(_STATUS[d.action], replacement, d.reviewer, d.seq)
    return states


def flag_states(flags: Iterable[Flag], decisions: Iterable[Decision]) -> dict[str, FlagState]:
    """Each flag's verdict: the latest verdict in force decides."""
    states = {f.id: NO_VERDICT for f in flags}
    for d in effective(decisions):
        if d.target_kind == "flag" and d.action == "verdict" and d.target in states:
            states[d.target] = FlagState(d.new, d.comment, d.reviewer, d.seq)
    return states


def links_to_json(links: Sequence[Link]) -> str:
    """The ``old``/``new`` value of an alignment decision."""
    return json.dumps(
        [{"ru": list(x.ru), "en": list(x.en), "score": x.score} for x in links], ensure_ascii=False
    )


def links_from_json(text: str | None) -> tuple[Link, ...]:
    """Inverse of ``links_to_json``."""
    return tuple(
        Link(ru=tuple(x["ru"]), en=tuple(x["en"]), score=float(x["score"])) for x in json.loads(text or "[]")
    )


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
        if d.target_kind != "link" or d.action not in LINK_ACTIONS:
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


def reading_order(links: list[Link], order: dict[str, int]) -> tuple[Link, ...]:
    """Links sorted as a reader meets them; ``order`` maps segment id -> index within its language.

    A two-sided link sits at its first Russian and English indices. A one-sided
    link borrows the missing index from its two-sided neighbours (half a step
    after the pair before a Russian-only paragraph, half a step before the pair
    after an English-only one), so unmatched paragraphs stay where they were and
    a 1-0 comes before a 0-1 between the same pairs.
    """

    def first(ids: tuple[str, ...]) -> float | None:
        return min((order.get(s, 0) for s in ids), default=None)

    both = [(first(x.ru), first(x.en)) for x in links if x.ru and x.en]

    def key(x: Link) -> tuple[float, float]:
        ru, en = first(x.ru), first(x.en)
        if ru is None:
            ru = min((r for r, e in both if e > en), default=len(order)) - 0.5
        if en is None:
            en = max((e for r, e in both if r < ru), default=-1) + 0.5
        return (ru, en)

    return tuple(sorted(links, key=key))


def merge(a: Link, b: Link) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Merge two links into one (removed, added): a paragraph split by the aligner."""
    if a == b:
        raise InputError("choose two different links to merge")
    merged = Link(ru=_unique(a.ru + b.ru), en=_unique(a.en + b.en), score=HUMAN_LINK_SCORE)
    return (a, b), (merged,)


def split(link: Link, ru_at: int, en_at: int) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Split a link after its ``ru_at``-th Russian and ``en_at``-th English segment (removed, added)."""
    if not (0 <= ru_at <= len(link.ru) and 0 <= en_at <= len(link.en)):
        raise InputError(
            f"split point ({ru_at}, {en_at}) is outside the link ({len(link.ru)}-{len(link.en)})"
        )
    first = Link(ru=link.ru[:ru_at], en=link.en[:en_at], score=HUMAN_LINK_SCORE)
    second = Link(ru=link.ru[ru_at:], en=link.en[en_at:], score=HUMAN_LINK_SCORE)
    if not (first.ru or first.en) or not (second.ru or second.en):
        raise InputError("a split must leave segments on both sides of the split point")
    return (link,), (first, second)


def unlink(link: Link) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Break a wrong link: each segment becomes unmatched (1-0 or 0-1). Returns (removed, added)."""
    if not (link.ru and link.en):
        raise InputError("this link has only one side: nothing to unlink")
    added = tuple(Link(ru=(s,), en=(), score=HUMAN_LINK_SCORE) for s in link.ru)
    added += tuple(Link(ru=(), en=(s,), score=HUMAN_LINK_SCORE) for s in link.en)
    return (link,), added


def relink(
    links: Sequence[Link], ru: Sequence[str], en: Sequence[str]
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Pair these Russian and English segments, taking them out of the links that held them."""
    if not ru and not en:
        raise InputError("choose at least one segment to relink")
    chosen = set(ru) | set(en)
    removed = tuple(x for x in links if chosen & (set(x.ru) | set(x.en)))
    added = []
    for x in removed:
        rest = Link(
            ru=tuple(s for s in x.ru if s not in chosen),
            en=tuple(s for s in x.en if s not in chosen),
            score=x.score,
        )
        if rest.ru or rest.en:
            added.append(rest)
    added.append(Link(ru=tuple(ru), en=tuple(en), score=HUMAN_LINK_SCORE))
    return removed, tuple(added)


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def orphaned(
    decisions: Iterable[Decision],
    proposal_ids: set[str],
    flag_ids: set[str],
    links: Sequence[Link],
    order: dict[str, int],
) -> list[Decision]:
    """Decisions in force whose target no longer exists in a re-imported document."""
    decisions = list(decisions)
    out = [
        d
        for d in effective(decisions)
        if (d.target_kind == "proposal" and d.target not in proposal_ids)
        or (d.target_kind == "flag" and d.target not in flag_ids)
    ]
    out += corrected_links(links, decisions, order)[1]
    return sorted(out, key=lambda d: d.seq)


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
        proposals_decided=sum(s.status != "undecided" for s in p_states.values()),
        flags=len(f_states),
        flags_decided=sum(s.verdict is not None for s in f_states.values()),
    )


def paragraphs_with_proposals(segment_ids: Sequence[str], proposals: Iterable[Proposal]) -> list[str]:
    """The Russian paragraphs an editor has to visit, in document order."""
    wanted = {p.segment for p in proposals}
    return [s for s in segment_ids if s in wanted]


def next_undecided(
    paragraphs: Sequence[str],
    proposals: Iterable[Proposal],
    states: dict[str, ProposalState],
    current: int,
    step: int,
) -> int:
    """Index of the next (step=+1) or previous (step=-1) paragraph with an undecided proposal.

    Returns ``current`` when there is none in that direction, so the editor stays put.
    """
    open_segments = {p.segment for p in proposals if states.get(p.id, UNDECIDED).status == "undecided"}
    i = current + step
    while 0 <= i < len(paragraphs):
        if paragraphs[i] in open_segments:
            return i
        i += step
    return current


def accept_all_above(
    proposals: Iterable[Proposal], states: dict[str, ProposalState], threshold: float
) -> list[Proposal]:
    """Undecided proposals at or above a confidence, for the editor's one-click accept."""
    return [
        p
        for p in proposals
        if p.confidence >= threshold and states.get(p.id, UNDECIDED).status == "undecided"
    ]


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


def proposal_decision(
    doc: str, proposal: Proposal, action: str, reviewer: str, text: str | None = None, comment: str = ""
) -> DecisionDraft:
    """An accept, reject or edit of a proposal, with the old and new text the log keeps."""
    if action == "accept":
        old, new = proposal.original, proposal.suggestion
    elif action == "reject":
        old, new = proposal.suggestion, proposal.original
    elif action == "edit":
        if text is None:
            raise InputError("an edit needs the editor's text")
        old, new = proposal.original, text
    else:
        raise InputError(f"unknown proposal action {action!r}; use one of {PROPOSAL_ACTIONS}")
    return DecisionDraft(doc, "proposal", proposal.id, action, old, new, reviewer, comment)


def verdict_decision(
    doc: str, flag: Flag, verdict: str, reviewer: str, previous: FlagState = NO_VERDICT, comment: str = ""
) -> DecisionDraft:
    """A translator's verdict on a flag."""
    if verdict not in VERDICTS:
        raise InputError(f"unknown verdict {verdict!r}; use one of {VERDICTS}")
    return DecisionDraft(doc, "flag", flag.id, "verdict", previous.verdict, verdict, reviewer, comment)


def link_decision(
    doc: str, action: str, change: tuple[tuple[Link, ...], tuple[Link, ...]], reviewer: str, comment: str = ""
) -> DecisionDraft:
    """An alignment correction (``change`` from merge/split/unlink/relink) as a log entry."""
    if action not in LINK_ACTIONS:
        raise InputError(f"unknown alignment action {action!r}; use one of {LINK_ACTIONS}")
    removed, added = change
    return DecisionDraft(
        doc,
        "link",
        link_id(removed[0]),
        action,
        links_to_json(removed),
        links_to_json(added),
        reviewer,
        comment,
    )


def counterpart(links: Iterable[Link], segment_id: str) -> tuple[str, ...]:
    """The segments on the other side of the link(s) holding this segment, in link order."""
    out: list[str] = []
    for x in links:
        if segment_id in x.ru:
            out += x.en
        elif segment_id in x.en:
            out += x.ru
    return _unique(tuple(out))


def proposals_of(review: Review, segment_id: str) -> list[Proposal]:
    """A paragraph's proposals in reading order."""
    return sorted((p for p in review.result.proposals if p.segment == segment_id), key=lambda p: p.start)


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
