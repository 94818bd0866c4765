"""`workbench process` through its real entry point: results on disk, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from align.model import SCHEMA
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
