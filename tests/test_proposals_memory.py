"""Editor decisions feed back into proposals through the memory file."""

from __future__ import annotations

import json

import pytest

from align.errors import InputError
from align.model import Segment
from correct.proposals import Corrector, ProposalConfig
from correct.proposals.memory import load_memory, record_decision


def one_segment(text: str) -> tuple[Segment, ...]:
    return (Segment(id="m/ru@0", lang="ru", text=text, start=0, end=len(text)),)


@pytest.fixture(scope="module")
def lexicon(workbench):
    return workbench.corrector.lexicon


def corrector_with(lexicon, memory_path) -> Corrector:
    """A corrector reading ``memory_path`` that reuses the loaded lexicon (loading takes seconds)."""
    c = Corrector(ProposalConfig(), memory_path=memory_path)
    c._lexicon = lexicon
    return c


def test_record_and_load_round_trip(tmp_path):
    path = tmp_path / "memory.json"
    assert load_memory(path).accepted == {}
    record_decision(path, "кадри", "кадры", accepted=True)
    record_decision(path, "кадри", "кадры", accepted=True)
    memory = record_decision(path, "Знь-лай", "Энь-лай", accepted=False)
    assert memory.accepted == {("кадри", "кадры"): 2}
    assert load_memory(path).is_rejected("Знь-лай", "Энь-лай")
    assert load_memory(path).confusions()["и>ы"] == 2
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "workbench.memory/1"
    assert not list(tmp_path.glob(".memory.json.*.tmp")), "no temporary file left behind"


def test_a_broken_memory_file_is_an_input_error(tmp_path):
    path = tmp_path / "memory.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="memory"):
        load_memory(path)


def test_a_rejected_fix_is_not_proposed_again(lexicon, tmp_path):
    ru = one_segment("Опять пришли американци и спрашивают.")
    path = tmp_path / "memory.json"
    before = corrector_with(lexicon, path).propose(ru, (), ())
    assert [(p.original, p.suggestion) for p in before] == [("американци", "американцы")]
    record_decision(path, "американци", "американцы", accepted=False)
    after = corrector_with(lexicon, path).propose(ru, (), ())
    assert all(p.suggestion != "американцы" for p in after)


def test_an_accepted_word_extends_the_lexicon(lexicon, tmp_path):
    path = tmp_path / "memory.json"
    ru = one_segment("Прибыл товарищ зуброслаф. Товарищ зуброслав ответил.")
    before = corrector_with(lexicon, path).propose(ru, (), ())
    assert all(p.suggestion != "зуброслав" for p in before), "no dictionary knows the word"
    record_decision(path, "зубраслав", "зуброслав", accepted=True)
    after = {p.original: p for p in corrector_with(lexicon, path).propose(ru, (), ())}
    assert after["зуброслаф"].suggestion == "зуброслав"
    assert "зуброслав" not in after
    assert lexicon.with_extra(load_memory(path).corpus_words()).in_dictionary("зуброслав")
    assert not lexicon.in_dictionary("зуброслав"), "the shared lexicon is not changed"
