"""The audit report (CSV, JSON, HTML) and `workbench audit`, on a result written by the test."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from align.audit import audit_document
from align.errors import InputError
from align.ingest.segment import segment_sentences
from align.model import Document, Link, Result, Segment
from align.serialize import write_result
from correct.exports.audit_report import marked_html, render_csv, render_html, render_json, render_report
from ui.cli import cli

RU = [
    "Правительство стоит за возвращение всех 116 тыс. военнопленных, в том числе 70 тыс. китайцев.",
    "Он сказал: <script>alert('x')</script> & двойное превосходство.",
    "ПОДЛЕЖИТ ВОЗВРАТУ ЧЕРЕЗ 6 СУТОК В 8 ОТДЕЛ",
]
EN = [
    "The government is committed to all 116 thous. POWs, including 20 thous. Chinese, returned.",
    "He said: <b>three-to-one</b> superiority.",
]


@pytest.fixture()
def result() -> Result:
    def segs(lang, texts):
        return segment_sentences(
            [
                Segment(id=f"doc/{lang}@{i * 200}", lang=lang, text=t, start=i * 200, end=i * 200 + len(t))
                for i, t in enumerate(texts)
            ]
        )

    ru, en = segs("ru", RU), segs("en", EN)
    links = (
        Link((ru[0].id,), (en[0].id,), 0.9),
        Link((ru[1].id,), (en[1].id,), 0.8),
        Link((ru[2].id,), (), 0.0),
    )
    flags = audit_document("doc", ru, en, links)
    return Result(document=Document(id="doc", source={}), ru=ru, en=en, alignment=links, flags=flags)


def test_csv_has_one_row_per_flag_with_the_flagged_text(result):
    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert len(rows) == len(result.flags) >= 3
    number = next(r for r in rows if r["kind"] == "number" and r["ru_text"] == "70 тыс.")
    assert number["en_text"] == "20 thous." and number["severity"] == "warning"
    assert rows[0]["severity"] == "error"  # grouped: errors first


def test_json_groups_by_severity_and_kind(result):
    report = json.loads(render_json(result, verdicts={result.flags[0].id: "confirmed"}))
    assert report["flags"] == len(result.flags)
    keys = [(g["severity"], g["kind"]) for g in report["groups"]]
    assert keys[0] == ("error", "number") and len(set(keys)) == len(keys)
    assert report["groups"][0]["flags"][0]["verdict"] == "confirmed"
    assert sum(n for kinds in report["counts"].values() for n in kinds.values()) == len(result.flags)


def test_html_is_escaped_side_by_side_and_highlighted(result):
    page = render_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>three-to-one</b>" not in page and "&lt;b&gt;" in page
    assert "<mark>70 тыс.</mark>" in page and "<mark>20 thous.</mark>" in page
    assert page.count("<table>") == len({(f.severity, f.kind) for f in result.flags})


def test_marked_html_merges_overlapping_spans_and_escapes():
    assert marked_html("a<b>c", [(1, 3), (2, 4)]) == "a<mark>&lt;b&gt;</mark>c"


def test_unknown_format_is_an_input_error(result):
    with pytest.raises(InputError):
        render_report(result, "pdf")


def test_cli_writes_each_format(result, tmp_path):
    path = write_result(result, tmp_path / "doc.json")
    runner = CliRunner()
    for fmt in ("csv", "html", "json"):
        out = tmp_path / f"report.{fmt}"
        run = runner.invoke(cli, ["audit", str(path), "--format", fmt, "-o", str(out)])
        assert run.exit_code == 0, run.output
        assert out.read_text(encoding="utf-8") == render_report(result, fmt)
    run = runner.invoke(cli, ["audit", str(path), "--format", "json"])
    assert json.loads(run.stdout)["document"] == "doc"


def test_cli_reports_a_bad_result_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = CliRunner().invoke(cli, ["audit", str(bad), "--format", "csv"])
    assert run.exit_code == 2 and "not a JSON result file" in run.output and "Traceback" not in run.output
