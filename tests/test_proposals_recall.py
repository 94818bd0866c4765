"""Candidates the recall analysis of issue 13 found missing (benchmarks/ocr_recall_analysis.py).

Real lexicon and proposer on small documents written here: a rare dictionary form one edit from the
token beside a frequent form the index holds, and Latin words whose letters Tesseract reads as the
Cyrillic ones of their shape (S as "З", D as "О", d as "б").
"""

from __future__ import annotations

import pytest

from correct.proposals.candidates import lexicon_candidates
from correct.proposals.document_vocab import DocumentVocabulary
from correct.proposals.latin_evidence import latin_candidates, shape_distance
from correct.proposals.tokens import tokenize
from tests.test_proposals import segs


@pytest.fixture(scope="module")
def corrector(workbench):
    return workbench.corrector


def test_a_rare_form_beside_a_frequent_one_is_a_candidate(corrector):
    lexicon = corrector.lexicon
    tok = tokenize("сосредоточиася")[0]
    indexed = {w for w, _ in lexicon.neighbours(tok.norm, 2)}
    assert "сосредоточился" in indexed and "сосредоточимся" not in indexed  # the index alone lacks it
    found = {c.text: c.distance for c in lexicon_candidates(tok, lexicon, DocumentVocabulary.build([]))}
    assert found["сосредоточимся"] == 1 and found["сосредоточился"] == 1


def test_a_capitalised_word_gets_rare_forms_only_without_an_indexed_one(corrector):
    lexicon = corrector.lexicon
    tok = tokenize("Сосредоточиася")[0]
    found = {c.text for c in lexicon_candidates(tok, lexicon, DocumentVocabulary.build([]))}
    assert "Сосредоточился" in found and "Сосредоточимся" not in found


def test_the_rare_form_is_proposed_in_a_document(corrector):
    ru, en, links = segs("Сегодня мы сосредоточиася на главном вопросе. Потом поговорим о других.")
    props = [p for p in corrector.propose(ru, en, links) if p.original == "сосредоточиася"]
    assert props and "сосредоточимся" in (props[0].suggestion, *props[0].alternatives)


def test_s_d_and_v_read_as_cyrillic_shapes():
    assert shape_distance("Зопу", "Sony") == 0  # S read as З
    assert shape_distance("Ообзоп", "Dodson") == 0  # D as О, d as б
    assert shape_distance("Зеуеп", "Seven") == 0  # v as у
    assert shape_distance("Зопу", "Tony") == 1  # З is no T


def test_latin_words_with_these_shapes_are_restored_from_the_english(corrector):
    found = latin_candidates(tokenize("Ообзоп")[0], ("Dodson", "drones", "Turkey"))
    assert [c.text for c in found] == ["Dodson"]
    ru_text = "Компания Ообзоп показала новые модели в Москве."
    en_text = "The Dodson company showed new models in Moscow."
    ru, en, links = segs(ru_text, en_text)
    props = {p.original: p for p in corrector.propose(ru, en, links)}
    assert props["Ообзоп"].suggestion == "Dodson"
    # without the English nothing says what the word was
    ru, en, links = segs(ru_text)
    assert all(p.suggestion != "Dodson" for p in corrector.propose(ru, en, links))
