"""Which tokens of a Russian segment look like OCR errors, and of what kind.

Kinds, each with its own candidate source:
- ``lookalike``: Latin look-alikes or digits mixed into a Cyrillic word ("HECEMPETHO", "X1X");
- ``unknown``: a Cyrillic word neither the dictionary nor the frequency list knows;
- ``variant``: a name-like word one edit from a form far more frequent in the document
  ("Знь-лай" beside "Энь-лай"), even when it repeats;
- ``broken``: a word split by a space or a hyphen and a space ("го ду", "не- смотря");
- ``number``: a number, checked against the English and the document;
- ``name``: a Chinese name made of Palladius syllables ("Ту-чунь"), checked against the
  document's frequent names and the English only.
Names, abbreviations ("т.т.", "тыс.") and Chinese name syllables are not errors by
themselves: a capitalised word wordfreq knows, or one the document repeats with no
more frequent neighbour, is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from correct.proposals.candidates import is_inflection
from correct.proposals.confusions import DIGIT_TO_CYRILLIC, digits_to_letters
from correct.proposals.context import GOVERNMENT, governs_next
from correct.proposals.document_vocab import DocumentVocabulary, VocabularyConfig
from correct.proposals.lexicon import Lexicon
from correct.proposals.tokens import Script, Token, script_of
from correct.proposals.translit_evidence import is_chinese_name

MIN_NUMBER_DIGITS = 2  # single digits (days, list items) are too often right to check
MAX_ABBREVIATION = 4  # letters: a lower-case word this short before a full stop is an abbreviation
_NEXT_WORD = re.compile(r" ([А-Яа-яЁё]+)")  # the word right after a token
MIN_READING_ZIPF = 4.0  # digits read as letters must make a common word ("об": 6.1)
MIN_JOINED_ZIPF = 2.5  # a rarer word made by joining two tokens is more likely two words after all


class SuspectKind(StrEnum):
    """Why a span looks like an OCR error; each kind has its own candidate source and reason."""

    LOOKALIKE = "lookalike"
    UNKNOWN = "unknown"
    VARIANT = "variant"
    NAME = "name"
    BROKEN = "broken"
    NUMBER = "number"
    SPACED = "spaced"  # letter-spaced for emphasis
    STRAY = "stray"  # a mark no typescript has
    CAPITAL = "capital"  # a document name written in lower case
    CASE = "case"  # a word in the wrong case: a small letter opening a sentence, a capital inside one
    CONFUSED = "confused"  # a short word or lone mark a frequent misreading makes of a common word
    AGREEMENT = "agreement"  # the last three from grammar_errors.py
    PRONOUN = "pronoun"
    PREPOSITION = "preposition"


@dataclass(frozen=True)
class Suspect:
    """A span of a segment that may be an OCR error; ``tokens`` are the words it covers."""

    kind: SuspectKind
    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def is_abbreviation(text: str, tok: Token) -> bool:
    """A short word followed by a full stop with no space ("т.т.", "тыс.", "предпр.") or a single letter."""
    return len(tok.text) <= 1 or (
        len(tok.text) <= MAX_ABBREVIATION and tok.text.islower() and text[tok.end : tok.end + 1] == "."
    )


def digits_read_for_letters(tok: Token, text: str, lexicon: Lexicon) -> bool:
    """A short run of digits opening with 0, which no number standing alone is written with, that reads
    as a common word in the Cyrillic letters of the digits' shapes, before a word: "06 этом" is "об этом"
    (seven times on scanned/, mostly opening a sentence). Dates and codes ("06.05", "№ 06") have a digit
    or a mark beside them. A preposition must govern the word after it ("Код 06 не найден" is no "об")."""
    word = tok.text
    if not (2 <= len(word) <= 3 and word[0] == "0" and all(c in DIGIT_TO_CYRILLIC for c in word)):
        return False
    after = _NEXT_WORD.match(text, tok.end)
    if after is None or not _after_word_or_sentence_end(text, tok.start):
        return False
    reading = digits_to_letters(word)
    if not lexicon.in_dictionary(reading) or lexicon.zipf(reading) < MIN_READING_ZIPF:
        return False
    following = after.group(1).lower()
    if reading in GOVERNMENT and lexicon.in_dictionary(following):
        return governs_next(reading, following, lexicon) is True
    return True  # an unknown word after it ("06 эволции", "06 ИИ") may be misread itself


def _after_word_or_sentence_end(text: str, start: int) -> bool:
    """Spaces, then a letter, a comma, a sentence end or nothing before ``start``: the token stands alone
    in running text, not in a date, a code or a list of numbers."""
    at = start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return at < 0 or (at < start - 1 and (text[at].isalpha() or text[at] in ',.!?…»"\n'))


def token_kind(
    tok: Token, text: str, lexicon: Lexicon, vocab: DocumentVocabulary, config: VocabularyConfig
) -> SuspectKind | None:
    """The suspect kind of one token, or None when it looks fine."""
    script = script_of(tok.text)
    if script == Script.DIGITS:
        if digits_read_for_letters(tok, text, lexicon):
            return SuspectKind.LOOKALIKE
        return SuspectKind.NUMBER if len(tok.text) >= MIN_NUMBER_DIGITS else None
    if script in (Script.LATIN, Script.MIXED):
        return SuspectKind.LOOKALIKE
    if is_abbreviation(text, tok):
        return None
    norm = tok.norm
    if lexicon.in_dictionary(norm):
        return None
    if is_chinese_name(tok.text):
        return SuspectKind.NAME  # checked against the document's names and the English only
    if lexicon.is_known(norm, capitalised=tok.is_capitalised) or (
        tok.is_capitalised and vocab.count(norm) >= config.min_count
    ):
        # a name: suspect only when a far more frequent document form is one edit away
        near = vocab.frequent_near(tok.text, VocabularyConfig(config.min_count, config.min_ratio, 1))
        names = [s for s, _, _ in near if s[:1].isupper() and not is_inflection(tok.text, s)]
        return SuspectKind.VARIANT if names else None
    return SuspectKind.UNKNOWN


def broken_pairs(text: str, tokens: tuple[Token, ...], lexicon: Lexicon) -> list[tuple[Suspect, str]]:
    """Adjacent tokens that form one word when joined: [(suspect, joined word)].

    A hyphen and a space ("не- смотря") mark a line-end hyphen ingest could not
    rejoin; a plain space only counts when a part is not a word by itself ("го ду").
    """
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        gap = text[a.end : b.start]
        if script_of(a.text) != Script.CYRILLIC or script_of(b.text) != Script.CYRILLIC:
            continue
        joined = a.norm + b.norm
        if not lexicon.in_dictionary(joined) or lexicon.zipf(joined) < MIN_JOINED_ZIPF:
            continue
        hyphen = gap.replace(" ", "") == "-" and gap.endswith(" ")
        spaced = gap == " " and not (lexicon.in_dictionary(a.norm) and lexicon.in_dictionary(b.norm))
        if hyphen or spaced:
            out.append((Suspect(SuspectKind.BROKEN, (a, b)), a.text + b.text))
    return out


_SPACED = re.compile(r"(?<![^\s])(?:[А-ЯЁ] ){3,}[А-ЯЁ](?![^\s])")
# A run of marks that are neither Russian nor Latin letters nor digits, ending a word; it is stray
# when every mark in it is foreign to a typescript (:func:`_foreign`).
_MARKS = re.compile(r" ?[^\sА-Яа-яЁёA-Za-z0-9]+(?=\s|$)")
# Symbols typescripts and publishers do use; every punctuation mark (…, –, —, «», „“, ‘’) is kept too.
# Arrows too: a publisher's "Санкт-Петербург → Общество" (a link trail) is text, not scan noise.
TYPESCRIPT_SYMBOLS = frozenset("№%*§+=<>&@#$|_°±×−©®€£¥₽→←↑↓↔⇒")


def letter_spaced(text: str) -> list[tuple[int, int, str]]:
    """Words typed letter-spaced for emphasis (разрядка), "Ф И Л И П П О В У": [(start, end, joined)]."""
    return [(m.start(), m.end(), m.group().replace(" ", "")) for m in _SPACED.finditer(text)]


def _foreign(mark: str) -> bool:
    """A letter of another script (a handwritten tick read as "Δ", scan noise read as Hangul) or a
    symbol no typescript has ("■"); never punctuation, whatever the script of the text."""
    category = unicodedata.category(mark)
    return mark not in TYPESCRIPT_SYMBOLS and category[0] in "LS"


def stray_symbols(text: str) -> list[tuple[int, int]]:
    """Symbols no Russian typescript uses ending a word ("Молотову Δ"), with the space before them.

    Typographic punctuation is never stray: "Калган… Возможно" keeps its ellipsis.
    """
    out = []
    for m in _MARKS.finditer(text):
        marks = m.group().lstrip(" ")
        if marks and all(_foreign(ch) for ch in marks):
            out.append((m.start(), m.end()))
    return out
