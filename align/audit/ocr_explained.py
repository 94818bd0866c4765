"""Number flags an OCR proposal explains: "probably OCR", the proposal named, a warning at most.

The audit runs before the OCR proposals, so a Russian "279,3 млрл" against "279.3 billion" is first a
disagreement of the two texts. When a proposal over the flagged number (or just after it: the garbled
scale word) makes the Russian read a value the English has, the flag says so, names the proposal
(``values["proposal"]``, so that the translator's "OCR error" verdict can accept it) and drops from
error to warning. A fix whose only evidence is the English itself is offered as one explanation only:
the translation may be what is wrong ("70 тыс." against "20 thous."), so such a flag keeps its severity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from align.audit.numbers import same_value
from align.language.quantities import extract_quantities
from align.model import Flag, FlagKind, Proposal, Segment, Severity, Span

NEAR_CHARS = 3  # a proposal starting this close after a flagged number may be its scale word
ENGLISH_ONLY_MARK = "only the English gives this number"  # a reason of correct.proposals.number_evidence


def explain_with_proposals(
    flags: Sequence[Flag], proposals: Sequence[Proposal], ru: Sequence[Segment]
) -> tuple[Flag, ...]:
    """``flags`` with every number flag that a proposal explains rewritten to say so (ids kept)."""
    texts = {seg.id: seg.text for seg in ru}
    out = []
    for flag in flags:
        proposal = explaining(flag, proposals, texts) if flag.kind == FlagKind.NUMBER else None
        out.append(_explained(flag, proposal) if proposal else flag)
    return tuple(out)


def explaining(flag: Flag, proposals: Sequence[Proposal], texts: dict[str, str]) -> Proposal | None:
    """The proposal that, applied, makes the flag's Russian read one of its English values, or None."""
    wanted = {float(v) for v in flag.values.get("en", ())}
    if not wanted:
        return None
    for span in flag.ru_spans:
        for p in proposals:
            if p.segment == span.segment and _near(p, span) and _agrees(p, span, texts[span.segment], wanted):
                return p
    return None


def _near(p: Proposal, span: Span) -> bool:
    return p.start < span.end + NEAR_CHARS and p.end > span.start


def _agrees(p: Proposal, span: Span, text: str, wanted: set[float]) -> bool:
    """Whether the text with ``p`` applied reads one of ``wanted`` around the flagged span."""
    fixed = text[: p.start] + p.suggestion + text[p.end :]
    shift = len(p.suggestion) - (p.end - p.start)
    lo, hi = min(span.start, p.start), max(span.end, p.end) + shift
    for q in extract_quantities(fixed, "ru"):
        if q.start < hi and q.end > lo and any(same_value(r, w) for r in q.readings() for w in wanted):
            return True
    return False


def _explained(flag: Flag, p: Proposal) -> Flag:
    fix = f"the OCR proposal “{p.original}” → “{p.suggestion}” would make them agree"
    if any(ENGLISH_ONLY_MARK in r for r in p.reasons):
        message = f"{flag.message}; possibly OCR: {fix}, but only the English suggests it"
        severity = flag.severity
    else:
        message = f"{flag.message}; probably OCR: {fix}"
        severity = Severity.WARNING if flag.severity == Severity.ERROR else flag.severity
    return replace(flag, message=message, severity=severity, values={**flag.values, "proposal": [p.id]})
