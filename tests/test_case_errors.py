"""Words in the wrong case for their place: a small letter opening a sentence, a short word in capitals."""

from __future__ import annotations

import pytest

from align.model import Link, Segment
from correct.proposals.case_errors import case_candidate, continued_segments, sentence_start
from correct.proposals.tokens import tokenize
from tests.test_proposals import segs


@pytest.fixture(scope="module")
def lexicon(workbench):
    return workbench.corrector.lexicon


def fixes(text: str, lexicon) -> dict[str, str]:
    tokens = tokenize(text)
    out = {}
    for i, tok in enumerate(tokens):
        cand = case_candidate(tok, text, tokens, i, lexicon)
        if cand:
            out[tok.text] = cand.text
    return out


def test_a_sentence_start_gets_its_capital_and_an_abbreviation_is_no_sentence_end(lexicon):
    text = "основа матраса - латекс. искусственный латекс дешевле. В 1972 г. цены росли, т.е. падали."
    assert fixes(text, lexicon) == {"основа": "Основа", "искусственный": "Искусственный"}
    tokens = tokenize(text)
    assert sentence_start(text, tokens[0], tokens, 0)


def test_short_words_in_capitals_inside_ordinary_text(lexicon):
    text = "Цены растут. НО тюменцы не спешат, ведь ЕГО избыток в рационе вреден."
    assert fixes(text, lexicon) == {"НО": "Но", "ЕГО": "его"}
    # "Я" is always a capital; abbreviations ("ПО" is also software) and a heading in capitals stay
    assert fixes("По словам врача, ПО обновили.", lexicon) == {}
    assert fixes("Я думаю, что США и ДНК тут ни при чем.", lexicon) == {}
    assert fixes("ЗАПИСЬ БЕСЕДЫ НА ВСТРЕЧЕ", lexicon) == {}


def test_names_and_common_words_inside_a_sentence_keep_their_case(workbench):
    ru, en, links = segs("Вчера Иванов приехал в Москву, и травмы Головы тут ни при чем.")
    assert [p.original for p in workbench.corrector.propose(ru, en, links)] == []


def test_a_capital_is_surer_at_the_paragraphs_start_than_after_a_full_stop(workbench):
    opening = {p.original: p for p in workbench.corrector.propose(*segs("после обеда мы пошли домой."))}
    inside = {
        p.original: p for p in workbench.corrector.propose(*segs("Мы ждали. после обеда мы пошли домой."))
    }
    assert opening["после"].suggestion == inside["после"].suggestion == "После"
    assert opening["после"].confidence > inside["после"].confidence


def test_a_capital_inside_a_sentence_on_a_word_no_name_is_made_of_is_written_small(lexicon):
    text = "Мы знаем, что мы Должны сделать, когда Удается увидеть, как айсберг держится до Самого конца."
    assert fixes(text, lexicon) == {"Должны": "должны", "Удается": "удается", "Самого": "самого"}
    # after a comma too, for a conjunction; a gerund after a small word
    assert fixes("Мы проводили время, Так же бегая, а Учитывая масштабы, спешили.", lexicon) == {
        "Так": "так",
        "Учитывая": "учитывая",
    }


def test_names_pronouns_and_run_on_sentences_keep_their_capital_inside_a_sentence(lexicon):
    # nouns and adjectives make names; the polite "Вам", "Ваш"; "Это" and "На" may open a sentence whose
    # full stop is lost; after a full stop, a bracket or a quote the capital is the sentence's
    text = "Председатель Правительства Российской Федерации желаю Вам и Вашей семье счастья"
    assert fixes(text, lexicon) == {}
    assert fixes("Мы решили сделать Это сами на новом поколения На новом месте", lexicon) == {}
    assert fixes("Мы ждали. Должны были прийти (Смех) Должны «Должны»", lexicon) == {}


def test_a_capital_made_small_inside_a_sentence_is_proposed_with_its_reason(workbench):
    proposals = workbench.corrector.propose(*segs("Я думаю, что мы Должны вложить в это."))
    found = {p.original: p for p in proposals}
    assert found["Должны"].suggestion == "должны"
    assert any("no name is made of" in r for r in found["Должны"].reasons)


def _two_paragraphs(first: str, second: str, apart: bool):
    ru = tuple(Segment(f"t/ru@{k}", "ru", t, 0, len(t)) for k, t in enumerate((first, second)))
    english = ("They used two cameras and three lasers.", "So what does this tell us?")
    en = tuple(Segment(f"t/en@{k}", "en", t, 0, len(t)) for k, t in enumerate(english))
    if apart:
        links = (Link(("t/ru@0",), ("t/en@0",), 0.9), Link(("t/ru@1",), ("t/en@1",), 0.9))
    else:
        links = (Link(("t/ru@0", "t/ru@1"), ("t/en@0",), 0.9), Link((), ("t/en@1",), 0.9))
    return ru, en, links


def test_a_paragraph_after_one_with_no_full_stop_goes_on_from_it_unless_the_english_has_them_apart(workbench):
    # a page break inside a paragraph: both halves translate one English paragraph, no capital
    ru, en, links = _two_paragraphs("Там используются две камеры", "и три лазерных дальномера.", apart=False)
    assert continued_segments(ru, links) == {"t/ru@1"}
    assert "и" not in {p.original for p in workbench.corrector.propose(ru, en, links)}
    # two paragraphs the English translates apart: OCR lost the full stop, the second opens a sentence
    ru, en, links = _two_paragraphs("Это цепи из пассивных деталей", "итак, что это говорит нам?", apart=True)
    assert continued_segments(ru, links) == frozenset()
    found = {p.original: p.suggestion for p in workbench.corrector.propose(ru, en, links)}
    assert found["итак"] == "Итак"
    # with no alignment to say otherwise, the paragraph goes on
    assert continued_segments(ru, ()) == {"t/ru@1"}
