"""The decision log: append one decision, read a document's decisions, oldest first.

Each function runs inside a transaction that :class:`correct.review.store.Store` opens
(``read`` or ``write``). The table only grows: triggers refuse UPDATE and DELETE
(:mod:`correct.review.migrations`).

Each decision on a proposal, flag or link gets an anchor (:mod:`correct.review.anchors`)
in the ``anchors`` table as it is logged. A re-import places every decision on the new
records (:mod:`correct.review.reanchor`) and keeps the result in ``placements``;
``read_log`` returns decisions as placed on the current import, an orphaned one with an
empty target so that it matches nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

from align.errors import InputError
from align.model import Action, Decision, TargetKind
from align.serialize import flag_from_dict, proposal_from_dict, segment_from_dict
from correct.review.anchors import (
    Anchor,
    anchor_from_json,
    anchor_to_json,
    flag_anchor,
    link_anchor,
    proposal_anchor,
    segments_needed,
)
from correct.review.reanchor import Outcome, Placement


def now() -> str:
    """Decision time: ISO 8601 in UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_PLACED = (
    "SELECT d.*, p.outcome AS p_outcome, p.target AS p_target, p.old AS p_old, p.new AS p_new"
    " FROM decisions d LEFT JOIN placements p ON p.doc = d.doc AND p.seq = d.seq"
)
_NOWHERE = "[]"  # the old/new of an orphaned alignment correction: it removes and adds nothing


def read_log(conn: sqlite3.Connection, doc: str | None, *, placed: bool = True) -> list[Decision]:
    """The decisions of one document (all documents when ``doc`` is None), oldest first.

    ``placed``: as placed on the current import (the default; what state is derived
    from). Otherwise as they were recorded, with the ids of the import they were made on.
    """
    where = "" if doc is None else " WHERE d.doc = ?"
    rows = conn.execute(_PLACED + where + " ORDER BY d.seq", () if doc is None else (doc,))
    return [_from_row(r, placed) for r in rows]


def _from_row(row: sqlite3.Row, placed: bool) -> Decision:
    fields = dict(row)
    outcome, target, old, new = (fields.pop(k) for k in ("p_outcome", "p_target", "p_old", "p_new"))
    if placed and outcome == Outcome.ORPHANED:
        fields["target"] = ""  # matches no record of the current import
        if fields["target_kind"] == TargetKind.LINK:
            fields.update(old=_NOWHERE, new=_NOWHERE)
    elif placed and outcome is not None:
        fields.update(target=target, old=old, new=new)
    return Decision(
        **{**fields, "action": Action(fields["action"]), "target_kind": TargetKind(fields["target_kind"])}
    )


def is_orphaned(d: Decision) -> bool:
    """A decision (as ``read_log`` places it) that the current import has no place for."""
    return d.target_kind != TargetKind.DECISION and d.target == ""


def read_anchors(conn: sqlite3.Connection, doc: str | None) -> dict[int, Anchor]:
    """Decision seq -> its anchor, for one document (all documents when ``doc`` is None)."""
    if doc is None:
        rows = conn.execute("SELECT seq, anchor FROM anchors")
    else:
        rows = conn.execute("SELECT seq, anchor FROM anchors WHERE doc = ?", (doc,))
    return {r[0]: anchor_from_json(r[1]) for r in rows}


def anchor_of(conn: sqlite3.Connection, d: Decision) -> Anchor | None:
    """The anchor of a decision on the records now in the store (None for an undo, or a missing target)."""
    record = None
    table = {TargetKind.PROPOSAL: "proposals", TargetKind.FLAG: "flags"}.get(d.target_kind)
    if table:
        sql = f"SELECT record FROM {table} WHERE doc = ? AND id = ?"
        row = conn.execute(sql, (d.doc, d.target)).fetchone()
        if row is None:
            return None
        record = json.loads(row[0])
    ids = segments_needed(d, record)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT record FROM segments WHERE doc = ? AND id IN ({marks})", (d.doc, *ids))
    segments = {seg.id: seg for seg in (segment_from_dict(json.loads(r[0])) for r in rows)}
    if d.target_kind == TargetKind.PROPOSAL:
        seg = segments.get(record["segment"])
        return proposal_anchor(proposal_from_dict(record), seg) if seg else None
    if d.target_kind == TargetKind.FLAG:
        return flag_anchor(flag_from_dict(record), segments)
    if d.target_kind == TargetKind.LINK:
        return link_anchor(d, segments)
    return None


def save_anchor(conn: sqlite3.Connection, d: Decision) -> None:
    """Anchor a logged decision on the current records, once (a backfill never replaces one)."""
    anchor = anchor_of(conn, d)
    if anchor is not None:
        conn.execute(
            "INSERT OR IGNORE INTO anchors (seq, doc, anchor) VALUES (?, ?, ?)",
            (d.seq, d.doc, anchor_to_json(anchor)),
        )


def save_placements(conn: sqlite3.Connection, doc: str, placements: list[Placement]) -> None:
    """Replace the document's placements with those of a new import."""
    conn.execute("DELETE FROM placements WHERE doc = ?", (doc,))
    conn.executemany(
        "INSERT INTO placements (doc, seq, outcome, target, old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc, p.seq, str(p.outcome), p.target, p.old, p.new, p.reason) for p in placements],
    )


def append_decision(conn: sqlite3.Connection, d: Decision) -> Decision:
    """Insert one decision after checking that its target exists in the store; returns it as logged."""
    if d.action not in tuple(Action):
        raise InputError(f"unknown action {d.action!r}; use one of {tuple(str(a) for a in Action)}")
    if not d.reviewer.strip():
        raise InputError("a decision needs a reviewer name")
    table = {TargetKind.PROPOSAL: "proposals", TargetKind.FLAG: "flags"}.get(d.target_kind)
    if (
        table
        and conn.execute(f"SELECT 1 FROM {table} WHERE doc = ? AND id = ?", (d.doc, d.target)).fetchone()
        is None
    ):
        raise InputError(f"no {d.target_kind} {d.target!r} in document {d.doc!r}")
    if d.target_kind == TargetKind.DECISION:
        row = conn.execute(
            "SELECT action FROM decisions WHERE seq = ? AND doc = ?", (int(d.target), d.doc)
        ).fetchone()
        if row is None or row[0] == Action.UNDO:
            raise InputError(f"decision {d.target} cannot be undone")
    at = now()
    cur = conn.execute(
        "INSERT INTO decisions (doc, target_kind, target, action, old, new, reviewer, comment, at, batch)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            d.doc,
            str(d.target_kind),
            d.target,
            str(d.action),
            d.old,
            d.new,
            d.reviewer,
            d.comment,
            at,
            d.batch,
        ),
    )
    logged = replace(d, seq=cur.lastrowid, at=at)
    save_anchor(conn, logged)
    return logged
