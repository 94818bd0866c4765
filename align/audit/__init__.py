"""Discrepancy audit: every place where the Russian and the English disagree, ranked by severity.

One module per check (``numbers``, ``omissions``, ``names``, ``negation``, ``weak``); each takes
the document's links resolved into ``LinkView``s and returns flags. ``audit_document`` runs them
all and ranks the flags: errors, then warnings, then notes, each in document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.audit.flags import rank_flags
from align.audit.names import name_flags
from align.audit.negation import negation_flags
from align.audit.numbers import number_flags
from align.audit.omissions import omission_flags
from align.audit.units import link_views
from align.audit.weak import weak_match_flags
from align.model import Flag, Link, Segment

CHECKS = ("number", "omission", "name", "negation", "weak_match")


@dataclass(frozen=True)
class AuditConfig:
    """Settings of the audit; the defaults are what the benchmark measured."""

    checks: tuple[str, ...] = CHECKS  # which checks run (a subset of CHECKS)
    sentence_min_chars: int = 12  # an unmatched sentence shorter than this (non-space chars) is ignored
    length_min_chars: int = 20  # pairs shorter than this on a side do not shape the length norm
    length_spread_factor: float = 4.0  # flag length ratios this many robust spreads off the median
    length_min_log_deviation: float = 0.9  # ...and at least this far in log ratio (0.9 = 2.5x)
    length_min_excess_chars: int = 25  # ...and only if the excess is this many characters of text
    name_strict: float = 90.0  # rapidfuzz ratio (0-100) a Palladius name needs against its pinyin
    name_loose: float = 60.0  # ratio a non-Palladius (foreign or OCR-garbled) name needs
    name_en_min: float = 75.0  # ratio an English pinyin-shaped name needs against some Russian word
    weak_spread_factor: float = 3.0  # weak match: score this many robust spreads below the median
    weak_ceiling: float = 0.5  # ...and below this absolute score


def audit_document(
    doc_id: str,
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    config: AuditConfig = AuditConfig(),
) -> tuple[Flag, ...]:
    """Flags ranked by severity then document order, for the aligned document.

    ``links`` cover the segments (a link with an empty side is an unmatched paragraph); links
    with sentence links are checked sentence by sentence where that matters. Deterministic:
    the same input gives the same flags with the same ids.
    """
    views = link_views(ru, en, links)
    flags: list[Flag] = []
    if "number" in config.checks:
        flags += number_flags(doc_id, views)
    if "omission" in config.checks:
        flags += omission_flags(doc_id, views, config)
    if "name" in config.checks:
        flags += name_flags(doc_id, views, config)
    if "negation" in config.checks:
        flags += negation_flags(doc_id, views)
    if "weak_match" in config.checks:
        flags += weak_match_flags(doc_id, views, config.weak_spread_factor, config.weak_ceiling)
    return rank_flags(flags, links)
