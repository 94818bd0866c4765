"""Document-level notices (a partial translation) through the batch report and the review store."""

from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import asdict, replace

from align.alignment.coverage import coverage_notices
from align.model import Link, NoticeKind, Result
from align.serialize import read_result, write_result
from correct.batch.report import csv_text, row_from_dict, row_from_result, summary_table, totals
from correct.review.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from correct.review.store import Store
from tests.test_store_data import DOC, tiny_result


def partial_result(doc: str = "partial") -> Result:
    """The tiny document with nothing matched: every paragraph of both sides has no counterpart."""
    tiny = tiny_result()
    links = (*(Link((s.id,), (), 0.0) for s in tiny.ru), *(Link((), (s.id,), 0.0) for s in tiny.en))
    return replace(
        tiny,
        document=replace(tiny.document, id=doc, metadata={"title": "Partial"}),
        alignment=links,
        flags=(),
        notices=coverage_notices(links, tiny.ru, tiny.en),
    )


def test_the_partial_document_has_its_notice():
    [notice] = partial_result().notices
    assert notice.kind == NoticeKind.PARTIAL_TRANSLATION
    assert notice.values["ru_unmatched_share"] == 1.0 and notice.values["en_unmatched_paragraphs"] == 3


def test_import_stores_the_notices_and_reads_them_back(tmp_path):
    store = Store(tmp_path / "review.db", create=True)
    path = write_result(partial_result(), tmp_path / "partial.json")
    store.import_result(read_result(path))
    store.import_result(tiny_result())
    assert store.result("partial") == read_result(path)
    assert store.result("partial").notices == partial_result().notices
    assert store.result(DOC).notices == ()
    by_id = {d.id: d for d in store.documents()}
    assert by_id["partial"].notices == partial_result().notices and by_id[DOC].notices == ()
    # A re-import of the document, now without the notice, drops it.
    store.import_result(replace(partial_result(), notices=()))
    assert store.result("partial").notices == ()


def _version_1_store(path) -> None:
    """A store as the workbench before notices left it: schema 1 with the tiny document imported."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(MIGRATIONS[0])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    r = tiny_result()
    record = json.dumps
    conn.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        (DOC, "Tiny", record(asdict(r.document)), "[]", "{}", r.schema, "2024-01-01T00:00:00Z"),
    )
    for i, s in enumerate((*r.ru, *r.en)):
        conn.execute("INSERT INTO segments VALUES (?, ?, ?, ?, ?)", (DOC, s.id, s.lang, i, record(asdict(s))))
    conn.close()


def test_an_old_store_opens_migrated_with_no_notices(tmp_path):
    path = tmp_path / "old.db"
    _version_1_store(path)
    store = Store(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.result(DOC).notices == () and len(store.result(DOC).ru) == 3
    store.import_result(partial_result())
    assert store.result("partial").notices == partial_result().notices


def test_the_batch_report_counts_and_lists_documents_with_notices():
    noticed = row_from_result(partial_result(), id="partial", source="partial.txt", status="done")
    plain = row_from_result(tiny_result(), id=DOC, source="tiny.txt", status="unchanged")
    assert noticed.notices == ("partial_translation",) and plain.notices == ()
    # run.json keeps the row: read back (a JSON list) it is the same row.
    assert row_from_dict(json.loads(json.dumps(asdict(noticed)))) == noticed
    sums = totals([noticed, plain], wall_seconds=1.0)
    assert sums["documents_with_notices"] == {"partial_translation": ["partial"]}
    lines = summary_table({"totals": sums}).splitlines()
    assert "notices     partial translation 1 (partial)" in lines
    rows = {r["id"]: r for r in csv.DictReader(csv_text([noticed, plain]).splitlines())}
    assert rows["partial"]["notices"] == "partial_translation" and rows[DOC]["notices"] == ""
    assert "notices     none" in summary_table({"totals": totals([plain], 1.0)})
