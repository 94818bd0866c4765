"""Quantities in Russian and English text, normalised to values that can be compared across languages.

"1,5 млн." and "1.5 million" both become a count of 1 500 000; "22 часа 30 минут" and "22:30" a
time of 1350 minutes; "7 октября" and "October 7" the date 1007 (month * 100 + day). Each
quantity keeps a kind so that a year is never compared with a head count, and the kinds a
translator never needs compared (list-item markers "3.", sheet numbers) are marked as such.

Extraction claims spans in a fixed order (document numbers, dates, times, percentages, ratios,
digit numbers, number words) so that the digits of "№ 25348" or "7.10.50" are not read again
as plain counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from align.language import quantity_patterns as patterns
from align.language.digit_numbers import parse_number
from align.language.digit_quantities import digit_numbers
from align.language.number_words import find_number_words
from align.language.quantity_extras import converted, day_hours, fractions, halves
from align.language.quantity_kinds import COMPARED_KINDS, Claims, QuantityConfig, QuantityKind

__all__ = ["COMPARED_KINDS", "Quantity", "QuantityConfig", "QuantityKind", "extract_quantities"]


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text; offsets index that text."""

    kind: QuantityKind
    value: float  # count/year/docno/percent/ratio: the number; date: month*100+day; time: minutes
    start: int
    end: int
    text: str
    alternatives: tuple[float, ...] = ()  # other readings of ambiguous separators ("1.500")
    mantissa: float | None = None  # the number as written before a scale word ("116" of "116 тыс.")
    # the value in the other system's unit ("2,5 метра" ~ 8.2 ft): equal within 10 % (quantity_extras)
    approximate: tuple[float, ...] = ()
    idiom: bool = False  # says a number in passing ("сутки": 24 hours): matched, never flagged alone
    abbrev_after: bool = False  # followed by an unknown abbreviation (a scale garbled by OCR?)

    def readings(self) -> tuple[float, ...]:
        """The value and its alternatives."""
        return (self.value, *self.alternatives)


@dataclass(frozen=True)
class _Hit:
    """A quantity a pattern found, before extraction attaches its text."""

    kind: QuantityKind
    value: float
    start: int
    end: int
    idiom: bool = False


@dataclass(frozen=True)
class _Reserved:
    """Characters a pattern takes without being a quantity: the "№" or "No." of a document number.

    Taking them keeps the number sign's span from being read again by a later pattern.
    """

    start: int
    end: int


def date_value(month: int, day: int) -> int:
    """The value of a date: month * 100 + day (7 October = 1007), comparable across spellings."""
    return month * 100 + day


def time_value(hours: int, minutes: int) -> int:
    """The value of a time of day: minutes since midnight (22:30 = 1350)."""
    return hours * 60 + minutes


def extract_quantities(
    text: str, lang: str, config: QuantityConfig = QuantityConfig()
) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` (``lang`` "ru" or "en"), sorted by position."""
    claims = Claims()
    found: list[Quantity] = []

    def add(kind: QuantityKind, value: float, start: int, end: int, **extra) -> None:
        if kind == QuantityKind.COUNT:
            extra.setdefault("approximate", converted(text, end, float(value), lang))
        found.append(Quantity(kind, float(value), start, end, text[start:end], **extra))

    for finder in FINDERS:
        for hit in finder(text, lang, config):
            if isinstance(hit, _Reserved):
                claims.take(hit.start, hit.end)
            elif claims.free(hit.start, hit.end):
                claims.take(hit.start, hit.end)
                add(hit.kind, hit.value, hit.start, hit.end, idiom=hit.idiom)
    digit_numbers(text, lang, claims, add, config)
    for words in find_number_words(text, lang):
        if claims.free(words.start, words.end):
            claims.take(words.start, words.end)
            add(QuantityKind.COUNT, words.value, words.start, words.end)
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def _docnos(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit | _Reserved]:
    """Document numbers; low numbers ("№ 7") are copy and list numbers ("Экз. № 7"), so items."""
    for m in patterns.DOCNO.finditer(text):
        for n in re.finditer(r"\d+", m.group(1)):
            kind = QuantityKind.DOCNO if int(n.group()) >= config.docno_min else QuantityKind.ITEM
            yield _Hit(kind, int(n.group()), m.start(1) + n.start(), m.start(1) + n.end())
        yield _Reserved(m.start(), m.end())


def _numeric_dates(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    for m in patterns.NUMERIC_DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= day <= 31 and 1 <= month <= 12:
            yield _Hit(QuantityKind.DATE, date_value(month, day), m.start(1), m.end(2))
            full = int(year) if len(year) == 4 else config.century + int(year)
            yield _Hit(QuantityKind.YEAR, full, m.start(3), m.end(3))


def _word_dates(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    english = (
        (patterns.EN_DATE_DM, patterns.DAY_MONTH_GROUPS),
        (patterns.EN_DATE_MD, patterns.MONTH_DAY_GROUPS),
    )
    # a Russian text may quote Latin names with dates ("Windows 10 May 2020 Update")
    spellings = ((patterns.RU_DATE, patterns.DAY_MONTH_GROUPS), *english) if lang == "ru" else english
    for pattern, (day_group, first_month_group) in spellings:
        for m in pattern.finditer(text):
            month = next(i + 1 for i in range(12) if m.group(first_month_group + i))
            day = int(m.group(day_group))
            if 1 <= day <= 31:
                yield _Hit(QuantityKind.DATE, date_value(month, day), m.start(), m.end())


def _times(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    spelt = (patterns.TIME_RU, patterns.TIME_EN) if lang == "ru" else (patterns.TIME_EN, patterns.TIME_RU)
    for pattern in (*spelt, patterns.CLOCK):  # each: group 1 the hours, group 2 the minutes
        for m in pattern.finditer(text):
            hours = int(m.group(1))
            if pattern is patterns.CLOCK and m.group(3):  # "2:10 P.M.": a 12-hour clock
                hours = hours % 12 + (12 if m.group(3).lower() == "p" else 0)
            yield _Hit(QuantityKind.TIME, time_value(hours, int(m.group(2))), m.start(), m.end())


def _percents(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    for m in patterns.PERCENT.finditer(text):
        yield _Hit(QuantityKind.PERCENT, parse_number(m.group(1), lang)[0], m.start(), m.end())
    for m in patterns.PER_MILLE.finditer(text):
        yield _Hit(QuantityKind.PERCENT, parse_number(m.group(1), lang)[0] / 10, m.start(), m.end())


def _word_or_digit(token: str, lang: str) -> float | None:
    if token.isdigit():
        return float(token)
    words = find_number_words(token, lang)
    return words[0].value if len(words) == 1 and words[0].end - words[0].start == len(token) else None


def _ratios(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    for pattern in (patterns.RATIO_EN, patterns.FOLD_EN):
        for m in pattern.finditer(text):
            value = _word_or_digit(m.group(1), "en")
            if value is not None:
                yield _Hit(QuantityKind.RATIO, value, m.start(), m.end())
    for m in patterns.MULT_EN_WORD.finditer(text):
        yield _Hit(QuantityKind.RATIO, patterns.MULT_EN[m.group(1).lower()], m.start(), m.end())
    for m in patterns.RU_KRAT.finditer(text):
        value = patterns.RU_MULT_STEMS.get(m.group(1).lower().replace("ё", "е"))
        if value is not None:
            yield _Hit(QuantityKind.RATIO, value, m.start(), m.end())
    for m in patterns.RU_MULT_WORD.finditer(text):
        yield _Hit(QuantityKind.RATIO, patterns.RU_MULT_WORDS[m.group(1).lower()], m.start(), m.end())


def _stem_compounds(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    if lang == "ru":
        for m in patterns.RU_STEM_COMPOUND.finditer(text):
            yield _Hit(QuantityKind.COUNT, patterns.RU_STEM_VALUES[m.group(1).lower()], m.start(), m.end())


# The specific patterns, in the order they claim text: a document number's digits or a date's are
# never read again as plain counts by ``_digit_numbers`` or the number words, which run after.
def _halves(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    for value, start, end in halves(text, lang):
        yield _Hit(QuantityKind.COUNT, value, start, end)
    for value, start, end in (*day_hours(text, lang), *fractions(text, lang)):
        yield _Hit(QuantityKind.COUNT, value, start, end, idiom=True)


FINDERS = (_docnos, _numeric_dates, _word_dates, _times, _percents, _ratios, _halves, _stem_compounds)
