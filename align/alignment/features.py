"""What the scorer reads off a unit's text besides its embedding: the numbers it writes, whether it
continues the unit before (a page break, a list after a colon), and a bit count for the number sets.
"""

from __future__ import annotations

import re

import numpy as np

NUMBER = re.compile(r"\d+")
SENTENCE_END = re.compile(r"[.!?…:;»\"'”)\]]\s*$")
STARTS_LOWER = re.compile(r"^\W*[a-zа-яё]")
LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}\s*[.)\-–]|[a-zа-яё][.)]|[-–•*]\s)", re.IGNORECASE)
_POPCOUNT8 = np.array([bin(x).count("1") for x in range(256)], dtype=np.int64)


def number_hashes(texts: list[str]) -> np.ndarray:
    """A 64-bit set per text of the digit runs it contains ("007" and "7" are one number)."""
    out = np.zeros(len(texts), dtype=np.uint64)
    for t, text in enumerate(texts):
        bits = 0
        for number in NUMBER.findall(text):
            bits |= 1 << (hash_number(number.lstrip("0") or "0") % 64)
        out[t] = np.uint64(bits)
    return out


def hash_number(number: str) -> int:
    # Python's str hash is salted per process; a fixed polynomial keeps results reproducible.
    h = 0
    for ch in number:
        h = (h * 131 + ord(ch)) % 1_000_000_007
    return h


def continuations(texts: list[str]) -> np.ndarray:
    """bool [n]: text s continues text s-1, by its punctuation alone.

    Either a paragraph broken by a page break (s-1 ends mid-sentence, s starts
    in lower case) or a list (s-1 ends with a colon, s starts like a list item:
    "1 -", "2.", "a)", "- ").
    """
    out = np.zeros(len(texts), dtype=bool)
    for s in range(1, len(texts)):
        prev, text = texts[s - 1].rstrip(), texts[s]
        broken = bool(STARTS_LOWER.match(text)) and not SENTENCE_END.search(prev)
        listed = prev.endswith(":") and bool(LIST_ITEM.match(text))
        out[s] = broken or listed
    return out


def popcount(x: np.ndarray) -> np.ndarray:
    """Set bits per uint64 (numpy >= 2 has it built in; a byte table otherwise)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x.astype(np.uint64)).astype(np.int64)
    return _POPCOUNT8[x.astype(np.uint64).view(np.uint8).reshape(-1, 8)].sum(axis=1)
