"""Several writers at once, and a writer killed in the middle of a batch: nothing committed is lost."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from correct.review.decisions import verdict_decision
from correct.review.store import Store
from tests.test_store_data import DOC, tiny_result

ROOT = Path(__file__).resolve().parents[1]

# A writer process: batches of BATCH verdicts, each batch one transaction; prints the seqs of a batch
# once it is committed. With a STALL argument it stops inside that batch, half written, and waits to be
# killed, so the kill always lands inside an open transaction.
WRITER = """
import sys, time
from align.model import Action, Decision, TargetKind
from correct.review.log import append_decision
from correct.review.store import Store
path, doc, flag, name, batches, size, stall = sys.argv[1:8]
store = Store(path)

def batch(k):
    def write(conn):
        seqs = []
        for i in range(int(size)):
            draft = Decision(doc=doc, target_kind=TargetKind.FLAG, target=flag, action=Action.VERDICT,
                             new="ocr_error", reviewer=name, comment=f"batch {k}")
            seqs.append(append_decision(conn, draft).seq)
            if k == int(stall) and i == int(size) // 2:
                print("stalled", flush=True)
                time.sleep(120)
        return seqs
    return store.write(write)

for k in range(int(batches)):
    print("committed", *batch(k), flush=True)
"""


def _writer(db: Path, name: str, batches: int, size: int, stall: int = -1) -> subprocess.Popen:
    flag = tiny_result().flags[0].id
    args = [sys.executable, "-c", WRITER, str(db), DOC, flag, name, str(batches), str(size), str(stall)]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def db(tmp_path) -> Path:
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(tiny_result())
    return store.path


def _integrity(db: Path) -> str:
    return sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]


def test_two_writer_processes_at_once_lose_nothing(db):
    writers = [_writer(db, name, batches=60, size=5) for name in ("ann", "bob")]
    outputs = [w.communicate(timeout=240) for w in writers]
    for w, (_, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err
    reported = {int(s) for out, _ in outputs for line in out.splitlines() for s in line.split()[1:]}
    log = Store(db).decisions(DOC)
    assert len(reported) == len(log) == 2 * 60 * 5
    assert {d.seq for d in log} == reported
    assert _integrity(db) == "ok"


def test_writer_threads_share_one_store_handle(db):
    # The Streamlit server shares one cached Store between sessions, each in its own thread.
    store = Store(db)
    flag = store.result(DOC).flags[0]
    errors: list[BaseException] = []

    def review(name: str) -> None:
        try:
            for _ in range(40):
                store.decide([verdict_decision(DOC, flag, "not_an_issue", name)])
        except BaseException as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(f"r{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.decisions(DOC)) == 160


def test_writer_killed_mid_batch_loses_only_the_open_batch(db):
    size, stall = 10, 7
    writer = _writer(db, "ann", batches=100, size=size, stall=stall)
    committed: list[int] = []
    try:
        for line in writer.stdout:
            if line.startswith("stalled"):
                break
            committed += [int(s) for s in line.split()[1:]]
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert len(committed) == stall * size

    assert _integrity(db) == "ok"
    store = Store(db)
    log = store.decisions(DOC)
    assert [d.seq for d in log] == committed  # every committed decision, and nothing of the open batch
    assert {d.comment for d in log} == {f"batch {k}" for k in range(stall)}
    # The killed writer's lock is gone: another writer goes on at once.
    [made] = store.decide([verdict_decision(DOC, store.result(DOC).flags[0], "not_an_issue", "bob")])
    assert made.seq > committed[-1]


def test_a_decision_while_the_store_is_locked_waits_then_says_busy_and_writes_nothing(db, monkeypatch):
    import correct.review.store as store_module
    from correct.review.decisions import proposal_decision
    from correct.review.store import StoreBusy

    monkeypatch.setattr(store_module, "DECIDE_WAIT_MS", 200)  # the app's 3 s per try, shortened
    store = Store(db)
    p = store.result(DOC).proposals[0]
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock (a long import, say)
    with pytest.raises(StoreBusy, match="busy .* nothing was written, try again"):
        store.decide([proposal_decision(DOC, p, "accept", "ann")])
    holder.execute("COMMIT")
    assert store.decisions(DOC) == []
    store.decide([proposal_decision(DOC, p, "accept", "ann")])  # the same click, retried: saved
    assert [d.action for d in store.decisions(DOC)] == ["accept"]


def test_an_import_plans_outside_the_lock_and_replans_when_a_decision_arrives(db):
    from correct.review.decisions import proposal_decision
    from correct.review.records import commit_import, plan_import

    store = Store(db)
    shifted = tiny_result(shift=3)
    plan = store.read(lambda conn: plan_import(conn, shifted))
    p = store.result(DOC).proposals[0]
    store.decide([proposal_decision(DOC, p, "accept", "ann")])  # arrives while the import is planned
    assert store.write(lambda conn: commit_import(conn, plan)) is None  # stale: nothing written
    assert store.result(DOC).proposals[0].id == p.id
    report = store.import_result(shifted)  # plans again, and places the new decision
    assert (report.kept, report.orphaned) == (1, ())
    review = store.review(DOC)
    assert review.proposals[review.result.proposals[0].id].status == "accepted"
