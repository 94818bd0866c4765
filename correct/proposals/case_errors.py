"""Words in the wrong case: what Tesseract reads of a typescript's capitals.

A typewritten capital is often read as small ("июль уйдет" opening a sentence) and a small letter as a
capital ("травмы Головы"), and a short word comes out in capitals ("НО тюменцы", "ПО информации").
Three cases, each from the sentence around the word and the dictionary, never from a spelling list:
- a sentence starts after a full stop, "!" or "?" (not an abbreviation), or the paragraph starts, with a
  lower-case word: it gets its capital (on scanned/, 55 of 82 such proposals right), unless the
  paragraph goes on from the one before, which ends with no sentence end (a page broke it: seed 000's
  "к посредничеству" / "не пральной страни");
- a common word of one to three letters in capitals inside mixed-case text ("НО тюменцы"): it is written
  as the others are ("Я", always a capital, and abbreviations such as "США" aside);
- a capital inside a sentence, right after a small-letter word or a comma, on a word that is never part
  of a name: a verb, an infinitive, a gerund, a short adjective, an adverb, a conjunction, a particle or
  a pronoun adjective ("мы Должны", "до Самого", "то, Что"): it is written small. On scanned/ 15 of 18
  such words were small in the clean text (the other three were other words misread: "Зри" for
  "Sputnik"); the clean docs/ have one, a heading run into its text ("Microsoft Получив").
Any other capitalised common word inside a sentence ("травмы Головы") is left alone: on scanned/ only 36
of 161 such proposals were right, most of the rest opening quoted speech or a bracket ("(Смех) Кто"), or
a name's noun or adjective ("Российской Федерации", "Председатель Правительства"). Pronouns and
prepositions are out too: "Это", "Нам" after a small word open a sentence whose full stop OCR lost, "На"
a sentence run on from a heading, and "Вам", "Ваш" are the polite capitals of a letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from align.model import Link, Segment
from correct.proposals.lexicon import Lexicon
from correct.proposals.ranking import Candidate, CandidateSource
from correct.proposals.tokens import Token

PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})  # pymorphy3 tags of names
MAX_CAPS = 3  # letters: a longer word in capitals is an abbreviation ("СССР") or a heading
MIN_ZIPF = 3.0  # a word rarer than this in capitals may be a term or an abbreviation
_BEFORE_WORD = frozenset(' \t"«(“-—–')  # what may stand between a sentence end and its next word
_CLOSING = frozenset("'\"»”)")  # what may close a sentence after its full stop
# pymorphy3 parts of speech no name is made of; "Apro" (такой, самый) is a grammeme of adjectives
NEVER_NAMED = frozenset(
    {"VERB", "INFN", "GRND", "PRTS", "ADJS", "ADVB", "CONJ", "PRCL", "INTJ", "PRED", "COMP"}
)
POLITE = frozenset({"ваш"})  # the lemma whose capital a letter's politeness asks for, as "Вы" (a pronoun)


def sentence_start(text: str, tok: Token, tokens: tuple[Token, ...], i: int) -> bool:
    """The token opens a sentence: the paragraph's first word, or after a sentence end that does not
    close an abbreviation (a lower-case word of up to three letters: "г.", "др.", "т.е.")."""
    # read back only over what may stand before a sentence's first word: the whole prefix (stripped, then
    # searched by a regex) cost a huge paragraph's length for each of its tokens
    at = tok.start - 1
    while at >= 0 and text[at] in _BEFORE_WORD:
        at -= 1
    if at < 0:
        return True
    # "$" of the old regex over the prefix also matched before a final newline
    if not (_ends_sentence(text, at + 1) or (text[at] == "\n" and _ends_sentence(text, at))):
        return False
    previous = tokens[i - 1].text if i > 0 else ""
    return not (previous.islower() and len(previous) <= 3)


def opens_paragraph(text: str, start: int) -> bool:
    """Nothing but quotes, brackets and dashes stands before ``start`` (read back over those marks only)."""
    at = start - 1
    while at >= 0 and text[at] in _BEFORE_WORD:
        at -= 1
    return at < 0


def continues(previous: str) -> bool:
    """A paragraph after ``previous`` goes on from it: ``previous`` ends with no sentence end."""
    end = len(previous.rstrip())
    return end > 0 and not _ends_sentence(previous, end)


def continued_segments(ru: Sequence[Segment], links: Sequence[Link]) -> frozenset[str]:
    """The segments that go on from the one before: it ends with no sentence end (:func:`continues`),
    and the alignment did not link the two to different English paragraphs. A page break inside a
    paragraph leaves both halves in one link (seed 000's "к посредничеству"); two paragraphs the English
    translates apart are two, whose break OCR read without its full stop (scanned/: "...пассивных цепей"
    / "итак, что это", 7 such breaks of 8 open a sentence in the clean text)."""
    english = {r: frozenset(link.en) for link in links if link.en for r in link.ru}
    return frozenset(
        ru[k].id
        for k in range(1, len(ru))
        if continues(ru[k - 1].text) and not _apart(english.get(ru[k - 1].id), english.get(ru[k].id))
    )


def _apart(before: frozenset[str] | None, after: frozenset[str] | None) -> bool:
    return before is not None and after is not None and before.isdisjoint(after)


def _ends_sentence(text: str, end: int) -> bool:
    """``text[:end]`` ends with a sentence end ('.', '!', '?', '…') and closing quotes or brackets."""
    j = end - 1
    while j >= 0 and text[j] in _CLOSING:
        j -= 1
    return j >= 0 and text[j] in ".!?…"


def case_candidate(
    tok: Token, text: str, tokens: tuple[Token, ...], i: int, lexicon: Lexicon, *, continued: bool = False
) -> Candidate | None:
    """The token in the case its place asks for, or None when its case is fine or cannot be judged;
    ``continued``: the paragraph goes on from the one before (:func:`continues`), so its first word
    opens no sentence."""
    word = tok.text
    if not word.isalpha() or not re.fullmatch(r"[А-Яа-яЁё]+", word):
        return None
    lower = word.lower()
    start = sentence_start(text, tok, tokens, i) and not (continued and opens_paragraph(text, tok.start))
    if word.islower():
        if start and len(word) > 1:
            return _candidate(word[0].upper() + word[1:], "a sentence starts with it")
        return None
    caps = word.isupper() and len(word) <= MAX_CAPS and lower != "я"
    if caps and _mixed_case_around(tokens, i) and _common_only(lower, lexicon):
        fixed = word[0] + word[1:].lower() if start else lower
        return _candidate(fixed, "a short word in capitals inside ordinary text") if fixed != word else None
    if not start and word[1:].islower() and _after_small_word(text, tok) and _never_named(lower, lexicon):
        return _candidate(lower, "a capital inside a sentence on a word no name is made of")
    return None


def _after_small_word(text: str, tok: Token) -> bool:
    """Only spaces stand between the token and a small letter or a comma before it."""
    at = tok.start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return 0 <= at < tok.start - 1 and (text[at].islower() or text[at] == ",")


def _never_named(lower: str, lexicon: Lexicon) -> bool:
    """Every dictionary reading of the word is a part of speech no name is made of (:data:`NEVER_NAMED`)."""
    parses = lexicon.parses(lower) if lexicon.in_dictionary(lower) else []
    return bool(parses) and all(
        not p.tag.grammemes & PROPER
        and p.normal_form not in POLITE
        and (p.tag.POS in NEVER_NAMED or "Apro" in p.tag.grammemes)
        for p in parses
    )


def _common_only(lower: str, lexicon: Lexicon) -> bool:
    if not lexicon.in_dictionary(lower) or lexicon.zipf(lower) < MIN_ZIPF:
        return False
    return all(not p.tag.grammemes & PROPER for p in lexicon.parses(lower))


def _mixed_case_around(tokens: tuple[Token, ...], i: int) -> bool:
    """Some of the neighbouring words have small letters: the text is not a heading in capitals."""
    near = [t.text for t in tokens[max(0, i - 3) : i + 4] if t is not tokens[i] and t.text.isalpha()]
    return any(not w.isupper() for w in near)


def _candidate(text: str, note: str) -> Candidate:
    return Candidate(text, 0, sources=frozenset({CandidateSource.CASE}), note=note)
