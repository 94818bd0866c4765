"""Sentence segmentation of clean paragraphs, with razdel.

razdel (natasha project) is a maintained rule-based splitter built for Russian:
it keeps abbreviations and initials together ("т.т.Молотов", "1,5 млн. членов",
"И.В. Сталина", "350 км."), and it splits English prose correctly too, so one
splitter serves both languages. Sentence ids are the segment id plus the
sentence's offset in the segment text: stable as long as the paragraph is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from align.model import Segment, Sentence


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph; the whole text when razdel finds none."""
    from razdel import sentenize  # light, but keep imports out of module load

    spans = [(s.start, s.stop) for s in sentenize(text) if text[s.start : s.stop].strip()]
    return spans or [(0, len(text))]


def segment_sentences(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The same segments with ``sentences`` filled in (new records: the input is not changed)."""
    out = []
    for seg in segments:
        sentences = tuple(
            Sentence(id=f"{seg.id}.{start}", start=start, end=end, text=seg.text[start:end])
            for start, end in split_sentences(seg.text)
        )
        out.append(replace(seg, sentences=sentences))
    return tuple(out)
