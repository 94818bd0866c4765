"""The audit report for translators: a result's flags grouped by severity and kind, as CSV, JSON or HTML.

Every function takes a ``Result`` (and optionally the reviewers' verdicts, ``{flag id: VerdictNote}``,
or a plain verdict string per flag) and returns
text, so the CLI writes it to a file and the Streamlit app offers it as a download. The HTML is
self-contained (inline CSS, no scripts), shows the Russian and the English side by side with the
flagged spans in ``<mark>``, and escapes every piece of document text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from align.errors import InputError
from align.model import Flag, FlagKind, Result, Severity, Span

FORMATS = ("csv", "html", "json")
SEVERITY_ORDER = tuple(Severity)  # errors first
KIND_ORDER = tuple(FlagKind)  # within a severity: numbers, omissions, additions, names, ...
CSV_COLUMNS = ("id", "severity", "kind", "message", "ru_text", "en_text", "ru_segments", "en_segments",
               "values", "producer", "verdict", "reviewer", "comment")  # fmt: skip


@dataclass(frozen=True)
class VerdictNote:
    """A translator's judgement of a flag as the review store records it."""

    value: str  # an align.model.Verdict (ocr_error | translation_error | not_an_issue) or a caller's own word
    reviewer: str = ""
    comment: str = ""


Verdicts = Mapping[str, VerdictNote | str | None]  # a plain string: a verdict with no reviewer or comment


def _verdict(verdicts: Verdicts | None, flag_id: str) -> VerdictNote | None:
    found = (verdicts or {}).get(flag_id)
    return VerdictNote(found) if isinstance(found, str) else found


def _rank(order: Sequence[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


def flag_groups(result: Result) -> list[tuple[Severity, FlagKind, list[Flag]]]:
    """(severity, kind, flags) groups: errors first, kinds in a fixed order, flags in result order."""
    groups: dict[tuple[Severity, FlagKind], list[Flag]] = {}
    for flag in result.flags:
        groups.setdefault((flag.severity, flag.kind), []).append(flag)
    keys = sorted(groups, key=lambda k: (_rank(SEVERITY_ORDER, k[0]), _rank(KIND_ORDER, k[1]), k[1]))
    return [(severity, kind, groups[(severity, kind)]) for severity, kind in keys]


def span_text(result: Result, span: Span) -> str:
    """The text a span covers ("" when its segment is not in the result)."""
    seg = result.segments_by_id.get(span.segment)
    return seg.text[span.start : span.end] if seg else ""


def _side_text(result: Result, flag: Flag, lang: str) -> str:
    spans = flag.ru_spans if lang == "ru" else flag.en_spans
    return " … ".join(" ".join(span_text(result, s).split()) for s in spans)


def flag_record(result: Result, flag: Flag, verdicts: Verdicts | None = None) -> dict:
    """One flag as a flat, JSON-ready record with the flagged text of both sides."""
    return {
        "id": flag.id,
        "severity": flag.severity,
        "kind": flag.kind,
        "message": flag.message,
        "ru_text": _side_text(result, flag, "ru"),
        "en_text": _side_text(result, flag, "en"),
        "ru_segments": list(flag.ru),
        "en_segments": list(flag.en),
        "ru_spans": [[s.segment, s.start, s.end] for s in flag.ru_spans],
        "en_spans": [[s.segment, s.start, s.end] for s in flag.en_spans],
        "values": flag.values,
        "producer": flag.producer,
        **_verdict_fields(_verdict(verdicts, flag.id)),
    }


def _verdict_fields(verdict: VerdictNote | None) -> dict:
    if verdict is None:
        return {"verdict": None, "reviewer": None, "comment": None}
    return {"verdict": verdict.value, "reviewer": verdict.reviewer, "comment": verdict.comment}


def render_csv(result: Result, verdicts: Verdicts | None = None) -> str:
    """One row per flag, grouped by severity and kind; lists and values as JSON in their cells."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for _severity, _kind, flags in flag_groups(result):
        for flag in flags:
            row = flag_record(result, flag, verdicts)
            for key in ("ru_segments", "en_segments", "values"):
                row[key] = json.dumps(row[key], ensure_ascii=False)
            writer.writerow(row)
    return out.getvalue()


def render_json(result: Result, verdicts: Verdicts | None = None) -> str:
    """{"document", "counts": {severity: {kind: n}}, "groups": [{"severity", "kind", "flags": [...]}]}."""
    groups = flag_groups(result)
    counts: dict[str, dict[str, int]] = {}
    for severity, kind, flags in groups:
        counts.setdefault(severity, {})[kind] = len(flags)
    report = {
        "document": result.document.id,
        "flags": len(result.flags),
        "counts": counts,
        "groups": [
            {"severity": s, "kind": k, "flags": [flag_record(result, f, verdicts) for f in flags]}
            for s, k, flags in groups
        ],
    }
    return json.dumps(report, ensure_ascii=False, indent=1)


def marked_html(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, with each (start, end) span wrapped in <mark>; overlapping spans merge."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, pos = [], 0
    for start, end in merged:
        parts.append(escape(text[pos:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    parts.append(escape(text[pos:]))
    return "".join(parts)


def _side_html(result: Result, segment_ids: Sequence[str], spans: Sequence[Span]) -> str:
    blocks = []
    for seg_id in segment_ids:
        seg = result.segments_by_id.get(seg_id)
        if seg is None:
            continue
        marks = [(s.start, s.end) for s in spans if s.segment == seg_id]
        blocks.append(f'<p title="{escape(seg_id)}">{marked_html(seg.text, marks)}</p>')
    return "".join(blocks) or '<p class="none">(no counterpart)</p>'


CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td{vertical-align:top;padding:.4em;border-top:1px solid #eee}
td.msg{width:22%} td p{margin:.2em 0;white-space:pre-wrap} mark{background:#ffe066}
.error{color:#b00020} .warning{color:#a15c00} .note{color:#555} .none{color:#999;font-style:italic}
.id{font-size:.75em;color:#888;word-break:break-all}
"""


def render_html(result: Result, verdicts: Verdicts | None = None) -> str:
    """A self-contained page: one section per (severity, kind), Russian and English side by side."""
    doc = escape(result.document.id)
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Audit: {doc}</title>"]
    out.append(f"<style>{CSS}</style></head><body><h1>Audit of {doc}: {len(result.flags)} flags</h1>")
    title = result.document.metadata.get("title")
    if title:
        out.append(f"<p class='title'>{escape(title)}</p>")
    if not result.flags:
        out.append("<p>No discrepancies were flagged.</p>")
    for severity, kind, flags in flag_groups(result):
        out.append(f"<h2 class='{escape(severity)}'>{escape(severity)} · {escape(kind)} ({len(flags)})</h2>")
        out.append("<table><tr><th>Flag</th><th>Russian</th><th>English</th></tr>")
        for flag in flags:
            verdict = _verdict(verdicts, flag.id)
            shown = ""
            if verdict:
                by = f" by {escape(verdict.reviewer)}" if verdict.reviewer else ""
                note = f": <i>{escape(verdict.comment)}</i>" if verdict.comment else ""
                shown = f"<br><b>verdict:</b> {escape(verdict.value)}{by}{note}"
            out.append(
                f"<tr id='{escape(flag.id)}'><td class='msg'><span class='{escape(flag.severity)}'>"
                f"{escape(flag.message)}</span>{shown}<div class='id'>{escape(flag.id)}</div></td>"
                f"<td>{_side_html(result, flag.ru, flag.ru_spans)}</td>"
                f"<td>{_side_html(result, flag.en, flag.en_spans)}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def render_report(result: Result, fmt: str, verdicts: Verdicts | None = None) -> str:
    """The report in ``fmt`` ("csv", "html" or "json"); InputError for another format."""
    renderers = {"csv": render_csv, "html": render_html, "json": render_json}
    if fmt not in renderers:
        raise InputError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return renderers[fmt](result, verdicts)
