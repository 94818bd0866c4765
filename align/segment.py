"""Sentence segmentation of clean paragraphs. STUB: being written now (issue 2)."""

from __future__ import annotations

from collections.abc import Sequence

from align.model import Segment


def segment_sentences(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    return tuple(segments)
