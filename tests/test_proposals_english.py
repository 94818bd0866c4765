"""Fixes the aligned English suggests: digits, and Latin words read as Cyrillic look-alikes.

A number fix whose only evidence is the English stays below the default threshold (a translation can
be wrong: the seed's "70 тыс." against "20 thous."), linked to the audit's number flag; one with a
second source (a digit edit OCR is known to make, a year that cannot be) is applied by default.
"""

from __future__ import annotations

import pytest

from align.ingest.document import Source
from correct.proposals import DEFAULT_THRESHOLD
from correct.proposals.number_evidence import ENGLISH_ONLY, second_source
from correct.proposals.settings import ProposerSettings
from tests.test_proposals import segs


@pytest.fixture(scope="module")
def corrector(workbench):
    return workbench.corrector


def proposal_for(corrector, ru_text: str, en_text: str, original: str):
    ru, en, links = segs(ru_text, en_text)
    found = [p for p in corrector.propose(ru, en, links) if p.original == original]
    assert found, f"no proposal for {original!r}"
    return found[0]


def test_a_digit_the_english_gives_without_a_second_source_is_not_applied(corrector):
    p = proposal_for(
        corrector,
        "По его словам, в плену находятся 70 тыс. китайцев, и их судьба неизвестна.",
        "According to him, 20 thous. Chinese are held as prisoners, and their fate is unknown.",
        "70",
    )
    assert p.suggestion == "20"
    assert ENGLISH_ONLY in p.reasons
    assert p.confidence < DEFAULT_THRESHOLD
    assert ProposerSettings().english_number_cap < DEFAULT_THRESHOLD


def test_a_year_that_cannot_be_is_fixed_from_the_english(corrector):
    p = proposal_for(
        corrector,
        "Экономист не смог дать прогноз на 2920 год, поскольку ситуация меняется слишком быстро.",
        "The economist could not give a forecast for 2020, because the situation changes too quickly.",
        "2920",
    )
    assert p.suggestion == "2020"
    assert ENGLISH_ONLY not in p.reasons
    assert any("second source" in r for r in p.reasons)


def test_a_number_inside_a_word_is_the_russians_own_and_a_lost_digit_is_read_back(corrector):
    # "39-летнего" has the English's 39: no rival fix for "19", which the English gives as 10
    ru_text = "Теперь ему грозит до 19 лет тюрьмы. Мотивы 39-летнего выходца не сообщаются."
    en_text = "He now faces up to 10 years in prison. The 39-year-old's motives have not been reported."
    assert proposal_for(corrector, ru_text, en_text, "19").suggestion == "10"
    # a digit the OCR lost: "195 году" for 1985, proposed from the English alone (a year may have three
    # digits), so left for an editor
    p = proposal_for(
        corrector,
        "Собор был открыт вновь лишь в 195 году.",
        "The cathedral was reopened only in 1985.",
        "195",
    )
    assert p.suggestion == "1985"
    assert ENGLISH_ONLY in p.reasons and p.confidence < DEFAULT_THRESHOLD
    # a digit more than the English has is not read away: "129" is no "12"
    ru, en, links = segs("В сборке было 129 деталей.", "The kit had 12 parts.")
    assert "129" not in {p.original for p in corrector.propose(ru, en, links)}


def test_a_name_whose_capital_the_ocr_misread_is_restored_from_the_english(corrector):
    # the typewriter's "А" read as "д": the English names the man; nothing else is changed
    ru_text = "Об этом заявил советник дрестович в эфире телеканала."
    en_text = "Adviser Arestovich said this on the TV channel's air."
    p = proposal_for(corrector, ru_text, en_text, "дрестович")
    assert p.suggestion == "Арестович"
    assert p.confidence >= DEFAULT_THRESHOLD
    # without the English, or with two names that fit, nothing says which name it was
    ru, en, links = segs(ru_text)
    assert "Арестович" not in {p.suggestion for p in corrector.propose(ru, en, links)}
    ru, en, links = segs(ru_text, "Advisers Arestovich and Brestovich said this on air.")
    assert "Арестович" not in {p.suggestion for p in corrector.propose(ru, en, links)}


def test_second_sources():
    learned = {"9>0": 20, "7>2": 1}
    assert "OCR often reads" in second_source("19", "10", " лет", learned=learned, document_count=0)
    # the 9 read for 0 beside another 0 ("190" / "100") is the same one substitution
    assert "OCR often reads" in second_source("190", "100", " лет", learned=learned, document_count=0)
    assert second_source("70", "20", " тыс.", learned=learned, document_count=0) is None
    assert "cannot be a year" in second_source("2920", "2020", " года", learned={}, document_count=0)
    assert second_source("1955", "1956", " года", learned={}, document_count=0) is None
    assert "elsewhere" in second_source("1355", "1955", " г.", learned={}, document_count=2)


def test_the_english_only_number_fix_names_the_audit_flag(workbench, tmp_path):
    ru = tmp_path / "ru.txt"
    en = tmp_path / "en.txt"
    ru.write_text(
        "Стороны обсудили положение военнопленных.\n\n"
        "По его словам, в плену находятся 70 тыс. китайцев, и их судьба неизвестна.\n",
        encoding="utf-8",
    )
    en.write_text(
        "The parties discussed the situation of the prisoners of war.\n\n"
        "According to him, 20 thous. Chinese are held as prisoners, and their fate is unknown.\n",
        encoding="utf-8",
    )
    result = workbench.process(Source(ru=ru, en=en, name="pow"))
    fix = next(p for p in result.proposals if p.original == "70")
    flag = next(f for f in result.flags if f.kind == "number")
    assert f"the audit flags it: {flag.id}" in fix.reasons


def test_latin_words_read_as_cyrillic_are_restored_from_the_english(corrector):
    ru_text = (
        "Турция передала Украине беспилотники Ваугакгаг. Видео испытаний опубликовано "
        "на Уоцтиье-канале министерства обороны."
    )
    en_text = (
        "Turkey handed Bayraktar drones to Ukraine. A video of the tests was published "
        "on the YouTube channel of the defence ministry."
    )
    drone = proposal_for(corrector, ru_text, en_text, "Ваугакгаг")
    assert drone.suggestion == "Bayraktar"
    assert any("the English writes 'Bayraktar'" in r for r in drone.reasons)
    channel = proposal_for(corrector, ru_text, en_text, "Уоцтиье-канале")
    assert channel.suggestion == "YouTube-канале"
    # without the English nothing says what the word was
    ru, en, links = segs(ru_text)
    assert "Ваугакгаг" not in {p.suggestion for p in corrector.propose(ru, en, links)}


def test_a_windows_read_in_cyrillic_is_restored_and_a_russian_word_keeps_its_own_fix(corrector):
    ru_text = "Вышло обновление мупбомз, и на фоне пандешия его скачали многие."
    en_text = "A Windows update came out, and amid the pandemic many downloaded it."
    assert proposal_for(corrector, ru_text, en_text, "мупбомз").suggestion == "Windows"
    assert proposal_for(corrector, ru_text, en_text, "пандешия").suggestion == "пандемия"


def test_shape_distance_counts_only_letters_of_another_shape():
    from correct.proposals.latin_evidence import latin_candidates, shape_distance
    from correct.proposals.tokens import Token

    assert shape_distance("Ваугакгаг", "Bayraktar") == 0
    assert shape_distance("ВаугакЕаг", "Bayraktar") == 1  # a Latin E where the scan has t
    assert shape_distance("Москва", "Moscow") >= 3  # a Russian word is no look-alike reading
    assert latin_candidates(Token(0, 6, "Москва"), ["Moscow"]) == []


def test_a_long_cyrillic_reading_may_be_an_edit_off_the_english_word_unless_it_is_a_russian_word():
    from correct.proposals.latin_evidence import latin_candidates
    from correct.proposals.tokens import Token

    # "у" for "i" has no shape in common: one edit besides the shapes, allowed from six letters
    assert [c.text for c in latin_candidates(Token(0, 7, "мупбомз"), ["Windows", "update"])] == ["Windows"]
    assert latin_candidates(Token(0, 5, "Мпбоз"), ["Windows"]) == []  # five letters: shapes only
    # one edit from a Russian word ("пандемия"), it is that word misread, not the English one
    assert latin_candidates(Token(0, 8, "пандешия"), ["pandemic"], lambda word: True) == []
    assert latin_candidates(Token(0, 8, "пандешия"), ["pandemic"], lambda word: False) != []


def test_a_reading_no_russian_word_could_be_may_be_one_edit_further_off_the_english_word(corrector):
    from correct.proposals.latin_evidence import latin_candidates, un_russian
    from correct.proposals.tokens import Token

    # "йэ" is no Russian pair: two edits besides the shapes for eight letters, one more than a
    # Russian-looking reading gets
    assert un_russian("Зпарсйэт") and not un_russian("Косурома")
    assert [c.text for c in latin_candidates(Token(0, 8, "Зпарсйэт"), ["Snapchat"])] == ["Snapchat"]
    assert latin_candidates(Token(0, 8, "Косурома"), ["Kostroma"]) == []  # as Russian as a surname
    ru_text = "Компания открыла аккаунт в Зпарсйэт и выложила видео."
    en_text = "The company opened a Snapchat account and posted a video."
    fixed = proposal_for(corrector, ru_text, en_text, "Зпарсйэт")
    assert fixed.suggestion == "Snapchat"
    assert any("the English writes 'Snapchat'" in r for r in fixed.reasons)


def test_a_name_from_the_english_is_not_forced_on_a_russian_transliteration(corrector):
    """Two letters apart, a capitalised word may be the Russian spelling of the name, not a misreading:
    at most a suggestion for the editor, never applied by default."""
    ru, en, links = segs(
        "Переговоры вел Фоупин, и он же подписал протокол.", "The talks were conducted by Fobin."
    )
    names = [p for p in corrector.propose(ru, en, links) if p.original == "Фоупин"]
    assert all(p.confidence < DEFAULT_THRESHOLD for p in names)
