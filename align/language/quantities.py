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
from dataclasses import dataclass

from align.language.number_words import find_number_words

# Kinds that are compared across languages; the rest are recorded but never flagged.
COMPARED_KINDS = frozenset({"count", "year", "date", "time", "ratio", "percent", "docno"})


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text; offsets index that text."""

    kind: str  # count | year | date | time | ratio | percent | docno | item | page
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


_NUM = r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_RU = r"тыс\b\.?|тысяч[а-я]*|млн\b\.?|миллион[а-я]*|млрд\b\.?|миллиард[а-я]*"
_SCALE_EN = r"thous\b\.?|thousands?|mln\b\.?|mn\b|millions?|bn\b|billions?"
SCALE = re.compile(rf"\s*({_SCALE_RU}|{_SCALE_EN})", re.IGNORECASE)
SCALE_VALUES = (("тыс", 1e3), ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9), ("миллиард", 1e9),
                ("thous", 1e3), ("mln", 1e6), ("mn", 1e6), ("million", 1e6), ("bn", 1e9),
                ("billion", 1e9))  # fmt: skip
NUMBER = re.compile(rf"(?<![\d.,])(?<![^\W\d_])({_NUM})(?![\d])")
# Letters glued after digits: a unit ("122mm", "1951г") is fine; anything else is OCR debris ("2нь-лай").
GLUED_UNITS = frozenset({"mm", "cm", "km", "kg", "th", "st", "nd", "rd", "s", "m", "t", "g", "h", "мм", "см",
                         "км", "кг", "г", "гг", "м", "т", "ч", "х", "ти", "го", "й", "я", "е"})  # fmt: skip
GLUED = re.compile(r"[^\W\d_]+")
RANGE = re.compile(rf"(?<![\d.,])({_NUM})\s*[-–—]\s*({_NUM})(?![\d.,]\d)")
ABBREV_AFTER = re.compile(r"\s*[^\W\d_]{1,3}\.")

DOCNO = re.compile(r"(?:№|\bN[oO]\.|\bno\.|\bNr\.|#)\s*(\d+(?:\s*[-–/]\s*\d+)?)")
PAGE = re.compile(r"(?:\b[Лл]ист|\bл\.|\bлл\.|\b[Ss]heet|\bp\.|\bpp\.|\bстр\.|\bll?\.)\W{0,3}$")
ITEM = re.compile(r"^\W{0,2}$")  # only quotes/brackets before the number at the start of the text
ITEM_AFTER = re.compile(r"\s*(?:[.)]\s*(?!\d)|[-–]\s)")

RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма[яй]", "июн", "июл", "август", "сентябр", "октябр",
             "ноябр", "декабр")  # fmt: skip
EN_MONTHS = ("jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?",
             "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?",
             "dec(?:ember)?")  # fmt: skip
_RU_MONTH = "|".join(f"({m}[а-я]*)" for m in RU_MONTHS)
_EN_MONTH = "|".join(f"({m})" for m in EN_MONTHS)
RU_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})[\s\"'“”„«»]{{0,4}}(?:{_RU_MONTH})\b", re.IGNORECASE)
EN_DATE_DM = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTH})\b\.?", re.IGNORECASE
)
EN_DATE_MD = re.compile(rf"\b(?:{_EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\d|:)", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d]|\.\d)")
YEAR_AFTER = re.compile(r"\s*(?:г\.|гг\.|год[а-я]*|г\b)", re.IGNORECASE)

TIME_RU = re.compile(
    r"(?<!\d)(\d{1,2})[\s\"'“”„«»]{0,4}(?:ч\.|час[а-я]*)[\s\"'“”„«»,]{0,4}(\d{1,2})[\s\"'“”„«»]{0,4}(?:м\.|мин[а-я]*)"
)
TIME_EN = re.compile(r"(?<!\d)(\d{1,2})\s*hours?\s*(?:and\s*)?(\d{1,2})\s*min(?:ute)?s?\b", re.IGNORECASE)
CLOCK = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])\s?:\s?([0-5]\d)(?![\d:])")

PERCENT = re.compile(rf"(?<![\d.,])({_NUM})\s*(?:%|процент[а-я]*|per\s?cent\b|percent\b)", re.IGNORECASE)
RATIO_EN = re.compile(r"\b([a-z]+|\d+)[- ]to[- ](?:one|1)\b", re.IGNORECASE)
FOLD_EN = re.compile(r"\b([a-z]+|\d+)-?fold\b", re.IGNORECASE)
MULT_EN = {"double": 2, "doubled": 2, "triple": 3, "tripled": 3, "quadruple": 4, "quadrupled": 4}
MULT_EN_WORD = re.compile(r"\b(" + "|".join(MULT_EN) + r")\b", re.IGNORECASE)
# Russian multiplicative stems: "двух-/дву-кратный", "четырехкратное", "двойное", "вдвое".
RU_MULT_STEMS = (("дву", 2), ("двух", 2), ("трех", 3), ("тре", 3), ("четырех", 4), ("пяти", 5),
                 ("шести", 6), ("семи", 7), ("восьми", 8), ("девяти", 9), ("десяти", 10),
                 ("сто", 100))  # fmt: skip
RU_KRAT = re.compile(r"\b([а-яё]+?)кратн[а-яё]*", re.IGNORECASE)
RU_MULT_WORDS = {"двойн": 2, "тройн": 3, "четверн": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5,
                 "вшестеро": 6, "вдесятеро": 10}  # fmt: skip
# Compounds with a number stem: "пятилетка" (five-year plan), "трехдюймовых" (three-inch).
RU_STEM_COMPOUND = re.compile(
    r"\b(одно|двух|дву|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десяти|ста)"
    r"(?=лет|днев|месяч|недел|часов|тонн|этаж|сторон|ствол|мотор|мест|разов|значн|дюйм|процент|градус|километр)"
    r"[а-яё]+",
    re.IGNORECASE,
)
RU_STEM_VALUES = {"одно": 1, "двух": 2, "дву": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
                  "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "ста": 100}  # fmt: skip
RU_MULT_WORD = re.compile(r"\b(" + "|".join(RU_MULT_WORDS) + r")[а-яё]*", re.IGNORECASE)


def parse_number(token: str, lang: str) -> tuple[float, tuple[float, ...]]:
    """Value of a digit token with Russian or English separators, and other plausible readings.

    "6.400" (ru) = 6400, "12,000" (en) = 12000, "1,5" (ru) = 1.5, "1.5" = 1.5. A dot or comma
    followed by exactly three digits is ambiguous; the language's convention wins and the other
    reading is kept as an alternative, so a translator's "1.500" never makes a false flag.
    """
    token = token.replace("\u00a0", "").replace("\u202f", "")
    groups = re.split(r"[.,]", token)
    if len(groups) == 1:
        return float(token), ()
    seps = re.findall(r"[.,]", token)
    if len(groups) > 2 or all(len(g) == 3 for g in groups[1:]) and len(set(seps)) == 1 and len(seps) > 1:
        if len(set(seps)) == 2:  # "1,234.5" or "1.234,5": the last mark is the decimal
            whole = re.sub(r"[.,]", "", token[: token.rfind(seps[-1])])
            return float(f"{whole}.{groups[-1]}"), ()
        return float("".join(groups)), ()
    head, tail = groups
    as_decimal = float(f"{head}.{tail}")
    if len(tail) != 3:
        return as_decimal, ()
    as_thousands = float(head + tail)
    thousands_first = (lang == "ru" and seps[0] == ".") or (lang == "en" and seps[0] == ",")
    return (as_thousands, (as_decimal,)) if thousands_first else (as_decimal, (as_thousands,))


def scale_value(word: str) -> float:
    """Multiplier of a scale word or abbreviation ("млн." = 1e6, "thousands" = 1e3)."""
    low = word.lower().rstrip(".")
    if low.startswith("тысяч") or low.startswith("thousand"):
        return 1e3
    for stem, value in SCALE_VALUES:
        if low.startswith(stem):
            return value
    return 1.0


class _Claims:
    """Character spans already taken by an earlier, more specific pattern."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))


def extract_quantities(text: str, lang: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` (``lang`` "ru" or "en"), sorted by position."""
    claims = _Claims()
    found: list[Quantity] = []

    def add(kind: str, value: float, start: int, end: int, **extra) -> None:
        found.append(Quantity(kind, float(value), start, end, text[start:end], **extra))

    for finder in (_docnos, _numeric_dates, _word_dates, _times, _percents, _ratios, _stem_compounds):
        for kind, value, start, end in finder(text, lang):
            if kind == "claim":  # the "№" or "No." around a document number
                claims.take(start, end)
            elif claims.free(start, end):
                claims.take(start, end)
                add(kind, value, start, end)
    _digit_numbers(text, lang, claims, add)
    for words in find_number_words(text, lang):
        if claims.free(words.start, words.end):
            claims.take(words.start, words.end)
            add("count", words.value, words.start, words.end)
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def _docnos(text: str, lang: str):
    """Document numbers; "№ 1".."№ 99" are copy and list numbers ("Экз. № 7"), so items."""
    for m in DOCNO.finditer(text):
        for n in re.finditer(r"\d+", m.group(1)):
            kind = "docno" if int(n.group()) >= 100 else "item"
            yield kind, int(n.group()), m.start(1) + n.start(), m.start(1) + n.end()
        yield "claim", 0, m.start(), m.end()


def _numeric_dates(text: str, lang: str):
    for m in NUMERIC_DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= day <= 31 and 1 <= month <= 12:
            yield "date", month * 100 + day, m.start(1), m.end(2)
            full = int(year) if len(year) == 4 else 1900 + int(year)
            yield "year", full, m.start(3), m.end(3)


def _word_dates(text: str, lang: str):
    patterns = ((RU_DATE, 1, 2),) if lang == "ru" else ((EN_DATE_DM, 1, 2), (EN_DATE_MD, 13, 1))
    for pattern, day_group, first_month_group in patterns:
        for m in pattern.finditer(text):
            month = next(i + 1 for i in range(12) if m.group(first_month_group + i))
            day = int(m.group(day_group))
            if 1 <= day <= 31:
                yield "date", month * 100 + day, m.start(), m.end()


def _times(text: str, lang: str):
    for pattern in (TIME_RU, TIME_EN) if lang == "ru" else (TIME_EN, TIME_RU):
        for m in pattern.finditer(text):
            yield "time", int(m.group(1)) * 60 + int(m.group(2)), m.start(), m.end()
    for m in CLOCK.finditer(text):
        yield "time", int(m.group(1)) * 60 + int(m.group(2)), m.start(), m.end()


def _percents(text: str, lang: str):
    for m in PERCENT.finditer(text):
        yield "percent", parse_number(m.group(1), lang)[0], m.start(), m.end()


def _word_or_digit(token: str, lang: str) -> float | None:
    if token.isdigit():
        return float(token)
    words = find_number_words(token, lang)
    return words[0].value if len(words) == 1 and words[0].end - words[0].start == len(token) else None


def _ratios(text: str, lang: str):
    for pattern in (RATIO_EN, FOLD_EN):
        for m in pattern.finditer(text):
            value = _word_or_digit(m.group(1), "en")
            if value is not None:
                yield "ratio", value, m.start(), m.end()
    for m in MULT_EN_WORD.finditer(text):
        yield "ratio", MULT_EN[m.group(1).lower()], m.start(), m.end()
    for m in RU_KRAT.finditer(text):
        stem = m.group(1).lower().replace("ё", "е")
        value = next((v for s, v in sorted(RU_MULT_STEMS, key=lambda sv: -len(sv[0])) if stem == s), None)
        if value is not None:
            yield "ratio", value, m.start(), m.end()
    for m in RU_MULT_WORD.finditer(text):
        yield "ratio", RU_MULT_WORDS[m.group(1).lower()], m.start(), m.end()


def _stem_compounds(text: str, lang: str):
    if lang == "ru":
        for m in RU_STEM_COMPOUND.finditer(text):
            yield "count", RU_STEM_VALUES[m.group(1).lower()], m.start(), m.end()


def _number_kind(text: str, start: int, end: int, token: str, scaled: bool) -> str:
    """count, year, item (list marker at the start of the text) or page (after "Лист", "p.")."""
    if PAGE.search(text[max(0, start - 12) : start]):
        return "page"
    if ITEM.match(text[:start]) and token.isdigit() and len(token) <= 3 and ITEM_AFTER.match(text, end):
        return "item"
    four_digits = not scaled and token.isdigit() and len(token) == 4
    if four_digits and (1800 <= int(token) <= 2099 or YEAR_AFTER.match(text, end)):
        return "year"
    return "count"


def _digit_numbers(text: str, lang: str, claims: _Claims, add) -> None:
    """Digit numbers, ranges ("15-20" = two counts) and scales ("116 тыс.", "1.5 million")."""
    for m in RANGE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        scale = SCALE.match(text, m.end())
        factor = scale_value(scale.group(1)) if scale else 1.0
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        for group in (1, 2):
            value, alts = parse_number(m.group(group), lang)
            g_end = end if group == 2 else m.end(1)
            add("count", value * factor, m.start(group), g_end, alternatives=tuple(a * factor for a in alts),
                mantissa=value if scale else None)  # fmt: skip
    for m in NUMBER.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        glued = GLUED.match(text, m.end())
        if glued and glued.group().lower() not in GLUED_UNITS:
            continue
        token = m.group(1)
        value, alts = parse_number(token, lang)
        scale = SCALE.match(text, m.end())
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        kind = _number_kind(text, m.start(), m.end(), token, bool(scale))
        if kind == "year" and YEAR_AFTER.match(text, m.end()):
            end = YEAR_AFTER.match(text, m.end()).end()
        factor = scale_value(scale.group(1)) if scale else 1.0
        add(kind, value * factor, m.start(), end, alternatives=tuple(a * factor for a in alts),
            mantissa=value if scale else None,
            abbrev_after=not scale and bool(ABBREV_AFTER.match(text, m.end())))  # fmt: skip
