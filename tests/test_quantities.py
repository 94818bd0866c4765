"""Quantities and number words: values, kinds and spans in Russian and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.audit.numbers import Found, match
from align.language.digit_numbers import parse_number
from align.language.number_words import find_number_words
from align.language.quantities import COMPARED_KINDS, QuantityConfig, QuantityKind, extract_quantities
from tests.conftest import SEED_FILES, gold_for


def values(text: str, lang: str, config: QuantityConfig = QuantityConfig(), kinds=COMPARED_KINDS):
    return [(q.kind, q.value) for q in extract_quantities(text, lang, config) if q.kind in kinds]


@pytest.mark.parametrize(
    "token, lang, value",
    [
        ("6.400", "ru", 6400),
        ("96.600", "ru", 96600),
        ("12,000", "en", 12000),
        ("1,5", "ru", 1.5),
        ("1.5", "en", 1.5),
        ("1,234.5", "en", 1234.5),
        ("1500", "ru", 1500),
    ],
)
def test_separators_follow_the_language(token, lang, value):
    assert parse_number(token, lang)[0] == value


def test_ambiguous_three_digit_groups_keep_the_other_reading():
    value, alternatives = parse_number("1.500", "en")
    assert value == 1.5 and 1500 in alternatives


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("116 тыс. военнопленных", "ru", 116_000),
        ("116 thous. POWs", "en", 116_000),
        ("около 6 млн.", "ru", 6_000_000),
        ("1,5 млн. человек", "ru", 1_500_000),
        ("1.5 million people", "en", 1_500_000),
        ("3 млрд. рублей", "ru", 3e9),
        ("two billion two hundred million dollars", "en", 2.2e9),
        ("два миллиарда двести миллионов долларов", "ru", 2.2e9),
        ("с двумястами солдатами", "ru", 200),
        ("трех тысяч пятисот", "ru", 3500),
        ("one hundred and twenty-five", "en", 125),
        ("девяти дивизий", "ru", 9),
        ("пятью полками", "ru", 5),
    ],
)
def test_scales_and_number_words(text, lang, expected):
    assert values(text, lang) == [(QuantityKind.COUNT, expected)]


def test_lone_one_is_not_a_quantity():
    assert values("if one goes to war", "en") == []
    assert values("одного американского корпуса", "ru") == []
    assert values("one hundred", "en") == [(QuantityKind.COUNT, 100)]


@pytest.mark.parametrize(
    "ru, en",
    [
        ("двойное превосходство", "twofold superiority"),
        ("четырехкратное превосходство", "four-to-one superiority"),
        ("вдвое больше", "double the number"),
        ("пять-шесть дивизий", "five-six divisions"),
        ("15-20 км", "15-20 km"),
        ("3-4 года", "3-4 years"),
        ("6 октября в 22 часа 30 минут", "On 6 October, at 22:30"),
        ('" 11 " ч. " 55 " м. " 7 " октября 1950 г.', "on 11: 55 on October 7, 1950"),
        ("7 октября 1950 г.", "October 7, 1950"),
        ("7.10.50", "7.10.50"),
        ("Весь бюджет 1955 года", "the 1955 budget"),
        ("1 час 45 минут", "1 hour and 45 minutes"),
        ("50% урожая", "50 per cent of the harvest"),
        ("№ 25348", "No. 25348"),
        ("первой пятилетки", "the first five-year plan"),
    ],
)
def test_equal_quantities_have_equal_values(ru, en):
    assert sorted(values(ru, "ru")) == sorted(values(en, "en")), (values(ru, "ru"), values(en, "en"))


def test_kinds_keep_years_dates_and_times_apart():
    found = dict((k, v) for k, v in values("7 октября 1950 г. в 22:30", "ru"))
    assert found == {QuantityKind.DATE: 1007, QuantityKind.YEAR: 1950, QuantityKind.TIME: 1350}


def test_list_items_and_sheet_numbers_are_not_compared():
    kinds = [q.kind for q in extract_quantities("3. Что касается Лист 2 и 8 дивизий", "ru")]
    assert kinds == [QuantityKind.ITEM, QuantityKind.PAGE, QuantityKind.COUNT]
    assert [q.kind for q in extract_quantities("8 .- cde. Bulganin", "en")] == [QuantityKind.ITEM]


def test_copy_numbers_are_items_but_document_numbers_are_compared():
    kinds = [(q.kind, q.value) for q in extract_quantities("Экз. № 7, шифртелеграмма № 25348", "ru")]
    assert kinds == [(QuantityKind.ITEM, 7), (QuantityKind.DOCNO, 25348)]  # the "№" signs are no quantity


def test_the_kind_boundaries_are_settings():
    assert values("№ 50", "ru") == []  # an item: a copy or list number
    assert values("№ 50", "ru", QuantityConfig(docno_min=10)) == [(QuantityKind.DOCNO, 50)]
    assert (QuantityKind.YEAR, 1950) in values("7.10.50", "ru")
    assert (QuantityKind.YEAR, 1850) in values("7.10.50", "ru", QuantityConfig(century=1800))


def test_spans_point_at_the_quantity():
    text = "в том числе 70 тыс. китайцев"
    (q,) = extract_quantities(text, "ru")
    assert text[q.start : q.end] == "70 тыс."


def test_digits_inside_ocr_debris_are_ignored():
    assert values("к предстоящему X1X съезду", "ru") == []
    assert values("чжоу 2нь-лай подтверждает", "ru") == []
    assert values("122mm guns", "en") == [(QuantityKind.COUNT, 122)]


def test_number_words_spans():
    text = "не пять-шесть дивизий, а девять"
    spans = [(text[w.start : w.end], w.value) for w in find_number_words(text, "ru")]
    assert spans == [("пять", 5), ("шесть", 6), ("девять", 9)]


@given(st.integers(min_value=1000, max_value=999_999_999))
def test_grouped_digits_round_trip(n):
    en = f"{n:,}"
    ru = en.replace(",", ".")
    assert parse_number(en, "en")[0] == n
    assert parse_number(ru, "ru")[0] == n


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_gold_equivalent_numbers_match_as_multisets(seed):
    """Every gold pair "1,5 млн." / "1.5 million" leaves nothing unmatched (garbled scales included)."""
    for pair in gold_for(seed)["equivalent_numbers"]:
        ru = [Found(q, "ru", q.start, q.end) for q in extract_quantities(pair["ru"], "ru")]
        en = [Found(q, "en", q.start, q.end) for q in extract_quantities(pair["en"], "en")]
        ru = [f for f in ru if f.q.kind in COMPARED_KINDS]
        en = [f for f in en if f.q.kind in COMPARED_KINDS]
        left_ru, left_en = match(ru, en)
        # A gold snippet may stop before the number's partner ("из 60 дивизий 3 послать" / "sending 3"):
        # what is left must be on one side only, never two unequal values.
        assert not (left_ru and left_en), (pair, left_ru, left_en)
