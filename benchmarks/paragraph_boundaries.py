"""Where our Russian paragraphs start against where the gold's do: paragraph-boundary precision and recall.

Ingest can glue two paragraphs (a page-break rejoin taken for a continuation) or cut one in two;
the aligner's 2-1 beads undo a cut but nothing undoes a glue, so the boundaries are measured apart
from the link score. Positions are squeezed-text offsets (whitespace removed, as
:func:`benchmarks.common.place_snippets` finds snippets), so cleaning and line wrapping do not move
them. A gold boundary is where a gold Russian snippet (one per paragraph: ``links`` and ``ru_only``)
starts, taken back to the start of its raw line when only a short lead stands before it there (the
seeds' snippets leave out the speaker label "<u>Сталин</u>" that opens a paragraph); ours is where a
Russian segment starts. The document's first paragraph start is no boundary on either side.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.model import Segment
from benchmarks.common import SPACE, squeezed_text

# A boundary is found when ours lies within this many non-space characters of the gold's: a debris
# character that Tesseract put before a paragraph's first letter ("`двмбы") or that cleaning dropped.
SLACK = 2
# The longest lead (non-space characters) between a raw line's start and a snippet that still makes
# the line start the paragraph's: the seeds' speaker labels are up to 18 ("<u>Чжоу Энь-лай</u>").
LINE_LEAD_MAX = 24


@dataclass(frozen=True)
class BoundaryScore:
    """Paragraph-boundary precision and recall of one document (or pooled over several)."""

    precision: float  # our boundaries that are the gold's / ours (1.0 when we have none)
    recall: float  # the gold's boundaries we found / the gold's (1.0 when it has none)
    matched: int
    ours: int
    gold: int


def boundary_score(ours: Iterable[int], gold: Iterable[int], slack: int = SLACK) -> BoundaryScore:
    """Match our boundaries to the gold's one to one, each within ``slack`` of its partner.

    Both lists are squeezed-text offsets. A greedy pass over the two sorted lists is a maximum
    matching here, because every window has the same width: the earliest unmatched gold boundary
    takes the earliest of ours that reaches it.
    """
    ours, gold = sorted(set(ours)), sorted(set(gold))
    matched, i = 0, 0
    for g in gold:
        while i < len(ours) and ours[i] < g - slack:
            i += 1
        if i < len(ours) and ours[i] <= g + slack:
            matched, i = matched + 1, i + 1
    return _score(matched, len(ours), len(gold))


def pooled(scores: Sequence[BoundaryScore]) -> BoundaryScore:
    """One score over several documents: their matches and boundaries summed (a micro average)."""
    return _score(sum(s.matched for s in scores), sum(s.ours for s in scores), sum(s.gold for s in scores))


def _score(matched: int, ours: int, gold: int) -> BoundaryScore:
    return BoundaryScore(
        matched / ours if ours else 1.0, matched / gold if gold else 1.0, matched, ours, gold
    )


def our_boundaries(raw: str, segments: Sequence[Segment]) -> list[int]:
    """Squeezed offsets where our segments start, the first left out."""
    keep = squeezed_text(raw)[1]
    starts = sorted(bisect.bisect_left(keep, s.start) for s in segments)
    return starts[1:]


def gold_boundaries(snippets: Iterable[str], raw: str, segments: Sequence[Segment]) -> list[int]:
    """Squeezed offsets where the gold's paragraphs start, the first left out (snippets not found: none).

    A snippet found more than once is taken where it starts inside our segments' span, as
    :func:`benchmarks.common.place_snippets` does.
    """
    squeezed, keep = squeezed_text(raw)
    lo = bisect.bisect_left(keep, min((s.start for s in segments), default=0))
    hi = bisect.bisect_left(keep, max((s.end for s in segments), default=len(raw)))
    starts = set()
    for snippet in snippets:
        needle = SPACE.sub("", snippet)
        found = [m.start() for m in re.finditer(f"(?={re.escape(needle)})", squeezed)] if needle else []
        inside = [at for at in found if lo <= at < hi] or found
        if inside:
            starts.add(_line_start(raw, keep, inside[0]))
    return sorted(starts)[1:]


def _line_start(raw: str, keep: list[int], at: int) -> int:
    """The squeezed offset of the raw line ``at`` is on, when at most LINE_LEAD_MAX characters lead it."""
    line = raw.rfind("\n", 0, keep[at]) + 1
    first = bisect.bisect_left(keep, line)
    return first if at - first <= LINE_LEAD_MAX else at


def document_boundaries(raw: str, segments: Sequence[Segment], gold: dict) -> BoundaryScore:
    """Paragraph-boundary precision and recall of our Russian ``segments`` against ``gold``'s snippets."""
    snippets = {ru for entry in gold["links"] for ru in entry["ru"]} | set(gold.get("ru_only", ()))
    return boundary_score(our_boundaries(raw, segments), gold_boundaries(snippets, raw, segments))
