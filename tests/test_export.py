"""Bitext exports: TMX 1.4b structure, TSV and JSONL, review corrections, and the CLI command."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from align.errors import InputError
from align.model import Document, Link, Result, Segment, Sentence, SentenceLink
from align.serialize import write_result
from correct.exports.bitext import bitext_pairs, render_bitext
from ui.cli import cli

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def seg(lang: str, at: int, text: str, sentences=()) -> Segment:
    return Segment(
        id=f"d/{lang}@{at}", lang=lang, text=text, start=at, end=at + len(text), sentences=sentences
    )


RU = (
    seg("ru", 0, "Сталин спрашивает о <поставках> & ценах.\x0c"),
    seg("ru", 50, "стр. 17"),
    seg(
        "ru",
        60,
        "Чжоу отвечает. Цены\tвыросли.",
        (Sentence("d/ru@60.0", 0, 14, "Чжоу отвечает."), Sentence("d/ru@60.15", 15, 28, "Цены\tвыросли.")),
    ),
)
EN = (
    seg("en", 0, 'Stalin asks about "deliveries" & prices.'),
    seg("en", 45, "Zhou answers that prices rose."),
)
LINKS = (
    Link(("d/ru@0",), ("d/en@0",), 0.97),
    Link(("d/ru@50",), (), 0.9),
    Link(
        ("d/ru@60",),
        ("d/en@45",),
        0.88,
        sentences=(SentenceLink(("d/ru@60.0", "d/ru@60.15"), ("d/en@45.0",), 0.8),),
    ),
)
RESULT = Result(
    document=Document(id="d", source={"ru": "d.txt", "en": "d.txt"}), ru=RU, en=EN, alignment=LINKS
)


def test_tmx_is_valid_1_4b_with_one_unit_per_aligned_pair():
    root = ET.fromstring(render_bitext(RESULT, "tmx").encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attr), attr
    assert header.get("srclang") == "ru" and header.get("segtype") == "paragraph"
    units = root.findall("body/tu")
    assert len(units) == 2  # the unmatched "стр. 17" has no translation
    first = units[0]
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props == {"x-document": "d", "x-ru-ids": "d/ru@0", "x-en-ids": "d/en@0", "x-score": "0.9700"}
    assert [child.tag for child in first][-2:] == ["tuv", "tuv"]  # props before tuvs
    segs = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in first.findall("tuv")}
    assert segs == {
        "ru": "Сталин спрашивает о <поставках> & ценах.",
        "en": 'Stalin asks about "deliveries" & prices.',
    }


def test_tmx_sentence_level():
    root = ET.fromstring(render_bitext(RESULT, "tmx", level="sentence").encode("utf-8"))
    assert root.find("header").get("segtype") == "sentence"
    units = root.findall("body/tu")
    # the first pair has no sentence alignment: exported as its paragraphs; the second by its sentences
    ids = [{p.get("type"): p.text for p in tu.findall("prop")}["x-ru-ids"] for tu in units]
    assert ids == ["d/ru@0", "d/ru@60.0 d/ru@60.15"]
    assert units[1].find("tuv/seg").text == "Чжоу отвечает. Цены\tвыросли."


def test_tsv_has_a_header_and_one_line_per_pair():
    lines = render_bitext(RESULT, "tsv").splitlines()
    assert lines[0].split("\t") == ["document", "ru_ids", "en_ids", "score", "ru", "en"]
    assert len(lines) == 3
    cells = lines[2].split("\t")
    assert cells[:4] == ["d", "d/ru@60", "d/en@45", "0.8800"] and cells[4] == "Чжоу отвечает. Цены выросли."


def test_jsonl_keeps_ids_scores_and_texts():
    rows = [json.loads(line) for line in render_bitext(RESULT, "jsonl").splitlines()]
    assert [(r["ru"], r["en"], r["score"]) for r in rows] == [
        (["d/ru@0"], ["d/en@0"], 0.97),
        (["d/ru@60"], ["d/en@45"], 0.88),
    ]
    assert rows[0]["ru_text"].startswith("Сталин")


def test_review_corrections_replace_links_and_russian_text():
    reviewed = (Link(("d/ru@0", "d/ru@50"), ("d/en@0",), 1.0), Link(("d/ru@60",), ("d/en@45",), 1.0))
    fixed = {"d/ru@60": "Чжоу отвечает, что цены выросли."}
    pairs = bitext_pairs(RESULT, reviewed, fixed)
    assert [p.ru for p in pairs] == [("d/ru@0", "d/ru@50"), ("d/ru@60",)]
    assert pairs[1].ru_text == "Чжоу отвечает, что цены выросли."


def test_unknown_format_or_no_alignment_is_an_input_error():
    with pytest.raises(InputError, match="unknown export format"):
        render_bitext(RESULT, "docx")
    bare = Result(document=RESULT.document, ru=RU, en=EN)
    with pytest.raises(InputError, match="no alignment"):
        render_bitext(bare, "tmx")


def test_cli_exports_to_stdout_and_to_a_file(tmp_path):
    path = write_result(RESULT, tmp_path / "d.json")
    runner = CliRunner()
    shown = runner.invoke(cli, ["export", str(path), "--format", "jsonl"])
    assert shown.exit_code == 0, shown.output
    assert len(shown.output.splitlines()) == 2
    out = tmp_path / "bitext" / "d.tmx"
    written = runner.invoke(cli, ["export", str(path), "-o", str(out)])
    assert written.exit_code == 0 and out.exists()
    ET.parse(out)  # well-formed


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["export", str(tmp_path / "none.json")])
    assert missing.exit_code == 2
    path = write_result(Result(document=RESULT.document, ru=RU, en=EN), tmp_path / "bare.json")
    bare = runner.invoke(cli, ["export", str(path)])
    assert bare.exit_code == 2 and bare.output.count("\n") == 1 and "no alignment" in bare.output
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    assert runner.invoke(cli, ["export", str(junk)]).exit_code == 2


def test_cli_exports_a_processed_seed(seed_results, tmp_path):
    result = next(iter(seed_results.values()))
    path = write_result(result, tmp_path / "seed.json")
    shown = CliRunner().invoke(cli, ["export", str(path), "--format", "tmx", "--level", "sentence"])
    assert shown.exit_code == 0
    units = ET.fromstring(shown.output.encode("utf-8")).findall("body/tu")
    assert len(units) >= sum(1 for link in result.alignment if link.ru and link.en)
