"""Every number form a translator writes, both ways: Russian and English that agree, and that do not.

Each case is a pair of texts; they agree when the number check matches every quantity of one side
with one of the other (:func:`align.audit.numbers.match`), the way the audit compares a paragraph pair.
"""

from __future__ import annotations

import pytest

from align.audit.numbers import Found, match
from align.language.quantities import QuantityKind, extract_quantities


def found(text: str, lang: str) -> list[Found]:
    return [Found(q, lang, q.start, q.end) for q in extract_quantities(text, lang)]


def agree(ru: str, en: str) -> bool:
    left_ru, left_en = match(found(ru, "ru"), found(en, "en"))
    return not left_ru and not left_en and bool(found(ru, "ru"))


AGREE = [
    ("21 848 человек", "21,848 people"),  # space as thousands separator
    ("21\u00a0848 человек", "21,848 people"),  # no-break space
    ("21\u2009848 человек", "21,848 people"),  # thin space
    ("21\u202f848 человек", "21,848 people"),  # narrow no-break space
    ("1.500 тонн", "1,500 tons"),  # the point as a Russian thousands separator
    ("2 500 рублей", "2500 roubles"),
    ("1,5 млн человек", "1.5 million people"),  # decimal comma, scale words
    ("116 тыс. тонн", "116 thousand tons"),
    ("279,3 млрд рублей", "279.3 billion roubles"),
    ("2 трлн 784 млрд рублей", "2 trillion 784 billion roubles"),  # compound amounts
    ("5 млн 300 тыс. рублей", "5.3 million roubles"),
    ("1,5 трлн долларов", "$1.5 tn"),
    ("рост на 25%", "an increase of 25 percent"),  # percent
    ("от 15 до 20 тыс.", "15-20 thousand"),  # ranges
    ("в 00:12", "at 00:12"),  # times
    ("в 14:10", "at 2:10 P.M."),  # a 12-hour clock
    ("в 12 ч. 12 мин.", "at 12:12"),
    ("7 октября 1952 г.", "October 7, 1952"),  # dates with their parts
    ("2,5 года", "two and a half years"),  # halves
    ("2 с половиной года", "2.5 years"),
    ("полмиллиона долларов", "half a million dollars"),
    ("лодка длиной 4,5 метра", "a 15-foot boat"),  # units a translator converts
    ("2,5 и 3,5 метровые белки", "8 ft., 12 ft. long proteins"),
    ("за сутки", "in the past 24 hours"),
    ("Windows 10 May 2020 Update", "Windows 10 May 2020 Update"),  # Latin dates inside Russian
    ("в трёхмерном пространстве", "in 3D space"),
    ("на площади 40га", "on 40 ha"),
    ("5‰ брака", "0.5% of rejects"),  # per mille, a tenth of a percent
    ("0,8 промилле", "0.8 per mille"),
    ("три четверти населения", "three quarters of the population"),  # fractions
    ("треть бюджета", "a third of the budget"),
    ("две трети депутатов", "two-thirds of the deputies"),
]

DIFFER = [
    ("21 848 человек", "21,348 people"),
    ("1,5 млн человек", "15 million people"),
    ("2 трлн 784 млрд рублей", "2 trillion 748 billion roubles"),
    ("в 14:10", "at 2:10 A.M."),
    ("2,5 года", "three and a half years"),
    ("лодка длиной 4,5 метра", "a 25-foot boat"),
    ("7 октября 1952 г.", "October 8, 1952"),
    ("70 тыс. китайцев", "20 thous. Chinese"),
    ("5‰ брака", "5% of rejects"),
    ("две трети депутатов", "three quarters of the deputies"),
]


@pytest.mark.parametrize(("ru", "en"), AGREE)
def test_agreeing_forms_match_both_ways(ru, en):
    assert agree(ru, en), (found(ru, "ru"), found(en, "en"))


@pytest.mark.parametrize(("ru", "en"), DIFFER)
def test_different_numbers_stay_different(ru, en):
    assert not agree(ru, en)


def test_a_number_context_decides_its_kind():
    kinds = [q.kind for q in extract_quantities("В 1952 году 300 человек пришли к 14:30 7 октября.", "ru")]
    assert kinds == [QuantityKind.YEAR, QuantityKind.COUNT, QuantityKind.TIME, QuantityKind.DATE]


def test_ordinals_are_no_fractions():
    assert extract_quantities("в третьем квартале", "ru") == ()
    assert extract_quantities("the third quarter, the third-largest city", "en") == ()


def test_number_stems_that_are_no_count_are_left_alone():
    for word in ("однолетние культуры", "двустороннего сотрудничества", "три десятилетия"):
        values = [q.value for q in extract_quantities(word, "ru")]
        assert 10.0 not in values and 1.0 not in values and values in ([], [3.0]), word
