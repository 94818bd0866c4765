"""Short words and lone marks that a frequent OCR misreading makes of a common word.

Tesseract reads the typewriter's "н" as "м" (67 times in the corpus's gold fixes), so "на", "не",
"но", "он" come out as "ма", "ме", "мо", "ом"; it reads the preposition "с" as "©" and "в" as "®". Such
a token is itself a rare word or no word at all, and a lexicon that knows abbreviations ("м") takes it
for a word. The learned confusion counts (``confusion_table.py``) say which single substitutions OCR
makes often; a token of at most two letters, or a mark standing alone between spaces, is suspect when
one of them turns it into a word far more frequent than itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from correct.proposals.lexicon import Lexicon
from correct.proposals.ranking import Candidate, CandidateSource
from correct.proposals.tokens import Token, match_case

MIN_CONFUSIONS = 5  # times the data saw a substitution before it explains a short word
MIN_GAIN_ZIPF = 1.5  # the fix must be this much more frequent (Zipf) than the token
MAX_LETTERS = 2  # longer words are the ordinary detectors' business
_LONE_MARK = re.compile(r"(?<!\S)[^\w\s](?!\S)")


def substitutions(learned: Mapping[str, int]) -> dict[str, list[tuple[str, int]]]:
    """Character -> [(letter it stands for, times seen)] for one-character confusions seen often."""
    out: dict[str, list[tuple[str, int]]] = {}
    for key, n in learned.items():
        a, _, b = key.partition(">")
        if n >= MIN_CONFUSIONS and len(a) == 1 and len(b) == 1 and b.isalpha():
            out.setdefault(a, []).append((b, n))
    return out


def confused_candidates(
    tok: Token, lexicon: Lexicon, subs: Mapping[str, list[tuple[str, int]]]
) -> list[Candidate]:
    """The words one frequent substitution makes of a short token, each far more frequent than it."""
    text = tok.text
    if len(text) > MAX_LETTERS or not (text.isalpha() or len(text) == 1):
        return []
    own = lexicon.zipf(text.lower()) if text.isalpha() else 0.0
    out = []
    for k, ch in enumerate(text.lower()):
        for letter, n in subs.get(ch, ()):
            fixed = (
                match_case(text, text[:k].lower() + letter + text[k + 1 :].lower())
                if text.isalpha()
                else letter
            )
            zipf = lexicon.zipf(fixed.lower())
            if zipf - own >= MIN_GAIN_ZIPF:
                note = f"OCR often reads {letter} as {ch} ({n} times in the data)"
                out.append(
                    Candidate(fixed, 1, zipf=zipf, sources=frozenset({CandidateSource.LEXICON}), note=note)
                )
    return out


def lone_marks(text: str, subs: Mapping[str, list[tuple[str, int]]]) -> list[Token]:
    """Marks standing alone between spaces that OCR is known to make of a letter ("©" for "с")."""
    return [Token(m.start(), m.end(), m.group()) for m in _LONE_MARK.finditer(text) if m.group() in subs]
