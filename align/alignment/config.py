"""The aligner's settings: how large a bead may be, when a step is doubtful, how wide the band is."""

from __future__ import annotations

from dataclasses import dataclass, field

from align.alignment.scoring import ScoreWeights


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner; the defaults are the ones measured in docs/alignment.md."""

    max_ru: int = 3  # Russian paragraphs in one bead (3: a paragraph cut by two page breaks)
    max_en: int = 3  # English paragraphs in one bead
    max_total: int = 4  # both sides together: allows 2-2, 1-3 and 3-1, not 2-3 or 3-3
    max_list: int = 12  # 1-n / n-1 beads up to this, tried in the second pass only (0: never)
    doubtful: float = 0.5  # a 1-1 below this confidence is searched again in the second pass
    # Merges are judged on the embedding of the merged text (the second pass, around every step that is
    # not a confident 1-1); False: on the length-weighted mean of the units' vectors, ~25 % faster.
    merged_text: bool = True
    radius: int = 8  # band half-width, in paragraphs, around the coarse path
    full_cells: int = 250_000  # lattice cells searched in full before going coarse-to-fine
    sentences: bool = True  # align the sentences inside each paragraph pair
    weights: ScoreWeights = field(default_factory=ScoreWeights)
