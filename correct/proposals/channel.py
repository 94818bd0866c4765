"""The noisy channel: how likely OCR was to turn the fix into what it read.

The spelling correctors of Kernighan, Church and Gale (1990) and Brill and Moore (2000) rank a
correction ``c`` of a misspelling ``t`` by P(c) x P(t | c): how common the word is, and how likely the
channel was to garble it so. The lexicon's frequencies give the first; this module gives the second,
from data: each character edit of the fix, OCR writing ``a`` where the text has ``b``, has the
probability

    P(a | b) = (count(a > b) + PRIOR) / (count(b) + PRIOR_TEXT)

where count(a > b) is how often the gold fixes saw that edit (``confusion_table``, with the editors'
accepted fixes) and count(b) how often ``b`` occurs in the text they were counted in
(:func:`correct.proposals.confusion_table.letter_counts`; runs of more than two letters by their pairs,
as a Markov chain). The evidence is the log of the product over the edits, scaled to the other
features' range. "ы" read for "м" (seen often, of a common letter) costs little; "ф" read for "м" (never
seen) costs much, and a fix whose every edit is one OCR never makes comes out far less likely than
one the data explains, which the edit distance alone does not tell.

Measured on the scanned corpus, leave one document out (docs/ocr-proposals.md, "The noisy channel"): the
cross-validated log loss of the confidence fell from 0.3673 to 0.3574 with it, and every bin of the
cross-validated reliability table came within 0.1 of its share right.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from correct.proposals.confusions import edit_ops

Ops = list[tuple[str, str]]  # edit_ops: [(OCR wrote, the text has)]

# Add-half smoothing of the edit counts, and 50 characters of text added to each letter's count, so that a
# letter rarely seen in the text does not make its one edit look certain. Checked afterwards leaving one
# document out, the confidence refitted each time (right proposals at the threshold the rule picks, of the
# gold fixes): PRIOR 0.05 / 0.1 / 0.2 / 0.3 / 0.5 / 1 gives 0.531 / 0.538 / 0.535 / 0.531 / 0.531 / 0.522,
# PRIOR_TEXT 10 / 50 / 200 gives 0.533 / 0.531 / 0.531: within five proposals of each other and not
# monotone, so the values set first stay. The sum of logs is divided by SCALE to about the other
# features' -1..0 range (a fix of two unseen edits of common letters is about -1.8 before the scale); the
# fitted weights absorb it.
PRIOR = 0.5
PRIOR_TEXT = 50.0
SCALE = 10.0


def channel_evidence(
    original: str, fixed: str, learned: Mapping[str, int], letters: Mapping[str, int], ops: Ops | None = None
) -> float:
    """log P(original | fixed) / SCALE (<= 0); 0 where it says nothing: no letter in the OCR word (a mark,
    a number), a deletion, or a change of case only. A space the OCR is seen to add or drop between two
    pieces of a word is an edit like any other; a letter-spaced word's spaces are the typist's (the
    evidence leaves it at 0 there). ``ops``: ``edit_ops(original, fixed)`` where the caller has them."""
    if not fixed or not any(ch.isalpha() for ch in original) or original.lower() == fixed.lower():
        return 0.0
    total = 0.0
    for a, b in edit_ops(original, fixed) if ops is None else ops:
        total += math.log((learned.get(f"{a}>{b}", 0) + PRIOR) / (text_count(b, letters) + PRIOR_TEXT))
    return total / SCALE


def text_count(piece: str, letters: Mapping[str, int]) -> float:
    """How often ``piece`` occurs in the counted text: its own count for one or two letters, a Markov
    chain of its pairs for longer runs, and every character for the empty string (an insertion)."""
    if len(piece) <= 2:
        return float(letters.get(piece, 0))
    count = float(letters.get(piece[:2], 0))
    for k in range(1, len(piece) - 1):
        first = letters.get(piece[k], 0)
        count *= letters.get(piece[k : k + 2], 0) / first if first else 0.0
    return count
