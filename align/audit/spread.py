"""A document's own norm for a measure: its median and a spread that outliers do not inflate.

The omission and weak-match checks look for pairs that are unusual *for this document* (its
encoder's score scale, its translator's verbosity), so they compare each pair with the median
and the median absolute deviation (MAD) of all pairs. Unlike the standard deviation, the MAD is
not pulled up by the very outliers being looked for (Hampel 1974; Rousseeuw & Croux 1993).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# 1 / Φ⁻¹(3/4): scales the MAD of normal data to its standard deviation, so that spread factors
# read as "standard deviations" whatever the measure.
MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True)
class Norm:
    """The median of a measure and its robust spread (``MAD_TO_SIGMA`` * MAD), in the measure's unit."""

    median: float
    spread: float


def robust_norm(values: Sequence[float]) -> Norm:
    """The median and robust spread of ``values`` (at least one; StatisticsError when empty)."""
    median = statistics.median(values)
    mad = statistics.median(abs(x - median) for x in values)
    return Norm(median, MAD_TO_SIGMA * mad)
