"""The audit's settings and the names of its checks (as recorded in every result's config)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from align.language.quantities import QuantityConfig


class Check(StrEnum):
    """One check of the audit; the values are what a result's recorded config lists."""

    NUMBER = "number"
    OMISSION = "omission"  # also reports additions
    NAME = "name"
    NEGATION = "negation"
    WEAK_MATCH = "weak_match"


CHECKS = tuple(Check)


@dataclass(frozen=True, kw_only=True)
class AuditConfig:
    """Settings of the audit; the defaults are what the benchmark measured."""

    checks: tuple[Check, ...] = CHECKS  # which checks run (a subset of CHECKS)
    sentence_min_chars: int = 12  # an unmatched sentence shorter than this (non-space chars) is ignored
    length_min_chars: int = 20  # pairs shorter than this on a side do not shape the length norm
    # Fewer pairs than this long enough to shape it: no length norm, so no length-ratio flags (the
    # median and MAD of a handful of ratios say nothing about the document).
    length_min_pairs: int = 5
    length_spread_factor: float = 4.0  # flag length ratios this many robust spreads off the median
    length_min_log_deviation: float = 0.9  # ...and at least this far in log ratio (0.9 = 2.5x)
    length_min_excess_chars: int = 25  # ...and only if the excess is this many characters of text
    name_strict: float = 90.0  # rapidfuzz ratio (0-100) a Palladius name needs against its pinyin
    name_loose: float = 60.0  # ratio a non-Palladius (foreign or OCR-garbled) name needs
    name_en_min: float = 75.0  # ratio an English pinyin-shaped name needs against some Russian word
    weak_min_pairs: int = 5  # fewer aligned pairs than this: no document median to be weak against
    weak_spread_factor: float = 3.0  # weak match: score this many robust spreads below the median
    weak_ceiling: float = 0.5  # ...and below this absolute score
    # Floor of the score spread (score units, 0-1): in a uniformly scored document the MAD is near
    # zero and any small dip would be "many spreads" below the median.
    weak_min_spread: float = 0.02
    quantities: QuantityConfig = field(default_factory=QuantityConfig)  # how the number check reads numbers
