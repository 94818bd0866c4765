"""The review store: processing results and the append-only decision log in one SQLite file.

Several reviewers write at once from the Streamlit server (one thread per
browser session) and from the CLI. SQLite in WAL mode lets readers go on while
one writer writes; every write goes through ``Store.write``, which opens
``BEGIN IMMEDIATE`` so that a writer takes the lock before it reads what it
decides on (as datasette's ``Database.execute_write_fn`` serialises writes).
A busy timeout makes a second writer wait instead of failing.

Decisions are only ever inserted (triggers refuse UPDATE and DELETE); the
current state of a document is derived from its log by ``correct.review.state``.
Records are kept by their stable ids, so a re-imported document keeps the
decisions whose targets still exist and the import reports the others.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from align.errors import InputError
from align.model import Decision, Notice, Result
from align.serialize import result_from_dict
from correct.review import ignore_list
from correct.review.decisions import effective, undo_decision
from correct.review.link_edits import link_id
from correct.review.log import append_decision, now, read_log
from correct.review.migrations import APPLICATION_ID, migrate
from correct.review.state import Progress, Review, orphaned, review_of, segment_order

T = TypeVar("T")

# How long a writer waits for another's lock before giving up, in milliseconds: longer than any batch.
BUSY_TIMEOUT_MS = 30_000
_PIECES = ("segments", "links", "flags", "proposals")


@dataclass(frozen=True)
class ImportReport:
    """What an import did: new or re-imported, how many records, which decisions no longer apply."""

    doc: str
    reimport: bool
    counts: dict[str, int]
    kept: int  # decisions in force whose target is still there
    orphaned: tuple[Decision, ...]  # decisions in force whose target is gone
    quieted: int = 0  # flags given "not an issue" by the ignore list (ignore_list.py)
    reopened: int = 0  # listed verdicts undone because their flag's text changed


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the documents page."""

    id: str
    title: str
    imported_at: str
    progress: Progress
    notices: tuple[Notice, ...] = ()  # the document-level warnings of its result


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
        return self.read(lambda conn: read_log(conn, doc))

    def review(self, doc: str) -> Review:
        """The document with every decision in force: what the pages show and exports use."""
        result, decisions = self.read(lambda conn: (_result(conn, doc), read_log(conn, doc)))
        return review_of(result, decisions)

    def documents(self) -> list[DocumentSummary]:
        """Every document with its review progress."""
        rows = self.read(lambda conn: conn.execute("SELECT id, title, imported_at FROM documents").fetchall())
        reviews = [self.review(r["id"]) for r in rows]
        return [
            DocumentSummary(r["id"], r["title"], r["imported_at"], review.progress, review.result.notices)
            for r, review in zip(rows, reviews, strict=True)
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

    def decide(self, decisions: Sequence[Decision]) -> list[Decision]:
        """Append decisions in one transaction: all of them are committed or none.

        Returns them as logged, with their ``seq`` and time.
        """

        def log(conn: sqlite3.Connection) -> list[Decision]:
            logged = [append_decision(conn, d) for d in decisions]
            ignore_list.remember(conn, logged, _result)
            return logged

        return self.write(log)

    def undo_last(self, doc: str, reviewer: str, count: int = 1) -> list[Decision]:
        """Undo this reviewer's last ``count`` decisions in force on a document (newest first)."""

        def undo(conn: sqlite3.Connection) -> list[Decision]:
            mine = [d for d in effective(read_log(conn, doc)) if d.reviewer == reviewer]
            return [append_decision(conn, undo_decision(d, reviewer)) for d in reversed(mine[-count:])]

        return self.write(undo)


# -- SQL helpers (each runs inside a transaction opened by Store.read / Store.write) -----------------


def _import(conn: sqlite3.Connection, result: Result) -> ImportReport:
    doc = result.document.id
    reimport = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone() is not None
    for table in _PIECES:
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
    conn.execute(
        "INSERT INTO documents (id, title, document, removed, config, schema, imported_at, notices)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc,
            result.document.metadata.get("title", doc),
            _json(asdict(result.document)),
            _json([asdict(r) for r in result.removed]),
            _json(result.config),
            result.schema,
            now(),
            _json([asdict(n) for n in result.notices]),
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
    history = read_log(conn, doc)
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
    quieted, reopened = ignore_list.apply(conn, result)
    return ImportReport(doc, reimport, counts, kept, tuple(lost), quieted, reopened)


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
            "notices": json.loads(row["notices"]),
        }
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
