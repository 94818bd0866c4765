"""The audit over several documents: the CLI on three result files and on a review database."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from align.ingest.document import Source
from align.model import Verdict
from align.serialize import write_result
from correct.exports.audit_batch import BOM, counts, render_batch, report_rows
from correct.review.decisions import verdict_decision
from correct.review.store import Store
from ui.cli import cli

DOCS = {
    "alpha": (
        "Завод выпустил 120 тонн стали за 3 дня, и директор доволен работой смены.",
        "The plant produced 150 tons of steel in 3 days, and the director is pleased with the shift.",
    ),
    "beta": (
        "По данным переписи, в городе живут 21 848 человек, и население растёт.",
        "According to the census, the town has 21,848 inhabitants, and the population is growing.",
    ),
    "gamma": (
        "Переговоры начались 7 октября. Стороны обсудили поставки.\n\nИтоги подвели к вечеру.",
        "The talks began on October 9. The parties discussed supplies.",
    ),
}


@pytest.fixture(scope="module")
def result_files(workbench, tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch-audit")
    paths = []
    for name, (ru, en) in DOCS.items():
        (folder / f"{name}.ru.txt").write_text(ru + "\n", encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(en + "\n", encoding="utf-8")
        source = Source(ru=folder / f"{name}.ru.txt", en=folder / f"{name}.en.txt", name=name)
        paths.append(write_result(workbench.process(source), folder / f"{name}.json"))
    return paths


def test_rows_name_document_and_paragraph_and_counts_add_up(result_files):
    from align.serialize import read_result

    results = [read_result(p) for p in result_files]
    rows = report_rows(results)
    assert {r["document"] for r in rows} == {"alpha", "gamma"}  # beta agrees: 21 848 = 21,848
    assert all(r["paragraph_ru"] or r["paragraph_en"] for r in rows)
    assert sum(n for by_severity in counts(rows).values() for n in by_severity.values()) == len(rows)
    assert counts(rows)["number"]  # 120 / 150 and 7 / 9 October
    report = json.loads(render_batch(results, "json"))
    assert report["documents"] == ["alpha", "beta", "gamma"] and report["flags"] == len(rows)


def test_cli_xlsx_over_three_result_files(result_files, tmp_path):
    out = tmp_path / "audit.xlsx"
    run = CliRunner().invoke(cli, ["audit", *map(str, result_files), "--format", "xlsx", "-o", str(out)])
    assert run.exit_code == 0, run.output
    book = load_workbook(out)
    assert book.sheetnames[0] == "summary" and "number" in book.sheetnames
    summary = {row[0]: row for row in book["summary"].iter_rows(values_only=True) if row and row[0]}
    assert summary["documents"][1] == 3
    number_rows = list(book["number"].iter_rows(values_only=True))
    header = number_rows[0]
    assert header[:3] == ("document", "paragraph_ru", "paragraph_en")
    assert {r[0] for r in number_rows[1:]} == {"alpha", "gamma"}
    assert summary["number"][-1] == len(number_rows) - 1  # the total column counts the sheet's rows


def test_cli_csv_for_excel_has_a_bom_and_reads_back(result_files, tmp_path):
    out = tmp_path / "audit.csv"
    run = CliRunner().invoke(cli, ["audit", *map(str, result_files), "--format", "csv-excel", "-o", str(out)])
    assert run.exit_code == 0, run.output
    data = out.read_bytes()
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and {r["document"] for r in rows} == {"alpha", "gamma"}
    assert any("120" in r["ru_text"] for r in rows)  # Cyrillic and digits intact


def test_cli_refuses_html_for_several_documents_and_xlsx_to_stdout(result_files):
    run = CliRunner().invoke(cli, ["audit", *map(str, result_files), "--format", "html"])
    assert run.exit_code == 2 and "several documents" in run.output and "Traceback" not in run.output
    run = CliRunner().invoke(cli, ["audit", str(result_files[0]), "--format", "xlsx"])
    assert run.exit_code == 2 and "-o FILE" in run.output
    run = CliRunner().invoke(cli, ["audit"])
    assert run.exit_code == 2 and "--db" in run.output


def test_cli_audit_of_a_review_database_carries_the_verdicts(result_files, tmp_path):
    from align.serialize import read_result

    store = Store(tmp_path / "review.db", create=True)
    results = [read_result(p) for p in result_files]
    for result in results:
        store.import_result(result)
    flag = results[0].flags[0]
    store.decide([verdict_decision("alpha", flag, Verdict.TRANSLATION_ERROR, "tr", comment="checked")])
    run = CliRunner().invoke(cli, ["audit", "--db", str(tmp_path / "review.db"), "--format", "json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.output)
    assert report["documents"] == ["alpha", "beta", "gamma"]
    judged = next(r for r in report["rows"] if r["id"] == flag.id)
    assert judged["verdict"] == "translation_error" and judged["reviewer"] == "tr"
