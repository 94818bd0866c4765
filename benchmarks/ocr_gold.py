"""Gold OCR fixes against proposals: where a fix is in the text, and whether a proposal is right.

Shared by the seed benchmark (``ocr_quality.py``), the corpus benchmark (``ocr_corpus.py``) and the
confidence fit (``fit_ocr_confidence.py``), so that all three judge a proposal the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from align.model import Proposal, Segment

PUNCT = ".,:;!?()\"'«»—-"  # off word ends: "апреля" is a word of the fix "апреля."


def squeeze(text: str) -> str:
    """Text without markup and whitespace, for matching gold snippets whatever the cleaning."""
    return re.sub(r"\s+", "", re.sub(r"</?u>", "", text))


def spaced(text: str) -> str:
    """Text without markup, whitespace runs as one space (where a fix is about spaces)."""
    return " ".join(re.sub(r"</?u>", "", text).split())


def squeezed_index(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace and the original offset of each kept character."""
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in keep), keep


Located = tuple[Segment, int, int]  # the segment holding a gold fix and the fix's span in it
LocatedFix = tuple[dict, Located]  # a gold fix and where it is


def locate(segments: Sequence[Segment], context: str, wrong: str) -> Located | None:
    """The segment and span of ``wrong`` inside ``context``, whitespace-insensitively."""
    ctx, wr = squeeze(context), squeeze(wrong)
    for seg in segments:
        flat, idx = squeezed_index(seg.text)
        at = flat.find(ctx)
        if at < 0:
            continue
        inner = ctx.find(wr)
        if inner < 0:
            return None
        a = at + inner
        return seg, idx[a], idx[a + len(wr) - 1] + 1
    return None


def judge(p: Proposal, seg: Segment, span: tuple[int, int], fix: str) -> bool:
    """A proposal inside a gold span is right when it brings the text closer to the fix with a word of it
    (up to case)."""
    gs, ge = span
    start, end = max(p.start, gs), min(p.end, ge)
    if start >= end:
        return False
    if not gs <= p.start <= p.end <= ge:  # a proposal wider than the gold span: compare whole
        return squeeze(p.suggestion) == squeeze(seg.text[p.start : gs] + fix + seg.text[ge : p.end])
    after = seg.text[gs : p.start] + p.suggestion + seg.text[p.end : ge]
    closer = Levenshtein.distance(spaced(after), spaced(fix)) < Levenshtein.distance(
        spaced(seg.text[gs:ge]), spaced(fix)
    )
    words = {w.strip(PUNCT).lower() for w in fix.split()}  # up to case: "сласибо" -> "спасибо" ("Спасибо")
    return closer and {w.strip(PUNCT).lower() for w in p.suggestion.split()} <= words


def judge_overlapping(located: list[LocatedFix], proposals: Sequence[Proposal]) -> dict[str, bool]:
    """Proposal id -> right or wrong, for every proposal that overlaps a located gold fix."""
    judged = {}
    for fx, (seg, gs, ge) in located:
        for p in proposals:
            if p.segment == seg.id and p.start < ge and p.end > gs:
                judged[p.id] = judge(p, seg, (gs, ge), fx["fix"])
    return judged


def judge_unlisted(p: Proposal, seg: Segment, clean_words: set[str]) -> bool:
    """A proposal over no gold fix, judged against the clean text's words (case aside).

    The corpus's gold lists wrong words, but not the words ingest itself rejoins ("процес сов", a line
    break's hyphen): a proposal there is right when every word of its suggestion is a word of the clean
    text and some word of what it replaces is not. A deletion, or a suggestion of words the clean text
    lacks, is wrong.
    """
    new = {w.strip(PUNCT).lower() for w in p.suggestion.split()} - {""}
    old = {w.strip(PUNCT).lower() for w in seg.text[p.start : p.end].split()} - {""}
    return bool(new) and new <= clean_words and not old <= clean_words


def clean_vocabulary(text: str) -> set[str]:
    """The words of a clean text, lower case, punctuation off their ends."""
    return {w.strip(PUNCT).lower() for w in text.split()} - {""}
