"""Alignment corrections: merge, split, unlink and relink as (removed links, added links).

A reviewer's correction never edits a link in place: it names the links it takes out and
the links it puts in, and the log keeps both (as JSON), so that replaying the log
(:func:`correct.review.state.corrected_links`) rebuilds the corrected alignment and can
tell when a correction no longer applies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from align.errors import InputError
from align.model import Link

# The score given to a pair a reviewer made: a human link is certain.
HUMAN_LINK_SCORE = 1.0

Change = tuple[tuple[Link, ...], tuple[Link, ...]]  # (removed, added)


def link_id(link: Link) -> str:
    """Stable id of a link: a fingerprint of its Russian and English segment ids (not its position)."""
    key = json.dumps([list(link.ru), list(link.en)], ensure_ascii=False)
    return "link:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def links_to_json(links: Sequence[Link]) -> str:
    """The ``old``/``new`` value of an alignment decision."""
    return json.dumps(
        [{"ru": list(x.ru), "en": list(x.en), "score": x.score} for x in links], ensure_ascii=False
    )


def links_from_json(text: str | None) -> tuple[Link, ...]:
    """Inverse of ``links_to_json``."""
    return tuple(
        Link(ru=tuple(x["ru"]), en=tuple(x["en"]), score=float(x["score"])) for x in json.loads(text or "[]")
    )


def reading_order(links: list[Link], order: dict[str, int]) -> tuple[Link, ...]:
    """Links sorted as a reader meets them; ``order`` maps segment id -> index within its language.

    A two-sided link sits at its first Russian and English indices. A one-sided
    link borrows the missing index from its two-sided neighbours (half a step
    after the pair before a Russian-only paragraph, half a step before the pair
    after an English-only one), so unmatched paragraphs stay where they were and
    a 1-0 comes before a 0-1 between the same pairs.
    """

    def first(ids: tuple[str, ...]) -> float | None:
        return min((order.get(s, 0) for s in ids), default=None)

    both = [(first(x.ru), first(x.en)) for x in links if x.ru and x.en]

    def key(x: Link) -> tuple[float, float]:
        ru, en = first(x.ru), first(x.en)
        if ru is None:
            ru = min((r for r, e in both if e > en), default=len(order)) - 0.5
        if en is None:
            en = max((e for r, e in both if r < ru), default=-1) + 0.5
        return (ru, en)

    return tuple(sorted(links, key=key))


def merge(a: Link, b: Link) -> Change:
    """Merge two links into one: a paragraph split by the aligner."""
    if a == b:
        raise InputError("choose two different links to merge")
    merged = Link(ru=_unique(a.ru + b.ru), en=_unique(a.en + b.en), score=HUMAN_LINK_SCORE)
    return (a, b), (merged,)


def split(link: Link, ru_at: int, en_at: int) -> Change:
    """Split a link after its ``ru_at``-th Russian and ``en_at``-th English segment."""
    if not (0 <= ru_at <= len(link.ru) and 0 <= en_at <= len(link.en)):
        raise InputError(
            f"split point ({ru_at}, {en_at}) is outside the link ({len(link.ru)}-{len(link.en)})"
        )
    first = Link(ru=link.ru[:ru_at], en=link.en[:en_at], score=HUMAN_LINK_SCORE)
    second = Link(ru=link.ru[ru_at:], en=link.en[en_at:], score=HUMAN_LINK_SCORE)
    if not (first.ru or first.en) or not (second.ru or second.en):
        raise InputError("a split must leave segments on both sides of the split point")
    return (link,), (first, second)


def unlink(link: Link) -> Change:
    """Break a wrong link: each segment becomes unmatched (1-0 or 0-1)."""
    if not (link.ru and link.en):
        raise InputError("this link has only one side: nothing to unlink")
    added = tuple(Link(ru=(s,), en=(), score=HUMAN_LINK_SCORE) for s in link.ru)
    added += tuple(Link(ru=(), en=(s,), score=HUMAN_LINK_SCORE) for s in link.en)
    return (link,), added


def relink(links: Sequence[Link], ru: Sequence[str], en: Sequence[str]) -> Change:
    """Pair these Russian and English segments, taking them out of the links that held them."""
    if not ru and not en:
        raise InputError("choose at least one segment to relink")
    chosen = set(ru) | set(en)
    removed = tuple(x for x in links if chosen & (set(x.ru) | set(x.en)))
    added = []
    for x in removed:
        rest = Link(
            ru=tuple(s for s in x.ru if s not in chosen),
            en=tuple(s for s in x.en if s not in chosen),
            score=x.score,
        )
        if rest.ru or rest.en:
            added.append(rest)
    added.append(Link(ru=tuple(ru), en=tuple(en), score=HUMAN_LINK_SCORE))
    return removed, tuple(added)


def counterpart(links: Iterable[Link], segment_id: str) -> tuple[str, ...]:
    """The segments on the other side of the link(s) holding this segment, in link order."""
    out: list[str] = []
    for x in links:
        if segment_id in x.ru:
            out += x.en
        elif segment_id in x.en:
            out += x.ru
    return _unique(tuple(out))


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))
