"""Whether the aligner's confidences can be trusted: each link judged right or wrong against the gold.

A reviewer skips links above some confidence, so what matters is the share of right links at
each confidence, over many documents. A link is judged by the gold snippets its segments hold
(placed as :func:`benchmarks.common.alignment_score` places them, whatever the segmentation):

* a matched link (both sides non-empty) is **right** when every (English snippet, Russian
  snippet) pair it makes is a gold link; it is judged only when both sides hold a snippet;
* an unmatched link (1-0 or 0-1) is **right** when every snippet it holds has no counterpart
  in the gold (an English entry with ``ru: []``, a Russian snippet of ``ru_only``); it is
  judged only when it holds a snippet.

Links that hold no snippet on a non-empty side (a scrap of debris, a piece of a paragraph whose
snippet is in the other piece) are counted as unjudged, not as right or wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.model import Link, Segment
from benchmarks.common import gold_links, snippets_by_segment

# Bin edges of the reliability table: [0, 0.5), [0.5, 0.7), ..., [0.95, 1.0]
EDGES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
TRUSTED = 0.9  # the table also gives the share right among links scored at least this


@dataclass(frozen=True)
class Judged:
    """One link's confidence and verdict."""

    score: float
    matched: bool  # both sides non-empty
    right: bool


def judge_links(
    links: Sequence[Link], ru: Sequence[Segment], en: Sequence[Segment], raw: dict[str, str], gold: dict
) -> tuple[list[Judged], int]:
    """Every judged link of a document with its verdict, and the number of unjudged links."""
    truth = gold_links(gold)
    ru_only = set(gold.get("ru_only", ()))
    alone = {e["en"] for e in gold["links"] if not e["ru"]} | ru_only
    ru_in = snippets_by_segment({r for _, r in truth} | ru_only, raw["ru"], ru)
    en_in = snippets_by_segment({e["en"] for e in gold["links"]}, raw["en"], en)
    judged, unjudged = [], 0
    for link in links:
        en_snips = [s for sid in link.en for s in en_in.get(sid, ())]
        ru_snips = [s for sid in link.ru for s in ru_in.get(sid, ())]
        matched = bool(link.en and link.ru)
        if (link.en and not en_snips) or (link.ru and not ru_snips):
            unjudged += 1
            continue
        if matched:
            right = all((e, r) in truth for e in en_snips for r in ru_snips)
        else:
            right = all(s in alone for s in en_snips + ru_snips)
        judged.append(Judged(link.score, matched, right))
    return judged, unjudged


def bin_label(k: int) -> str:
    close = "]" if k == len(EDGES) - 2 else ")"
    return f"[{EDGES[k]:.2f}, {EDGES[k + 1]:.2f}{close}"


def _bin(score: float) -> int:
    return next((k for k in range(len(EDGES) - 2) if score < EDGES[k + 1]), len(EDGES) - 2)


def _share(items: Sequence[Judged]) -> dict:
    right = sum(j.right for j in items)
    return {"links": len(items), "right": right, "share": round(right / len(items), 4) if items else None}


def reliability(judged: Iterable[Judged]) -> dict:
    """Per confidence bin, the links and the share right (all, matched, unmatched); and above TRUSTED."""
    judged = list(judged)
    bins = []
    for k in range(len(EDGES) - 1):
        inside = [j for j in judged if _bin(j.score) == k]
        bins.append(
            {
                "bin": bin_label(k),
                "all": _share(inside),
                "matched": _share([j for j in inside if j.matched]),
                "unmatched": _share([j for j in inside if not j.matched]),
            }
        )
    trusted = [j for j in judged if j.score >= TRUSTED]
    return {"bins": bins, "trusted": {"at_least": TRUSTED, **_share(trusted)}}
