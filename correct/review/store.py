"""The review store: processing results and the append-only decision log in one SQLite file.

Several reviewers write at once from the Streamlit server (one thread per
browser session) and from the CLI. SQLite in WAL mode lets readers go on while
one writer writes; every write goes through ``Store.write``, which opens
``BEGIN IMMEDIATE`` so that a writer takes the lock before it reads what it
decides on (as datasette's ``Database.execute_write_fn`` serialises writes).
A busy timeout makes a second writer wait instead of failing.

Decisions are only ever inserted (triggers refuse UPDATE and DELETE); the
current state of a document is derived from its log by ``correct.review.state``.
A re-import places every decision on the new records by its anchor, the text it is
about (:mod:`correct.review.records`), and reports those whose text is gone.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypeVar

from align.errors import InputError
from align.model import Decision, Notice, Proposal, Result, TargetKind
from correct.proposals.memory import CorrectionMemory
from correct.review import ignore_list
from correct.review.accounts import Accounts
from correct.review.decisions import effective, last_action, undo_decision
from correct.review.learning import memory_from_log
from correct.review.log import append_decision, is_orphaned, read_anchors, read_log
from correct.review.migrations import APPLICATION_ID, migrate
from correct.review.records import ImportReport, commit_import, plan_import, read_result
from correct.review.state import Progress, Review, review_of

T = TypeVar("T")

# How long a writer waits for another's lock before giving up, in milliseconds: longer than any batch.
BUSY_TIMEOUT_MS = 30_000
# A reviewer's click waits for the lock in DECIDE_TRIES tries of DECIDE_WAIT_MS each (9 s in all), then
# the app is told the store is busy and keeps the decision to save again (ui/app_pages/common.py).
DECIDE_WAIT_MS = 3_000
DECIDE_TRIES = 3
# An import is planned on a snapshot and committed in a short write; a decision arriving in between
# makes the plan stale, and it is made again, up to this many times.
IMPORT_PLANS = 5


class StoreBusy(InputError):
    """The write lock stayed taken (an import, another process) past the bounded wait; nothing was written."""


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DocumentSummary",
    "ImportReport",
    "Store",
    "StoreBusy",
    "StoreMemory",
    "connect",
]


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the documents page."""

    id: str
    title: str
    imported_at: str
    progress: Progress
    notices: tuple[Notice, ...] = ()  # the document-level warnings of its result


def connect(path: Path, wait_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and a busy timeout."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=wait_ms / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
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
    def _connection(self, wait_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Connection]:
        conn = connect(self.path, wait_ms)
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

    def write(
        self, fn: Callable[[sqlite3.Connection], T], *, wait_ms: int = BUSY_TIMEOUT_MS, tries: int = 1
    ) -> T:
        """The one way to change the store: ``fn`` runs inside BEGIN IMMEDIATE ... COMMIT.

        Either everything ``fn`` wrote is committed or nothing is (an exception
        or a killed process rolls it back). The lock is waited for ``wait_ms`` at
        each of ``tries`` tries; then ``StoreBusy`` says so in one line.
        """
        for _ in range(tries):
            try:
                return self._write_once(fn, wait_ms)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
        waited = wait_ms * tries / 1000
        raise StoreBusy(
            f"{self.path}: the review store is busy (another writer held it for {waited:.0f} s); "
            "nothing was written, try again"
        )

    def write_decisions(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """A write that a reviewer waits for: the bounded wait of DECIDE_TRIES x DECIDE_WAIT_MS."""
        return self.write(fn, wait_ms=DECIDE_WAIT_MS, tries=DECIDE_TRIES)

    def _write_once(self, fn: Callable[[sqlite3.Connection], T], wait_ms: int) -> T:
        with self._connection(wait_ms) as conn:
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
        """Load (or replace) a document's records; decisions stay, placed by their anchors.

        Planned on a snapshot (re-anchoring, encoding: the slow part), then written in one
        short transaction, so that reviewers' decisions wait a moment at most.
        """
        for _ in range(IMPORT_PLANS):
            plan = self.read(lambda conn: plan_import(conn, result))
            report = self.write(functools.partial(commit_import, plan=plan))
            if report is not None:
                return report
        raise StoreBusy(
            f"{self.path}: decisions on {result.document.id} kept arriving during the import; try again"
        )

    # -- reading ----------------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return self.read(lambda conn: [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")])

    def result(self, doc: str) -> Result:
        """The document as imported (no decisions applied)."""
        return self.read(lambda conn: read_result(conn, doc))

    def decisions(self, doc: str | None = None) -> list[Decision]:
        """The decision log, oldest first (all documents when ``doc`` is None)."""
        return self.read(lambda conn: read_log(conn, doc))

    def review(self, doc: str) -> Review:
        """The document with every decision in force: what the pages show and exports use."""
        result, decisions = self.read(lambda conn: (read_result(conn, doc), read_log(conn, doc)))
        return review_of(result, decisions)

    def documents(self) -> list[DocumentSummary]:
        """Every document with its review progress."""
        rows = self.read(lambda conn: conn.execute("SELECT id, title, imported_at FROM documents").fetchall())
        reviews = [self.review(r["id"]) for r in rows]
        return [
            DocumentSummary(r["id"], r["title"], r["imported_at"], review.progress, review.result.notices)
            for r, review in zip(rows, reviews, strict=True)
        ]

    def versions(self) -> dict[str, str]:
        """Each document's version: its import time and newest decision. A document whose version is
        unchanged has the same review state, so what is derived from it can be cached (one query)."""
        sql = (
            "SELECT d.id, d.imported_at || '#' || coalesce(max(x.seq), 0) FROM documents d"
            " LEFT JOIN decisions x ON x.doc = d.id GROUP BY d.id ORDER BY d.id"
        )
        return dict(self.read(lambda conn: conn.execute(sql).fetchall()))

    def memory(self) -> CorrectionMemory:
        """What the proposer learns from every document's decisions in force (correct.review.learning)."""
        return self.read(lambda conn: memory_from_log(read_log(conn, None), read_anchors(conn, None)))

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

        batch = uuid.uuid4().hex[:16]  # one action: one undo takes all of it back
        decisions = [d if d.batch else replace(d, batch=batch) for d in decisions]

        def log(conn: sqlite3.Connection) -> list[Decision]:
            logged = [append_decision(conn, d) for d in decisions]
            ignore_list.remember(conn, logged, read_result)
            return logged

        return self.write_decisions(log)

    def add_fix(self, doc: str, proposal: Proposal, decision: Decision) -> list[Decision]:
        """An editor's own fix of text nobody proposed (``own_fix``): the record and its edit, at once."""

        def add(conn: sqlite3.Connection) -> list[Decision]:
            position = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM proposals WHERE doc = ?", (doc,)
            )
            conn.execute(
                "INSERT OR IGNORE INTO proposals VALUES (?, ?, ?, ?, ?, ?)",
                (doc, proposal.id, proposal.segment, proposal.confidence, position.fetchone()[0],
                 json.dumps(asdict(proposal), ensure_ascii=False)),
            )  # fmt: skip
            return [append_decision(conn, replace(decision, batch=uuid.uuid4().hex[:16]))]

        return self.write_decisions(add)

    @property
    def accounts(self) -> Accounts:
        """Users, sign-in and an admin's revert (correct.review.accounts)."""
        return Accounts(self.read, self.write, self.write_decisions)

    def undo_last(self, doc: str, reviewer: str, kinds: Sequence[TargetKind] = ()) -> list[Decision]:
        """Undo this reviewer's last action on a document (all decisions of its batch), among decisions
        about ``kinds`` (all kinds when empty: a page undoes only what was done on it). Returns what was
        undone, oldest first."""

        def undo(conn: sqlite3.Connection) -> list[Decision]:
            in_force = [d for d in effective(read_log(conn, doc)) if not is_orphaned(d)]
            for d in last_action(in_force, reviewer, kinds):
                append_decision(conn, undo_decision(d, reviewer))
            return last_action(in_force, reviewer, kinds)

        return self.write_decisions(undo)


@dataclass(frozen=True)
class StoreMemory:
    """A review store as the proposer's memory source, read afresh on each call (picklable for
    batch workers). A store that does not exist yet is an empty memory."""

    path: Path

    def load(self) -> CorrectionMemory:
        if not Path(self.path).is_file():
            return CorrectionMemory()
        return Store(Path(self.path)).memory()
