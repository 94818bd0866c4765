"""Omission and addition check: content with no counterpart on the other side.

Three signals, from coarse to fine:
1. an unmatched paragraph (a link with an empty side);
2. an unmatched sentence inside an aligned paragraph pair (a sentence link with an empty side),
   or an elision marker "[...]" standing for text the translator skipped;
3. a paragraph pair whose length ratio is far outside the document's own norm: a sentence lost
   inside a paragraph that sentence alignment did not isolate. The norm is the median log
   length ratio and its robust spread (``align.audit.spread``: not inflated by the outliers we
   look for).
"""

from __future__ import annotations

import math

from align.audit.config import AuditConfig
from align.audit.flags import make_flag, span_of
from align.audit.spread import Norm, robust_norm
from align.audit.units import ELISION, LinkView, Piece, is_editorial
from align.model import Flag, FlagKind, Severity

PRODUCER = "omissions.v1"


def _chars(text: str) -> int:
    """Characters that are not whitespace (``str.split`` splits at exactly ``str.isspace``, in C)."""
    return len("".join(text.split()))


def _kind(lang: str) -> FlagKind:
    """Russian content missing from the English is an omission; the reverse an addition."""
    return FlagKind.OMISSION if lang == "ru" else FlagKind.ADDITION


def _lone_piece_flag(doc_id: str, piece: Piece, lang: str, what: str, other_ids: list[str]) -> Flag:
    editorial = is_editorial(piece.text)
    other = "English" if lang == "ru" else "Russian"
    excerpt = " ".join(piece.text.split())[:80]
    message = f"{what} with no counterpart in the {other}: “{excerpt}”"
    if editorial:
        message += " (a short line or stamp)"
    spans = [span_of(piece)]
    return make_flag(
        doc_id,
        _kind(lang),
        Severity.NOTE if editorial else Severity.WARNING,
        message,
        ru_spans=spans if lang == "ru" else [],
        en_spans=spans if lang == "en" else [],
        values={"chars": [_chars(piece.text)]},
        producer=PRODUCER,
        ru=other_ids if lang == "en" else [],
        en=other_ids if lang == "ru" else [],
    )


def running_lines(views: tuple[LinkView, ...]) -> frozenset[str]:
    """Short lines that recur in the document once digits are ignored: running headers.

    A continuation header ("СОВЕРШЕННО СЕКРЕТНО", "Лист 2", "Продолжение ... № 25348") repeats
    on every sheet and is page furniture, not content the translator left out.
    """
    seen: dict[str, int] = {}
    for view in views:
        for seg in (*view.ru, *view.en):
            if is_editorial(seg.text):
                key = _line_key(seg.text)
                seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, n in seen.items() if n > 1 and key)


def _line_key(text: str) -> str:
    return "".join(c.lower() for c in text if c.isalpha())


def unmatched_paragraph_flags(
    doc_id: str, view: LinkView, running: frozenset[str] = frozenset()
) -> list[Flag]:
    """A flag per paragraph of a link with an empty side (running headers excepted)."""
    if view.ru and view.en:
        return []
    lang = "ru" if view.ru else "en"
    pieces = view.paragraph_pair.ru if view.ru else view.paragraph_pair.en
    return [
        _lone_piece_flag(doc_id, p, lang, "Paragraph", [])
        for p in pieces
        if p.text.strip() and not (is_editorial(p.text) and _line_key(p.text) in running)
    ]


def unmatched_sentence_flags(doc_id: str, view: LinkView, min_chars: int) -> list[Flag]:
    """A flag per sentence left unmatched inside an aligned paragraph pair."""
    flags = []
    for pair in view.sentence_pairs:
        if pair.ru and pair.en:
            continue
        lang = "ru" if pair.ru else "en"
        others = [s.id for s in (view.en if lang == "ru" else view.ru)]
        for piece in pair.ru or pair.en:
            if _chars(piece.text) >= min_chars:
                flags.append(_lone_piece_flag(doc_id, piece, lang, "Sentence", others))
    return flags


def elision_flags(doc_id: str, view: LinkView) -> list[Flag]:
    """English "[...]" aligned with Russian text: the translator skipped something there."""
    flags = []
    russian: tuple[str, int] | None = None  # (excerpt, chars): once per link, not per "[...]" (issue 17)
    for piece in view.paragraph_pair.en:
        for m in ELISION.finditer(piece.text):
            if russian is None:
                text = view.text("ru")
                russian = (" ".join(text.split())[:80], _chars(text))
            excerpt, chars = russian
            ru_spans = [span_of(p) for p in view.paragraph_pair.ru]
            message = f"The English elides text here (“[...]”); the Russian has: “{excerpt}”"
            flags.append(
                make_flag(
                    doc_id,
                    FlagKind.OMISSION,
                    Severity.NOTE,
                    message,
                    ru_spans=ru_spans,
                    en_spans=[span_of(piece, m.start(), m.end())],
                    values={"chars": [chars]},
                    producer=PRODUCER,
                )
            )
    return flags


def length_norm(views: tuple[LinkView, ...], config: AuditConfig) -> Norm | None:
    """The document's norm of log(Russian chars / English chars), or None when it has none.

    Only pairs with ``length_min_chars`` on each side count (a two-word pair says nothing about
    the translator's verbosity); with fewer than ``length_min_pairs`` of them, None.
    """
    ratios = []
    for v in views:
        r, e = _chars(v.text("ru")), _chars(v.text("en"))
        if v.ru and v.en and r >= config.length_min_chars and e >= config.length_min_chars:
            ratios.append(math.log(r / e))
    if len(ratios) < config.length_min_pairs:
        return None
    return robust_norm(ratios)


def length_flags(doc_id: str, view: LinkView, norm: Norm, config: AuditConfig) -> list[Flag]:
    """A flag when the pair's length ratio is far outside the norm and the excess is real text."""
    r, e = _chars(view.text("ru")), _chars(view.text("en"))
    if not (view.ru and view.en) or min(r, e) == 0:
        return []
    deviation = math.log(r / e) - norm.median
    limit = max(config.length_min_log_deviation, config.length_spread_factor * norm.spread)
    usual_ratio = math.exp(norm.median)  # Russian characters per English character in this document
    # Characters beyond what the shorter side would predict for the longer one.
    excess = r - e * usual_ratio if deviation > 0 else e - r / usual_ratio
    if abs(deviation) < limit or excess < config.length_min_excess_chars:
        return []
    lang = "ru" if deviation > 0 else "en"
    longer, other = ("Russian", "English") if lang == "ru" else ("English", "Russian")
    consequence = "part of it may be untranslated" if lang == "ru" else "the translation may add text"
    message = (
        f"The {longer} is {math.exp(abs(deviation)):.1f}× longer than usual for this document relative to "
        f"the {other} (about {int(excess)} characters more): {consequence}"
    )
    ru_spans = [span_of(p) for p in view.paragraph_pair.ru]
    en_spans = [span_of(p) for p in view.paragraph_pair.en]
    values = {"ru": [r], "en": [e], "ratio": [round(r / e, 3)], "norm": [round(usual_ratio, 3)]}
    flag = make_flag(
        doc_id,
        _kind(lang),
        Severity.WARNING,
        message,
        ru_spans=ru_spans,
        en_spans=en_spans,
        values=values,
        producer=PRODUCER,
    )
    return [flag]


def omission_flags(doc_id: str, views: tuple[LinkView, ...], config: AuditConfig) -> list[Flag]:
    """Every omission and addition flag of the document."""
    norm = length_norm(views, config)
    running = running_lines(views)
    flags = []
    for view in views:
        flags += unmatched_paragraph_flags(doc_id, view, running)
        if not (view.ru and view.en):
            continue
        sentence_flags = unmatched_sentence_flags(doc_id, view, config.sentence_min_chars)
        elisions = elision_flags(doc_id, view)
        flags += sentence_flags + elisions
        if norm is not None and not sentence_flags and not elisions:
            flags += length_flags(doc_id, view, norm, config)
    return flags
