"""OCR words through a correction: each word of a segment mapped into the segment's corrected text.

An export writes the corrected text back into the page's geometry, so every word needs its text
after the corrections. The corrected text is compared with the original character by character
(``difflib.SequenceMatcher``), each word's span is carried through that alignment, and the
corrected text is cut into words again at white space:

- a word the corrections left alone keeps its text, box and confidence;
- a fix inside a word ("1355" -> "1955") changes its text, and the box stays;
- a fix that joins words ("го ду" -> "году") gives one word whose box is the union of theirs;
- a fix that splits a word ("годаи" -> "года и") gives words that share its box by their characters;
- a word cut at a line end ("пере" / "ходит", one word of the clean text) stays two words, one on each
  line, the first marked ``hyphen`` so that a writer puts the line-end hyphen back;
- a word inserted between words gets the gap between their boxes.

A changed word has no confidence: the engine's no longer describes its text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby

from align.model import Segment, Word

Box = tuple[int, int, int, int]
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class EditedWord:
    """A word of the corrected text where it lies on its page."""

    text: str
    page: int
    line: int
    box: Box  # x0, y0, x1, y1 in page pixels
    confidence: float | None  # the engine's, for a word left as it read it; else None
    corrected: bool  # the text is not what the engine read
    hyphen: bool = False  # the word goes on at the start of the next line: a writer adds the hyphen


def offset_map(old: str, new: str) -> Callable[[int, bool], int]:
    """``at(offset, is_end)``: where an offset of ``old`` lies in ``new``.

    Inside an unchanged run offsets shift; inside a replaced run they are spread in proportion; a
    deleted run collapses to a point. A start offset is mapped by the run it opens, an end offset by
    the run it closes, so that a word next to an insertion does not take the inserted text in.
    """
    if old == new:
        return lambda offset, _is_end: offset
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    starts = [op[1] for op in ops]

    def at(offset: int, is_end: bool) -> int:
        k = (bisect_left(starts, offset) if is_end else bisect_right(starts, offset)) - 1
        tag, i1, i2, j1, j2 = ops[max(k, 0)]
        if tag == "equal":
            return j1 + offset - i1
        return j1 + round((offset - i1) * (j2 - j1) / (i2 - i1)) if i2 > i1 else j2

    return at


def _slice(word: Word, span: tuple[int, int], lo: int, hi: int) -> Box:
    """The part of a word's box under ``[lo, hi)`` of its mapped span, by characters."""
    x0, y0, x1, y1 = word.box
    start, end = span
    if lo <= start and hi >= end:
        return word.box
    width = x1 - x0
    return (
        x0 + round(width * (lo - start) / (end - start)),
        y0,
        x0 + round(width * (hi - start) / (end - start)),
        y1,
    )


def union(boxes: list[Box]) -> Box:
    """The smallest box holding all ``boxes``."""
    x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
    return min(x0s), min(y0s), max(x1s), max(y1s)


def _token_words(
    segment: Segment, corrected: str, token: tuple[int, int], pieces: list[tuple[Word, tuple[int, int]]]
) -> list[EditedWord]:
    """The words of one token of the corrected text: one per line its pieces lie on."""
    ts, te = token
    groups = [list(g) for _key, g in groupby(pieces, key=lambda p: (p[0].page, p[0].line))]
    out = []
    for k, group in enumerate(groups):
        lo = ts if k == 0 else max(group[0][1][0], ts)
        hi = te if k == len(groups) - 1 else min(group[-1][1][1], te)
        text = corrected[lo:hi]
        boxes = [_slice(w, span, max(span[0], ts), min(span[1], te)) for w, span in group]
        first = group[0][0]
        same = len(group) == 1 and text == segment.text[first.start : first.end] and boxes[0] == first.box
        conf = first.confidence if same else None
        out.append(
            EditedWord(text, first.page, first.line, union(boxes), conf, not same, k < len(groups) - 1)
        )
    return out


def _inserted(text: str, before: EditedWord | None, after: Word | None) -> EditedWord:
    """A word no OCR word lies under (the editor typed it in): the gap between its neighbours."""
    if before is not None:
        right = after.box[0] if after and (after.page, after.line) == (before.page, before.line) else 0
        x0, y0, x1, y1 = before.box
        return EditedWord(text, before.page, before.line, (x1, y0, max(x1, right), y1), None, True)
    assert after is not None
    x0, y0, _x1, y1 = after.box
    return EditedWord(text, after.page, after.line, (x0, y0, x0, y1), None, True)


def edited_words(segment: Segment, corrected: str) -> list[EditedWord]:
    """The words of ``corrected`` (the segment's text after its corrections), with boxes, in text order."""
    if not segment.words:
        return []
    at = offset_map(segment.text, corrected)
    placed = [(w, (at(w.start, False), at(w.end, True))) for w in segment.words]
    placed = [(w, span) for w, span in placed if span[1] > span[0]]  # a word deleted entirely is gone
    out: list[EditedWord] = []
    j = 0
    for match in _TOKEN.finditer(corrected):
        ts, te = match.span()
        while j < len(placed) and placed[j][1][1] <= ts:
            j += 1
        k = j
        while k < len(placed) and placed[k][1][0] < te:
            k += 1
        if k > j:
            out += _token_words(segment, corrected, (ts, te), placed[j:k])
        elif out or j < len(placed):
            out.append(
                _inserted(match.group(), out[-1] if out else None, placed[j][0] if j < len(placed) else None)
            )
    return out
