"""Decode input files, find the Russian and English parts, strip scan debris, rejoin page breaks.

STUB: being written now (issue 2). Interface:
    ingest(Source) -> (Document, ru segments, en segments, removed records)
Segments come without sentences; align.segment.segment_sentences adds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.model import Document, Removed, Segment


@dataclass(frozen=True)
class Source:
    """What to read: one archive-layout file, or a Russian file and an English file."""

    archive: Path | None = None
    ru: Path | None = None
    en: Path | None = None
    name: str | None = None  # document id; default: the file stem

    def label(self) -> str:
        """How messages name this document."""
        if self.archive is not None:
            return str(self.archive)
        return f"{self.ru} + {self.en}"


def ingest(source: Source) -> tuple[Document, tuple[Segment, ...], tuple[Segment, ...], tuple[Removed, ...]]:
    raise NotImplementedError
