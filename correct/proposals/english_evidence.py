"""Evidence from the aligned English: names and numbers the Russian OCR may have garbled.

The English translation was typeset, not scanned, so its names and numbers are
clean. A Russian token one or two edits from the transliteration of an English
name in the linked paragraph ("Гедоренко" vs "Fedorenko"), or a number one digit
from an English number the Russian lacks ("1355" vs "June 1955"), is very
likely an OCR error with that fix. This is the only evidence strong enough to
propose replacing one real word with another. Which English a Russian token is
checked against (its whole linked paragraph, or a window of a huge one) is
``english_windows.py``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from correct.proposals.latin_evidence import latin_words
from correct.proposals.translit_evidence import russian_forms

_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\b")
COMMON_ENGLISH_ZIPF = 4.0  # a capitalised word this frequent in English is no name when it opens a sentence
_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")


@dataclass(frozen=True)
class EnglishEvidence:
    """What the linked English paragraphs of one Russian segment (or a window of them) say."""

    names: tuple[tuple[str, str], ...] = ()  # (Russian form, English word)
    numbers: frozenset[str] = frozenset()  # digit strings of the English
    latin: tuple[str, ...] = ()  # its Latin words of four letters or more (latin_evidence.py)


def english_evidence(text: str) -> EnglishEvidence:
    """Transliterated names and the numbers of an English text."""
    names: dict[tuple[str, str], None] = {}  # a dict for its order, and to find a pair in constant time
    for m in _NAME.finditer(text):
        if _common_word(m.group()) and _sentence_start(text, m.start()):
            continue  # "That", "Says": capitalised only because a sentence starts there
        for part in m.group().split("-"):
            for form in russian_forms(part):
                names.setdefault((form, part))
    return EnglishEvidence(
        names=tuple(names), numbers=frozenset(_NUMBER.findall(text)), latin=latin_words(text)
    )


def _common_word(word: str) -> bool:
    """A frequent English word (wordfreq), which a capital at a sentence start does not make a name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ENGLISH_ZIPF


def _sentence_start(text: str, at: int) -> bool:
    """Offset ``at`` of ``text`` opens a sentence (quotes and brackets before it aside).

    Reads back from ``at`` only over the spaces and quotes before it, never the whole prefix: a huge
    paragraph has a name every few words."""
    i = at - 1
    while i >= 0 and text[i] in " \"'(“":
        i -= 1
    return i < 0 or text[i] in ".!?:;"
