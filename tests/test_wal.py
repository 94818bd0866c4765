"""Two processes opening one SQLite file at once: the switch to WAL waits instead of failing."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from align.wal import use_wal


def reader_holding_a_lock(path):
    reader = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    reader.execute("CREATE TABLE IF NOT EXISTS t (x)")
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()  # a shared lock, as another worker's read would hold
    return reader


def test_a_plain_switch_fails_while_another_connection_reads(tmp_path):
    reader = reader_holding_a_lock(tmp_path / "x.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        sqlite3.connect(tmp_path / "x.sqlite", timeout=0.5).execute("PRAGMA journal_mode = WAL")
    reader.rollback()


def test_use_wal_waits_for_the_other_connection(tmp_path):
    reader = reader_holding_a_lock(tmp_path / "x.sqlite")
    threading.Timer(0.3, lambda: reader.execute("ROLLBACK")).start()
    conn = sqlite3.connect(tmp_path / "x.sqlite", timeout=5)
    use_wal(conn, wait_s=20)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
