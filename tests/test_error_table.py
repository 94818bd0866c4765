"""The error promise as a table: every command over bad inputs gives exit code 2, one line on
stderr, no traceback, and no partial file left behind."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.serialize import write_result
from correct.review.migrations import SCHEMA_VERSION
from correct.review.store import Store
from tests.conftest import SEEDS
from tests.test_store_data import tiny_result
from ui.cli import cli

SEED = SEEDS / "002_98cc284bed931188.txt"


def _result(tmp: Path, change: Callable[[dict], None] | None = None, raw: str | None = None) -> str:
    path = write_result(tiny_result(), tmp / "r.json")
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    elif change:
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _store(tmp: Path, version: int | None = None) -> str:
    path = tmp / "review.db"
    Store(path, create=True).import_result(tiny_result())
    if version:
        sqlite3.connect(path).execute(f"PRAGMA user_version = {version}")
    return str(path)


def _file(tmp: Path, name: str, data: bytes) -> str:
    (tmp / name).write_bytes(data)
    return str(tmp / name)


def _taken_port(tmp: Path) -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    _taken_port.held = s  # kept open for the test
    return str(s.getsockname()[1])


def _id_dir(tmp: Path) -> str:
    (tmp / "out" / f"{SEED.stem}.json").mkdir(parents=True)
    return str(tmp / "out")


CASES = {
    "process: missing file": lambda t: ["process", str(t / "absent.txt"), "--out", str(t / "o")],
    "process: empty file": lambda t: ["process", _file(t, "e.txt", b" \n"), "--out", str(t / "o")],
    "process: binary file": lambda t: ["process", _file(t, "b.txt", b"\x00\x01\x02" * 999),
                                       "--out", str(t / "o")],
    "process: --out under a file": lambda t: ["process", str(SEED), "--out", _file(t, "f", b"x") + "/sub"],
    "process: OUT/<id>.json is a folder": lambda t: ["process", str(SEED), "--out", _id_dir(t)],
    "process: --name is a path": lambda t: ["process", "--ru", str(SEED), "--en", str(SEED),
                                            "--name", "../../x", "--out", str(t / "o")],
    "audit: truncated JSON": lambda t: ["audit", _result(t, raw='{"schema": "workbench.res')],
    "audit: wrong schema": lambda t: ["audit", _result(t, lambda d: d.update(schema="other/1"))],
    "audit: wrong field types": lambda t: ["audit", _result(t, lambda d: d["flags"][0].update(ru="x", id=3))],
    "apply: wrong field types": lambda t: ["apply", _result(t, lambda d: d["proposals"][0].update(start="5")),
                                           "-o", str(t / "c.txt")],
    "apply: output under a file": lambda t: ["apply", _result(t), "-o", _file(t, "f", b"x") + "/c.txt"],
    "import: wrong field types": lambda t: ["import", _result(t, lambda d: d["ru"][0].update(text=5)),
                                            "--db", str(t / "db")],
    "import: not a SQLite file": lambda t: ["import", _result(t), "--db",
                                            _file(t, "x.db", b"not sqlite" * 50)],
    "review: newer store schema": lambda t: ["review", "--db", _store(t, SCHEMA_VERSION + 1), "--no-auth"],
    "review: port out of range": lambda t: ["review", "--db", _store(t), "--port", "99999", "--no-auth"],
    "review: port in use": lambda t: ["review", "--db", _store(t), "--port", _taken_port(t), "--no-auth"],
    "batch: --db not a store": lambda t: ["batch", str(SEED), "--out", str(t / "o"), "--db",
                                          _file(t, "x.db", b"not sqlite" * 50)],
    "export: no such document": lambda t: ["export", "nope", "--db", _store(t)],
    "decisions: no such store": lambda t: ["decisions", "tiny", "--db", str(t / "absent.db")],
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_a_bad_input_is_one_line_and_exit_2(case, tmp_path, workbench):
    args = CASES[case](tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    run = CliRunner().invoke(cli, args)
    stderr = run.stderr.strip().splitlines()
    assert run.exit_code == 2, (case, run.output, run.exception)
    assert len(stderr) == 1 and "Traceback" not in run.output, (case, run.output)
    assert stderr[0].startswith("workbench: error:"), (case, stderr)
    left = {p for p in tmp_path.rglob("*")} - before
    assert not [p for p in left if p.name.endswith(".tmp") or p.suffix == ".json"], (case, left)


def test_markdown_emphasis_is_removed_whole(tmp_path):
    from align.ingest.document import Source, ingest

    text = "Это **жирный** и ***очень*** важный, *курсив*.\n\nВторой абзац.\n"
    ru = _file(tmp_path, "b.ru.txt", text.encode())
    en = _file(tmp_path, "b.en.txt", b"This is **bold** text.\n\nSecond paragraph.\n")
    _, ru_segments, en_segments, _ = ingest(Source(ru=Path(ru), en=Path(en)))
    assert [s.text for s in ru_segments] == ["Это жирный и очень важный, курсив.", "Второй абзац."]
    assert [s.text for s in en_segments] == ["This is bold text.", "Second paragraph."]


def test_utf16_inputs_and_a_corrupt_cache_are_handled_not_refused(tmp_path, workbench):
    text = SEED.read_text(encoding="utf-8")
    with_bom = _file(tmp_path, "with_bom.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    without = _file(tmp_path, "without.txt", text.encode("utf-16-be"))
    cache = tmp_path / "o" / ".cache"
    cache.mkdir(parents=True)
    for name in ("embeddings-use-m3_0.2.1-f57a060aaf.sqlite", "embeddings.sqlite"):
        (cache / name).write_bytes(b"garbage, not SQLite" * 20)
    run = CliRunner().invoke(cli, ["process", with_bom, without, "--out", str(tmp_path / "o")])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "o" / "with_bom.json").is_file() and (tmp_path / "o" / "without.json").is_file()
    assert list(cache.glob("*.corrupt"))  # moved aside, kept for a look; a fresh cache was built
