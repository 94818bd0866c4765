"""Proper-name candidates in Russian and English text, and how a Russian name romanises.

Russian candidates are capitalised words that are dictionary names, hyphenated, or made of
Palladius syllables; common words, places and acronyms the dictionary knows are left out
(translators render them by English exonyms: Пекин = Beijing, СССР = USSR), and so are other
unknown words, mostly common words garbled by OCR ("Китал"). English candidates are runs of
capitalised words, or ALL CAPS, whose words are pinyin-shaped and uncommon ("LIN BIAO").
Used by the audit's name check.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.language.translit import is_pinyin, latin_key, palladius_to_pinyin, pinyin_like, russian_to_latin

RU_NAME = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё]*(?:-[А-ЯЁа-яё]+)?")
EN_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z']*(?:-[A-Za-z]+)?")
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})  # pymorphy3 grammemes: first name, surname, patronymic
# Russian case endings of declined names, and what the nominative ends with instead.
RU_ENDINGS = (("ем", "й"), ("ем", ""), ("ом", ""), ("ой", ""), ("ым", ""), ("ым", "ы"), ("ой", "а"),
              ("ая", "ай"), ("ая", ""), ("ую", "ая"), ("ю", "й"), ("я", "й"), ("е", "й"), ("ей", "й"),
              ("у", ""), ("а", ""), ("е", ""), ("ы", "а"), ("и", "а"), ("у", "а"), ("ю", "я"), ("ы", ""),
              ("и", ""))  # fmt: skip
NUMBER_SIGN = re.compile(r"\.?\s*\d")  # after "No": "No. 25348" is a number sign, not a name
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\W*$")  # what precedes a sentence-initial word
# More capital letters than this share of the letters: a header or stamp, not a sentence.
MOSTLY_UPPER = 0.6
# Zipf frequency (wordfreq, log10 per billion words) from which an English word is common, not a name.
COMMON_ZIPF = 4.0
MIN_OTHER_NAME = 4  # letters: a shorter capitalised word is too often an initialism or a unit
RARE_ZIPF = 3.0  # an English word rarer than this, capitalised inside a sentence, is taken for a name
POSSESSIVE = re.compile(r"['’]s$")
ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")  # "POWs", "UAVs"


@lru_cache(maxsize=32768)
def _may_be_name(word: str) -> bool:
    """Whether a word may be a name: a dictionary name or an unknown word.

    Not: a common word, a place or an acronym the dictionary knows (translators render those by
    English exonyms, Пекин = Beijing, which no romanisation matches).
    """
    from align.language.morphology import russian_morphology  # shared, loaded on first use

    best = russian_morphology().parse(word.lower())[0]
    return not best.is_known or bool(set(best.tag.grammemes) & NAME_TAGS)


def base_forms(word: str) -> list[str]:
    """The word and its possible nominatives after removing a Russian case ending."""
    low = word.lower()
    forms = [low]
    for ending, replacement in RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            forms.append(low[: -len(ending)] + replacement)
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=32768)  # the name check romanises every Russian word of a pair; words recur
def romanisations(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exact pinyin readings if the word is Palladius, fuzzy romanisations) of a Russian word."""
    pinyin: list[str] = []
    if looks_chinese(word):
        for form in base_forms(word):
            pinyin += palladius_to_pinyin(form)
    loose = [latin_key(russian_to_latin(f)) for f in base_forms(word)] + [pinyin_like(word)]
    return tuple(dict.fromkeys(pinyin)), tuple(dict.fromkeys(loose))


_BOUNDARY = re.compile(r"[.!?:;]\s+|\n")
_WORD_CHAR = re.compile(r"\w")


def _is_initial(text: str, start: int) -> bool:
    """Whether a word at ``start`` begins a sentence: what ``SENTENCE_START`` says of ``text[:start]``,
    looking back only over the non-word characters before it (the whole prefix made it quadratic)."""
    k = start
    while k > 0 and not _WORD_CHAR.match(text, k - 1):
        k -= 1
    return k == 0 or _BOUNDARY.search(text, k, start) is not None


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > MOSTLY_UPPER * len(letters)


def ru_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the Russian name candidates of a text.

    Kept: hyphenated words ("Энь-лай"), words of Palladius syllables, and names the dictionary
    knows. Other unknown capitalised words are mostly OCR-garbled common words ("Китал"), which
    the OCR proposals handle; flagging them as names would bury the translator in noise.
    """
    if _mostly_upper(text):
        return []  # a header or stamp: every word is capitalised
    out = []
    for m in RU_NAME.finditer(text):
        word = m.group()
        if len(word.replace("-", "")) < 2 or not _may_be_name(word):
            continue
        if _is_initial(text, m.start()) and not word.isupper() and not _morph_has_name(word):
            continue  # any word is capitalised at a sentence start: only dictionary names count there
        if "-" in word or _morph_has_name(word) or any(palladius_to_pinyin(f) for f in base_forms(word)):
            out.append((m.start(), m.end(), word))
    return out


@lru_cache(maxsize=32768)
def _morph_has_name(word: str) -> bool:
    """Whether the dictionary knows the word as a Russian first name, surname or patronymic."""
    from align.language.morphology import russian_morphology

    best = russian_morphology().parse(word.lower())[0]
    return best.is_known and bool(set(best.tag.grammemes) & NAME_TAGS)


def looks_chinese(word: str) -> bool:
    """Hyphenated ("Цзе-дун") or short ("Чжоу"), and not a Russian name the dictionary knows."""
    return ("-" in word or len(word) <= 6) and not _morph_has_name(word)


def adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    """Whether only spaces separate two word matches."""
    first, second = (a, b) if a.start() < b.start() else (b, a)
    return text[first.end() : second.start()].strip() == ""


@lru_cache(maxsize=32768)
def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def en_name_groups(text: str) -> list[list[re.Match]]:
    """Runs of capitalised English words separated only by spaces ("Li Fuchun", "LIN BIAO")."""
    groups: list[list[re.Match]] = []
    for m in EN_NAME.finditer(text):
        if groups and adjacent(text, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def other_names(text: str, group: list[re.Match]) -> list[re.Match]:
    """The group's rare capitalised words of four letters or more inside a sentence: a name in any
    script's romanisation ("Golosheykin", "Qeqetarsuaq"), not a sentence start, an acronym or a word
    of English vocabulary written with a capital in a title ("Cathedral", "Baroque": Zipf >= RARE_ZIPF)."""
    from wordfreq import zipf_frequency

    return [
        m
        for m in group
        if len(m.group()) >= MIN_OTHER_NAME
        and not m.group().isupper()
        and not ACRONYM_PLURAL.match(m.group())
        and not _is_initial(text, m.start())
        and zipf_frequency(POSSESSIVE.sub("", m.group()).lower(), "en") < RARE_ZIPF
    ]


def name_like(text: str, group: list[re.Match]) -> list[re.Match]:
    """The group's pinyin-shaped, uncommon words, if the group reads as a name at all."""
    words = [m for m in group if len(m.group()) >= 2 and not NUMBER_SIGN.match(text, m.end())]
    if len(group) == 1 and not group[0].group().isupper():
        return []  # a lone capitalised word: a sentence start, a place, an adjective
    return [m for m in words if is_pinyin(m.group()) and not _common_english(m.group())]
