"""Synthetic documents k times the size of a seed, in the shapes that stress different stages.

* ``paragraphs``: the seed's paragraphs k times over (the paragraph count grows): the paragraph
  search, the per-paragraph stages and the size of the result;
* ``paragraph``: each side one paragraph holding every sentence of the seed, k times over (the
  sentence count of one pair grows): sentence alignment inside a huge pair, the audit's look-backs;
* ``lines``: the seed's paragraphs, each one line of k copies of itself with no sentence end
  (the length of one sentence grows): segmentation, cleaning, embedding of long texts.

Every sentence of copy c starts with the tag ``[c]`` on both sides, so that no text repeats: a
repeated text would be embedded once and make the embedding look sublinear. The seed is read through
``align.ingest``; nothing here knows its strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from align.ingest.document import Source, ingest
from align.ingest.segment import segment_sentences
from align.model import Segment

SHAPES = ("paragraphs", "paragraph", "lines")
SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")


def _sentences(segments: Sequence[Segment]) -> list[list[str]]:
    return [[s.text for s in seg.sentences] for seg in segment_sentences(segments)]


def _side(paragraphs: list[list[str]], shape: str, scale: int) -> list[str]:
    """The paragraphs of one side of the synthetic document."""
    if shape == "paragraphs":
        return [" ".join(f"[{c}] {s}" for s in para) for c in range(scale) for para in paragraphs]
    if shape == "paragraph":
        return [" ".join(f"[{c}] {s}" for c in range(scale) for para in paragraphs for s in para)]
    if shape == "lines":
        return [
            ", ".join(SENTENCE_END.sub(",", f"[{c}] {' '.join(para)}") for c in range(scale))
            for para in paragraphs
        ]
    raise ValueError(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")


def build(seed: Path, shape: str, scale: int) -> tuple[str, str]:
    """(Russian text, English text) of the synthetic document: paragraphs separated by blank lines."""
    _, ru, en, _ = ingest(Source(archive=seed))
    return tuple("\n\n".join(_side(_sentences(side), shape, scale)) + "\n" for side in (ru, en))


def write_pair(seed: Path, shape: str, scale: int, folder: Path) -> Source:
    """The synthetic document as NAME.ru.txt + NAME.en.txt in ``folder``."""
    ru_text, en_text = build(seed, shape, scale)
    name = f"{shape}-{scale}x"
    ru_path, en_path = folder / f"{name}.ru.txt", folder / f"{name}.en.txt"
    ru_path.write_text(ru_text, encoding="utf-8")
    en_path.write_text(en_text, encoding="utf-8")
    return Source(ru=ru_path, en=en_path, name=name)
