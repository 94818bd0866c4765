"""Discrepancy audit: every place where the Russian and the English disagree, ranked by severity.

One module per check (``numbers``, ``omissions``, ``names``, ``negation``, ``weak``); each takes
the document's links resolved into ``LinkView``s and returns flags. ``audit_document`` runs them
all and ranks the flags: errors, then warnings, then notes, each in document order. The
settings and the names of the checks are in ``align.audit.config``.
"""

from __future__ import annotations

from collections.abc import Sequence

from align.audit.config import CHECKS, AuditConfig, Check
from align.audit.flags import rank_flags
from align.audit.names import name_flags
from align.audit.negation import negation_flags
from align.audit.numbers import number_flags
from align.audit.omissions import omission_flags
from align.audit.units import link_views
from align.audit.weak import weak_match_flags
from align.model import Flag, Link, Segment

__all__ = ["CHECKS", "AuditConfig", "Check", "audit_document"]


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
    if Check.NUMBER in config.checks:
        flags += number_flags(doc_id, views, config)
    if Check.OMISSION in config.checks:
        flags += omission_flags(doc_id, views, config)
    if Check.NAME in config.checks:
        flags += name_flags(doc_id, views, config)
    if Check.NEGATION in config.checks:
        flags += negation_flags(doc_id, views)
    if Check.WEAK_MATCH in config.checks:
        flags += weak_match_flags(doc_id, views, config)
    return rank_flags(flags, links)
