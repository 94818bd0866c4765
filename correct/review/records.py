"""A document's records in the store: importing a Result (with re-anchoring) and reading it back.

Each function runs inside a transaction opened by :class:`correct.review.store.Store`.
A re-import replaces the records and places every logged decision on the new ones by its
anchor (:mod:`correct.review.reanchor`): the decisions stay attached to the same text
whatever the offsets became, and what cannot be placed is reported, never guessed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, replace

from align.errors import InputError
from align.model import Action, Decision, Result
from align.serialize import result_from_dict
from correct.review import ignore_list
from correct.review.anchors import anchor_to_json
from correct.review.decisions import effective
from correct.review.link_edits import link_id
from correct.review.log import anchor_of, is_orphaned, now, read_anchors, read_log, save_placements
from correct.review.reanchor import Outcome, Reanchored, reanchor
from correct.review.state import corrected_links, segment_order

_PIECES = ("segments", "links", "flags", "proposals")


@dataclass(frozen=True)
class ImportReport:
    """What an import did: new or re-imported, how many records, which decisions no longer apply."""

    doc: str
    reimport: bool
    counts: dict[str, int]
    kept: int  # decisions in force placed on the new records (carried ones included)
    orphaned: tuple[Decision, ...]  # decisions in force whose text is gone (as recorded)
    quieted: int = 0  # flags given "not an issue" by the ignore list (ignore_list.py)
    reopened: int = 0  # listed verdicts undone because their flag's text changed
    carried: int = 0  # proposals and flags kept from the earlier import for the decisions on them
    reasons: dict[int, str] | None = None  # seq of an orphaned decision -> why


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import writes, worked out on a read snapshot before the write lock is taken.

    Re-anchoring and encoding the records take most of an import's time; the write
    transaction then only swaps rows, so a reviewer's click waits for a moment, not for
    the whole import. ``last_seq`` is the document's newest decision when planned: if a
    decision arrived since, the plan is stale and the store plans again.
    """

    result: Result  # with the carried proposals and flags
    reimport: bool
    last_seq: int
    recorded: tuple[Decision, ...]
    placed: Reanchored
    verdicts: dict[int, str]  # verdict seq -> its flag id before this import
    anchors: tuple[tuple[int, str, str], ...]  # (seq, doc, anchor JSON) of decisions logged before anchors
    rows: dict[str, list[tuple]]  # table -> rows to insert


def plan_import(conn: sqlite3.Connection, result: Result) -> ImportPlan:
    """Read what the import needs and compute every row it will write (runs in a read transaction)."""
    doc = result.document.id
    reimport = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone() is not None
    last_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM decisions WHERE doc = ?", (doc,)).fetchone()[0]
    anchors = read_anchors(conn, doc)
    placed_log = read_log(conn, doc)
    backfill = []
    for d in placed_log:  # decisions logged before anchors existed: anchor them on their import
        anchor = None if d.seq in anchors or is_orphaned(d) else anchor_of(conn, d)
        if anchor is not None:
            anchors[d.seq] = anchor
            backfill.append((d.seq, doc, anchor_to_json(anchor)))
    recorded = read_log(conn, doc, placed=False)
    placed = reanchor([(d, anchors.get(d.seq)) for d in recorded], result)
    result = replace(
        result, proposals=(*result.proposals, *placed.proposals), flags=(*result.flags, *placed.flags)
    )
    return ImportPlan(
        result=result,
        reimport=reimport,
        last_seq=last_seq,
        recorded=tuple(recorded),
        placed=placed,
        verdicts={d.seq: d.target for d in placed_log if d.action == Action.VERDICT},
        anchors=tuple(backfill),
        rows=_rows(result),
    )


def commit_import(conn: sqlite3.Connection, plan: ImportPlan) -> ImportReport | None:
    """Write a plan (in the write transaction); None when a decision arrived since it was made."""
    result, doc = plan.result, plan.result.document.id
    last_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM decisions WHERE doc = ?", (doc,)).fetchone()[0]
    if last_seq != plan.last_seq:
        return None
    conn.executemany("INSERT OR IGNORE INTO anchors (seq, doc, anchor) VALUES (?, ?, ?)", plan.anchors)
    for table in _PIECES:
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
    for table, rows in plan.rows.items():
        if not rows:
            continue
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
    save_placements(conn, doc, list(plan.placed.placements))
    history = read_log(conn, doc)
    lost = _orphaned(list(plan.recorded), history, plan.placed, result)
    counts = {
        "ru": len(result.ru),
        "en": len(result.en),
        "links": len(result.alignment),
        "flags": len(result.flags),
        "proposals": len(result.proposals),
        "carried": len(plan.placed.proposals) + len(plan.placed.flags),
    }
    conn.execute(
        "INSERT INTO imports (doc, at, counts, orphaned) VALUES (?, ?, ?, ?)",
        (doc, now(), _json(counts), _json([d.seq for d in lost])),
    )
    kept = len(effective(history)) - len(lost)
    moved = {d.seq: d.target for d in history if d.seq in plan.verdicts}
    dropped = ignore_list.relocate(conn, doc, {plan.verdicts[s]: moved[s] for s in plan.verdicts})
    quieted, reopened = ignore_list.apply(conn, result)
    reasons = {p.seq: p.reason for p in plan.placed.placements if p.outcome == Outcome.ORPHANED}
    return ImportReport(
        doc, plan.reimport, counts, kept, tuple(lost), quieted, reopened + dropped, counts["carried"], reasons
    )


def _orphaned(
    recorded: list[Decision], history: list[Decision], placed: Reanchored, result: Result
) -> list[Decision]:
    """Decisions in force that the new import has no place for (as recorded, for the report)."""
    by_seq = {d.seq: d for d in recorded}
    in_force = {d.seq for d in effective(history)}
    lost = {p.seq for p in placed.placements if p.outcome == Outcome.ORPHANED and p.seq in in_force}
    lost |= {d.seq for d in corrected_links(result.alignment, history, segment_order(result))[1]}
    return [by_seq[s] for s in sorted(lost)]


def _rows(result: Result) -> dict[str, list[tuple]]:
    """The rows of the document's tables, records encoded as JSON."""
    doc = result.document.id
    document = (
        doc,
        result.document.metadata.get("title", doc),
        _json(asdict(result.document)),
        _json([asdict(r) for r in result.removed]),
        _json(result.config),
        result.schema,
        now(),
        _json([asdict(n) for n in result.notices]),
        _json(result.similarity_map),
    )
    return {
        "documents": [document],
        "segments": [
            (doc, s.id, s.lang, i, _json(asdict(s))) for i, s in enumerate((*result.ru, *result.en))
        ],
        "links": [(doc, link_id(x), i, x.score, _json(asdict(x))) for i, x in enumerate(result.alignment)],
        "flags": [(doc, f.id, f.kind, f.severity, i, _json(asdict(f))) for i, f in enumerate(result.flags)],
        "proposals": [
            (doc, p.id, p.segment, p.confidence, i, _json(asdict(p))) for i, p in enumerate(result.proposals)
        ],
    }


def read_result(conn: sqlite3.Connection, doc: str) -> Result:
    """The document as imported (no decisions applied)."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc,)).fetchone()
    if row is None:
        raise InputError(f"no document {doc!r} in the store; import its result first")

    def records(table: str, where: str = "") -> list[dict]:
        sql = f"SELECT record FROM {table} WHERE doc = ? {where} ORDER BY position"
        return [json.loads(r[0]) for r in conn.execute(sql, (doc,))]

    return result_from_dict(
        {
            "schema": row["schema"],
            "document": json.loads(row["document"]),
            "ru": records("segments", "AND lang = 'ru'"),
            "en": records("segments", "AND lang = 'en'"),
            "removed": json.loads(row["removed"]),
            "alignment": records("links"),
            "flags": records("flags"),
            "proposals": records("proposals"),
            "config": json.loads(row["config"]),
            "notices": json.loads(row["notices"]),
            "similarity_map": json.loads(row["similarity_map"]),
        }
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
