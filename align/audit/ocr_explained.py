"""Number flags an OCR proposal explains: "probably OCR", the proposal named, a warning at most.

The audit runs before the OCR proposals, so a Russian "279,3 млрл" against "279.3 billion" is first a
disagreement of the two texts. When a proposal over the flagged number (or just after it: the garbled
scale word) makes the Russian read a value the English has, the flag says so, names the proposal
(``values["proposal"]``, so that the translator's "OCR error" verdict can accept it) and drops from
error to warning. A fix whose only evidence is the English itself is offered as one explanation only:
the translation may be what is wrong ("70 тыс." against "20 thous."), so such a flag keeps its severity.

Issue 17: the proposals near a flag are looked up by offset, not scanned for every flag, and in a
paragraph longer than ``LOCAL_MAX_CHARS`` the fixed text is read again only around the proposal
(``CONTEXT_CHARS`` either side, cut at spaces): re-reading a 200,000-character paragraph for each
flag made the stage quadratic. A quantity reaches at most a few words beyond the fix it overlaps.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from align.audit.numbers import same_value
from align.language.quantities import extract_quantities
from align.model import Flag, FlagKind, Proposal, Segment, Severity, Span

NEAR_CHARS = 3  # a proposal starting this close after a flagged number may be its scale word
ENGLISH_ONLY_MARK = "only the English gives this number"  # a reason of correct.proposals.number_evidence
LOCAL_MAX_CHARS = 8192  # a segment up to this long is read whole, as before issue 17
CONTEXT_CHARS = 400  # in a longer one, this much text either side of the fix and the flag


class ProposalIndex:
    """The proposals of each segment by start offset, for the ones near a span."""

    def __init__(self, proposals: Sequence[Proposal]) -> None:
        by_segment: dict[str, list[tuple[int, int]]] = {}
        self._longest: dict[str, int] = {}
        for i, p in enumerate(proposals):
            by_segment.setdefault(p.segment, []).append((p.start, i))
            self._longest[p.segment] = max(self._longest.get(p.segment, 0), p.end - p.start)
        self.proposals = proposals
        self._starts = {seg: sorted(found) for seg, found in by_segment.items()}
        self._keys = {seg: [start for start, _ in found] for seg, found in self._starts.items()}

    def near(self, span: Span) -> list[Proposal]:
        """The proposals ``_near`` the span, in their original order."""
        keys = self._keys.get(span.segment)
        if not keys:
            return []
        # a proposal ending after span.start starts after span.start - the segment's longest proposal
        lo = bisect_right(keys, span.start - self._longest[span.segment])
        hi = bisect_left(keys, span.end + NEAR_CHARS)
        found = sorted(i for _, i in self._starts[span.segment][lo:hi])
        return [self.proposals[i] for i in found if _near(self.proposals[i], span)]


def explain_with_proposals(
    flags: Sequence[Flag], proposals: Sequence[Proposal], ru: Sequence[Segment]
) -> tuple[Flag, ...]:
    """``flags`` with every number flag that a proposal explains rewritten to say so (ids kept)."""
    texts = {seg.id: seg.text for seg in ru}
    index = ProposalIndex(proposals)
    out = []
    for flag in flags:
        proposal = explaining(flag, index, texts) if flag.kind == FlagKind.NUMBER else None
        out.append(_explained(flag, proposal) if proposal else flag)
    return tuple(out)


def explaining(
    flag: Flag, proposals: Sequence[Proposal] | ProposalIndex, texts: dict[str, str]
) -> Proposal | None:
    """The proposal that, applied, makes the flag's Russian read one of its English values, or None.

    ``proposals``: the document's, or their ``ProposalIndex`` when many flags are asked about.
    """
    wanted = {float(v) for v in flag.values.get("en", ())}
    if not wanted:
        return None
    index = proposals if isinstance(proposals, ProposalIndex) else ProposalIndex(proposals)
    for span in flag.ru_spans:
        for p in index.near(span):
            if _agrees(p, span, texts[span.segment], wanted):
                return p
    return None


def _near(p: Proposal, span: Span) -> bool:
    return p.start < span.end + NEAR_CHARS and p.end > span.start


def _agrees(p: Proposal, span: Span, text: str, wanted: set[float]) -> bool:
    """Whether the text with ``p`` applied reads one of ``wanted`` around the flagged span."""
    lo, hi = min(span.start, p.start), max(span.end, p.end)
    begin, end = _context(text, lo, hi)
    fixed = text[begin : p.start] + p.suggestion + text[p.end : end]
    shift = len(p.suggestion) - (p.end - p.start)
    lo, hi = lo - begin, hi - begin + shift
    for q in extract_quantities(fixed, "ru"):
        if q.start < hi and q.end > lo and any(same_value(r, w) for r in q.readings() for w in wanted):
            return True
    return False


def _context(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The stretch of ``text`` read around [lo, hi): all of a segment of normal length, else
    ``CONTEXT_CHARS`` either side, widened to the next space so that no word is cut."""
    if len(text) <= LOCAL_MAX_CHARS:
        return 0, len(text)
    begin = text.rfind(" ", 0, max(lo - CONTEXT_CHARS, 0)) + 1 if lo > CONTEXT_CHARS else 0
    end = text.find(" ", min(hi + CONTEXT_CHARS, len(text)))
    return begin, len(text) if end < 0 else end


def _explained(flag: Flag, p: Proposal) -> Flag:
    fix = f"the OCR proposal “{p.original}” → “{p.suggestion}” would make them agree"
    if any(ENGLISH_ONLY_MARK in r for r in p.reasons):
        message = f"{flag.message}; possibly OCR: {fix}, but only the English suggests it"
        severity = flag.severity
    else:
        message = f"{flag.message}; probably OCR: {fix}"
        severity = Severity.WARNING if flag.severity == Severity.ERROR else flag.severity
    return replace(flag, message=message, severity=severity, values={**flag.values, "proposal": [p.id]})
