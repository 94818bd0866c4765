"""Latin words the OCR read as Cyrillic look-alikes, restored from the aligned English.

Tesseract reading Russian sees a Latin name in Cyrillic letters of the same shape: "Ваугакгаг" for
"Bayraktar", "Уоцтиье-канале" for "YouTube-канале". No Russian lexicon can fix such a word, but the
English paragraph aligned to it writes the name. A token is matched against the English's Latin
words by an edit distance in which a Cyrillic letter costs nothing where it has the shape of the
Latin one (``SHAPES``, general knowledge of the glyphs, like ``confusions.TYPICAL``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from correct.proposals.confusion_table import letter_counts
from correct.proposals.ranking import Candidate, CandidateSource
from correct.proposals.tokens import Token
from correct.proposals.translit_evidence import russian_forms

# Latin letters each Cyrillic letter (or digit) may be a misreading of, in lower case; S as "з", D as "о",
# d as "б", v as "у", w as "м" added for issue 13 (Latin names the English writes: docs/ocr-proposals.md).
SHAPES: dict[str, str] = {
    "а": "a", "б": "b6d", "в": "b", "г": "rtf", "д": "dg", "е": "e", "ё": "e", "ж": "xk", "з": "zjs",
    "и": "uni", "й": "u", "к": "k", "л": "nl", "м": "mvw", "н": "hn", "о": "od", "п": "np", "р": "p",
    "с": "cs", "т": "tm", "у": "yuv", "ф": "f", "х": "x", "ц": "u", "ч": "y", "ш": "wm", "щ": "w",
    "ъ": "b", "ь": "b", "ы": "b", "э": "e", "я": "r",
    "0": "o", "1": "li", "3": "e", "4": "d", "5": "s", "6": "gb", "8": "b", "9": "g",
}  # fmt: skip
MIN_LETTERS = 4  # shorter words match some English word by chance
CYRILLIC_EDIT_FROM = 6  # letters from which a word all in Cyrillic may be an edit off the English's word
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{3,}")
# a letter pair rarer than this share of the Russian text's characters (confusion_table's letter counts)
# is no Russian spelling ("сг", "зп": 1-4 times in 96,000): such a reading may be an edit further off the
# English's word ("масгозоГ" for "Microsoft"), while a Russian-looking one is not ("Козугова" is no
# "Kostroma"; its rarest pair "зу" is seen 36 times). On scanned/ 4 more Latin words restored, none wrong.
RARE_PAIR = 1e-4


def latin_words(text: str) -> tuple[str, ...]:
    """The Latin words of an English text worth matching (four letters or more), first spelling kept."""
    seen: dict[str, str] = {}
    for w in LATIN_WORD.findall(text):
        seen.setdefault(w.lower(), w)
    return tuple(seen.values())


def shape_distance(read: str, word: str, limit: int | None = None) -> int:
    """Edits from ``read`` (as OCR gave it) to ``word``, a look-alike letter costing nothing.

    With ``limit``, any distance above it may be returned as ``limit + 1``: the length difference
    alone, or a row of the table with no cell within it, already says so (the cells of a row never go
    below the previous row's least), and most of the English's words are dismissed that way.
    """
    read, word = read.lower(), word.lower()
    if limit is not None and abs(len(read) - len(word)) > limit:
        return limit + 1
    if limit == 0:  # within it only a letter-for-letter look-alike reading: no table needed
        return 0 if all(c == w or w in SHAPES.get(c, "") for c, w in zip(read, word, strict=True)) else 1
    prev = list(range(len(word) + 1))
    for i, c in enumerate(read, 1):
        cur = [i]
        for j, w in enumerate(word, 1):
            same = c == w or w in SHAPES.get(c, "")
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if same else 1)))
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def max_edits(read: str) -> int:
    """Edits a look-alike reading may have besides the shapes: for a word all in Cyrillic none below
    six letters (a transliteration such as "Гедоренко" for "Fedorenko" is one letter off by shape too,
    and :func:`_transliterates` tells it only within an edit), 1 from six ("Ирдаке" for "Update"), 2 from
    nine; for one that mixes in Latin letters or digits, 1, or 2 from seven letters."""
    if re.fullmatch(r"[А-Яа-яЁё]+", read):
        return 0 if len(read) < CYRILLIC_EDIT_FROM else 1 if len(read) < CYRILLIC_EDIT_FROM + 3 else 2
    return 1 if len(read) < 7 else 2


def un_russian(read: str) -> bool:
    """Some pair of adjacent letters of ``read`` is one Russian text hardly has (:data:`RARE_PAIR`)."""
    letters = letter_counts()  # cached by confusion_table
    if not letters:
        return False
    rare = RARE_PAIR * letters[""]
    low = "".join(ch for ch in read.lower() if ch.isalpha() or ch.isdigit())
    return any(letters.get(low[k : k + 2], 0) < rare for k in range(len(low) - 1))


def _transliterates(read: str, word: str) -> bool:
    """``read`` is within an edit of a Russian spelling of ``word`` ("Гедоренко" of "Fedorenko")."""
    return any(Levenshtein.distance(read.lower(), form.lower()) <= 1 for form in russian_forms(word))


def latin_candidates(
    tok: Token, words: Sequence[str], russian_near: Callable[[str], bool] = lambda _: False
) -> list[Candidate]:
    """The English word ``tok`` is a look-alike reading of, with a Russian ending kept ("-канале");
    [] when none or two words fit equally well. ``russian_near(word)``: a Russian word is an edit away,
    so a reading all in Cyrillic that is not letter for letter the English word's shapes is that Russian
    word misread ("пандешия" is "пандемия", not "pandemic")."""
    head, dash, tail = tok.text.partition("-")
    if len(head) < MIN_LETTERS or (tail and not re.fullmatch(r"[а-яё]+", tail)) or head.isascii():
        return []  # a word already in Latin letters is no look-alike reading ("Update" stays as written)
    limit = max_edits(head)
    if limit and re.fullmatch(r"[А-Яа-яЁё]+", head) and russian_near(head.lower()):
        limit = 0
    elif un_russian(head):
        limit += 1
    scored = sorted((shape_distance(head, w, limit), w) for w in words if abs(len(w) - len(head)) <= 2)
    fits = [(d, w) for d, w in scored if d <= limit and not _transliterates(head, w)]
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
        return []
    edits, word = fits[0]
    note = f"Latin letters read as Cyrillic look-alikes: the English writes '{word}'"
    return [
        Candidate(
            word + dash + tail,
            max(1, edits),
            english=word,
            sources=frozenset({CandidateSource.ENGLISH, CandidateSource.LOOKALIKE}),
            note=note,
        )
    ]
