"""The ignore list: flag patterns translators judged "not an issue", kept in the review store.

A "not an issue" verdict records the flag's fingerprint (:func:`align.audit.fingerprint.flag_fingerprint`);
another verdict on that flag, or undoing it, takes the fingerprint back. Every import (``workbench
import``, ``process --db``, ``batch --db``) then gives each undecided flag whose fingerprint is listed
a "not an issue" verdict of its own, by the reviewer ``ignore-list``, in the log like any decision (so
it can be undone); and it reopens (undoes) a listed verdict whose flag's text has changed since. A
re-import moves the listings to the flags' new ids with their verdicts (``relocate``).
Runs inside the store's transactions (``conn``); ``load`` reads a document's Result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from align.audit.fingerprint import flag_fingerprint
from align.model import Action, Decision, Flag, Result, TargetKind, Verdict
from correct.review.decisions import effective, undo_decision, verdict_decision
from correct.review.log import append_decision, now, read_log

REVIEWER = "ignore-list"
Load = Callable[[sqlite3.Connection, str], Result]


def texts_of(result: Result) -> dict[str, str]:
    return {s.id: s.text for s in (*result.ru, *result.en)}


def remember(conn: sqlite3.Connection, logged: Sequence[Decision], load: Load) -> None:
    """List or unlist fingerprints after ``logged`` decisions (verdicts and undos of verdicts)."""
    results: dict[str, Result] = {}  # each document read once, however many verdicts it gets
    for d in logged:
        verdict = d
        if d.action == Action.UNDO:
            verdict = next((x for x in read_log(conn, d.doc) if x.seq == int(d.target)), d)
            if verdict.action == Action.VERDICT and verdict.new == Verdict.NOT_AN_ISSUE:
                _unlist(conn, verdict.doc, verdict.target)
            continue
        if verdict.target_kind != TargetKind.FLAG or verdict.action != Action.VERDICT:
            continue
        if verdict.new != Verdict.NOT_AN_ISSUE:
            _unlist(conn, d.doc, d.target)
            continue
        result = results[d.doc] if d.doc in results else results.setdefault(d.doc, load(conn, d.doc))
        flag = next((f for f in result.flags if f.id == d.target), None)
        if flag is not None:
            conn.execute(
                "INSERT OR REPLACE INTO ignored (fingerprint, kind, doc, flag, reviewer, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (flag_fingerprint(flag, texts_of(result)), flag.kind, d.doc, flag.id, d.reviewer, now()),
            )


def _unlist(conn: sqlite3.Connection, doc: str, flag_id: str) -> None:
    conn.execute("DELETE FROM ignored WHERE doc = ? AND flag = ?", (doc, flag_id))


def relocate(conn: sqlite3.Connection, doc: str, moves: dict[str, str]) -> int:
    """Follow a re-import: listed verdicts move to their flag's new id (an empty id: the flag's text
    is gone, and its listing with it). Returns how many listings were dropped."""
    sql = "SELECT * FROM ignored WHERE doc = ? AND flag = ?"
    rows = [r for old, new in moves.items() if old != new for r in conn.execute(sql, (doc, old))]
    for r in rows:
        conn.execute("DELETE FROM ignored WHERE doc = ? AND flag = ?", (doc, r["flag"]))
    kept = [(r["fingerprint"], r["kind"], doc, moves[r["flag"]], r["reviewer"], r["at"]) for r in rows]
    conn.executemany("INSERT OR REPLACE INTO ignored VALUES (?, ?, ?, ?, ?, ?)", [k for k in kept if k[3]])
    return sum(1 for k in kept if not k[3])


def apply(conn: sqlite3.Connection, result: Result) -> tuple[int, int]:
    """(flags quieted, verdicts reopened) for a document just imported."""
    listed = {r["fingerprint"]: r for r in conn.execute("SELECT * FROM ignored")}
    if not listed:
        return 0, 0
    doc, texts = result.document.id, texts_of(result)
    in_force = {d.target: d for d in effective(read_log(conn, doc)) if d.action == Action.VERDICT}
    # the document's own listed verdicts, in one query: flag id -> the fingerprint it was judged at
    own = dict(conn.execute("SELECT flag, fingerprint FROM ignored WHERE doc = ?", (doc,)).fetchall())
    quieted = reopened = 0
    for flag in result.flags:
        fingerprint = flag_fingerprint(flag, texts)
        verdict = in_force.get(flag.id)
        if verdict is not None and flag.id in own and own[flag.id] != fingerprint:
            append_decision(conn, undo_decision(verdict, REVIEWER))  # the text changed: judge it again
            _unlist(conn, doc, flag.id)
            reopened += 1
        elif verdict is None and fingerprint in listed:
            append_decision(conn, _quiet(doc, flag, listed[fingerprint]))
            quieted += 1
    return quieted, reopened


def _quiet(doc: str, flag: Flag, row: sqlite3.Row) -> Decision:
    comment = f"the same pattern was judged not an issue in {row['doc']} by {row['reviewer']}"
    return verdict_decision(doc, flag, Verdict.NOT_AN_ISSUE, REVIEWER, comment=comment)
