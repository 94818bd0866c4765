"""Editor decisions feed back into proposals: through a memory file, or a review store's log."""

from __future__ import annotations

import json

import pytest

from align.errors import InputError
from align.model import Segment
from correct.proposals import Corrector, ProposalConfig
from correct.proposals.memory import CorrectionMemory, load_memory, write_memory
from correct.proposals.tokens import normalise


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


def remember(path, original: str, suggestion: str, accepted: bool) -> CorrectionMemory:
    """Add one decision to a memory file (as `workbench memory export` would have written it)."""
    memory = load_memory(path)
    pair = {(normalise(original), normalise(suggestion)): 1}
    return write_memory(
        path, memory.merged(CorrectionMemory(**{"accepted" if accepted else "rejected": pair}))
    )


def test_write_and_load_round_trip(tmp_path):
    path = tmp_path / "memory.json"
    assert load_memory(path).accepted == {}
    remember(path, "кадри", "кадры", accepted=True)
    remember(path, "кадри", "кадры", accepted=True)
    remember(path, "Знь-лай", "Энь-лай", accepted=False)
    assert load_memory(path).accepted == {("кадри", "кадры"): 2}
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
    remember(path, "американци", "американцы", accepted=False)
    after = corrector_with(lexicon, path).propose(ru, (), ())
    assert all(p.suggestion != "американцы" for p in after)


def test_an_accepted_word_extends_the_lexicon(lexicon, tmp_path):
    path = tmp_path / "memory.json"
    ru = one_segment("Прибыл товарищ зуброслаф. Товарищ зуброслав ответил.")
    before = corrector_with(lexicon, path).propose(ru, (), ())
    assert all(p.suggestion != "зуброслав" for p in before), "no dictionary knows the word"
    remember(path, "зубраслав", "зуброслав", accepted=True)
    after = {p.original: p for p in corrector_with(lexicon, path).propose(ru, (), ())}
    assert after["зуброслаф"].suggestion == "зуброслав"
    assert "зуброслав" not in after
    assert lexicon.with_extra(load_memory(path).corpus_words()).in_dictionary("зуброслав")
    assert not lexicon.in_dictionary("зуброслав"), "the shared lexicon is not changed"


def test_an_undone_reject_no_longer_suppresses_its_proposal(seed_results, lexicon, tmp_path):
    from correct.review.decisions import proposal_decision, undo_decision
    from correct.review.store import Store, StoreMemory

    result = seed_results["002_98cc284bed931188"]
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(result)
    corrector = Corrector(ProposalConfig(), memory_sources=(StoreMemory(store.path),))
    corrector._lexicon = lexicon

    def proposed() -> set[tuple[str, str]]:
        return {(p.original, p.suggestion) for p in corrector.propose(result.ru, result.en, result.alignment)}

    target = max(result.proposals, key=lambda p: p.confidence)
    pair = (target.original, target.suggestion)
    assert pair in proposed()
    (reject,) = store.decide([proposal_decision(result.document.id, target, "reject", "ann")])
    assert pair not in proposed()  # re-processing learns the rejection from the store
    store.decide([undo_decision(reject, "ann")])
    assert pair in proposed()  # and the undo unlearns it
