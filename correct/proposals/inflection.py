"""Case endings of Russian names: "Булганину" is "Булганин" inflected, not an error to fix.

The English and the document name a person in one form (the English always in the
nominative); the Russian text declines the name. Before a form is taken as evidence
against a token, the token's case ending is cut and compared with the form's stem.
The endings are the common noun and adjective case endings of Russian grammar.
"""

from __future__ import annotations

from correct.proposals.tokens import loose, normalise

# Russian case endings, longest first: a name in the English is in the nominative.
_LONG_ENDINGS = ("ами", "ого", "ому", "ем", "ом", "ым", "ой", "ам", "ах", "ую", "ая")
ENDINGS = (*_LONG_ENDINGS, "а", "у", "е", "ы", "и", "я", "ю")
SOFT = "ьйаяо"  # final letters a nominative drops before a case ending (Тяньцзинь -> Тяньцзиня)
MIN_STEM = 3  # letters left once an ending is cut: shorter "stems" make every short word an inflection


def case_ending(word: str) -> str:
    """The longest case ending ``word`` may be cut at (leaving a stem of MIN_STEM letters), or ""."""
    return next((e for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= MIN_STEM), "")


def stem(word: str) -> str:
    """``word`` without a case ending or final soft letter (lexicon form)."""
    ending = case_ending(word)
    if ending:
        return word[: -len(ending)]
    return word[:-1] if len(word) > MIN_STEM and word[-1] in SOFT else word


def is_inflection(word: str, form: str) -> bool:
    """``word`` is ``form`` inflected or spelled by another convention ("Булганину", "Энь-лая").

    Any case ending may be cut from ``word`` and a final soft letter from ``form``;
    "Энь-ла" is no inflection of "Энь-лай" (a nominative does not end in -а there).
    """
    w, f = normalise(word), normalise(form)
    if loose(w) == loose(f):
        return True
    cut = {loose(w[: -len(e)]) for e in ENDINGS if w.endswith(e) and len(w) - len(e) >= MIN_STEM}
    form_stems = {f, f[:-1]} if len(f) > MIN_STEM and f[-1] in SOFT else {f}
    return bool(cut & {loose(x) for x in form_stems})
