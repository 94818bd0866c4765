"""Switch a SQLite file to write-ahead logging when several processes may open it at once.

Changing the journal mode takes an exclusive lock, and SQLite answers "database
is locked" at once instead of waiting out the busy timeout, so two batch
workers that create the same file together would fail. Once the file is in WAL
mode (it stays so), the switch is only read back.
"""

from __future__ import annotations

import random
import sqlite3
import time

WAIT_S = 60.0


def use_wal(conn: sqlite3.Connection, wait_s: float = WAIT_S) -> None:
    """Put ``conn``'s database in WAL mode, retrying while another connection holds the lock."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.08)
