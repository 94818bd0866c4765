"""Weak-match check: an aligned pair whose alignment confidence is low for this document.

Scores differ between encoders and documents, so the threshold is relative: a pair is weak when
its score is below the document's median by more than ``weak_spread_factor`` robust spreads
(``align.audit.spread``) and also below an absolute ceiling, so a uniformly good document yields
no flags.
"""

from __future__ import annotations

from align.audit.config import AuditConfig
from align.audit.flags import make_flag, span_of
from align.audit.spread import robust_norm
from align.audit.units import LinkView
from align.model import Flag, FlagKind, Severity

PRODUCER = "weak.v1"


def weak_match_flags(doc_id: str, views: tuple[LinkView, ...], config: AuditConfig) -> list[Flag]:
    """A note per aligned pair whose score is an outlier on the low side."""
    scored = [v for v in views if v.ru and v.en]
    if len(scored) < config.weak_min_pairs:
        return []
    norm = robust_norm([v.link.score for v in scored])
    spread = max(norm.spread, config.weak_min_spread)
    limit = min(config.weak_ceiling, norm.median - config.weak_spread_factor * spread)
    flags = []
    for view in scored:
        if view.link.score >= limit:
            continue
        message = (
            f"Weak alignment (score {view.link.score:.2f}, document median {norm.median:.2f}): "
            "check that these passages translate each other"
        )
        flags.append(
            make_flag(
                doc_id,
                FlagKind.WEAK_MATCH,
                Severity.NOTE,
                message,
                ru_spans=[span_of(p) for p in view.paragraph_pair.ru],
                en_spans=[span_of(p) for p in view.paragraph_pair.en],
                values={"score": [round(view.link.score, 4)], "median": [round(norm.median, 4)]},
                producer=PRODUCER,
            )
        )
    return flags
