"""Anchors: what a decision is about, held by its text rather than by offsets into a file.

Record ids (``<doc>/ru@<raw offset>``, ``<segment>:<start>:<word>``, a hash of spans)
are character offsets into the input file: one space added to a title shifts them
all. So every decision also keeps an anchor made from its target's text, in the
manner of the W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/):

- a ``TextQuoteSelector``: the exact text, with up to ``CONTEXT`` characters of
  prefix and suffix from its paragraph;
- a ``TextPositionSelector``: the raw-file offset, used only as a hint to choose
  between equal quotes.

A proposal is anchored by its word, a flag by its spans (and by the paragraphs it
concerns), an alignment correction by the whole text of every paragraph it names.
The anchor also keeps the target's record as the reviewer saw it, so a decision can
be carried to a re-processed document that no longer proposes the same fix
(:mod:`correct.review.reanchor` places anchors in a new result).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from align.model import Decision, Flag, Proposal, Segment, TargetKind
from correct.review.link_edits import links_from_json

# Characters of context kept on each side of a quote: the W3C examples use about 32.
CONTEXT = 32


@dataclass(frozen=True)
class Quote:
    """A stretch of one language's text: exact words, their context, and where they were."""

    lang: str
    exact: str
    prefix: str = ""  # text just before, within the same paragraph
    suffix: str = ""  # text just after, within the same paragraph
    position: int = 0  # raw-file offset at decision time: a hint, never the key


@dataclass(frozen=True)
class Anchor:
    """Everything needed to find a decision's target again in a re-processed document."""

    spans: tuple[Quote, ...] = ()  # a proposal's word; a flag's Russian then English spans
    segments: tuple[tuple[str, Quote], ...] = ()  # (segment id then, quote of its whole text)
    record: dict = field(default_factory=dict)  # the Proposal or Flag as the reviewer saw it


def quote_span(segment: Segment, start: int, end: int) -> Quote:
    """The quote of ``segment.text[start:end]`` with its context."""
    text = segment.text
    return Quote(
        lang=segment.lang,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        position=segment.start + start,
    )


def quote_segment(segment: Segment) -> Quote:
    """The quote of a whole paragraph (alignment corrections name paragraphs, not words)."""
    return Quote(lang=segment.lang, exact=segment.text, position=segment.start)


def proposal_anchor(proposal: Proposal, segment: Segment) -> Anchor:
    return Anchor(spans=(quote_span(segment, proposal.start, proposal.end),), record=asdict(proposal))


def flag_anchor(flag: Flag, segments: Mapping[str, Segment]) -> Anchor | None:
    """None when a segment the flag names is missing (the record is inconsistent)."""
    spans = (*flag.ru_spans, *flag.en_spans)
    if any(s.segment not in segments for s in spans) or any(s not in segments for s in (*flag.ru, *flag.en)):
        return None
    return Anchor(
        spans=tuple(quote_span(segments[s.segment], s.start, s.end) for s in spans),
        segments=tuple((s, quote_segment(segments[s])) for s in (*flag.ru, *flag.en)),
        record=asdict(flag),
    )


def link_segment_ids(decision: Decision) -> list[str]:
    """Every paragraph an alignment correction names, removed or added, in first-seen order."""
    ids: dict[str, None] = {}
    for link in (*links_from_json(decision.old), *links_from_json(decision.new)):
        ids.update(dict.fromkeys((*link.ru, *link.en)))
    return list(ids)


def link_anchor(decision: Decision, segments: Mapping[str, Segment]) -> Anchor | None:
    ids = link_segment_ids(decision)
    if any(s not in segments for s in ids):
        return None
    return Anchor(segments=tuple((s, quote_segment(segments[s])) for s in ids))


def segments_needed(decision: Decision, record: Mapping | None) -> list[str]:
    """The segment ids whose text an anchor of this decision quotes."""
    if decision.target_kind == TargetKind.PROPOSAL and record:
        return [record["segment"]]
    if decision.target_kind == TargetKind.FLAG and record:
        spans = [s["segment"] for s in (*record.get("ru_spans", ()), *record.get("en_spans", ()))]
        return list(dict.fromkeys([*spans, *record.get("ru", ()), *record.get("en", ())]))
    if decision.target_kind == TargetKind.LINK:
        return link_segment_ids(decision)
    return []


def anchor_to_json(anchor: Anchor) -> str:
    return json.dumps(asdict(anchor), ensure_ascii=False)


def anchor_from_json(text: str) -> Anchor:
    d = json.loads(text)
    return Anchor(
        spans=tuple(Quote(**q) for q in d.get("spans", ())),
        segments=tuple((s, Quote(**q)) for s, q in d.get("segments", ())),
        record=d.get("record", {}),
    )
