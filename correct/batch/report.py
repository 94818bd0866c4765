"""The report of a batch run: one row per document plus totals, as ``run.json`` and ``run.csv``.

``run.json`` is also the batch manifest: each row keeps the input and settings
hashes that made the document's result, so that a re-run can skip what has not
changed without opening the results. Both files are rewritten atomically as
documents finish, so a killed run leaves a report of what it completed.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from align.atomic import write_text_atomic
from align.model import Result

RUN_SCHEMA = "workbench.run/1"
Status = Literal["done", "unchanged", "failed", "pending"]
SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class DocumentRow:
    """What happened to one document in a batch run (one CSV row)."""

    id: str  # document id, the stem of its result file
    source: str  # the input file(s), as messages name them
    status: Status  # done (processed now) | unchanged (skipped, result kept) | failed | pending
    output: str = ""  # result JSON path ("" when there is none)
    input_sha256: str = ""  # hash of the input file(s) and the document id
    settings_sha256: str = ""  # hash of the settings that change a result
    ru_paragraphs: int = 0
    en_paragraphs: int = 0
    unmatched_ru: int = 0  # Russian paragraphs in links with no English side
    unmatched_en: int = 0
    links: int = 0  # links with both sides; the weight of mean_link_score in totals
    mean_link_score: float | None = None  # mean score of links with both sides
    flags_by_kind: dict[str, int] = field(default_factory=dict)
    flags_by_severity: dict[str, int] = field(default_factory=dict)
    proposals: int = 0
    notices: tuple[str, ...] = ()  # kinds of the document-level notices (partial_translation, ...)
    seconds: float = 0.0  # processing time of this document (0 when unchanged)
    worker: str = ""  # host:pid of the process that made it
    peak_rss_mib: float | None = None  # that worker's peak resident memory after this document
    error: str = ""  # for failed rows: the message
    error_kind: str = ""  # "input" (bad document: kept until input or settings change) | "internal"

    @property
    def paragraphs(self) -> int:
        return self.ru_paragraphs + self.en_paragraphs


def row_from_result(result: Result, **provenance: Any) -> DocumentRow:
    """The report row of a processed document; ``provenance`` fills id, source, status, output, ..."""
    matched = [link for link in result.alignment if link.ru and link.en]
    scores = [link.score for link in matched]
    return DocumentRow(
        ru_paragraphs=len(result.ru),
        en_paragraphs=len(result.en),
        unmatched_ru=sum(len(link.ru) for link in result.alignment if not link.en),
        unmatched_en=sum(len(link.en) for link in result.alignment if not link.ru),
        links=len(matched),
        mean_link_score=round(sum(scores) / len(scores), 4) if scores else None,
        flags_by_kind=dict(sorted(Counter(f.kind for f in result.flags).items())),
        flags_by_severity=dict(sorted(Counter(f.severity for f in result.flags).items())),
        proposals=len(result.proposals),
        notices=tuple(notice.kind.value for notice in result.notices),
        **provenance,
    )


def row_from_dict(d: Mapping[str, Any]) -> DocumentRow:
    """A row read back from ``run.json``; unknown keys (from newer versions) are ignored."""
    known = {f.name for f in fields(DocumentRow)}
    row = DocumentRow(**{k: v for k, v in d.items() if k in known})
    return replace(row, notices=tuple(row.notices))  # a JSON list back to the tuple


def totals(rows: Sequence[DocumentRow], wall_seconds: float) -> dict[str, Any]:
    """Totals over all rows; throughput counts only the documents processed in this run."""
    status = Counter(row.status for row in rows)
    done = [row for row in rows if row.status == "done"]
    counted = [row for row in rows if row.status in ("done", "unchanged")]
    weight = sum(row.links for row in counted if row.mean_link_score is not None)
    score_sum = sum(row.links * row.mean_link_score for row in counted if row.mean_link_score is not None)
    kinds: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for row in counted:
        kinds.update(row.flags_by_kind)
        severities.update(row.flags_by_severity)
    noticed: dict[str, list[str]] = {}
    for row in counted:
        for kind in row.notices:
            noticed.setdefault(kind, []).append(row.id)
    paragraphs_now = sum(row.paragraphs for row in done)
    minutes = wall_seconds / 60
    return {
        "documents": len(rows),
        **{name: status.get(name, 0) for name in ("done", "unchanged", "failed", "pending")},
        "ru_paragraphs": sum(row.ru_paragraphs for row in counted),
        "en_paragraphs": sum(row.en_paragraphs for row in counted),
        "unmatched_ru": sum(row.unmatched_ru for row in counted),
        "unmatched_en": sum(row.unmatched_en for row in counted),
        "mean_link_score": round(score_sum / weight, 4) if weight else None,
        "flags_by_kind": dict(sorted(kinds.items())),
        "flags_by_severity": dict(sorted(severities.items())),
        "proposals": sum(row.proposals for row in counted),
        "documents_with_notices": dict(sorted(noticed.items())),  # {kind: [document ids]}
        "wall_seconds": round(wall_seconds, 3),
        "processing_seconds": round(sum(row.seconds for row in done), 3),
        "documents_per_minute": round(len(done) / minutes, 2) if minutes > 0 and done else None,
        "paragraphs_per_second": round(paragraphs_now / wall_seconds, 2)
        if wall_seconds > 0 and done
        else None,
        "peak_rss_mib": max((row.peak_rss_mib for row in done if row.peak_rss_mib), default=None),
    }


def report_dict(rows: Sequence[DocumentRow], header: Mapping[str, Any], wall_seconds: float) -> dict:
    """The ``run.json`` content: run header (status, settings, engine, ...), totals, then rows."""
    return {
        "schema": RUN_SCHEMA,
        **header,
        "totals": totals(rows, wall_seconds),
        "documents": [asdict(row) for row in rows],
    }


def csv_text(rows: Sequence[DocumentRow]) -> str:
    """One CSV line per document; one ``flags_<kind>`` column per flag kind seen in the run."""
    kinds = sorted({kind for row in rows for kind in row.flags_by_kind})
    scalar = [f.name for f in fields(DocumentRow) if f.name not in ("flags_by_kind", "flags_by_severity")]
    scalar.remove("notices")  # a list: one ';'-joined column after the flag counts
    columns = [
        *scalar, "flags", *(f"flags_{s}" for s in SEVERITIES), *(f"flags_{k}" for k in kinds), "notices"
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        line = {name: getattr(row, name) for name in scalar}
        line["flags"] = sum(row.flags_by_severity.values())
        line.update({f"flags_{s}": row.flags_by_severity.get(s, 0) for s in SEVERITIES})
        line.update({f"flags_{k}": row.flags_by_kind.get(k, 0) for k in kinds})
        line["notices"] = ";".join(row.notices)
        writer.writerow({k: "" if v is None else v for k, v in line.items()})
    return out.getvalue()


def write_report(out_dir: Path, report: Mapping[str, Any], rows: Sequence[DocumentRow]) -> None:
    """Write ``run.json`` and ``run.csv`` into ``out_dir``, each atomically."""
    write_text_atomic(out_dir / "run.json", json.dumps(report, ensure_ascii=False, indent=1))
    write_text_atomic(out_dir / "run.csv", csv_text(rows))


def previous_rows(out_dir: Path) -> dict[str, DocumentRow]:
    """Rows of the last run in ``out_dir`` by document id; {} when there is no readable report.

    A damaged or foreign ``run.json`` is not an error: the batch then falls back to
    the hashes recorded inside each result file.
    """
    try:
        data = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != RUN_SCHEMA:
        return {}
    rows: dict[str, DocumentRow] = {}
    for item in data.get("documents", ()):
        try:
            row = row_from_dict(item)
        except TypeError:
            continue
        rows[row.id] = row
    return rows


def as_unchanged(row: DocumentRow) -> DocumentRow:
    """A previous run's row carried into this run for a skipped document."""
    if row.status == "failed":
        return row
    return replace(row, status="unchanged", seconds=0.0)


def summary_table(report: Mapping[str, Any]) -> str:
    """The few lines the CLI prints at the end of a run."""
    t = report["totals"]
    score = "-" if t["mean_link_score"] is None else f"{t['mean_link_score']:.3f}"
    severity = ", ".join(f"{k} {v}" for k, v in t["flags_by_severity"].items()) or "none"
    kinds = ", ".join(f"{k} {v}" for k, v in t["flags_by_kind"].items()) or "none"
    rate = "-" if t["documents_per_minute"] is None else f"{t['documents_per_minute']:.1f} docs/min"
    para_rate = (
        "-" if t["paragraphs_per_second"] is None else f"{t['paragraphs_per_second']:.1f} paragraphs/s"
    )
    lines = [
        f"documents   {t['documents']}: {t['done']} processed, {t['unchanged']} unchanged, "
        f"{t['failed']} failed, {t['pending']} pending",
        f"paragraphs  {t['ru_paragraphs']} ru / {t['en_paragraphs']} en; "
        f"unmatched {t['unmatched_ru']} ru / {t['unmatched_en']} en; mean link score {score}",
        f"flags       {severity} ({kinds})",
        f"proposals   {t['proposals']}",
        f"notices     {notice_summary(t.get('documents_with_notices', {}))}",
        f"time        {t['wall_seconds']:.1f} s wall; {rate}; {para_rate}",
    ]
    return "\n".join(lines)


def notice_summary(noticed: Mapping[str, Sequence[str]], limit: int = 5) -> str:
    """``{kind: [document ids]}`` as one line: each kind with its count and first ``limit`` ids."""
    parts = []
    for kind, ids in noticed.items():
        more = f", ... and {len(ids) - limit} more" if len(ids) > limit else ""
        parts.append(f"{kind.replace('_', ' ')} {len(ids)} ({', '.join(ids[:limit])}{more})")
    return "; ".join(parts) or "none"


def failure_lines(rows: Iterable[DocumentRow], limit: int = 20) -> list[str]:
    """One line per failed document (its error names the file), at most ``limit`` and a count of the rest."""
    failed = [row for row in rows if row.status == "failed"]
    lines = [row.error if row.source in row.error else f"{row.source}: {row.error}" for row in failed[:limit]]
    if len(failed) > limit:
        lines.append(f"... and {len(failed) - limit} more failed document(s)")
    return lines
