"""The audit of many documents in one report, and the formats translators open in Excel.

``report_rows`` flattens the flags of every document (with its verdicts) into rows that name the
document and the paragraph (segment ids); ``render_batch`` writes them as JSON (with counts per
check kind and severity), CSV, CSV with a byte-order mark (so that Excel reads the Cyrillic as UTF-8)
or XLSX (openpyxl: a summary sheet of counts, then one sheet per check kind). One document is the
batch of one.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Mapping, Sequence

from align.errors import InputError
from align.model import FlagKind, Result, Severity
from correct.exports.audit_report import Verdicts, flag_groups, flag_record

BATCH_FORMATS = ("json", "csv", "csv-excel", "xlsx")
COLUMNS = ("document", "paragraph_ru", "paragraph_en", "severity", "kind", "message", "ru_text", "en_text",
           "values", "verdict", "reviewer", "comment", "id")  # fmt: skip
BOM = "\ufeff"


def report_rows(results: Sequence[Result], verdicts: Mapping[str, Verdicts] | None = None) -> list[dict]:
    """One row per flag of every document, grouped by document, then severity and kind."""
    rows = []
    for result in results:
        doc = result.document.id
        for _severity, _kind, flags in flag_groups(result):
            for flag in flags:
                record = flag_record(result, flag, (verdicts or {}).get(doc))
                rows.append(
                    {
                        "document": doc,
                        "paragraph_ru": " ".join(flag.ru),
                        "paragraph_en": " ".join(flag.en),
                        **{k: record[k] for k in COLUMNS if k in record},
                        "values": json.dumps(flag.values, ensure_ascii=False),
                    }
                )
    return rows


def counts(rows: Sequence[dict]) -> dict[str, dict[str, int]]:
    """{kind: {severity: n}} over the rows, in the audit's order of kinds and severities."""
    seen = Counter((r["kind"], r["severity"]) for r in rows)
    return {
        str(kind): {str(sev): seen[(kind, sev)] for sev in Severity if seen[(kind, sev)]}
        for kind in FlagKind
        if any(seen[(kind, sev)] for sev in Severity)
    }


def render_batch(
    results: Sequence[Result], fmt: str, verdicts: Mapping[str, Verdicts] | None = None
) -> str | bytes:
    """The report of ``results`` in ``fmt`` (:data:`BATCH_FORMATS`): text, or bytes for XLSX."""
    rows = report_rows(results, verdicts)
    if fmt == "json":
        report = {"documents": [r.document.id for r in results], "flags": len(rows), "counts": counts(rows)}
        return json.dumps({**report, "rows": rows}, ensure_ascii=False, indent=1)
    if fmt in ("csv", "csv-excel"):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return (BOM if fmt == "csv-excel" else "") + out.getvalue()
    if fmt == "xlsx":
        return _workbook(results, rows)
    raise InputError(f"unknown report format {fmt!r}: use one of {', '.join(BATCH_FORMATS)}")


def _workbook(results: Sequence[Result], rows: Sequence[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "summary"
    summary.append(["check", *(str(s) for s in Severity), "total"])
    for kind, by_severity in counts(rows).items():
        summary.append([kind, *(by_severity.get(str(s), 0) for s in Severity), sum(by_severity.values())])
    summary.append([])
    summary.append(["documents", len(results)])
    summary.append(["flags", len(rows)])
    for kind in counts(rows):
        sheet = book.create_sheet(title=kind[:31])
        sheet.append(list(COLUMNS))
        for row in rows:
            if row["kind"] == kind:
                sheet.append([_cell(row.get(c)) for c in COLUMNS])
        sheet.freeze_panes = "A2"
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value) -> str | int | float | None:
    return value if value is None or isinstance(value, int | float) else str(value)
