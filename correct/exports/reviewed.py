"""Exports of a reviewed document: what the review app's Exports page downloads.

They reflect the decisions: the corrected text applies accepted and edited proposals
(and nothing undecided), TMX uses the corrected alignment, the audit report carries the
translators' verdicts, and the decision log is the audit trail. Each calls the same
exporter as the command line (:mod:`correct.exports.apply`, :mod:`correct.exports.bitext`,
:mod:`correct.exports.audit_report`) on the reviewed result.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace

from align.model import Action, Decision, Result, TargetKind
from correct.exports.apply import chosen_changes, corrected_segments
from correct.exports.audit_report import VerdictNote, render_report
from correct.exports.bitext import render_bitext
from correct.review.state import Review


def reviewed_result(review: Review) -> Result:
    """The imported Result with the reviewers' alignment corrections: what the exporters take."""
    return replace(review.result, alignment=review.links)


def corrected_segments_by_id(review: Review) -> dict[str, str]:
    """Each Russian segment's text with every accepted or edited proposal applied (undecided ones are not).

    An accept applies the suggestion the editor saw, even if a re-import changed it since.
    """
    result = review.result
    suggestion = {p.id: p.suggestion for p in result.proposals}
    decisions = [
        Decision(
            doc=result.document.id,
            target_kind=TargetKind.PROPOSAL,
            target=pid,
            action=Action.ACCEPT if state.replacement == suggestion[pid] else Action.EDIT,
            new=state.replacement,
        )
        for pid, state in review.proposals.items()
        if state.replacement is not None
    ]
    changes = chosen_changes(result, min_confidence=None, decisions=decisions)
    return dict(zip((s.id for s in result.ru), corrected_segments(result, changes), strict=True))


def corrected_text(review: Review) -> str:
    """The corrected Russian text, paragraphs separated by blank lines."""
    return "\n\n".join(corrected_segments_by_id(review).values()) + "\n"


def tmx(review: Review) -> str:
    """TMX 1.4b of the reviewed alignment, with the corrected Russian text."""
    return render_bitext(reviewed_result(review), "tmx", ru_texts=corrected_segments_by_id(review))


def verdict_notes(review: Review) -> dict[str, VerdictNote]:
    """Each decided flag's verdict, with who gave it and their comment, for the report."""
    return {
        flag_id: VerdictNote(state.verdict, state.reviewer, state.comment)
        for flag_id, state in review.flags.items()
        if state.verdict is not None
    }


def audit_xlsx(review: Review) -> bytes:
    """The audit report as an XLSX workbook: a summary sheet, then a sheet per check kind."""
    from correct.exports.audit_batch import render_batch

    doc = review.result.document.id
    return render_batch([reviewed_result(review)], "xlsx", {doc: verdict_notes(review)})


def audit_csv(review: Review) -> str:
    """The audit report as CSV (one row per flag, with the translators' verdicts)."""
    return render_report(reviewed_result(review), "csv", verdict_notes(review))


def audit_html(review: Review) -> str:
    """The audit report as a standalone HTML page; every text is escaped (OCR text is untrusted)."""
    return render_report(reviewed_result(review), "html", verdict_notes(review))


def decisions_csv(review: Review) -> str:
    """The document's whole decision log (the audit trail) as CSV."""
    out = io.StringIO()
    names = [f.name for f in fields(Decision)]
    writer = csv.writer(out)
    writer.writerow(names)
    for d in review.decisions:
        writer.writerow([getattr(d, name) for name in names])
    return out.getvalue()
