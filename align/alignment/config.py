"""The aligner's settings: how large a bead may be, when a step is doubtful, how wide the band is."""

from __future__ import annotations

from dataclasses import dataclass, field

from align.alignment.confidence import Calibration, Platt
from align.alignment.scoring import ScoreWeights

# Fitted on ../shared/corpus and the seeds by benchmarks/fit_alignment.py over a grid of bias, floor,
# size, size_length and edge (324 points): the best mean over the real forms (docs, scanned, seeds, each
# form's mean weighing the same) of link F1 counting paragraphs left unmatched; ties: the best on the
# partial translations built from docs, then the highest floor. Leave-one-document-out that F1 is docs
# 1.0000, scanned 0.9989, seeds 0.9329, partial 0.714; the hand-set weights (ScoreWeights()) give
# 0.9826, 0.9847, 0.927, 0.688. edge 1.0: a short unit that matches the facing sentence of the
# paragraph it joins ("(Applause)" / "... Спасибо. (Аплодисменты)") is merged; with it the shorter
# merge penalty for short units (size_length) is no longer chosen. size 0.25: a merge costs less;
# floor 0.3: a pair below that cosine is penalised whatever its neighbours (higher floors cut the
# seeds' noisy OCR pairs).
PARAGRAPH_WEIGHTS = ScoreWeights(bias=0.2, floor=0.3, size=0.25, skip=0.0, size_length=0.0, edge=1.0)
# Platt maps fitted by the same script at those weights, on the judged links of every fitting
# document; leave-one-document-out, 100 % of the 390 docs + scanned links mapped to >= 0.9 are right.
# An unmatched unit's raw confidence does not rank (negative slope): it gets the share right.
PARAGRAPH_CALIBRATION = Calibration(matched=Platt(0.8834, 0.968), unmatched=Platt(0.0, 2.7081))


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner; the defaults are the ones measured in docs/alignment.md."""

    max_ru: int = 3  # Russian paragraphs in one bead (3: a paragraph cut by two page breaks)
    max_en: int = 3  # English paragraphs in one bead
    max_total: int = 4  # both sides together: allows 2-2, 1-3 and 3-1, not 2-3 or 3-3
    max_list: int = 12  # 1-n / n-1 beads up to this, tried in the second pass only (0: never)
    doubtful: float = 0.5  # a 1-1 below this confidence is searched again in the second pass
    # Merges of two units are judged on the embedding of the merged text (the second pass, around every
    # step that is not a confident 1-1), longer ones on the mean of their units' vectors; False: all on
    # the mean, ~25 % faster.
    merged_text: bool = True
    radius: int = 8  # band half-width, in paragraphs, around the coarse path
    full_cells: int = 250_000  # lattice cells searched in full before going coarse-to-fine
    sentences: bool = True  # align the sentences inside each paragraph pair
    weights: ScoreWeights = PARAGRAPH_WEIGHTS  # of paragraph beads
    calibration: Calibration = PARAGRAPH_CALIBRATION  # paragraph links' raw confidence -> probability
    # Sentences inside a paragraph pair: the weights the seeds' sentence gold and the audit were built on
    sentence_weights: ScoreWeights = field(default_factory=ScoreWeights)
