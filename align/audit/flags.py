"""Building flags with stable ids, and ranking them by severity then document order."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from align.audit.units import Piece
from align.model import Flag, FlagKind, Link, Severity, Span


def span_of(piece: Piece, start: int | None = None, end: int | None = None) -> Span:
    """A span of the piece's segment; ``start``/``end`` are offsets into the piece's text."""
    s = piece.start if start is None else piece.start + start
    e = piece.end if end is None else piece.start + end
    return Span(piece.segment, s, e)


def make_flag(
    doc_id: str,
    kind: FlagKind,
    severity: Severity,
    message: str,
    *,
    ru_spans: Sequence[Span] = (),
    en_spans: Sequence[Span] = (),
    values: dict[str, list] | None = None,
    producer: str = "",
    ru: Sequence[str] = (),
    en: Sequence[str] = (),
) -> Flag:
    """A flag whose id hashes the doc id, kind, spans and values (never list positions).

    The same discrepancy found again after an unrelated change elsewhere keeps its id, so a
    translator's verdict on it still attaches. ``ru``/``en``: segment ids the flag concerns
    beyond those of its spans (the paragraph a missing number should be in, for instance).
    """
    values = values or {}
    spans = [[(s.segment, s.start, s.end) for s in side] for side in (ru_spans, en_spans)]
    key = json.dumps(
        [kind, spans, values, list(ru), list(en)], ensure_ascii=False, sort_keys=True, default=str
    )
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    ru_ids = tuple(dict.fromkeys([*ru, *(s.segment for s in ru_spans)]))
    en_ids = tuple(dict.fromkeys([*en, *(s.segment for s in en_spans)]))
    return Flag(
        id=f"{doc_id}/flag/{kind}/{digest}",
        kind=kind,
        severity=severity,
        ru=ru_ids,
        en=en_ids,
        message=message,
        ru_spans=tuple(ru_spans),
        en_spans=tuple(en_spans),
        values=values,
        producer=producer,
    )


def rank_flags(flags: Sequence[Flag], links: Sequence[Link]) -> tuple[Flag, ...]:
    """Flags by severity (error, warning, note), then document order; duplicates by id dropped."""
    position: dict[str, int] = {}
    for i, link in enumerate(links):
        for seg in (*link.ru, *link.en):
            position.setdefault(seg, i)

    def key(flag: Flag) -> tuple[int, int, int, str, str]:
        spans = flag.ru_spans or flag.en_spans
        segs = flag.ru or flag.en
        first = min((position.get(s, len(links)) for s in segs), default=len(links))
        return (
            flag.severity.rank,
            first,
            spans[0].start if spans else 0,
            flag.kind,
            flag.id,
        )

    unique = {f.id: f for f in flags}
    return tuple(sorted(unique.values(), key=key))
