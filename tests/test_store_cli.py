"""`workbench import` and `workbench review` through the real click entry point."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from align.serialize import write_result
from correct.review.decisions import proposal_decision
from correct.review.store import Store
from tests.test_store_data import DOC, RU, reprocessed, tiny_result
from ui.cli import cli


def test_import_then_reimport_reports_decisions_that_no_longer_apply(tmp_path):
    db = tmp_path / "review.db"
    path = write_result(tiny_result(), tmp_path / "tiny.json")
    out = CliRunner().invoke(cli, ["import", str(path), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "tiny: imported 3 ru / 3 en paragraphs, 3 links, 2 flags, 3 proposals" in out.output

    store = Store(db)
    first = store.result(DOC).proposals[0]
    store.decide([proposal_decision(DOC, first, "accept", "ann")])
    write_result(reprocessed(tiny_result()), path)  # no longer proposed, but its text is there: kept
    out = CliRunner().invoke(cli, ["import", str(path), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert (
        "re-imported" in out.output
        and "1 decisions kept (1 records carried), 0 no longer apply" in out.output
    )
    fixed = tiny_result(tuple(t.replace("точяых", "точных") for t in RU))  # the word fixed in the source
    write_result(fixed, path)
    out = CliRunner().invoke(cli, ["import", str(path), "--db", str(db)])
    assert "0 decisions kept, 1 no longer apply" in out.output
    assert f"#1 accept proposal {first.id} by ann: its text is no longer in the document" in out.output


def test_import_of_a_bad_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "something else"}', encoding="utf-8")
    out = CliRunner().invoke(cli, ["import", str(bad), "--db", str(tmp_path / "r.db")])
    assert out.exit_code == 2
    assert "not a workbench result" in out.output


def test_review_refuses_a_missing_or_foreign_database(tmp_path):
    out = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "absent.db")])
    assert out.exit_code == 2 and "no such review database" in out.output
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)")
    out = CliRunner().invoke(cli, ["review", "--db", str(foreign)])
    assert out.exit_code == 2 and "not a workbench review store" in out.output


def test_review_without_headless_starts_with_no_terminal(tmp_path):
    """Regression: Streamlit's first-run e-mail prompt made `make run` fail with no terminal attached."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    db = tmp_path / "r.db"
    Store(db, create=True).import_result(tiny_result())
    Store(db).accounts.add("admin", "admin", "a long enough password")  # sign-in is the default
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HOME": str(tmp_path)}  # no ~/.streamlit/credentials.toml: a first run
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "review", "--db", str(db), "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        healthy = False
        for _ in range(120):
            if proc.poll() is not None:
                break
            try:
                healthy = (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).status == 200
                )
                break
            except OSError:
                time.sleep(0.5)
        assert healthy, (
            proc.stdout.read().decode(errors="replace") if proc.poll() is not None else "no answer"
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
