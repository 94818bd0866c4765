"""The review store's schema: numbered migrations applied in order, tracked by PRAGMA user_version.

``MIGRATIONS[i]`` takes the schema from version i to i + 1, all of them in one
``BEGIN IMMEDIATE`` transaction, so a store is never left half-migrated and two
processes opening a new store at once do not both migrate it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from align.errors import InputError
from align.wal import use_wal

log = logging.getLogger(__name__)

# Marks the file as a workbench store (PRAGMA application_id), so `review` can refuse other databases.
APPLICATION_ID = 0x57424E43  # "WBNC"

# Numbered migrations: MIGRATIONS[i] takes the schema from user_version i to i + 1. Never edit one
# that has shipped; append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        document TEXT NOT NULL,      -- Document as JSON
        removed TEXT NOT NULL,       -- Removed records as JSON
        config TEXT NOT NULL,        -- the settings that made the result
        schema TEXT NOT NULL,        -- Result schema name
        imported_at TEXT NOT NULL
    );
    CREATE TABLE segments (
        doc TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, lang TEXT NOT NULL,
        position INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (doc, id));
    CREATE TABLE links (
        doc TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL,
        position INTEGER NOT NULL, score REAL NOT NULL, record TEXT NOT NULL, PRIMARY KEY (doc, id));
    CREATE TABLE flags (
        doc TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, kind TEXT NOT NULL,
        severity TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (doc, id));
    CREATE TABLE proposals (
        doc TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, segment TEXT NOT NULL,
        confidence REAL NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (doc, id));
    CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL, target_kind TEXT NOT NULL, target TEXT NOT NULL, action TEXT NOT NULL,
        old TEXT, new TEXT, reviewer TEXT NOT NULL, comment TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX decisions_by_doc ON decisions (doc, seq);
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TABLE imports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, at TEXT NOT NULL,
        counts TEXT NOT NULL,        -- {"ru": n, "en": n, "links": n, "flags": n, "proposals": n}
        orphaned TEXT NOT NULL       -- seqs of decisions whose target this import no longer has
    );
    """,
    # 2: document-level notices (a partial translation, ...); documents imported before have none.
    """
    ALTER TABLE documents ADD COLUMN notices TEXT NOT NULL DEFAULT '[]';  -- Notice records as JSON
    """,
    # 3: the ignore list: fingerprints of flags judged "not an issue" (correct/review/ignore_list.py)
    """
    CREATE TABLE ignored (
        fingerprint TEXT NOT NULL, kind TEXT NOT NULL,
        doc TEXT NOT NULL, flag TEXT NOT NULL,   -- the flag whose verdict listed it
        reviewer TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (doc, flag));
    CREATE INDEX ignored_by_fingerprint ON ignored (fingerprint);
    """,
    # 4: anchors (a decision's target by its text, correct/review/anchors.py) and where each decision
    # lands in the current import (correct/review/reanchor.py). Decisions of older stores get their
    # anchor at their next import, from the records they were made on.
    """
    CREATE TABLE anchors (
        seq INTEGER PRIMARY KEY REFERENCES decisions(seq), doc TEXT NOT NULL,
        anchor TEXT NOT NULL);                 -- Anchor as JSON
    CREATE INDEX anchors_by_doc ON anchors (doc);
    CREATE TABLE placements (
        doc TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES decisions(seq),
        outcome TEXT NOT NULL,                 -- placed | carried | orphaned
        target TEXT, old TEXT, new TEXT,       -- the decision against the current import
        reason TEXT NOT NULL, PRIMARY KEY (doc, seq));
    """,
    # 5: decisions made by one action (an "accept all", a verdict that also accepts a fix) share a
    # batch id, so that one undo takes them all back.
    """
    ALTER TABLE decisions ADD COLUMN batch TEXT NOT NULL DEFAULT '';
    """,
    # 6: the alignment map of each document (align/alignment/similarity_map.py); none before.
    """
    ALTER TABLE documents ADD COLUMN similarity_map TEXT NOT NULL DEFAULT '[]';
    """,
    # 7: reviewers who sign in (correct/review/users.py), and every sign-in attempt.
    """
    CREATE TABLE users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL,   -- editor | translator | admin
        hash TEXT NOT NULL,                          -- Argon2id (argon2-cffi), never the password
        disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
    CREATE TABLE logins (name TEXT NOT NULL, at TEXT NOT NULL, ok INTEGER NOT NULL);
    CREATE INDEX logins_by_name ON logins (name, at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema to SCHEMA_VERSION, one numbered migration per transaction; returns the version."""
    use_wal(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{path}: store schema {version} is newer than this workbench ({SCHEMA_VERSION})"
            )
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if (version and app != APPLICATION_ID) or (not version and tables):
            raise InputError(f"{path}: not a workbench review store")
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            log.info("%s: migrated store schema to %d", path, number + 1)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement keeps triggers whole)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s.strip(" ;\n")]
