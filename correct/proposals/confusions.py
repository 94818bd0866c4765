"""Character confusions of OCR: look-alike tables, edit operations between a word and its fix.

A hand-written table of confusable letters used as a flat cheap cost made ranking
worse on the seeds (кадри -> бадри instead of кадры), so the table here only
explains a fix to the editor ("typical substitution и->ы") and maps other
scripts' look-alikes. Ranking uses confusion costs learned from accepted
corrections (``memory.py``) once a pair has been seen often enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from rapidfuzz.distance import Levenshtein

from align.language.translit import LATIN_LOOKALIKES

# Latin letters that print like Cyrillic ones, plus "b" that OCR reads for "ь".
LATIN_TO_CYRILLIC = {**LATIN_LOOKALIKES, "b": "ь"}
# Digits that print like letters inside a word.
DIGIT_TO_CYRILLIC = {"0": "о", "3": "з", "6": "б", "4": "ч"}

# Pairs that OCR of Russian typewriting confuses (general knowledge of Cyrillic glyph shapes);
# used to explain a fix, never to rank it.
TYPICAL = frozenset(
    {
        ("и", "ы"),
        ("ы", "и"),
        ("и", "н"),
        ("н", "и"),
        ("и", "п"),
        ("п", "и"),
        ("н", "п"),
        ("п", "н"),
        ("е", "с"),
        ("с", "е"),
        ("е", "о"),
        ("о", "е"),
        ("а", "о"),
        ("о", "а"),
        ("з", "э"),
        ("э", "з"),
        ("э", "с"),
        ("с", "э"),
        ("з", "с"),
        ("с", "з"),
        ("б", "в"),
        ("в", "б"),
        ("в", "г"),
        ("г", "в"),
        ("к", "б"),
        ("б", "к"),
        ("ш", "щ"),
        ("щ", "ш"),
        ("ш", "д"),
        ("д", "л"),
        ("л", "д"),
        ("ц", "д"),
        ("я", "и"),
        ("и", "я"),
        ("ь", "ы"),
        ("ы", "ь"),
        ("ь", "ъ"),
        ("м", "и"),
        ("и", "м"),
        ("ж", "к"),
        ("т", "г"),
        ("г", "т"),
        ("ф", "г"),
        ("ф", "с"),
        ("ф", "т"),
        ("э", "о"),
        ("ч", "э"),
        ("ч", "н"),
        ("я", "а"),
        ("а", "я"),
        ("ю", "и"),
        ("м", "н"),
        ("н", "м"),
        ("е", "а"),
        ("а", "е"),
        ("к", "х"),
        ("х", "к"),
        ("р", "п"),
        ("л", "п"),
        ("ц", "з"),
        ("з", "ц"),
        ("у", "ч"),
        ("ч", "у"),
    }
)


def from_latin(word: str) -> str | None:
    """``word`` with Latin look-alikes turned Cyrillic, or None when a Latin letter has no look-alike."""
    out = []
    for c in word:
        if "A" <= c <= "z" and c.isalpha():
            if c not in LATIN_TO_CYRILLIC:
                return None
            out.append(LATIN_TO_CYRILLIC[c])
        else:
            out.append(c)
    return "".join(out)


def digits_to_letters(word: str) -> str:
    """Digits inside a Cyrillic word read as the letters they resemble ("3" -> "з")."""
    return "".join(DIGIT_TO_CYRILLIC.get(c, c) for c in word)


def edit_ops(original: str, fixed: str) -> list[tuple[str, str]]:
    """The character edits turning ``original`` into ``fixed``: [(from, to)], "" for none.

    A least-cost alignment (Levenshtein), whose touching edits merge into one op: "ш" -> "мп" is one
    confusion of a glyph for two, not an insertion beside a substitution. A longest-match alignment
    (difflib's) was used before and read "290" -> "200" as "-9, +0", two edits none of which OCR makes,
    where it is the one substitution 9 -> 0 that it makes most often.
    """
    a, b = original.lower(), fixed.lower()
    ops: list[tuple[str, str]] = []
    touching = False  # the previous opcode was an edit: this one extends it
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            touching = False
            continue
        piece = (a[op.src_start : op.src_end], b[op.dest_start : op.dest_end])
        if touching:
            piece = (ops[-1][0] + piece[0], ops[-1][1] + piece[1])
            ops.pop()
        ops.append(piece)
        touching = True
    return ops


def keep_yo(original: str, fixed: str) -> str:
    """``fixed`` with the "ё" the OCR read kept where the fix has "е" in its place ("загрязиённого" ->
    "загрязнённого", not "загрязненного"): the lexicon folds ё into е, the typescript did not, and an
    editor does not want a letter the OCR got right taken away."""
    if "ё" not in original.lower() or not fixed or any(len(w.lower()) != len(w) for w in (original, fixed)):
        return fixed  # (a letter whose lower case is two, "İ", would shift the positions)
    out = list(fixed)
    for op in Levenshtein.opcodes(original.lower(), fixed.lower()):
        if op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start:
            for i, j in zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True):
                if original[i] in "ёЁ" and fixed[j] in "еЕ":
                    out[j] = "ё" if fixed[j] == "е" else "Ё"
    return "".join(out)


def typical_count(ops: list[tuple[str, str]], learned: Mapping[str, int] | None = None) -> int:
    """How many of the ops are typical OCR confusions (the table, or learned from decisions)."""
    learned = learned or {}
    return sum(1 for a, b in ops if (a, b) in TYPICAL or learned.get(f"{a}>{b}", 0) > 0)


def learned_bonus(
    ops: list[tuple[str, str]], learned: Mapping[str, int], min_count: int, *, full_at: float
) -> float:
    """Ranking bonus in [0, 1] per op from confusions editors accepted at least ``min_count`` times.

    The bonus grows with the count and is full at ``full_at * min_count`` accepted examples: a
    confusion seen just often enough is a hint, one seen many times is nearly a rule.
    """
    bonus = 0.0
    for a, b in ops:
        n = learned.get(f"{a}>{b}", 0)
        if n >= min_count:
            bonus += min(1.0, n / (full_at * min_count))
    return bonus


def describe_ops(ops: list[tuple[str, str]], learned: Mapping[str, int] | None = None) -> str:
    """Human-readable edits: "one typical substitution и->ы", "2 edits: ш->щ, +а"."""
    parts = []
    for a, b in ops:
        parts.append(f"{a}->{b}" if a and b else (f"+{b}" if b else f"-{a}"))
    typical = typical_count(ops, learned)
    if len(ops) == 1:
        kind = "typical substitution" if typical else "edit"
        return f"one {kind} {parts[0]}"
    return f"{len(ops)} edits ({typical} typical): " + ", ".join(parts)


def count_confusions(pairs: list[tuple[str, str]]) -> Counter:
    """Confusion counts "a>b" over accepted (original, fix) pairs."""
    counts: Counter = Counter()
    for original, fixed in pairs:
        for a, b in edit_ops(original, fixed):
            counts[f"{a}>{b}"] += 1
    return counts
