"""The review store: processing results and the append-only decision log in one SQLite file.

Several reviewers write at once from the Streamlit server (one thread per
browser session) and from the CLI. SQLite in WAL mode lets readers go on while
one writer writes; every write goes through ``Store.write``, which opens
``BEGIN IMMEDIATE`` so that a writer takes the lock before it reads what it
decides on (as datasette's ``Database.execute_write_fn`` serialises writes).
A busy timeout makes a second writer wait instead of failing.

Decisions are only ever inserted (triggers refuse UPDATE and DELETE); the
current state of a document is derived from its log by ``correct.review.decisions``.
Records are kept by their stable ids, so a re-imported document keeps the
decisions whose targets still exist and the import reports the others.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from align.errors import InputError
from align.model import Result
from align.serialize import result_from_dict
from correct.exports.apply import Decision as ApplyDecision
from correct.exports.apply import chosen_changes, corrected_segments
from correct.exports.audit_report import Verdict, render_report
from correct.exports.bitext import render_bitext
from correct.review.decisions import (
    ACTIONS,
    Decision,
    DecisionDraft,
    Progress,
    Review,
    effective,
    link_id,
    orphaned,
    review_of,
    segment_order,
)
from correct.review.migrations import APPLICATION_ID, migrate

T = TypeVar("T")

# How long a writer waits for another's lock before giving up, in milliseconds: longer than any batch.
BUSY_TIMEOUT_MS = 30_000
# Exports apply decided proposals only: no proposal is confident enough to be applied unreviewed.
NO_AUTOMATIC_FIXES = 1.01
_PIECES = ("segments", "links", "flags", "proposals")


@dataclass(frozen=True)
class ImportReport:
    """What an import did: new or re-imported, how many records, which decisions no longer apply."""

    doc: str
    reimport: bool
    counts: dict[str, int]
    kept: int  # decisions in force whose target is still there
    orphaned: tuple[Decision, ...]  # decisions in force whose target is gone


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the documents page."""

    id: str
    title: str
    imported_at: str
    progress: Progress


def now() -> str:
    """Decision time: ISO 8601 in UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and a busy timeout."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # NORMAL is durable in WAL mode except for the last transactions on power loss (not process death).
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Store:
    """One review database. Cheap to share: each call opens its own short-lived connection."""

    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputError(f"{self.path}: no such review database (create it with `workbench import`)")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connection() as conn:
                if not create and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    raise InputError(f"{self.path}: not a workbench review store")
                migrate(conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a workbench review store ({exc})") from exc

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn = connect(self.path)
        try:
            yield conn
        finally:
            conn.close()

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` on one consistent snapshot (a read transaction)."""
        with self._connection() as conn:
            conn.execute("BEGIN")
            try:
                return fn(conn)
            finally:
                conn.execute("COMMIT")

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """The one way to change the store: ``fn`` runs inside BEGIN IMMEDIATE ... COMMIT.

        Either everything ``fn`` wrote is committed or nothing is (an exception
        or a killed process rolls it back).
        """
        with self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                out = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return out

    # -- import -----------------------------------------------------------------------------------

    def import_result(self, result: Result) -> ImportReport:
        """Load (or replace) a document's records; decisions stay, those without a target are reported."""
        return self.write(lambda conn: _import(conn, result))

    # -- reading ----------------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return self.read(lambda conn: [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")])

    def result(self, doc: str) -> Result:
        """The document as imported (no decisions applied)."""
        return self.read(lambda conn: _result(conn, doc))

    def decisions(self, doc: str | None = None) -> list[Decision]:
        """The decision log, oldest first (all documents when ``doc`` is None)."""
        return self.read(lambda conn: _decisions(conn, doc))

    def review(self, doc: str) -> Review:
        """The document with every decision in force: what the pages show and exports use."""
        result, decisions = self.read(lambda conn: (_result(conn, doc), _decisions(conn, doc)))
        return review_of(result, decisions)

    def documents(self) -> list[DocumentSummary]:
        """Every document with its review progress."""
        rows = self.read(lambda conn: conn.execute("SELECT id, title, imported_at FROM documents").fetchall())
        return [
            DocumentSummary(r["id"], r["title"], r["imported_at"], self.review(r["id"]).progress)
            for r in rows
        ]

    def imports(self, doc: str) -> list[dict]:
        """The import history of a document, newest first, with the orphaned decision seqs."""
        sql = "SELECT seq, at, counts, orphaned FROM imports WHERE doc = ? ORDER BY seq DESC"
        rows = self.read(lambda conn: conn.execute(sql, (doc,)).fetchall())
        return [
            {"seq": r["seq"], "at": r["at"], **json.loads(r["counts"]), "orphaned": json.loads(r["orphaned"])}
            for r in rows
        ]

    # -- deciding ---------------------------------------------------------------------------------

    def decide(self, drafts: Sequence[DecisionDraft]) -> list[Decision]:
        """Append decisions in one transaction: all of them are committed or none."""
        return self.write(lambda conn: [append_decision(conn, d) for d in drafts])

    def undo_last(self, doc: str, reviewer: str, count: int = 1) -> list[Decision]:
        """Undo this reviewer's last ``count`` decisions in force on a document (newest first)."""

        def undo(conn: sqlite3.Connection) -> list[Decision]:
            mine = [d for d in effective(_decisions(conn, doc)) if d.reviewer == reviewer]
            drafts = [
                DecisionDraft(doc, "decision", str(d.seq), "undo", d.action, None, reviewer)
                for d in reversed(mine[-count:])
            ]
            return [append_decision(conn, d) for d in drafts]

        return self.write(undo)


# -- SQL helpers (each runs inside a transaction opened by Store.read / Store.write) -----------------


def _import(conn: sqlite3.Connection, result: Result) -> ImportReport:
    doc = result.document.id
    reimport = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone() is not None
    for table in _PIECES:
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
    conn.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            doc,
            result.document.metadata.get("title", doc),
            _json(asdict(result.document)),
            _json([asdict(r) for r in result.removed]),
            _json(result.config),
            result.schema,
            now(),
        ),
    )
    segments = [*result.ru, *result.en]
    conn.executemany(
        "INSERT INTO segments VALUES (?, ?, ?, ?, ?)",
        [(doc, s.id, s.lang, i, _json(asdict(s))) for i, s in enumerate(segments)],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
        [(doc, link_id(x), i, x.score, _json(asdict(x))) for i, x in enumerate(result.alignment)],
    )
    conn.executemany(
        "INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?)",
        [(doc, f.id, f.kind, f.severity, i, _json(asdict(f))) for i, f in enumerate(result.flags)],
    )
    conn.executemany(
        "INSERT INTO proposals VALUES (?, ?, ?, ?, ?, ?)",
        [(doc, p.id, p.segment, p.confidence, i, _json(asdict(p))) for i, p in enumerate(result.proposals)],
    )
    history = _decisions(conn, doc)
    lost = orphaned(
        history,
        {p.id for p in result.proposals},
        {f.id for f in result.flags},
        result.alignment,
        segment_order(result),
    )
    counts = {
        "ru": len(result.ru),
        "en": len(result.en),
        "links": len(result.alignment),
        "flags": len(result.flags),
        "proposals": len(result.proposals),
    }
    conn.execute(
        "INSERT INTO imports (doc, at, counts, orphaned) VALUES (?, ?, ?, ?)",
        (doc, now(), _json(counts), _json([d.seq for d in lost])),
    )
    kept = len(effective(history)) - len(lost)
    return ImportReport(doc, reimport, counts, kept, tuple(lost))


def _result(conn: sqlite3.Connection, doc: str) -> Result:
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
        }
    )


def _decisions(conn: sqlite3.Connection, doc: str | None) -> list[Decision]:
    if doc is None:
        rows = conn.execute("SELECT * FROM decisions ORDER BY seq")
    else:
        rows = conn.execute("SELECT * FROM decisions WHERE doc = ? ORDER BY seq", (doc,))
    return [Decision(**dict(r)) for r in rows]


def append_decision(conn: sqlite3.Connection, d: DecisionDraft) -> Decision:
    """Insert one decision after checking that its target exists in the store."""
    if d.action not in ACTIONS:
        raise InputError(f"unknown action {d.action!r}; use one of {ACTIONS}")
    if not d.reviewer.strip():
        raise InputError("a decision needs a reviewer name")
    table = {"proposal": "proposals", "flag": "flags"}.get(d.target_kind)
    if (
        table
        and conn.execute(f"SELECT 1 FROM {table} WHERE doc = ? AND id = ?", (d.doc, d.target)).fetchone()
        is None
    ):
        raise InputError(f"no {d.target_kind} {d.target!r} in document {d.doc!r}")
    if d.target_kind == "decision":
        row = conn.execute(
            "SELECT action FROM decisions WHERE seq = ? AND doc = ?", (int(d.target), d.doc)
        ).fetchone()
        if row is None or row[0] == "undo":
            raise InputError(f"decision {d.target} cannot be undone")
    at = now()
    cur = conn.execute(
        "INSERT INTO decisions (doc, target_kind, target, action, old, new, reviewer, comment, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (d.doc, d.target_kind, d.target, d.action, d.old, d.new, d.reviewer, d.comment, at),
    )
    return Decision(
        cur.lastrowid, d.doc, d.target_kind, d.target, d.action, d.old, d.new, d.reviewer, d.comment, at
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# -- learning ----------------------------------------------------------------------------------------


def learn(decisions: Sequence[Decision], review: Review, memory_path: Path | None) -> int:
    """Feed editors' proposal decisions to the correction memory; returns how many were recorded.

    Accepts teach the fix, rejects teach what not to propose again, and an edit
    teaches the editor's text while turning the proposal down (as
    ``correct.proposals.memory.record_decision`` asks). Undo does not unlearn:
    the memory only counts, and one stray count is outweighed by later decisions.
    """
    if memory_path is None:
        return 0
    from correct.proposals.memory import record_decision

    proposals = {p.id: p for p in review.result.proposals}
    recorded = 0
    for d in decisions:
        p = proposals.get(d.target) if d.target_kind == "proposal" else None
        if p is None:
            continue
        if d.action in ("accept", "edit"):
            record_decision(memory_path, p.original, d.new or "", accepted=True)
        if d.action in ("reject", "edit"):
            record_decision(memory_path, p.original, p.suggestion, accepted=False)
        recorded += 1
    return recorded


# -- exports -----------------------------------------------------------------------------------------
# Exports reflect the decisions: corrected text applies accepted and edited proposals, TMX uses the
# corrected alignment, the audit report carries the verdicts. They call the library's exporters
# (correct/exports/apply.py, correct/exports/audit_report.py) on the reviewed result.


def reviewed_result(review: Review) -> Result:
    """The imported Result with the reviewers' alignment corrections: what the exporters take."""
    return replace(review.result, alignment=review.links)


def corrected_segments_by_id(review: Review) -> dict[str, str]:
    """Each Russian segment's text with every accepted or edited proposal applied (undecided ones are not).

    Uses ``correct.exports.apply``; an accept applies the suggestion the editor saw, even if a
    re-import changed it since.
    """
    result = review.result
    suggestion = {p.id: p.suggestion for p in result.proposals}
    decisions = [
        ApplyDecision(pid, "accept")
        if state.replacement == suggestion[pid]
        else ApplyDecision(pid, "edit", state.replacement)
        for pid, state in review.proposals.items()
        if state.replacement is not None
    ]
    # A confidence above 1 admits no undecided proposal: the export reflects decisions only.
    changes = chosen_changes(result, min_confidence=NO_AUTOMATIC_FIXES, decisions=decisions)
    return dict(zip((s.id for s in result.ru), corrected_segments(result, changes), strict=True))


def corrected_text(review: Review) -> str:
    """The corrected Russian text, paragraphs separated by blank lines."""
    return "\n\n".join(corrected_segments_by_id(review).values()) + "\n"


def tmx(review: Review) -> str:
    """TMX 1.4b of the reviewed alignment, with the corrected Russian text."""
    return render_bitext(reviewed_result(review), "tmx", ru_texts=corrected_segments_by_id(review))


def _verdicts(review: Review) -> dict[str, Verdict]:
    """Each decided flag's verdict, with who gave it and their comment, for the report."""
    return {
        flag_id: Verdict(state.verdict, state.reviewer, state.comment)
        for flag_id, state in review.flags.items()
        if state.verdict is not None
    }


def audit_csv(review: Review) -> str:
    """The audit report as CSV (one row per flag, with the translators' verdicts)."""
    return render_report(reviewed_result(review), "csv", _verdicts(review))


def audit_html(review: Review) -> str:
    """The audit report as a standalone HTML page; every text is escaped (OCR text is untrusted)."""
    return render_report(reviewed_result(review), "html", _verdicts(review))


def decisions_csv(review: Review) -> str:
    """The document's whole decision log (the audit trail) as CSV."""
    out = io.StringIO()
    fields = [f.name for f in dataclass_fields(Decision)]
    writer = csv.writer(out)
    writer.writerow(fields)
    for d in review.decisions:
        writer.writerow([getattr(d, name) for name in fields])
    return out.getvalue()


def filter_documents(
    documents: Sequence[DocumentSummary], query: str = "", status: str = "all"
) -> list[DocumentSummary]:
    """The documents page's search (id or title, case-insensitive) and status filter (all, open, done)."""
    q = query.strip().casefold()
    return [
        d
        for d in documents
        if (not q or q in d.id.casefold() or q in d.title.casefold())
        and (status == "all" or (status == "done") == d.progress.done)
    ]
