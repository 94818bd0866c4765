"""Number words in Russian and English, with spans: "двумястами", "two billion two hundred million".

Why our own parser: we need the character span of each compound (for flag highlighting) and the
Russian inflected forms ("двух", "пятью", "двумястами"); ``number-parser`` returns neither spans
nor a way to stop a compound at a non-number word. Russian words are lemmatised with pymorphy3
(loaded lazily, once), which turns every case form into the nominative the tables hold.

A compound is a run of adjacent number words (English also allows "and" and hyphens inside a
compound: "one hundred and twenty-five") whose value is built the usual way: units,
tens and hundreds add up to a group, a scale word ("thousand", "миллиарда") multiplies the
group, groups add up ("два миллиарда двести миллионов" = 2e9 + 2e8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from align.language.morphology import russian_morphology

RU_SMALL = {
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5, "полторы": 1.5,
}  # fmt: skip
RU_SCALES = {"тысяча": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}

EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
EN_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Words for 1 are pronouns and articles as often as numbers ("one should", "один из"): a lone
# one/один is not a quantity; inside a compound ("one hundred") it is.
LONE_ONE = frozenset({"one", "один", "одна", "одно"})

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Role(StrEnum):
    """How a number word adds to its compound."""

    SMALL = "small"  # a unit, teen, ten or hundred: adds up inside a group ("двести" + "пять")
    SCALE = "scale"  # thousand, million, ... (and English "hundred"): multiplies the group before it


Part = tuple[Role, float]  # one number word of a compound: its role and its value


@dataclass(frozen=True)
class NumberWords:
    """A run of number words and its value; offsets index the text it was found in."""

    start: int
    end: int
    value: float
    has_scale: bool  # ends with a scale word ("million"): the magnitude was spelt out


@lru_cache(maxsize=65536)
def ru_number_value(word: str) -> Part | None:
    """(role, value) of a Russian number word in any case form, or None."""
    low = word.lower().replace("ё", "е")
    if low in RU_SMALL:
        return Role.SMALL, RU_SMALL[low]
    if len(low) < 3:
        return None
    for parse in russian_morphology().parse(low)[:3]:
        lemma = parse.normal_form.replace("ё", "е")
        if lemma in RU_SMALL and ({"NUMR", "ADJF", "NOUN"} & set(parse.tag.grammemes)):
            if lemma in ("один", "одна", "одно") and "Anum" not in parse.tag and "NUMR" not in parse.tag:
                continue
            return Role.SMALL, RU_SMALL[lemma]
        if lemma in RU_SCALES:
            return Role.SCALE, RU_SCALES[lemma]
    return None


def en_number_value(word: str) -> Part | None:
    """(role, value) of an English number word, or None."""
    low = word.lower()
    if low in EN_SMALL:
        return Role.SMALL, EN_SMALL[low]
    if low.endswith("s") and low[:-1] in EN_SCALES and low[:-1] != "hundred":
        return Role.SCALE, EN_SCALES[low[:-1]]  # "millions": treated as the scale itself
    if low in EN_SCALES:
        return Role.SCALE, EN_SCALES[low]
    return None


def _combine(parts: list[Part]) -> tuple[float, bool]:
    """Value of a compound from its (role, value) parts; True when it ends with a scale."""
    total = 0.0
    group = 0.0
    for role, value in parts:
        if role == Role.SMALL:
            group += value
        elif value == 100:  # English "hundred" multiplies the units before it
            group = (group or 1) * 100
        else:
            total += (group or 1) * value
            group = 0.0
    return total + group, parts[-1][0] == Role.SCALE


def _valid_sequence(parts: list[Part], new: Part) -> bool:
    """Whether ``new`` continues the compound ("двести" + "миллионов" yes, "пять" + "шесть" no)."""
    if not parts:
        return True
    role, value = new
    last_role, last_value = parts[-1]
    if role == Role.SCALE:
        return value == 100 or not any(r == Role.SCALE and v <= value and v != 100 for r, v in parts)
    if last_role == Role.SCALE:
        return True
    # small after small: only a larger order followed by a smaller one ("двадцать пять", "сто два")
    return last_value >= 100 and value < 100 or 20 <= last_value < 100 and last_value % 10 == 0 and value < 10


def find_number_words(text: str, lang: str) -> list[NumberWords]:
    """Every compound of number words in ``text`` (``lang`` "ru" or "en"), in order."""
    lookup = ru_number_value if lang == "ru" else en_number_value
    found: list[NumberWords] = []
    run: list[Part] = []
    run_start = run_end = 0
    run_words: list[str] = []

    def close() -> None:
        lone_one = len(run_words) == 1 and (run_words[0].lower() in LONE_ONE or run == [(Role.SMALL, 1)])
        lone_hundred = len(run) == 1 and run[0] == (Role.SCALE, 100.0)
        if run and not lone_one and not lone_hundred:
            value, has_scale = _combine(run)
            found.append(NumberWords(run_start, run_end, value, has_scale))
        run.clear()
        run_words.clear()

    for match in WORD.finditer(text):
        word = match.group()
        part = lookup(word)
        gap = text[run_end : match.start()] if run else ""
        joined = gap.strip() in ("", "and", "-") and (gap.strip() != "-" or lang == "en")
        if part is None:
            if run and word.lower() == "and" and lang == "en":
                continue  # "one hundred and twenty": look at the next word
            close()
            continue
        if run and (not joined or not _valid_sequence(run, part)):
            close()
        if not run:
            run_start = match.start()
        run.append(part)
        run_words.append(word)
        run_end = match.end()
    close()
    return found
