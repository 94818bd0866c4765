"""Paragraph and sentence alignment. STUB owned by the alignment work (issue 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.encoders import Encoder
from align.model import Link, Segment


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner (filled in by issue 3)."""


def align_document(
    ru: Sequence[Segment], en: Sequence[Segment], encoder: Encoder, config: AlignConfig = AlignConfig()
) -> tuple[Link, ...]:
    """Links in document order covering every segment of both sides once."""
    return ()
