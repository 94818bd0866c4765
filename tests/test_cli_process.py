"""`workbench process` through its real entry point: results on disk, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

from click.testing import CliRunner

from align.alignment.coverage import coverage_notices
from align.model import SCHEMA, Link
from align.serialize import read_result, write_result
from tests.conftest import SEED_FILES
from ui.cli import cli

TOP_KEYS = {"schema", "document", "ru", "en", "removed", "alignment", "flags", "proposals"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_process_seed_writes_result_json(tmp_path):
    seed = next(p for p in SEED_FILES if p.stem.startswith("002"))
    result = run("process", str(seed), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert set(data) >= TOP_KEYS
    assert data["schema"] == SCHEMA
    assert data["document"]["id"] == seed.stem
    for seg in data["ru"] + data["en"]:
        assert {"id", "text", "start", "end"} <= set(seg)
    assert all(isinstance(data[k], list) for k in ("alignment", "flags", "proposals", "removed"))
    assert f"{seed.stem}" in result.output


def test_process_pair(tmp_path):
    ru = tmp_path / "note.ru.txt"
    en = tmp_path / "note.en.txt"
    ru.write_text(
        "Сталин спрашивает, сколько имеется военнопленных.\n\n"
        "Чжоу Энь-лай сообщает о 116 тыс. военнопленных, в том числе 70 тыс. китайцев.\n\n"
        "Сталин подтверждает, что это правильно.\n",
        encoding="utf-8",
    )
    en.write_text(
        "Stalin asks how many POWs there are.\n\n"
        "Zhou Enlai reports 116 thous. POWs, including 20 thous. Chinese.\n\n"
        "Stalin affirms that this is correct.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("process", "--ru", str(ru), "--en", str(en), "--name", "pow", "--out", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads((out / "pow.json").read_text(encoding="utf-8"))
    assert len(data["ru"]) == 3 and len(data["en"]) == 3
    assert data["ru"][0]["id"] == "pow/ru@0"
    assert data["notices"] == [] and "warning" not in result.output  # a complete translation
    # --db imports the result too; a flag judged "not an issue" stays quiet in the next run
    db = tmp_path / "review.db"
    first = run(
        "process", "--ru", str(ru), "--en", str(en), "--name", "pow", "--out", str(out), "--db", str(db)
    )
    assert first.exit_code == 0 and f"imported into {db}" in first.output, first.output
    from align.model import Verdict
    from correct.review.decisions import verdict_decision
    from correct.review.store import Store

    store = Store(db)
    flag = next(f for f in store.result("pow").flags if f.kind == "number")
    store.decide([verdict_decision("pow", flag, Verdict.NOT_AN_ISSUE, "ann")])
    run("process", "--ru", str(ru), "--en", str(en), "--name", "other", "--out", str(out), "--db", str(db))
    other = store.review("other").flags
    assert any(s.verdict == Verdict.NOT_AN_ISSUE and s.reviewer == "ignore-list" for s in other.values())


# Three paragraphs of a conversation, and three of other material on each side (another selection).
TALK_RU = [
    "Сталин спрашивает, сколько имеется военнопленных.",
    "Чжоу Энь-лай сообщает о 116 тыс. военнопленных, в том числе 20 тыс. китайцев.",
    "Сталин подтверждает, что это правильно, и предлагает обсудить вопрос об их обмене.",
]
TALK_EN = [
    "Stalin asks how many POWs there are.",
    "Zhou Enlai reports 116 thous. POWs, including 20 thous. Chinese.",
    "Stalin affirms that this is correct and proposes to discuss the question of their exchange.",
]
OTHER_RU = [
    "Строительство железной дороги через горный перевал задерживается из-за сильных снегопадов.",
    "Министр путей сообщения обещает направить туда дополнительные бригады и новую технику к весне.",
    "Первый поезд по новой линии должен пройти в конце следующего года, если погода позволит.",
]
OTHER_EN = [
    "The harvest in the southern provinces was the best in a decade, thanks to the early rains in April.",
    "Farmers in the river valley sold most of their grain to the state cooperatives at fixed prices.",
    "The surplus will be stored in new granaries built near the port over the summer months.",
]


def _pair(tmp_path, ru: list[str], en: list[str]):
    (tmp_path / "p.ru.txt").write_text("\n\n".join(ru) + "\n", encoding="utf-8")
    (tmp_path / "p.en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("--ru", str(tmp_path / "p.ru.txt"), "--en", str(tmp_path / "p.en.txt"), "--name", "p")
    result = run("process", *args, "--out", str(out))
    assert result.exit_code == 0, result.output
    return result, read_result(out / "p.json")


def test_an_excerpt_of_the_english_is_a_partial_translation(tmp_path):
    # The Russian holds only the conversation; half the English paragraphs are other material.
    result, doc = _pair(tmp_path, TALK_RU, TALK_EN + OTHER_EN)
    other = {s.id for s in doc.en[3:]}
    assert all(not link.ru for link in doc.alignment if other & set(link.en))
    [notice] = doc.notices
    assert notice.kind == "partial_translation" and notice.values["en_unmatched_paragraphs"] == 3
    assert f"  warning: {notice.message}" in result.output.splitlines()
    assert "3 of 6 English paragraphs" in result.output


def test_a_different_half_warns_when_the_aligner_leaves_it_unmatched(tmp_path):
    """Half of each side is other material. Whether the aligner leaves it unmatched is the aligner's
    part (issue 12); the summary must warn exactly when it does. Then the same document aligned as it
    should be (built from links) warns when imported."""
    result, doc = _pair(tmp_path, TALK_RU + OTHER_RU, TALK_EN + OTHER_EN)
    other = {s.id for s in (*doc.ru[3:], *doc.en[3:])}
    left_unmatched = all(not (link.ru and link.en) for link in doc.alignment if other & {*link.ru, *link.en})
    assert ("warning: Partial translation" in result.output) == left_unmatched == bool(doc.notices)
    links = (
        *(Link((r.id,), (e.id,), 0.9) for r, e in zip(doc.ru[:3], doc.en[:3], strict=True)),
        *(Link((r.id,), (), 0.0) for r in doc.ru[3:]),
        *(Link((), (e.id,), 0.0) for e in doc.en[3:]),
    )
    aligned = replace(doc, alignment=links, notices=coverage_notices(links, doc.ru, doc.en))
    path = write_result(aligned, tmp_path / "aligned.json")
    imported = run("import", str(path), "--db", str(tmp_path / "review.db"))
    assert imported.exit_code == 0, imported.output
    assert "  warning: Partial translation: a large part of the Russian and English" in imported.output
    assert "3 of 6 Russian paragraphs" in imported.output and "3 of 6 English paragraphs" in imported.output


def _one_line_error(result) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("workbench: error:") for ln in lines), result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[-1]


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    english = tmp_path / "english.txt"
    english.write_text("Only an English paragraph here, nothing else at all.\n\nAnd another one.\n")
    cases = [
        ([str(tmp_path / "missing.txt")], "no such file"),
        ([str(empty_dir)], "no documents"),
        ([str(empty)], "empty"),
        ([str(binary)], "binary"),
        ([str(english)], "no Russian part"),
        (["--ru", str(english)], "both"),
    ]
    for args, needle in cases:
        result = run("process", *args, "--out", str(tmp_path / "out"))
        assert result.exit_code == 2, (args, result.output)
        assert needle in _one_line_error(result), (args, result.stderr)


def test_run_goes_past_a_bad_document_and_reports_it(tmp_path):
    seed = next(p for p in SEED_FILES if p.stem.startswith("002"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_bad.txt").write_text(
        "Только русский текст, без перевода на английский язык.\n", encoding="utf-8"
    )
    (docs / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("process", str(docs), "--out", str(out))
    assert result.exit_code == 2
    assert (out / f"{seed.stem}.json").exists()
    assert "no English part" in result.stderr and "1 of 2" in result.stderr


def test_console_script_bad_input_no_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "process", str(tmp_path / "nope.txt"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("workbench: error:")
