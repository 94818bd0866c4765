"""The review store on the command line: process --db twice with a review between, export --db,
decisions --db and memory export."""

from __future__ import annotations

import json

from click.testing import CliRunner

from align.serialize import read_result, write_result
from correct.exports.apply import read_decisions
from correct.proposals.memory import load_memory
from correct.review.decisions import proposal_decision, verdict_decision
from correct.review.store import Store
from tests.conftest import SEEDS
from tests.test_store_data import DOC, tiny_result
from ui.cli import cli


def _store_with_decisions(tmp_path) -> tuple[Store, object]:
    path = write_result(tiny_result(), tmp_path / "tiny.json")
    out = CliRunner().invoke(cli, ["import", str(path), "--db", str(tmp_path / "review.db")])
    assert out.exit_code == 0, out.output
    store = Store(tmp_path / "review.db")
    r = store.result(DOC)
    store.decide(
        [
            proposal_decision(DOC, r.proposals[0], "accept", "ann"),
            proposal_decision(DOC, r.proposals[1], "edit", "ann", text="известно!"),
            proposal_decision(DOC, r.proposals[2], "reject", "ann"),
            verdict_decision(DOC, r.flags[0], "translation_error", "bob"),
        ]
    )
    return store, path


def test_export_decisions_and_memory_from_the_store(tmp_path):
    store, path = _store_with_decisions(tmp_path)
    db = str(store.path)
    text = CliRunner().invoke(cli, ["export", DOC, "--db", db, "--format", "text"])
    assert text.exit_code == 0 and "точных данных" in text.output and "это известно!" in text.output
    tmx = CliRunner().invoke(cli, ["export", DOC, "--db", db, "--format", "tmx"])
    assert tmx.exit_code == 0 and "точных данных" in tmx.output and "<tmx" in tmx.output
    out = CliRunner().invoke(cli, ["decisions", DOC, "--db", db, "-o", str(tmp_path / "d.json")])
    assert out.exit_code == 0, out.output
    decisions = read_decisions(tmp_path / "d.json")  # the format `apply --decisions` reads
    assert [d.action for d in decisions] == ["accept", "edit", "reject"]
    applied = CliRunner().invoke(
        cli, ["apply", str(path), "--decisions", str(tmp_path / "d.json"), "-o", str(tmp_path / "c.txt")]
    )
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == text.output
    out = CliRunner().invoke(cli, ["memory", "export", "--db", db, "-o", str(tmp_path / "m.json")])
    assert out.exit_code == 0, out.output
    memory = load_memory(tmp_path / "m.json")
    assert memory.is_rejected("около", "около") and ("точяых", "точных") in memory.accepted
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))["schema"] == "workbench.memory/1"


def test_a_text_export_of_a_result_file_or_a_missing_document_is_one_line(tmp_path):
    store, path = _store_with_decisions(tmp_path)
    out = CliRunner().invoke(cli, ["export", str(path), "--format", "text"])
    assert out.exit_code == 2 and "needs --db" in out.output
    out = CliRunner().invoke(cli, ["export", "nope", "--db", str(store.path)])
    assert out.exit_code == 2 and "no document 'nope'" in out.output


def test_process_db_twice_with_a_review_between_keeps_the_review(tmp_path):
    seed = SEEDS / "002_98cc284bed931188.txt"
    db, out_dir = tmp_path / "review.db", tmp_path / "out"
    args = ["process", str(seed), "--out", str(out_dir), "--db", str(db), "--cache-dir", str(tmp_path / "c")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    store = Store(db)
    doc = store.document_ids()[0]
    target = store.result(doc).proposals[0]
    store.decide([proposal_decision(doc, target, "reject", "ann")])
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "1 decisions kept, 0 no longer apply" in second.output
    # The rejection is learned from the store: re-processing no longer proposes that fix.
    result = read_result(out_dir / f"{doc}.json")
    assert (target.original, target.suggestion) not in {(p.original, p.suggestion) for p in result.proposals}
    assert store.review(doc).proposals[target.id].status == "rejected"  # kept, carried to the new import
