"""Batch runs in this process: results, the run report, failure isolation, incremental re-runs, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.ingest.discover import discover
from align.ingest.document import Source, document_id
from align.model import Document, Flag, Link, Proposal, Result, Segment
from correct.batch.importing import import_into_store
from correct.batch.report import csv_text, row_from_result, totals
from correct.batch.run import BatchConfig, run_batch
from correct.batch.task import settings_fingerprint, settings_sha256
from correct.pipeline import PipelineConfig
from ui.cli import cli

HEADER = """# March {day}, 1951 Telegram from Ivanov to Petrov

#### Citation:

"Telegram from Ivanov to Petrov", March {day}, 1951, Test Archive.

## **Summary:**

A short telegram about grain deliveries.

# **Original Language:**

Russian

### **Contents:**

Original Scan Translation - English

"""
RUSSIAN = [
    "Товарищу Петрову.",
    "Сообщаю, что в феврале в порт прибыло {ru_tons} тыс. тонн зерна, "
    "из них 12 тыс. тонн отправлено в Харбин.",
    "Прошу ускорить отправку вагонов, так как склады переполнены и зерно портится под дождём.",
    "Иванов",
]
ENGLISH = [
    "To Comrade Petrov.",
    "I report that in February {en_tons} thousand tons of grain arrived at the port, "
    "of which 12 thousand tons were sent to Harbin.",
    "I ask you to speed up the dispatch of wagons, as the warehouses are overfull and the grain is spoiling.",
    "Ivanov",
]


def telegram(day: int, ru_tons: int, en_tons: int) -> tuple[str, str]:
    """(Russian part, English part) of a small telegram; the tonnage may differ between them."""
    ru = "\n\n".join(RUSSIAN).format(ru_tons=ru_tons)
    en = "\n\n".join(ENGLISH).format(en_tons=en_tons)
    return ru, en


def write_archive(path: Path, day: int, ru_tons: int, en_tons: int) -> Path:
    ru, en = telegram(day, ru_tons, en_tons)
    path.write_text(HEADER.format(day=day) + ru + "\n\n" + en + "\n", encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path) -> Path:
    """Three archive documents, one Russian/English pair, a binary file and a document with no English."""
    folder = tmp_path / "archive"
    folder.mkdir()
    write_archive(folder / "t01.txt", 1, 70, 20)
    write_archive(folder / "t02.txt", 2, 40, 40)
    write_archive(folder / "t03.txt", 3, 15, 15)
    ru, en = telegram(4, 30, 30)
    (folder / "pair.ru.txt").write_text(ru + "\n", encoding="utf-8")
    (folder / "pair.en.txt").write_text(en + "\n", encoding="utf-8")
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "russian_only.txt").write_text(
        HEADER.format(day=5) + telegram(5, 1, 1)[0] + "\n", encoding="utf-8"
    )
    return folder


def sources_of(folder: Path) -> list[Source]:
    sources, problems = discover([folder])
    assert not problems
    return sources


def report_rows(out: Path) -> dict[str, dict]:
    return {row["id"]: row for row in json.loads((out / "run.json").read_text(encoding="utf-8"))["documents"]}


def test_report_row_counts_links_flags_and_proposals():
    seg = {
        sid: Segment(sid, sid.split("/")[1][:2], "text", 0, 4)
        for sid in ("d/ru@0", "d/ru@9", "d/ru@20", "d/en@50", "d/en@60", "d/en@70")
    }
    result = Result(
        document=Document("d", {"ru": "d.txt", "en": "d.txt"}),
        ru=tuple(seg[s] for s in ("d/ru@0", "d/ru@9", "d/ru@20")),
        en=tuple(seg[s] for s in ("d/en@50", "d/en@60", "d/en@70")),
        alignment=(
            Link(("d/ru@0",), ("d/en@50",), 0.9),
            Link(("d/ru@9",), (), 0.0),
            Link(("d/ru@20",), ("d/en@60",), 0.5),
            Link((), ("d/en@70",), 0.0),
        ),
        flags=(
            Flag("f1", "number", "error", ("d/ru@0",), ("d/en@50",), "70 vs 20"),
            Flag("f2", "omission", "warning", ("d/ru@9",), (), "left out"),
            Flag("f3", "number", "warning", ("d/ru@20",), ("d/en@60",), "12 vs 13"),
        ),
        proposals=(Proposal("p1", "d/ru@0", 0, 4, "tekst", "text"),),
    )
    row = row_from_result(result, id="d", source="d.txt", status="done", seconds=2.0)
    assert (row.ru_paragraphs, row.en_paragraphs, row.unmatched_ru, row.unmatched_en) == (3, 3, 1, 1)
    assert row.links == 2 and row.mean_link_score == pytest.approx(0.7)
    assert row.flags_by_kind == {"number": 2, "omission": 1}
    assert row.flags_by_severity == {"error": 1, "warning": 2}
    assert row.proposals == 1
    sums = totals([row, row], wall_seconds=60.0)
    assert sums["done"] == 2 and sums["flags_by_kind"]["number"] == 4
    assert sums["documents_per_minute"] == 2.0 and sums["paragraphs_per_second"] == pytest.approx(12 / 60)
    header, first = list(csv.reader(csv_text([row]).splitlines()))[:2]
    line = dict(zip(header, first, strict=True))
    assert line["flags_number"] == "2" and line["flags_error"] == "1" and line["flags"] == "3"


def test_settings_hash_ignores_speed_and_follows_memory_content(tmp_path):
    memory = tmp_path / "memory.json"
    memory.write_text('{"a": 1}', encoding="utf-8")
    base = PipelineConfig(memory_path=str(memory))
    same = PipelineConfig(memory_path=str(memory), threads=7, cache_dir=str(tmp_path / "c"))
    assert settings_sha256(settings_fingerprint(base)) == settings_sha256(settings_fingerprint(same))
    assert settings_sha256(settings_fingerprint(base)) != settings_sha256(
        settings_fingerprint(PipelineConfig(memory_path=str(memory), encoder="st:other"))
    )
    before = settings_sha256(settings_fingerprint(base))
    memory.write_text('{"a": 2}', encoding="utf-8")
    assert settings_sha256(settings_fingerprint(base)) != before


def test_document_ids_match_what_ingest_names_them(tmp_path):
    assert document_id(Source(archive=tmp_path / "x" / "doc_1.txt")) == "doc_1"
    assert document_id(Source(ru=tmp_path / "a.ru.txt", en=tmp_path / "a.en.txt")) == "a"
    assert document_id(Source(ru=tmp_path / "a.ru.txt", en=tmp_path / "a.en.txt", name="b")) == "b"


def test_batch_writes_results_and_report_and_isolates_bad_documents(archive, tmp_path, workbench):
    out = tmp_path / "out"
    seen = []
    outcome = run_batch(
        sources_of(archive), out, batch=BatchConfig(jobs=1), progress=seen.append, workbench=workbench
    )
    rows = report_rows(out)
    assert set(rows) == {"t01", "t02", "t03", "pair", "scan", "russian_only"}
    assert {rows[d]["status"] for d in ("t01", "t02", "t03", "pair")} == {"done"}
    for bad in ("scan", "russian_only"):  # bad input: recorded with ingest's message naming the file
        assert rows[bad]["status"] == "failed" and rows[bad]["error_kind"] == "input"
        assert f"{bad}.txt" in rows[bad]["error"]
    assert {row.id for row in outcome.failed} == {"scan", "russian_only"}
    for doc in ("t01", "t02", "t03", "pair"):
        result = json.loads((out / f"{doc}.json").read_text(encoding="utf-8"))
        assert rows[doc]["ru_paragraphs"] == len(result["ru"]) == 4
        assert rows[doc]["en_paragraphs"] == len(result["en"]) == 4
        assert result["config"]["batch"]["input_sha256"] == rows[doc]["input_sha256"]
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (
        report["status"] == "complete" and report["totals"]["done"] == 4 and report["totals"]["failed"] == 2
    )
    with open(out / "run.csv", encoding="utf-8") as fh:
        assert {line["id"]: line["status"] for line in csv.DictReader(fh)}["scan"] == "failed"
    assert seen[0].row is None and seen[0].total == 6 and seen[-1].processed == 6
    assert seen[-1].paragraphs == 32
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(archive, tmp_path, workbench):
    out = tmp_path / "out"
    run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1), workbench=workbench)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if p.name != "run.json"}

    again = run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1), workbench=workbench)
    statuses = {row.id: row.status for row in again.rows}
    assert statuses == {d: "unchanged" for d in ("t01", "t02", "t03", "pair")} | {
        "scan": "failed",
        "russian_only": "failed",
    }
    assert again.report["totals"]["unchanged"] == 4 and again.report["totals"]["ru_paragraphs"] == 16
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if p.name != "run.json"} == stamps

    write_archive(archive / "t02.txt", 2, 41, 40)
    (out / "run.json").unlink()  # without the report, the hashes inside the results decide
    third = run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1), workbench=workbench)
    statuses = {row.id: row.status for row in third.rows}
    assert statuses["t02"] == "done" and statuses["t01"] == statuses["pair"] == "unchanged"

    forced = run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1, force=True), workbench=workbench)
    assert forced.report["totals"]["done"] == 4


def test_batch_imports_results_into_the_review_store(archive, tmp_path, workbench):
    from correct.review.store import Store

    out, db = tmp_path / "out", tmp_path / "review.db"
    outcome = run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1), workbench=workbench)
    first = import_into_store(db, outcome.rows)
    assert first.imported == 4 and set(Store(db).document_ids()) == {"t01", "t02", "t03", "pair"}
    again = run_batch(sources_of(archive), out, batch=BatchConfig(jobs=1), workbench=workbench)
    assert import_into_store(db, again.rows).already == 4


def test_cli_batch_reports_failures_with_exit_code_2(archive, tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["batch", str(archive), "--out", str(out), "--jobs", "1", "--db", str(out / "w.db")]
    )
    assert result.exit_code == 2, result.output
    assert "documents   6: 4 processed, 0 unchanged, 2 failed" in result.stdout
    assert "scan.txt" in result.stderr and "2 of 6 input(s) failed" in result.stderr
    assert "4 imported into" in result.stdout
    assert (out / "t01.json").is_file() and (out / "run.csv").is_file()

    clean = tmp_path / "clean"
    clean.mkdir()
    write_archive(clean / "ok.txt", 9, 5, 5)
    result = runner.invoke(cli, ["batch", str(clean / "*.txt"), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 processed" in result.stdout


def test_cli_batch_says_once_that_unchanged_documents_were_skipped(tmp_path):
    """Regression: the "unchanged ... skipped" line was printed twice (before and after the bar opened)."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    write_archive(folder / "t01.txt", 1, 70, 20)
    runner = CliRunner()
    first = runner.invoke(cli, ["batch", str(folder), "--out", str(out), "--jobs", "1"])
    assert first.exit_code == 0, first.output
    assert "skipped" not in first.stderr
    again = runner.invoke(cli, ["batch", str(folder), "--out", str(out), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert again.stderr.count("1 document(s) unchanged since the last run: skipped") == 1, again.stderr


def test_cli_batch_names_a_missing_input(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nowhere: no such file or folder" in result.stderr


def test_plan_retries_internal_failures_keeps_bad_input_and_refuses_duplicate_ids(tmp_path):
    from correct.batch.report import DocumentRow, report_dict, write_report
    from correct.batch.run import plan_batch
    from correct.batch.task import input_sha256

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write_archive(tmp_path / folder / "t01.txt", 1, 70, 20)
    write_archive(tmp_path / "a" / "t02.txt", 2, 40, 40)
    config = PipelineConfig()
    settings = settings_sha256(settings_fingerprint(config))
    sources = [Source(archive=tmp_path / "a" / "t01.txt"), Source(archive=tmp_path / "a" / "t02.txt")]
    out = tmp_path / "out"
    rows = [
        DocumentRow(
            id=doc,
            source=str(source.archive),
            status="failed",
            input_sha256=input_sha256(source, doc),
            settings_sha256=settings,
            error="boom",
            error_kind=kind,
        )
        for doc, source, kind in (("t01", sources[0], "input"), ("t02", sources[1], "internal"))
    ]
    write_report(out, report_dict(rows, {"status": "complete"}, 1.0), rows)

    plan = plan_batch([*sources, Source(archive=tmp_path / "b" / "t01.txt")], out, config)
    assert [task.id for task in plan.tasks] == ["t02"]
    assert [(row.id, row.status, row.error_kind) for row in plan.rows] == [
        ("t01", "failed", "input"),
        ("t02", "pending", ""),
        ("t01", "failed", "input"),
    ]
    assert "duplicate document id 't01'" in plan.rows[2].error
    assert plan_batch(sources, out, config, force=True).tasks[0].id == "t01"
