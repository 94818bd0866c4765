"""Number check: a quantity on one side of an aligned pair with no equal quantity on the other.

Quantities are compared as multisets of values, kind-aware (a date only equals a date, a time a
time; counts, years, document numbers, ratios and percentages may equal each other because the
two languages sometimes spell one as another). Matching runs first within aligned sentences,
then over the whole paragraph pair, so a number the translator moved into the next sentence is
not a discrepancy. What is left is paired up: two values that differ like a misread digit
("70" / "20") are a likely OCR error (warning); other unequal pairs are errors; a value with no
partner at all is a warning.

Document numbers get one more, document-wide pass: a "№ 25848" that occurs nowhere on the other
side while an OCR-near "№ 25348" does is reported even where it sits in an unmatched header.

Linear in a link's size (issue 17): lookups by offset (``span_index``), matching through indexes that
answer as the scans did (``number_matching``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from align.audit.config import AuditConfig
from align.audit.flags import make_flag
from align.audit.number_matching import (
    OCR_DIGIT_PAIRS,
    RELATIVE_TOLERANCE,
    STRICT_KINDS,
    compatible,
    confusable_spellings,
    digit_confusion,
    digits,
    equal,
    match,
    pair_leftovers,
    same_value,
)
from align.audit.span_index import OffsetIndex, SpanIndex
from align.audit.units import ELISION, LinkView, Piece
from align.language.quantities import (
    COMPARED_KINDS,
    Quantity,
    QuantityConfig,
    QuantityKind,
    extract_quantities,
)
from align.model import Flag, FlagKind, Severity, Span

PRODUCER = "numbers.v1"

# A lone spelled-out number up to this is idiom ("the two countries"), not flagged; 10 also hid planted ones
IDIOM_MAX = 2
YEAR_GAP = 3  # characters between a day-and-month and the year that completes it ("11 Февраля 2023")


@dataclass(frozen=True)
class Found:
    """A quantity located in a segment: offsets are into ``Segment.text``."""

    q: Quantity
    segment: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.segment, self.start, self.end)


def quantities_in(piece: Piece, lang: str, config: QuantityConfig) -> list[Found]:
    """Compared quantities and list items of a piece, located in its segment.

    List items ("3.", "№ 7" of a copy list) are never flagged, but they may absorb an equal
    number on the other side: a Russian copy table "Экз. № 3" translated as "3 - cde. Molotov".
    """
    return [
        Found(q, piece.segment, piece.start + q.start, piece.start + q.end)
        for q in extract_quantities(piece.text, lang, config)
        if q.kind in COMPARED_KINDS or q.kind == QuantityKind.ITEM
    ]


def _shown(f: Found) -> str:
    return f.q.text.strip()


def _pair_flag(doc_id: str, a: Found, b: Found) -> Flag:
    confusion = digit_confusion(a.q.mantissa or a.q.value, b.q.mantissa or b.q.value) or digit_confusion(
        a.q.value, b.q.value
    )
    if confusion:
        severity = Severity.WARNING
        message = (
            f"Russian “{_shown(a)}” vs English “{_shown(b)}”: the numbers differ; one explanation is OCR"
            f" reading {confusion[1]} as {confusion[0]} (check the scan)"
        )
    else:
        severity = Severity.ERROR
        message = f"Russian “{_shown(a)}” vs English “{_shown(b)}”: the numbers differ"
    values = {"ru": [a.q.value], "en": [b.q.value], "kinds": [a.q.kind.value, b.q.kind.value]}
    return make_flag(
        doc_id,
        FlagKind.NUMBER,
        severity,
        message,
        ru_spans=[a.span],
        en_spans=[b.span],
        values=values,
        producer=PRODUCER,
    )


def _lone_flag(doc_id: str, f: Found, lang: str, view: LinkView) -> Flag:
    other = "English" if lang == "ru" else "Russian"
    here = "Russian" if lang == "ru" else "English"
    message = f"{here} “{_shown(f)}” has no equal number in the {other}"
    other_ids = [s.id for s in (view.en if lang == "ru" else view.ru)]
    return make_flag(
        doc_id,
        FlagKind.NUMBER,
        Severity.WARNING,
        message,
        ru_spans=[f.span] if lang == "ru" else [],
        en_spans=[f.span] if lang == "en" else [],
        values={lang: [f.q.value], "kinds": [f.q.kind.value]},
        producer=PRODUCER,
        ru=other_ids if lang == "en" else [],
        en=other_ids if lang == "ru" else [],
    )


BRACKETED = re.compile(r"\[[^\]]*\]")
FoundPair = tuple[list[Found], list[Found]]  # (Russian, English) quantities of a link


def _brackets(pieces: tuple[Piece, ...]) -> SpanIndex:
    """Square brackets: a translator's or editor's insertion ("[October 1952]")."""
    return SpanIndex(
        (p.segment, p.start + m.start(), p.start + m.end())
        for p in pieces
        for m in BRACKETED.finditer(p.text)
    )


def found_in(view: LinkView, config: QuantityConfig) -> FoundPair:
    """The quantities of both sides of a link, in document order."""
    ru = [f for p in view.paragraph_pair.ru for f in quantities_in(p, "ru", config)]
    return ru, [f for p in view.paragraph_pair.en for f in quantities_in(p, "en", config)]


def sentence_leftovers(view: LinkView, ru_all: list[Found], en_all: list[Found]) -> FoundPair:
    """What matching within each aligned sentence pair leaves unmatched, in document order.

    Each pair's quantities are found by offset (``OffsetIndex``), not by testing every quantity
    of the link against every pair: that was quadratic in a huge paragraph pair.
    """
    ru_at, en_at = OffsetIndex(ru_all), OffsetIndex(en_all)
    alive_ru, alive_en = [True] * len(ru_all), [True] * len(en_all)
    for pair in view.sentence_pairs:
        in_ru, in_en = ru_at.inside(pair.ru, alive_ru), en_at.inside(pair.en, alive_en)
        r, e = match([ru_all[i] for i in in_ru], [en_all[j] for j in in_en])
        for found, inside, left, alive in ((ru_all, in_ru, r, alive_ru), (en_all, in_en, e, alive_en)):
            kept = set(left)
            for i in inside:
                alive[i] = found[i] in kept
    return [f for f, x in zip(ru_all, alive_ru, strict=True) if x], [
        f for f, x in zip(en_all, alive_en, strict=True) if x
    ]


def link_number_flags(
    doc_id: str, view: LinkView, config: QuantityConfig, found: FoundPair | None = None
) -> list[Flag]:
    """Number flags of one link with both sides: sentence level first, then paragraph level.

    ``found``: the link's quantities when the caller has them already (``found_in``).
    """
    ru_all, en_all = found if found is not None else found_in(view, config)
    if not ru_all and not en_all:
        return []
    left_ru, left_en = match(*sentence_leftovers(view, ru_all, en_all))
    para = view.paragraph_pair
    ru_brackets, en_brackets = _brackets(para.ru), _brackets(para.en)
    left_ru = [f for f in left_ru if f.q.kind in COMPARED_KINDS and not ru_brackets.covers(f)]
    left_en = [f for f in left_en if f.q.kind in COMPARED_KINDS and not en_brackets.covers(f)]
    pairs, lone_ru, lone_en = pair_leftovers(left_ru, left_en)
    # A value with no partner in a sentence with no counterpart is part of that omission (or
    # addition) flag; paired values are still reported, since sentence alignment may be what failed.
    unmatched_ru = SpanIndex.of_pieces(p for pair in view.sentence_pairs if not pair.en for p in pair.ru)
    unmatched_en = SpanIndex.of_pieces(p for pair in view.sentence_pairs if not pair.ru for p in pair.en)
    lone_ru = [f for f in lone_ru if not unmatched_ru.covers(f)]
    if any(ELISION.search(p.text) for p in para.en):
        lone_ru = []  # the English says "[...]": the elision flag covers what it left out
    lone_en = [f for f in lone_en if not unmatched_en.covers(f)]
    ru_year, en_year = _year_of_matched_date(ru_all, left_ru), _year_of_matched_date(en_all, left_en)
    lone_ru = [f for f in lone_ru if not (_idiom(f) or ru_year(f))]
    lone_en = [f for f in lone_en if not (_idiom(f) or en_year(f))]
    flags = [_pair_flag(doc_id, a, b) for a, b in pairs]
    flags += [_lone_flag(doc_id, f, "ru", view) for f in lone_ru]
    flags += [_lone_flag(doc_id, f, "en", view) for f in lone_en]
    return flags


def _idiom(f: Found) -> bool:
    """A number said in passing: a spelled-out one or two ("these two devices", "с двух сторон",
    "double-sided") or a word such as "сутки". Compared when the other side has a partner, never
    flagged alone: on the corpus's agreeing translations every such flag was idiom. Spelled-out
    three and more stay flagged: the planted "my own three eyes" is a discrepancy."""
    return f.q.idiom or (f.q.value <= IDIOM_MAX and not any(c.isdigit() for c in f.q.text))


def _year_of_matched_date(found: list[Found], unmatched: list[Found]) -> Callable[[Found], bool]:
    """Whether a year comes right after a day and month that the other side has: the translator left
    the year out ("27 июля - 2 августа 2020 года" / "July 27–August 2").

    The matched dates are sorted by end offset per segment, so each year looks up only the dates
    ending within ``YEAR_GAP`` before it.
    """
    left = set(unmatched)
    ends: dict[str, list[int]] = {}
    for d in found:
        if d.q.kind == QuantityKind.DATE and d not in left:
            ends.setdefault(d.segment, []).append(d.end)
    for found_ends in ends.values():
        found_ends.sort()

    def after_matched_date(f: Found) -> bool:
        if f.q.kind != QuantityKind.YEAR or f.segment not in ends:
            return False
        e = ends[f.segment]
        return bisect_right(e, f.start) > bisect_left(e, f.start - YEAR_GAP)

    return after_matched_date


def document_number_flags(
    doc_id: str,
    views: tuple[LinkView, ...],
    config: QuantityConfig,
    *,
    min_digits: int = 3,
    found: list[FoundPair] | None = None,
) -> list[Flag]:
    """Document numbers ("№ 25848") found on one side only, OCR-near one found on the other side.

    Only numbers of ``min_digits`` or more: two short numbers are one digit apart by chance.
    ``found``: each view's quantities (``found_in``) when the caller has them already. The English
    numbers are looked up by their digits, not scanned for each Russian one.
    """
    found = found if found is not None else [found_in(view, config) for view in views]
    docnos: dict[str, list[Found]] = {"ru": [], "en": []}
    for ru, en in found:
        for lang, side in (("ru", ru), ("en", en)):
            docnos[lang] += [
                f for f in side if f.q.kind == QuantityKind.DOCNO and f.q.value >= 10 ** (min_digits - 1)
            ]
    values = {lang: {f.q.value for f in docnos[lang]} for lang in docnos}
    first_by_digits: dict[str, int] = {}
    for j, b in enumerate(docnos["en"]):
        spelled = digits(b.q.value)
        if spelled is not None:
            first_by_digits.setdefault(spelled, j)
    flags = []
    for a in docnos["ru"]:
        if a.q.value in values["en"]:
            continue
        near = [first_by_digits[s] for s in confusable_spellings(a.q.value) if s in first_by_digits]
        if near:
            flags.append(_pair_flag(doc_id, a, docnos["en"][min(near)]))
    return flags


def number_flags(doc_id: str, views: tuple[LinkView, ...], config: AuditConfig) -> list[Flag]:
    """Every number flag of the document."""
    found = [found_in(view, config.quantities) for view in views]
    flags = []
    for view, quantities in zip(views, found, strict=True):
        if view.ru and view.en:
            flags += link_number_flags(doc_id, view, config.quantities, quantities)
    return flags + document_number_flags(doc_id, views, config.quantities, found=found)


__all__ = [
    "OCR_DIGIT_PAIRS",
    "RELATIVE_TOLERANCE",
    "STRICT_KINDS",
    "Found",
    "compatible",
    "digit_confusion",
    "document_number_flags",
    "equal",
    "link_number_flags",
    "match",
    "number_flags",
    "pair_leftovers",
    "quantities_in",
    "same_value",
]
