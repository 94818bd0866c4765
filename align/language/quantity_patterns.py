"""The patterns and word tables that find quantities in Russian and English text.

Only data: compiled regular expressions and the values of number-like words. The order in
which they are applied, and what each match means, is ``align.language.quantities``.
"""

from __future__ import annotations

import re

# thousands separated by a point, comma, space, no-break, thin or narrow no-break space ("500 000")
_NUM = r"\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_RU = r"тыс\b\.?|тысяч[а-я]*|млн\b\.?|миллион[а-я]*|млрд\b\.?|миллиард[а-я]*|трлн\b\.?|триллион[а-я]*"
_SCALE_EN = r"thous\b\.?|thousands?|mln\b\.?|mn\b|millions?|bn\b|billions?|trn?\b\.?|tn\b\.?|trillions?"
SCALE = re.compile(rf"\s*({_SCALE_RU}|{_SCALE_EN})", re.IGNORECASE)
SCALE_VALUES = (("тыс", 1e3), ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9), ("миллиард", 1e9),
                ("трлн", 1e12), ("триллион", 1e12), ("thous", 1e3), ("mln", 1e6), ("mn", 1e6),
                ("million", 1e6), ("bn", 1e9), ("billion", 1e9), ("trillion", 1e12), ("trn", 1e12),
                ("tr", 1e12), ("tn", 1e12))  # fmt: skip
# the next, smaller part of a compound amount: " 784 млрд" of "2 трлн 784 млрд"
COMPOUND_PART = re.compile(rf"\s+(\d+(?:[.,]\d+)?)\s*({_SCALE_RU}|{_SCALE_EN})", re.IGNORECASE)
NUMBER = re.compile(rf"(?<![\d.,])(?<![^\W\d_])({_NUM})(?![\d])")
# Letters glued after digits: a unit ("122mm", "1951г") is fine; anything else is OCR debris ("2нь-лай").
GLUED_UNITS = frozenset(
    {
        "mm",
        "cm",
        "km",
        "kg",
        "th",
        "st",
        "nd",
        "rd",
        "s",
        "m",
        "t",
        "g",
        "h",
        "мм",
        "см",
        "км",
        "кг",
        "г",
        "гг",
        "м",
        "т",
        "ч",
        "х",
        "ти",
        "го",
        "й",
        "я",
        "е",
        "га",
        "d",
    }
)  # fmt: skip  (га: hectares; d: "3D")
GLUED = re.compile(r"[^\W\d_]+")
RANGE = re.compile(rf"(?<![\d.,])({_NUM})\s*[-–—]\s*({_NUM})(?![\d.,]\d)")
# "от 15 до 20 тыс.", "from 15 to 20 thousand": the scale after the second number applies to both
WORD_RANGE = re.compile(rf"\b(?:от|from|between)\s+({_NUM})\s+(?:до|to|and)\s+({_NUM})(?![\d.,]\d)", re.I)
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
# (day group, first of the twelve month groups) of each word-date pattern.
DAY_MONTH_GROUPS = (1, 2)  # RU_DATE, EN_DATE_DM: "7 октября", "7th of October"
MONTH_DAY_GROUPS = (len(EN_MONTHS) + 1, 1)  # EN_DATE_MD: "October 7", the day after the month groups
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d]|\.\d)")
YEAR_AFTER = re.compile(r"\s*(?:г\.|гг\.|год[а-я]*|г\b)", re.IGNORECASE)

TIME_RU = re.compile(
    r"(?<!\d)(\d{1,2})[\s\"'“”„«»]{0,4}(?:ч\.|час[а-я]*)[\s\"'“”„«»,]{0,4}(\d{1,2})[\s\"'“”„«»]{0,4}(?:м\.|мин[а-я]*)"
)
TIME_EN = re.compile(r"(?<!\d)(\d{1,2})\s*hours?\s*(?:and\s*)?(\d{1,2})\s*min(?:ute)?s?\b", re.IGNORECASE)
CLOCK = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])\s?:\s?([0-5]\d)(?![\d:])(?:\s?([AaPp])\.?\s?[Mm]\b\.?)?")

PERCENT = re.compile(rf"(?<![\d.,])({_NUM})\s*(?:%|процент[а-я]*|per\s?cent\b|percent\b)", re.IGNORECASE)
# per mille, compared as a tenth of a percent ("5‰" = "0,5%")
PER_MILLE = re.compile(rf"(?<![\d.,])({_NUM})\s*(?:‰|промилле\b|per\s?mill?e?\b)", re.IGNORECASE)
RATIO_EN = re.compile(r"\b([a-z]+|\d+)[- ]to[- ](?:one|1)\b", re.IGNORECASE)
FOLD_EN = re.compile(r"\b([a-z]+|\d+)-?fold\b", re.IGNORECASE)
MULT_EN = {"double": 2, "doubled": 2, "triple": 3, "tripled": 3, "quadruple": 4, "quadrupled": 4}
MULT_EN_WORD = re.compile(r"\b(" + "|".join(MULT_EN) + r")\b", re.IGNORECASE)
# Russian multiplicative stems: "двух-/дву-кратный", "четырехкратное", "двойное", "вдвое".
RU_MULT_STEMS = {"дву": 2, "двух": 2, "трех": 3, "тре": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
                 "восьми": 8, "девяти": 9, "десяти": 10, "сто": 100}  # fmt: skip
RU_KRAT = re.compile(r"\b([а-яё]+?)кратн[а-яё]*", re.IGNORECASE)
RU_MULT_WORDS = {"двойн": 2, "тройн": 3, "четверн": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5,
                 "вшестеро": 6, "вдесятеро": 10}  # fmt: skip
# Compounds with a number stem: "пятилетка" (five-year plan), "трехдюймовых" (three-inch), "трехмерный"
# (three-dimensional). Not "одно-" ("однолетние" is annual: one is rarely a number), not "-сторонний"
# (bilateral), not a noun in "-летие" ("десятилетие" is a decade).
RU_STEM_COMPOUND = re.compile(
    r"\b(двух|дву|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десяти|ста)"
    r"(?=лет(?!и)|днев|месяч|недел|часов|тонн|этаж|ствол|мотор|мест|разов|значн|дюйм|процент|градус|километр"
    r"|мерн)"
    r"[а-яё]+",
    re.IGNORECASE,
)
RU_STEM_VALUES = {"двух": 2, "дву": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
                  "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "ста": 100}  # fmt: skip
RU_MULT_WORD = re.compile(r"\b(" + "|".join(RU_MULT_WORDS) + r")[а-яё]*", re.IGNORECASE)
