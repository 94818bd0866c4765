"""Re-anchoring: where each logged decision lands in a re-processed document.

A pure function of the decisions (with their anchors, :mod:`correct.review.anchors`) and
the new Result. Each decision is

- **placed** on the new record at the same text (a new id, the same words);
- **carried**: its text is still there but re-processing no longer produced that
  proposal or flag (a changed vocabulary, a re-ranked audit). The record the reviewer
  decided on is moved to the new offsets and kept, so the editor's work is not lost;
- **orphaned**: its text is gone, or could not be found without guessing. The import
  reports it; the log keeps it, and a later import where the text returns places it.

Alignment corrections are rewritten onto the new paragraph ids; whether they still
apply to the new alignment is decided when the log is replayed
(:func:`correct.review.state.corrected_links`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from align.audit.flags import make_flag
from align.model import Decision, Flag, Proposal, Result, Span, TargetKind, proposal_id
from align.serialize import flag_from_dict, proposal_from_dict
from correct.review.anchors import Anchor
from correct.review.link_edits import link_id, links_from_json, links_to_json
from correct.review.locate import LanguageText, Spot, locate, locate_paragraph

# The producer of a proposal or flag kept from an earlier import for the decision made on it.
KEPT = "review.kept"


class Outcome(StrEnum):
    PLACED = "placed"
    CARRIED = "carried"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Placement:
    """A decision re-expressed against the new import: its target (and, for links, old/new)."""

    seq: int
    outcome: Outcome
    target: str | None = None  # None when orphaned
    old: str | None = None
    new: str | None = None
    reason: str = ""  # why it was orphaned


@dataclass(frozen=True)
class Reanchored:
    placements: tuple[Placement, ...]
    proposals: tuple[Proposal, ...] = ()  # carried into the new import
    flags: tuple[Flag, ...] = ()


@dataclass
class _Context:
    result: Result
    texts: dict[str, LanguageText]
    proposals: dict[tuple[str, int, int], Proposal]
    flags: dict[tuple, Flag]
    carried_proposals: dict[str, Proposal] = field(default_factory=dict)
    carried_flags: dict[str, Flag] = field(default_factory=dict)

    def paragraph(self, quote) -> str | None:
        seg = locate_paragraph(quote, self.texts[quote.lang])
        return seg.id if seg else None


def reanchor(decisions: Sequence[tuple[Decision, Anchor | None]], result: Result) -> Reanchored:
    """Place every decision (undo entries need no place: they name a log entry) in ``result``."""
    ctx = _Context(
        result=result,
        texts={"ru": LanguageText(result.ru), "en": LanguageText(result.en)},
        proposals={(p.segment, p.start, p.end): p for p in result.proposals},
        flags={_flag_key(f): f for f in result.flags},
    )
    placements = []
    for decision, anchor in decisions:
        if decision.target_kind == TargetKind.DECISION:
            continue
        if anchor is None:
            placements.append(_orphan(decision, "made before anchors, on a record already gone"))
        elif decision.target_kind == TargetKind.PROPOSAL:
            placements.append(_place_proposal(decision, anchor, ctx))
        elif decision.target_kind == TargetKind.FLAG:
            placements.append(_place_flag(decision, anchor, ctx))
        else:
            placements.append(_place_link(decision, anchor, ctx))
    return Reanchored(
        tuple(placements), tuple(ctx.carried_proposals.values()), tuple(ctx.carried_flags.values())
    )


def _orphan(d: Decision, reason: str) -> Placement:
    return Placement(d.seq, Outcome.ORPHANED, reason=reason)


def _place_proposal(d: Decision, anchor: Anchor, ctx: _Context) -> Placement:
    spot = locate(anchor.spans[0], ctx.texts["ru"]) if anchor.spans else None
    if spot is None:
        return _orphan(d, "its text is no longer in the document")
    seg = spot.segment.id
    found = ctx.proposals.get((seg, spot.start, spot.end))
    if found is not None:
        return Placement(d.seq, Outcome.PLACED, found.id, d.old, d.new)
    if any(p.segment == seg and p.start < spot.end and spot.start < p.end for p in ctx.result.proposals):
        return _orphan(d, "a different fix is now proposed over this text")
    old = proposal_from_dict(anchor.record)
    new_id = proposal_id(seg, spot.start, old.original)
    kept = replace(old, id=new_id, segment=seg, start=spot.start, end=spot.end, producer=KEPT)
    ctx.carried_proposals.setdefault(new_id, kept)
    return Placement(d.seq, Outcome.CARRIED, new_id, d.old, d.new)


def _flag_key(flag: Flag) -> tuple:
    def spans(side: Sequence[Span]) -> frozenset:
        return frozenset((s.segment, s.start, s.end) for s in side)

    # the paragraphs too: one span can be flagged twice, against two English paragraphs
    return (flag.kind, spans(flag.ru_spans), spans(flag.en_spans), frozenset(flag.ru), frozenset(flag.en))


def _place_flag(d: Decision, anchor: Anchor, ctx: _Context) -> Placement:
    old = flag_from_dict(anchor.record)
    spots: list[Spot | None] = [locate(q, ctx.texts[q.lang]) for q in anchor.spans]
    if any(s is None for s in spots):
        return _orphan(d, "the text of one of its spans is no longer in the document")
    moved = {
        s.segment: spot.segment.id for s, spot in zip((*old.ru_spans, *old.en_spans), spots, strict=True)
    }
    for segment_id, quote in anchor.segments:
        if segment_id not in moved:
            moved[segment_id] = ctx.paragraph(quote)
    if any(v is None for v in moved.values()):
        return _orphan(d, "a paragraph it concerns is no longer in the document")
    spans = [Span(spot.segment.id, spot.start, spot.end) for spot in spots]
    n_ru = len(old.ru_spans)
    ru = tuple(moved[s] for s in old.ru if moved[s])
    en = tuple(moved[s] for s in old.en if moved[s])
    new = replace(old, ru=ru, en=en, ru_spans=tuple(spans[:n_ru]), en_spans=tuple(spans[n_ru:]))
    found = ctx.flags.get(_flag_key(new))
    if found is not None:
        return Placement(d.seq, Outcome.PLACED, found.id, d.old, d.new)
    kept = make_flag(
        ctx.result.document.id, old.kind, old.severity, old.message,
        ru_spans=new.ru_spans, en_spans=new.en_spans, values=old.values, producer=KEPT, ru=ru, en=en,
    )  # fmt: skip
    ctx.carried_flags.setdefault(kept.id, kept)
    ctx.flags[_flag_key(kept)] = kept
    return Placement(d.seq, Outcome.CARRIED, kept.id, d.old, d.new)


def _place_link(d: Decision, anchor: Anchor, ctx: _Context) -> Placement:
    moved = {segment_id: ctx.paragraph(quote) for segment_id, quote in anchor.segments}
    if not moved or any(v is None for v in moved.values()):
        return _orphan(d, "a paragraph it names is no longer in the document")

    def rewrite(text: str | None) -> str:
        links = links_from_json(text)
        return links_to_json(
            [replace(x, ru=tuple(moved[s] for s in x.ru), en=tuple(moved[s] for s in x.en)) for x in links]
        )

    old, new = rewrite(d.old), rewrite(d.new)
    removed = json.loads(old)
    target = link_id(links_from_json(old)[0]) if removed else d.target
    return Placement(d.seq, Outcome.PLACED, target, old, new)
