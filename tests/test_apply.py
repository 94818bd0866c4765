"""`workbench apply`: proposals and decisions -> corrected text and change log; the input never changes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.errors import InputError
from align.model import Action, Decision, Document, Result, Segment, TargetKind
from align.serialize import read_result, write_result
from correct.exports.apply import apply_to_text, chosen_changes, corrected_segments
from tests.test_store_data import proposal
from ui.cli import cli

TEXTS = ("Сталин замечает, что в 1939 го ду было 1,5 млн.", "Вы поздно пришля к гласти.")


@pytest.fixture()
def result() -> Result:
    ru = tuple(
        Segment(id=f"d/ru@{i * 100}", lang="ru", text=t, start=i * 100, end=i * 100 + len(t))
        for i, t in enumerate(TEXTS)
    )
    props = (
        proposal(ru[0], "го ду", "году", 0.94),
        proposal(ru[1], "пришля", "пришли", 0.93),
        proposal(ru[1], "гласти", "власти", 0.5),
        proposal(ru[1], "пришля к", "пришел к", 0.3),  # overlaps a more confident one
    )
    return Result(
        document=Document(id="d", source={"ru": "d.txt", "en": "d.txt"}), ru=ru, en=(), proposals=props
    )


def test_apply_to_text_goes_backward_and_skips_overlaps():
    seg = Segment(id="s", lang="ru", text="Вы поздно пришля к гласти.", start=0, end=26)
    props = [
        proposal(seg, "пришля", "пришли", 0.9),
        proposal(seg, "гласти", "власти", 0.8),
        proposal(seg, "пришля к", "пришел к", 0.3),
    ]
    assert apply_to_text(seg.text, props) == "Вы поздно пришли к власти."


def test_threshold_picks_the_confident_proposals(result):
    changes = chosen_changes(result, 0.72)
    assert [(c.original, c.replacement, c.how) for c in changes] == [
        ("го ду", "году", "auto"),
        ("пришля", "пришли", "auto"),
    ]
    assert corrected_segments(result, changes) == [
        "Сталин замечает, что в 1939 году было 1,5 млн.",
        "Вы поздно пришли к гласти.",
    ]


def on_proposal(proposal_id: str, action: str, value: str | None = None) -> Decision:
    """An editor's decision on one proposal, as a decisions file gives it to ``workbench apply``."""
    return Decision(
        doc="", target_kind=TargetKind.PROPOSAL, target=proposal_id, action=Action(action), new=value
    )


def test_decisions_override_the_threshold(result):
    ids = [p.id for p in result.proposals]
    decisions = [
        on_proposal(ids[0], "reject"),
        on_proposal(ids[2], "accept"),
        on_proposal(ids[3], "edit", "пришёл к"),  # an edit beats the confident automatic proposal
    ]
    changes = chosen_changes(result, 0.72, decisions)
    assert corrected_segments(result, changes) == [TEXTS[0], "Вы поздно пришёл к власти."]
    assert {c.how for c in changes} == {"accept", "edit"}


def test_no_threshold_applies_decided_proposals_only(result):
    ids = [p.id for p in result.proposals]
    assert chosen_changes(result, None) == []
    changes = chosen_changes(result, None, [on_proposal(ids[2], "accept")])
    assert [(c.proposal, c.how) for c in changes] == [(ids[2], "accept")]


def test_unknown_proposal_in_decisions_is_an_input_error(result):
    with pytest.raises(InputError, match="not in the result"):
        chosen_changes(result, 0.5, [on_proposal("nope", "accept")])


def test_cli_writes_text_and_log_and_leaves_the_result_alone(result, tmp_path):
    path = write_result(result, tmp_path / "d.json")
    before = path.read_bytes()
    decisions = tmp_path / "decisions.json"
    decisions.write_text(
        json.dumps([{"proposal": result.proposals[2].id, "action": "accept"}]), encoding="utf-8"
    )
    out = tmp_path / "out" / "d.ru.txt"
    run = CliRunner().invoke(cli, ["apply", str(path), "--decisions", str(decisions), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert out.read_text(encoding="utf-8") == (
        "Сталин замечает, что в 1939 году было 1,5 млн.\n\nВы поздно пришли к власти.\n"
    )
    log = (tmp_path / "out" / "d.ru.txt.changes.tsv").read_text(encoding="utf-8").splitlines()
    assert log[0].startswith("segment\tstart\tend\toriginal\treplacement")
    assert len(log) == 4 and "\tгласти\tвласти\t0.500\taccept\t" in log[3]
    assert path.read_bytes() == before
    assert read_result(path) == result


def test_cli_min_confidence_and_log_option(result, tmp_path):
    path = write_result(result, tmp_path / "d.json")
    out, log = tmp_path / "d.txt", tmp_path / "changes.tsv"
    run = CliRunner().invoke(
        cli, ["apply", str(path), "--min-confidence", "0.95", "-o", str(out), "--log", str(log)]
    )
    assert run.exit_code == 0, run.output
    assert out.read_text(encoding="utf-8") == "\n\n".join(TEXTS) + "\n"
    assert log.read_text(encoding="utf-8").count("\n") == 1


def test_cli_bad_decisions_file_is_one_line_and_exit_2(result, tmp_path):
    path = write_result(result, tmp_path / "d.json")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"proposal": "x", "action": "maybe"}]', encoding="utf-8")
    run = CliRunner().invoke(
        cli, ["apply", str(path), "--decisions", str(bad), "-o", str(tmp_path / "o.txt")]
    )
    assert run.exit_code == 2
    assert run.output.strip().count("\n") == 0 and "decision 0" in run.output


def test_cli_refuses_to_overwrite_its_input_with_one_line(result, tmp_path):
    path = write_result(result, tmp_path / "d.json")
    before = path.read_bytes()
    for args in (["-o", str(path)], ["-o", str(tmp_path / "o.txt"), "--log", str(path)]):
        run = CliRunner().invoke(cli, ["apply", str(path), *args])
        assert run.exit_code == 2
        assert run.stderr.strip().count("\n") == 0 and "overwrite RESULT.json" in run.stderr
        assert path.read_bytes() == before
