"""A link's confidence as a probability: Platt scaling of the search's raw confidence.

The search's raw confidence (:meth:`align.alignment.search.SearchResult.confidences`) ranks
links but is no probability: its neutral point moves with the skip cost, and a merge's is a
product of two sigmoids. Platt (1999) scaling maps it to one, separately for matched and
unmatched links since they are judged differently::

    p = sigmoid(slope * logit(raw) + offset)

Slope and offset are fitted by logistic regression on links judged right or wrong against the
corpus gold (``benchmarks/fit_alignment.py``), cross-validated leaving one document out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EPSILON = 1e-6  # raw confidences are clipped to [EPSILON, 1 - EPSILON] before the logit


@dataclass(frozen=True)
class Platt:
    """One logistic map of a raw confidence; (1, 0) is the identity."""

    slope: float = 1.0
    offset: float = 0.0

    def __call__(self, raw: float) -> float:
        z = self.slope * logit(raw) + self.offset
        return 1.0 / (1.0 + math.exp(-min(max(z, -50.0), 50.0)))


@dataclass(frozen=True)
class Calibration:
    """The maps of matched links (both sides non-empty) and of units left unmatched."""

    matched: Platt = Platt()
    unmatched: Platt = Platt()

    def confidence(self, raw: float, matched: bool) -> float:
        return (self.matched if matched else self.unmatched)(raw)


def logit(raw: float) -> float:
    """The feature the maps are fitted on."""
    p = min(max(raw, EPSILON), 1.0 - EPSILON)
    return math.log(p / (1.0 - p))
