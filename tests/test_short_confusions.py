"""Short words and lone marks that a frequent misreading makes of a common word ("ма" for "на")."""

from __future__ import annotations

import pytest

from correct.proposals.short_confusions import confused_candidates, lone_marks, substitutions
from correct.proposals.tokens import Token
from tests.test_proposals import segs


@pytest.fixture(scope="module")
def corrector(workbench):
    return workbench.corrector


def test_substitutions_keep_only_confusions_seen_often():
    subs = substitutions({"м>н": 67, "©>с": 20, "м>и": 16, "д>л": 2, "сдер>x": 9})
    assert subs == {"м": [("н", 67), ("и", 16)], "©": [("с", 20)]}
    assert lone_marks("пошел © другом, а ® — нет", subs) == [Token(6, 7, "©")]


def test_only_a_far_commoner_word_is_a_candidate(corrector):
    subs = substitutions({"м>н": 67, "м>и": 16, "в>а": 12})
    lexicon = corrector.lexicon
    assert [c.text for c in confused_candidates(Token(0, 2, "ма"), lexicon, subs)] == ["на"]
    assert [c.text for c in confused_candidates(Token(0, 2, "Ом"), lexicon, subs)] == ["Он"]
    assert confused_candidates(Token(0, 1, "в"), lexicon, subs) == []  # "а" is no commoner than "в"
    assert confused_candidates(Token(0, 3, "мам"), lexicon, subs) == []  # three letters: not short


def test_misread_short_words_are_proposed_in_a_document(corrector):
    ru, en, links = segs("Он пришел ма работу рано, и ме стал ждать. Потом © другом ушел домой.")
    found = {p.original: p for p in corrector.propose(ru, en, links)}
    assert found["ма"].suggestion == "на"
    assert found["ме"].suggestion == "не"
    assert found["©"].suggestion == "с"
    assert any("OCR often reads" in r for r in found["ма"].reasons)


def test_the_word_after_a_mark_chooses_the_preposition_it_stands_for(corrector):
    ru, en, links = segs("Он думал © прошедшем отпуске. Потом встретился © должностными лицами города.")
    found = sorted(corrector.propose(ru, en, links), key=lambda p: p.start)
    assert [(p.original, p.suggestion) for p in found] == [("©", "о"), ("©", "с")]  # о + loct, с + ablt
    assert all(any("agrees grammatically" in r for r in p.reasons) for p in found)


def test_a_conjunction_between_two_words_of_one_case_fits_them(corrector):
    joined = {p.original: p for p in corrector.propose(*segs("Растет производство мяса м молока."))}["м"]
    loose = {p.original: p for p in corrector.propose(*segs("Растет производство, м молока мало."))}["м"]
    assert joined.suggestion == loose.suggestion == "и"
    assert joined.confidence > loose.confidence
    assert any("agrees grammatically" in r for r in joined.reasons)


def test_digits_read_for_a_preposition_that_governs_the_next_word(corrector):
    def fix(text: str) -> str | None:
        return {p.original: p.suggestion for p in corrector.propose(*segs(text))}.get("06")

    assert fix("Я подумала 06 этом вчера.") == "об"
    assert fix("Всего 181 ДТП. 06 этом передает агентство.") == "Об"  # opening a sentence
    assert fix("Я подумала 06 эволции.") == "об"  # the next word misread too: nothing to check it by
    for text in ("Встреча 06.05 прошла. Код 06 не найден.", "Дом 06 сдан.", "Приказ № 06 этом году."):
        assert fix(text) is None, text
