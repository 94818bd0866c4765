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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from align.language import quantity_patterns as patterns
from align.language.digit_numbers import parse_number, scale_value
from align.language.number_words import find_number_words


class QuantityKind(StrEnum):
    """What a quantity counts; a value is only ever compared with values of a compatible kind."""

    COUNT = "count"  # the number itself
    YEAR = "year"
    DATE = "date"  # month * 100 + day
    TIME = "time"  # minutes since midnight
    RATIO = "ratio"  # "three-to-one", "двойное": the multiplier
    PERCENT = "percent"
    DOCNO = "docno"  # a document number: "№ 25348"
    ITEM = "item"  # a list or copy marker ("3.", "Экз. № 7"): never flagged
    PAGE = "page"  # a sheet number ("Лист 2"): never flagged


# Kinds that are compared across languages; the rest are recorded but never flagged.
COMPARED_KINDS = frozenset(set(QuantityKind) - {QuantityKind.ITEM, QuantityKind.PAGE})


@dataclass(frozen=True)
class QuantityConfig:
    """Where the kinds of bare numbers begin and end; the defaults suit the 1940s-50s archive."""

    docno_min: int = 100  # "№ 1".."№ 99" number copies and list entries ("Экз. № 7"): items below this
    item_max_digits: int = 3  # digits of a list marker ("12.") at the start of a text; longer is a count
    page_window_chars: int = 12  # "Лист", "p." at most this many characters before a number: a sheet number
    year_min: int = 1800  # a bare four-digit number from year_min to year_max is a year
    year_max: int = 2099
    century: int = 1900  # added to a two-digit year ("7.10.50"): the documents are of the 20th century


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


@dataclass(frozen=True)
class _Reserved:
    """Characters a pattern takes without being a quantity: the "№" or "No." of a document number.

    Taking them keeps the number sign's span from being read again by a later pattern.
    """

    start: int
    end: int


Add = Callable[..., None]  # add(kind, value, start, end, **Quantity fields): record one quantity


def date_value(month: int, day: int) -> int:
    """The value of a date: month * 100 + day (7 October = 1007), comparable across spellings."""
    return month * 100 + day


def time_value(hours: int, minutes: int) -> int:
    """The value of a time of day: minutes since midnight (22:30 = 1350)."""
    return hours * 60 + minutes


class _Claims:
    """Character spans already taken by an earlier, more specific pattern."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))


def extract_quantities(
    text: str, lang: str, config: QuantityConfig = QuantityConfig()
) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` (``lang`` "ru" or "en"), sorted by position."""
    claims = _Claims()
    found: list[Quantity] = []

    def add(kind: QuantityKind, value: float, start: int, end: int, **extra) -> None:
        found.append(Quantity(kind, float(value), start, end, text[start:end], **extra))

    for finder in FINDERS:
        for hit in finder(text, lang, config):
            if isinstance(hit, _Reserved):
                claims.take(hit.start, hit.end)
            elif claims.free(hit.start, hit.end):
                claims.take(hit.start, hit.end)
                add(hit.kind, hit.value, hit.start, hit.end)
    _digit_numbers(text, lang, claims, add, config)
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
    if lang == "ru":
        spellings = ((patterns.RU_DATE, patterns.DAY_MONTH_GROUPS),)
    else:
        spellings = (
            (patterns.EN_DATE_DM, patterns.DAY_MONTH_GROUPS),
            (patterns.EN_DATE_MD, patterns.MONTH_DAY_GROUPS),
        )
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
            yield _Hit(QuantityKind.TIME, time_value(int(m.group(1)), int(m.group(2))), m.start(), m.end())


def _percents(text: str, lang: str, config: QuantityConfig) -> Iterator[_Hit]:
    for m in patterns.PERCENT.finditer(text):
        yield _Hit(QuantityKind.PERCENT, parse_number(m.group(1), lang)[0], m.start(), m.end())


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
FINDERS = (_docnos, _numeric_dates, _word_dates, _times, _percents, _ratios, _stem_compounds)


def _number_kind(
    text: str, start: int, end: int, token: str, *, scaled: bool, config: QuantityConfig
) -> QuantityKind:
    """count, year, item (list marker at the start of the text) or page (after "Лист", "p.")."""
    if patterns.PAGE.search(text[max(0, start - config.page_window_chars) : start]):
        return QuantityKind.PAGE
    short = token.isdigit() and len(token) <= config.item_max_digits
    if patterns.ITEM.match(text[:start]) and short and patterns.ITEM_AFTER.match(text, end):
        return QuantityKind.ITEM
    four_digits = not scaled and token.isdigit() and len(token) == 4
    if four_digits and (
        config.year_min <= int(token) <= config.year_max or patterns.YEAR_AFTER.match(text, end)
    ):
        return QuantityKind.YEAR
    return QuantityKind.COUNT


def _digit_ranges(text: str, lang: str, claims: _Claims, add: Add) -> None:
    """Ranges ("15-20", "15-20 тыс."): two counts, each scaled by the scale word after the range."""
    for m in patterns.RANGE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        scale = patterns.SCALE.match(text, m.end())
        factor = scale_value(scale.group(1)) if scale else 1.0
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        for group in (1, 2):
            value, alts = parse_number(m.group(group), lang)
            span = (m.start(group), end if group == 2 else m.end(1))
            extra = {"alternatives": tuple(a * factor for a in alts), "mantissa": value if scale else None}
            add(QuantityKind.COUNT, value * factor, *span, **extra)


def _digit_numbers(text: str, lang: str, claims: _Claims, add: Add, config: QuantityConfig) -> None:
    """Digit numbers, with their scales ("116 тыс.", "1.5 million"); ranges first."""
    _digit_ranges(text, lang, claims, add)
    for m in patterns.NUMBER.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        glued = patterns.GLUED.match(text, m.end())
        if glued and glued.group().lower() not in patterns.GLUED_UNITS:
            continue
        token = m.group(1)
        value, alts = parse_number(token, lang)
        scale = patterns.SCALE.match(text, m.end())
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        kind = _number_kind(text, m.start(), m.end(), token, scaled=bool(scale), config=config)
        if kind == QuantityKind.YEAR and (year_after := patterns.YEAR_AFTER.match(text, m.end())):
            end = year_after.end()
        factor = scale_value(scale.group(1)) if scale else 1.0
        add(
            kind,
            value * factor,
            m.start(),
            end,
            alternatives=tuple(a * factor for a in alts),
            mantissa=value if scale else None,
            abbrev_after=not scale and bool(patterns.ABBREV_AFTER.match(text, m.end())),
        )
