"""Weak-match check: an aligned pair whose alignment confidence is low for this document.

Scores differ between encoders and documents, so the threshold is relative: a pair is weak when
its score is below the document's median by more than ``factor`` robust spreads (1.4826 * MAD)
and also below an absolute ceiling, so a uniformly good document yields no flags.
"""

from __future__ import annotations

import statistics

from align.audit.flags import make_flag, span_of
from align.audit.units import LinkView
from align.model import Flag

PRODUCER = "weak.v1"


def weak_match_flags(doc_id: str, views: tuple[LinkView, ...], factor: float, ceiling: float) -> list[Flag]:
    """A note per aligned pair whose score is an outlier on the low side."""
    scored = [v for v in views if v.ru and v.en]
    if len(scored) < 5:
        return []
    scores = [v.link.score for v in scored]
    median = statistics.median(scores)
    spread = 1.4826 * statistics.median(abs(s - median) for s in scores)
    limit = min(ceiling, median - factor * max(spread, 0.02))
    flags = []
    for view in scored:
        if view.link.score >= limit:
            continue
        message = (
            f"Weak alignment (score {view.link.score:.2f}, document median {median:.2f}): "
            "check that these passages translate each other"
        )
        flags.append(
            make_flag(
                doc_id,
                "weak_match",
                "note",
                message,
                [span_of(p) for p in view.paragraph_pair.ru],
                [span_of(p) for p in view.paragraph_pair.en],
                {"score": [round(view.link.score, 4)], "median": [round(median, 4)]},
                PRODUCER,
            )  # fmt: skip
        )
    return flags
