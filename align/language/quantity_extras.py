"""Quantities a reader sees that plain digit and word parsing misses: halves, and units converted.

- "two and a half years" / "2,5 года", "2 с половиной", "half a million" / "полмиллиона": a half
  added to, or taken of, the number before it;
- "сутки" / "24 hours": a number the Russian says as a word, compared but never flagged alone;
- "8 ft." / "2,5 метровые", "15-foot" / "4,5 метра", miles / km, pounds / kg, inches / cm, °F / °C:
  translators convert units, so a length in metres also reads, approximately, as the same length in
  feet (``APPROXIMATE``: within 10 %, rounding as a translator rounds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from align.language.digit_numbers import parse_number
from align.language.number_words import find_number_words

APPROXIMATE = 0.1  # relative difference within which a converted reading equals a value

_DIGITS = r"\d+(?:[.,]\d+)?"
_WORD = r"[^\W\d_]+"
EN_AND_A_HALF = re.compile(rf"\b({_DIGITS}|{_WORD})\s+and\s+a\s+half\b", re.IGNORECASE)
RU_AND_A_HALF = re.compile(rf"(?<![\w.,])({_DIGITS}|{_WORD})\s+с\s+половиной\b", re.IGNORECASE)
EN_HALF_OF = re.compile(r"\bhalf\s+an?\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
RU_HALF_OF = re.compile(r"\bпол(тысяч|миллион|миллиард|триллион)[а-яё]*", re.IGNORECASE)
# a numerator is required in English ("the third", "the first quarter" are ordinals); Russian nouns only
# ("третьем квартале" is an ordinal)
EN_FRACTION = re.compile(r"\b(a|one|two|three)[\s-]+(thirds?|quarters?)\b(?!-)", re.IGNORECASE)
RU_FRACTION = re.compile(
    r"\b(?:(одна|две|три)\s+)?(треть|трети|третью|третей|четверть|четверти|четвертью|четвертей)\b",
    re.IGNORECASE,
)
EN_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3}
RU_NUMERATORS = {"одна": 1, "две": 2, "три": 3}
FRACTION_STEMS = (("third", 3), ("quarter", 4), ("трет", 3), ("четверт", 4))
RU_DAY = re.compile(r"\bсут(?:ки|ок|кам|ками|ках)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}  # fmt: skip

# unit written after a number -> (factor to the other system's unit, offset): metres <-> feet, ...
_RU_UNITS = (
    (re.compile(r"\s*-?\s*(?:километр[а-яё]*|км\b)", re.I), 0.621371, 0.0),  # -> miles
    (re.compile(r"\s*-?\s*(?:сантиметр[а-яё]*|см\b)", re.I), 0.393701, 0.0),  # -> inches
    (re.compile(r"\s*-?\s*(?:метр[а-яё]*|м\b)", re.I), 3.28084, 0.0),  # -> feet
    (re.compile(r"\s*-?\s*(?:килограмм[а-яё]*|кг\b)", re.I), 2.20462, 0.0),  # -> pounds
    (re.compile(r"\s*(?:°\s*C|градус[а-яё]*\s+Цельси[а-яё]*)", re.I), 1.8, 32.0),  # -> °F
)
_EN_UNITS = (
    (re.compile(r"\s*-?\s*(?:miles?\b)", re.I), 1.60934, 0.0),  # -> km
    (re.compile(r"\s*-?\s*(?:inch(?:es)?\b|in\.)", re.I), 2.54, 0.0),  # -> cm
    (re.compile(r"\s*-?\s*(?:ft\b\.?|feet\b|foot\b)", re.I), 0.3048, 0.0),  # -> m
    (re.compile(r"\s*-?\s*(?:lbs?\b\.?|pounds?\b)", re.I), 0.453592, 0.0),  # -> kg
    (re.compile(r"\s*(?:°\s*F|degrees\s+Fahrenheit)", re.I), 5 / 9, -32 * 5 / 9),  # -> °C
)


_SHARED_UNIT = re.compile(r"\s*(?:и|или|до|and|or|to|,|[-–—])\s*\d+(?:[.,]\d+)?", re.IGNORECASE)


def _value(token: str, lang: str) -> float | None:
    """A number in digits or one compound of number words, or None."""
    if token[:1].isdigit():
        return parse_number(token, lang)[0]
    words = find_number_words(token, lang)
    return words[0].value if len(words) == 1 and words[0].end - words[0].start == len(token) else None


def halves(text: str, lang: str) -> Iterator[tuple[float, int, int]]:
    """(value, start, end) of every "N and a half" / "N с половиной" and "half a million" / "полмиллиона"."""
    and_a_half, half_of = (RU_AND_A_HALF, RU_HALF_OF) if lang == "ru" else (EN_AND_A_HALF, EN_HALF_OF)
    for m in and_a_half.finditer(text):
        value = _value(m.group(1), lang)
        if value is not None:
            yield value + 0.5, m.start(), m.end()
    for m in half_of.finditer(text):
        yield 0.5 * _SCALES[m.group(1).lower()], m.start(), m.end()


def day_hours(text: str, lang: str) -> Iterator[tuple[float, int, int]]:
    """ "сутки" (a day and a night) as the 24 hours an English translation writes; Russian only."""
    if lang == "ru":
        for m in RU_DAY.finditer(text):
            yield 24.0, m.start(), m.end()


def fractions(text: str, lang: str) -> Iterator[tuple[float, int, int]]:
    """ "three quarters" / "три четверти", "a third" / "треть", "two thirds" / "две трети": compared,
    never flagged alone (a third of the way is often a manner of speaking)."""
    pattern, numerators = (RU_FRACTION, RU_NUMERATORS) if lang == "ru" else (EN_FRACTION, EN_NUMERATORS)
    for m in pattern.finditer(text):
        numerator = numerators.get((m.group(1) or "").lower(), 1)
        denominator = next(d for stem, d in FRACTION_STEMS if m.group(2).lower().startswith(stem))
        yield numerator / denominator, m.start(), m.end()


def converted(text: str, end: int, value: float, lang: str) -> tuple[float, ...]:
    """The value in the other system's unit when a unit follows the number at ``end`` (or follows the
    next number of a pair sharing it: "2,5 и 3,5 метровые", "8 to 12 feet"), else ()."""
    shared = _SHARED_UNIT.match(text, end)
    for at in (end, shared.end()) if shared else (end,):
        for pattern, factor, offset in _RU_UNITS if lang == "ru" else _EN_UNITS:
            if pattern.match(text, at):
                return (round(value * factor + offset, 3),)
    return ()


def approximately_equal(a: float, b: float) -> bool:
    return abs(a - b) <= APPROXIMATE * max(abs(a), abs(b))
