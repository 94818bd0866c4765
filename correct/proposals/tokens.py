"""Word tokens of a Russian segment with offsets, and the spelling normalisations checks need.

OCR text mixes Cyrillic with Latin look-alikes and digits ("HECEMPETHO", "X1X"), so
a token is any run of letters and digits, with inner hyphens kept ("Энь-лай" stays
one token: Chinese given names are checked whole) and the typewriter hard sign
(``об"ясняет``: a straight quote between a consonant and a iotated vowel) kept
inside the word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

_WORD = re.compile(
    r"[A-Za-zА-Яа-яЁё0-9]+"
    r"(?:\"(?=[ЕЁЮЯеёюя])[А-Яа-яЁё]+)?"  # typewriter hard sign inside a word
    r"(?:-[A-Za-zА-Яа-яЁё0-9]+)*"
)
_HARD_SIGN = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщБВГДЖЗКЛМНПРСТФХЦЧШЩ])\"(?=[ЕЁЮЯеёюя])")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Token:
    """A word of a segment: ``text == segment.text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def norm(self) -> str:
        """Lower case, ё as е, typewriter hard sign as ъ: the form lexicons are asked about."""
        return normalise(self.text)

    @property
    def is_capitalised(self) -> bool:
        """Starts with a capital: inside a sentence, a hint of a name."""
        return self.text[:1].isupper()


WORD_CACHE = 1 << 16  # distinct words whose normal forms are kept: every check asks again for the same words


@functools.lru_cache(maxsize=WORD_CACHE)
def normalise(word: str) -> str:
    """The lexicon form of a word: ``С"езду`` -> ``съезду``, ``Ёлка`` -> ``елка``."""
    return _HARD_SIGN.sub("ъ", word).lower().replace("ё", "е")


def tokenize(text: str) -> tuple[Token, ...]:
    """Every word token of ``text`` in order."""
    return tuple(Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text))


class Script(StrEnum):
    """What a token is written in: decides which kind of suspect it can be."""

    CYRILLIC = "cyrillic"
    LATIN = "latin"
    DIGITS = "digits"
    MIXED = "mixed"  # letters of both scripts, or letters and digits: look-alikes ("X1X")


def script_of(word: str) -> Script:
    """The script of a token's letters and digits."""
    cyr, lat, dig = bool(CYRILLIC.search(word)), bool(LATIN.search(word)), bool(DIGIT.search(word))
    if cyr and not lat and not dig:
        return Script.CYRILLIC
    if lat and not cyr and not dig:
        return Script.LATIN
    if dig and not cyr and not lat:
        return Script.DIGITS
    return Script.MIXED


def match_case(template: str, word: str) -> str:
    """``word`` written in the case pattern of ``template`` (UPPER, Title or lower).

    Hyphenated names keep their own inner capitals ("Цзе-дун"), so Title only
    touches the first letter.
    """
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        parts, shape = word.split("-"), template.split("-")
        if len(parts) == len(shape) > 1 and word.islower():
            # a lower-case dictionary compound takes the template's capitals: "Улан-Баторя" -> "Улан-Батора"
            pairs = zip(parts, shape, strict=True)
            return "-".join(p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in pairs)
        return word[:1].upper() + word[1:]
    if letters and letters[0].islower() and word[:1].isupper() and not word[1:2].isupper():
        return word  # a name keeps its capital: "чжоу" -> "Чжоу"
    return word


@functools.lru_cache(maxsize=WORD_CACHE)
def loose(word: str) -> str:
    """A spelling with the transliteration conventions that vary between texts folded (э/е, ь, й/и, иу/ю)."""
    w = normalise(word).replace("э", "е").replace("ь", "").replace("ъ", "")
    return w.replace("иу", "ю").replace("ия", "я").replace("йу", "ю").replace("йа", "я").replace("й", "и")
