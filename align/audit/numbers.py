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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.audit.config import AuditConfig
from align.audit.flags import make_flag
from align.audit.units import ELISION, LinkView, Piece
from align.language.quantities import (
    COMPARED_KINDS,
    Quantity,
    QuantityConfig,
    QuantityKind,
    extract_quantities,
)
from align.language.quantity_extras import approximately_equal
from align.model import Flag, FlagKind, Severity, Span

PRODUCER = "numbers.v1"

# Digit pairs that OCR of typewritten Cyrillic scans confuses (the shapes differ by one stroke).
OCR_DIGIT_PAIRS = frozenset(
    frozenset(p) for p in ("39", "38", "72", "17", "14", "56", "58", "68", "08", "06", "09", "89", "35")
)
STRICT_KINDS = frozenset({QuantityKind.DATE, QuantityKind.TIME})  # compared only with their own kind
# Values this close (relative to their size) are equal: readings computed as floats ("1.5" * 1e6).
RELATIVE_TOLERANCE = 1e-9
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


def same_value(x: float, y: float) -> bool:
    """Equal up to float rounding ("1.5" * 1e6 against 1500000)."""
    return abs(x - y) <= RELATIVE_TOLERANCE * max(1.0, abs(x))


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two kinds may be compared: dates with dates, times with times, the rest freely."""
    return a.kind == b.kind or (a.kind not in STRICT_KINDS and b.kind not in STRICT_KINDS)


def equal(a: Quantity, b: Quantity) -> bool:
    """Same value under some reading, or the same digits where one side's scale word is garbled."""
    if not compatible(a, b):
        return False
    if any(same_value(x, y) for x in a.readings() for y in b.readings()):
        return True
    # a length, weight or temperature the translator converted ("2,5 метра" / "8 ft."): within 10 %
    if any(approximately_equal(x, y) for x in a.approximate for y in b.readings()) or any(
        approximately_equal(x, y) for x in b.approximate for y in a.readings()
    ):
        return True
    return (a.mantissa is not None and b.abbrev_after and a.mantissa == b.value) or (
        b.mantissa is not None and a.abbrev_after and b.mantissa == a.value
    )


def match(ru: list[Found], en: list[Found]) -> tuple[list[Found], list[Found]]:
    """Remove equal pairs (greedy, document order); return what is left on each side."""
    left_en = list(en)
    left_ru = []
    for a in ru:
        partner = next((b for b in left_en if equal(a.q, b.q)), None)
        if partner is None:
            left_ru.append(a)
        else:
            left_en.remove(partner)
    return left_ru, left_en


def digit_confusion(a: float, b: float) -> tuple[str, str] | None:
    """The (a digit, b digit) of a one-digit OCR confusion between two values, else None."""
    if a != int(a) or b != int(b):
        return None
    x, y = str(int(a)), str(int(b))
    if len(x) != len(y):
        return None
    diffs = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    if len(diffs) == 1 and frozenset(diffs[0]) in OCR_DIGIT_PAIRS:
        return diffs[0]
    return None


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


def pair_leftovers(
    ru: list[Found], en: list[Found]
) -> tuple[list[tuple[Found, Found]], list[Found], list[Found]]:
    """Pair leftover values: OCR-confusable pairs first, then compatible ones of the same kind."""
    pairs = []
    ru, en = list(ru), list(en)
    for test in (
        lambda a, b: compatible(a.q, b.q) and digit_confusion(a.q.value, b.q.value) is not None,
        lambda a, b: a.q.kind == b.q.kind,
    ):
        for a in list(ru):
            b = next((b for b in en if test(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                ru.remove(a)
                en.remove(b)
    return pairs, ru, en


BRACKETED = re.compile(r"\[[^\]]*\]")


def _editorial(f: Found, pieces: tuple[Piece, ...]) -> bool:
    """Inside square brackets: a translator's or editor's insertion ("[October 1952]")."""
    for p in pieces:
        if p.segment == f.segment:
            for m in BRACKETED.finditer(p.text):
                if p.start + m.start() <= f.start and f.end <= p.start + m.end():
                    return True
    return False


def link_number_flags(doc_id: str, view: LinkView, config: QuantityConfig) -> list[Flag]:
    """Number flags of one link with both sides: sentence level first, then paragraph level."""
    ru_all = [f for p in view.paragraph_pair.ru for f in quantities_in(p, "ru", config)]
    en_all = [f for p in view.paragraph_pair.en for f in quantities_in(p, "en", config)]
    if not ru_all and not en_all:
        return []
    left_ru, left_en = list(ru_all), list(en_all)
    for pair in view.sentence_pairs:
        in_ru = [f for f in left_ru if _inside(f, pair.ru)]
        in_en = [f for f in left_en if _inside(f, pair.en)]
        r, e = match(in_ru, in_en)
        left_ru = [f for f in left_ru if f not in in_ru or f in r]
        left_en = [f for f in left_en if f not in in_en or f in e]
    left_ru, left_en = match(left_ru, left_en)
    para = view.paragraph_pair
    left_ru = [f for f in left_ru if f.q.kind in COMPARED_KINDS and not _editorial(f, para.ru)]
    left_en = [f for f in left_en if f.q.kind in COMPARED_KINDS and not _editorial(f, para.en)]
    pairs, lone_ru, lone_en = pair_leftovers(left_ru, left_en)
    # A value with no partner in a sentence with no counterpart is part of that omission (or
    # addition) flag; paired values are still reported, since sentence alignment may be what failed.
    unmatched_ru = tuple(p for pair in view.sentence_pairs if not pair.en for p in pair.ru)
    unmatched_en = tuple(p for pair in view.sentence_pairs if not pair.ru for p in pair.en)
    lone_ru = [f for f in lone_ru if not _inside(f, unmatched_ru)]
    if any(ELISION.search(p.text) for p in para.en):
        lone_ru = []  # the English says "[...]": the elision flag covers what it left out
    lone_en = [f for f in lone_en if not _inside(f, unmatched_en)]
    lone_ru = [f for f in lone_ru if not (_idiom(f) or _year_of_matched_date(f, ru_all, left_ru))]
    lone_en = [f for f in lone_en if not (_idiom(f) or _year_of_matched_date(f, en_all, left_en))]
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


def _year_of_matched_date(f: Found, found: list[Found], unmatched: list[Found]) -> bool:
    """A year right after a day and month that the other side has: the translator left the year out
    ("27 июля - 2 августа 2020 года" / "July 27–August 2")."""
    if f.q.kind != QuantityKind.YEAR:
        return False
    return any(
        d.q.kind == QuantityKind.DATE
        and d.segment == f.segment
        and 0 <= f.start - d.end <= YEAR_GAP
        and d not in unmatched
        for d in found
    )


def _inside(f: Found, pieces: tuple[Piece, ...]) -> bool:
    return any(p.segment == f.segment and p.start <= f.start and f.end <= p.end for p in pieces)


def document_number_flags(
    doc_id: str, views: tuple[LinkView, ...], config: QuantityConfig, *, min_digits: int = 3
) -> list[Flag]:
    """Document numbers ("№ 25848") found on one side only, OCR-near one found on the other side.

    Only numbers of ``min_digits`` or more: two short numbers are one digit apart by chance.
    """
    found: dict[str, list[Found]] = {"ru": [], "en": []}
    for view in views:
        for lang in ("ru", "en"):
            for piece in view.paragraph_pair.ru if lang == "ru" else view.paragraph_pair.en:
                found[lang] += [
                    f
                    for f in quantities_in(piece, lang, config)
                    if f.q.kind == QuantityKind.DOCNO and f.q.value >= 10 ** (min_digits - 1)
                ]
    flags = []
    values = {lang: {f.q.value for f in found[lang]} for lang in found}
    for a in found["ru"]:
        if a.q.value in values["en"]:
            continue
        b = next((b for b in found["en"] if digit_confusion(a.q.value, b.q.value)), None)
        if b is not None:
            flags.append(_pair_flag(doc_id, a, b))
    return flags


def number_flags(doc_id: str, views: tuple[LinkView, ...], config: AuditConfig) -> list[Flag]:
    """Every number flag of the document."""
    flags = []
    for view in views:
        if view.ru and view.en:
            flags += link_number_flags(doc_id, view, config.quantities)
    return flags + document_number_flags(doc_id, views, config.quantities)
