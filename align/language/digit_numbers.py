"""Numbers written in digits: Russian and English separators, and the scale words after them.

"96.600" is 96 600 in a Russian text and "96,600" in an English one; "1,5" and "1.5" are both one
and a half; "116 тыс." and "116 thousand" both scale by 1e3. Used by ``quantities``.
"""

from __future__ import annotations

import re

from align.language.quantity_patterns import SCALE_VALUES


def parse_number(token: str, lang: str) -> tuple[float, tuple[float, ...]]:
    """Value of a digit token with Russian or English separators, and other plausible readings.

    "6.400" (ru) = 6400, "12,000" (en) = 12000, "1,5" (ru) = 1.5, "1.5" = 1.5. A dot or comma
    followed by exactly three digits is ambiguous; the language's convention wins and the other
    reading is kept as an alternative, so a translator's "1.500" never makes a false flag.
    """
    token = re.sub(r"[\u00a0\u202f\u2009 ]", "", token)
    groups = re.split(r"[.,]", token)
    if len(groups) == 1:
        return float(token), ()
    seps = re.findall(r"[.,]", token)
    if len(groups) > 2 or all(len(g) == 3 for g in groups[1:]) and len(set(seps)) == 1 and len(seps) > 1:
        if len(set(seps)) == 2:  # "1,234.5" or "1.234,5": the last mark is the decimal
            whole = re.sub(r"[.,]", "", token[: token.rfind(seps[-1])])
            return float(f"{whole}.{groups[-1]}"), ()
        return float("".join(groups)), ()
    head, tail = groups
    as_decimal = float(f"{head}.{tail}")
    if len(tail) != 3:
        return as_decimal, ()
    as_thousands = float(head + tail)
    thousands_first = (lang == "ru" and seps[0] == ".") or (lang == "en" and seps[0] == ",")
    return (as_thousands, (as_decimal,)) if thousands_first else (as_decimal, (as_thousands,))


def scale_value(word: str) -> float:
    """Multiplier of a scale word or abbreviation ("млн." = 1e6, "thousands" = 1e3)."""
    low = word.lower().rstrip(".")
    if low.startswith("тысяч") or low.startswith("thousand"):
        return 1e3
    for stem, value in SCALE_VALUES:
        if low.startswith(stem):
            return value
    return 1.0
