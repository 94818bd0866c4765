"""The corpus layout NAME/ru.txt + NAME/en.txt (and NAME/NAME.ru.txt) is one document named NAME."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from align.ingest.discover import discover
from tests.conftest import ROOT
from ui.cli import cli

DOCS = ROOT.parent / "shared" / "corpus" / "docs"


def test_the_corpus_docs_folder_is_thirty_documents_named_by_their_folders():
    if not DOCS.is_dir():
        pytest.skip(f"{DOCS} not found (clone with ../shared beside the repo)")
    sources, problems = discover([DOCS])
    assert problems == []
    assert sorted(s.name for s in sources) == sorted(
        p.name for p in DOCS.iterdir() if (p / "ru.txt").is_file()
    )
    assert all(s.ru.parent.name == s.name == s.en.parent.name for s in sources)


def test_both_folder_layouts_and_a_half_pair(tmp_path):
    for name, ru, en in (("alpha", "ru.txt", "en.txt"), ("beta", "beta.ru.txt", "beta.en.txt")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ru).write_text("Текст документа.\n", encoding="utf-8")
        (tmp_path / name / en).write_text("The text of the document.\n", encoding="utf-8")
    (tmp_path / "gamma").mkdir()
    (tmp_path / "gamma" / "ru.txt").write_text("Только русский.\n", encoding="utf-8")
    sources, problems = discover([tmp_path])
    assert sorted(s.name for s in sources) == ["alpha", "beta"]
    assert problems == [
        f"{tmp_path / 'gamma' / 'ru.txt'}: its en counterpart en.txt is missing in {tmp_path / 'gamma'}"
    ]


def test_batch_over_corpus_folders_names_results_by_folder(tmp_path, workbench):
    if not DOCS.is_dir():
        pytest.skip(f"{DOCS} not found")
    picked = sorted(p for p in DOCS.iterdir() if (p / "ru.txt").is_file())[:2]
    for p in picked:
        shutil.copytree(p, tmp_path / "in" / p.name)
    run = CliRunner().invoke(
        cli, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--jobs", "1"]
    )
    assert run.exit_code == 0, run.output
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.json") if p.name != "run.json") == [
        p.name for p in picked
    ]
