"""The decision log: append one decision, read a document's decisions, oldest first.

Each function runs inside a transaction that :class:`correct.review.store.Store` opens
(``read`` or ``write``). The table only grows: triggers refuse UPDATE and DELETE
(:mod:`correct.review.migrations`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

from align.errors import InputError
from align.model import Action, Decision, TargetKind


def now() -> str:
    """Decision time: ISO 8601 in UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def read_log(conn: sqlite3.Connection, doc: str | None) -> list[Decision]:
    """The decisions of one document (all documents when ``doc`` is None), oldest first."""
    if doc is None:
        rows = conn.execute("SELECT * FROM decisions ORDER BY seq")
    else:
        rows = conn.execute("SELECT * FROM decisions WHERE doc = ? ORDER BY seq", (doc,))
    return [_from_row(r) for r in rows]


def _from_row(row: sqlite3.Row) -> Decision:
    fields = dict(row)
    return Decision(
        **{**fields, "action": Action(fields["action"]), "target_kind": TargetKind(fields["target_kind"])}
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
        "INSERT INTO decisions (doc, target_kind, target, action, old, new, reviewer, comment, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (d.doc, str(d.target_kind), d.target, str(d.action), d.old, d.new, d.reviewer, d.comment, at),
    )
    return replace(d, seq=cur.lastrowid, at=at)
