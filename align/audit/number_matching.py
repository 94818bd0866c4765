"""When two quantities are equal, and the greedy pairing of one side's quantities with the other's.

``match`` pairs each Russian quantity with the first English quantity still unpaired that equals
it, in document order; ``pair_leftovers`` then pairs what is left that looks alike. Scanning every
English quantity for each Russian one is quadratic in a pair's quantities: a paragraph of a few
thousand sentences took minutes (issue 17). For long lists the English side is indexed by keys
that every equal pair shares (buckets of the values, the digits one OCR confusion away, the kind),
so each Russian quantity looks at a handful of candidates; the answer is the scan's, the first
unpaired candidate in document order that passes the same test (tests/test_audit_linear.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from align.language.quantities import Quantity, QuantityKind
from align.language.quantity_extras import APPROXIMATE, approximately_equal

# Digit pairs that OCR of typewritten Cyrillic scans confuses (the shapes differ by one stroke).
OCR_DIGIT_PAIRS = frozenset(
    frozenset(p) for p in ("39", "38", "72", "17", "14", "56", "58", "68", "08", "06", "09", "89", "35")
)
STRICT_KINDS = frozenset({QuantityKind.DATE, QuantityKind.TIME})  # compared only with their own kind
# Values this close (relative to their size) are equal: readings computed as floats ("1.5" * 1e6).
RELATIVE_TOLERANCE = 1e-9
# Pairs of lists up to this many comparisons are scanned as they are: an index costs more there.
SCAN_MAX = 64
# Buckets per unit of sign(v) * log1p(|v|): two values equal within RELATIVE_TOLERANCE differ by
# at most RELATIVE_TOLERANCE there, 0.1 bucket, so an equal value is in the same or a next bucket.
EXACT_BUCKETS = 1e8
# Width of the log buckets for the 10 % test: values within APPROXIMATE differ by at most
# -log(1 - APPROXIMATE) in log, so a close value is in the same or a next bucket.
APPROXIMATE_WIDTH = -math.log(1 - APPROXIMATE) * 1.001


class Located(Protocol):
    """What the matching needs of a found quantity (``align.audit.numbers.Found``)."""

    @property
    def q(self) -> Quantity: ...


F = TypeVar("F", bound=Located)


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


def digits(value: float) -> str | None:
    """The digits ``digit_confusion`` compares (a whole value's), None for a fraction or infinity."""
    if not math.isfinite(value) or value != int(value):
        return None
    return str(int(value))


def confusable_spellings(value: float) -> list[str]:
    """``digits`` of every value one OCR digit confusion away: those ``digit_confusion`` accepts."""
    x = digits(value)
    if x is None:
        return []
    out = []
    for i, c in enumerate(x):
        out += [x[:i] + d + x[i + 1 :] for d in "0123456789" if frozenset((c, d)) in OCR_DIGIT_PAIRS]
    return out


def strictness(q: Quantity) -> str:
    """Kinds that ``compatible`` lets compare share this class, and only they."""
    return q.kind.value if q.kind in STRICT_KINDS else "free"


def _exact_bucket(v: float) -> int:
    return math.floor(math.copysign(math.log1p(abs(v)), v) * EXACT_BUCKETS)


def _approximate_bucket(v: float) -> tuple[int, int]:
    # values within 10 % have the same sign, and only 0 is within 10 % of 0
    return (0, 0) if v == 0 else (1 if v > 0 else -1, math.floor(math.log(abs(v)) / APPROXIMATE_WIDTH))


def _finite(q: Quantity) -> bool:
    numbers = (*q.readings(), *q.approximate, *(() if q.mantissa is None else (q.mantissa,)))
    return all(math.isfinite(v) for v in numbers)


class _Bucket:
    """Positions of the indexed side in document order; ``head`` skips those already paired."""

    __slots__ = ("head", "items")

    def __init__(self) -> None:
        self.items: list[int] = []
        self.head = 0

    def first(self, alive: list[bool], ok: Callable[[int], bool]) -> int | None:
        """The first position still unpaired that ``ok`` accepts."""
        items = self.items
        while self.head < len(items) and not alive[items[self.head]]:
            self.head += 1  # paired positions never come back: each is skipped once
        return next((j for j in items[self.head :] if alive[j] and ok(j)), None)


class _Buckets:
    """Positions by key; a key's bucket keeps document order since positions are added in order."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, _Bucket] = {}

    def add(self, keys: Iterable[tuple], position: int) -> None:
        for key in dict.fromkeys(keys):
            self._by_key.setdefault(key, _Bucket()).items.append(position)

    def first(self, keys: Iterable[tuple], alive: list[bool], ok: Callable[[int], bool]) -> int | None:
        """The first position in any of the keys' buckets that is unpaired and ``ok``."""
        found = (self._by_key[k].first(alive, ok) for k in dict.fromkeys(keys) if k in self._by_key)
        return min((j for j in found if j is not None), default=None)


def _near(key: tuple) -> list[tuple]:
    *head, last = key
    return [(*head, last + d) for d in (-1, 0, 1)]


class EqualIndex:
    """The quantities of one side by the keys that ``equal`` pairs share, for ``first_equal``.

    ``equal(a, b)`` needs the same ``strictness`` class and one of: a reading of each side in the
    same or a next exact bucket; an approximate value of one within 10 % of a reading of the other
    (same or next log bucket); a mantissa equal to a value after a garbled scale word. Quantities
    with an infinite or undefined number are candidates for every query.
    """

    def __init__(self, quantities: Sequence[Quantity]) -> None:
        self.quantities = quantities
        self.alive = [True] * len(quantities)
        self._buckets = _Buckets()
        self._wild: list[int] = []
        for j, b in enumerate(quantities):
            if not _finite(b):
                self._wild.append(j)
                continue
            c = strictness(b)
            self._buckets.add([(c, "r", _exact_bucket(y)) for y in b.readings()], j)
            self._buckets.add([(c, "ra", *_approximate_bucket(y)) for y in b.readings()], j)
            self._buckets.add([(c, "ar", *_approximate_bucket(x)) for x in b.approximate], j)
            self._buckets.add([(c, "mantissa", b.mantissa)] if b.mantissa is not None else [], j)
            self._buckets.add([(c, "scaled", b.value)] if b.abbrev_after else [], j)

    def _keys(self, a: Quantity) -> list[tuple]:
        c = strictness(a)
        keys = [k for x in a.readings() for k in _near((c, "r", _exact_bucket(x)))]
        # a's approximate values meet b's readings ("ra"), a's readings b's approximate values ("ar")
        keys += [k for x in a.approximate for k in _near((c, "ra", *_approximate_bucket(x)))]
        keys += [k for y in a.readings() for k in _near((c, "ar", *_approximate_bucket(y)))]
        if a.mantissa is not None:
            keys.append((c, "scaled", a.mantissa))
        if a.abbrev_after:
            keys.append((c, "mantissa", a.value))
        return keys

    def first_equal(self, a: Quantity) -> int | None:
        """The first unpaired position whose quantity ``equal``s ``a``, as a scan in order finds it."""
        alive, quantities = self.alive, self.quantities

        def ok(j: int) -> bool:
            return equal(a, quantities[j])

        if not _finite(a):
            return next((j for j, b in enumerate(quantities) if alive[j] and equal(a, b)), None)
        found = [self._buckets.first(self._keys(a), alive, ok)]
        found.append(next((j for j in self._wild if alive[j] and ok(j)), None))
        return min((j for j in found if j is not None), default=None)


def match(ru: list[F], en: list[F]) -> tuple[list[F], list[F]]:
    """Remove equal pairs (greedy, document order); return what is left on each side."""
    return _match_by_scan(ru, en) if len(ru) * len(en) <= SCAN_MAX else _match_by_index(ru, en)


def _match_by_index(ru: list[F], en: list[F]) -> tuple[list[F], list[F]]:
    """``match`` through an ``EqualIndex`` of the English side: linear in long lists."""
    index = EqualIndex([b.q for b in en])
    left_ru = []
    for a in ru:
        j = index.first_equal(a.q)
        if j is None:
            left_ru.append(a)
        else:
            index.alive[j] = False
    return left_ru, [b for j, b in enumerate(en) if index.alive[j]]


def _match_by_scan(ru: list[F], en: list[F]) -> tuple[list[F], list[F]]:
    """``match`` by scanning: quadratic, the quicker for short lists, and what the index must agree with."""
    left_en = list(en)
    left_ru = []
    for a in ru:
        partner = next((b for b in left_en if equal(a.q, b.q)), None)
        if partner is None:
            left_ru.append(a)
        else:
            left_en.remove(partner)
    return left_ru, left_en


def pair_leftovers(ru: list[F], en: list[F]) -> tuple[list[tuple[F, F]], list[F], list[F]]:
    """Pair leftover values: OCR-confusable pairs first, then compatible ones of the same kind."""
    return _pair_by_scan(ru, en) if len(ru) * len(en) <= SCAN_MAX else _pair_by_index(ru, en)


def _pair_by_index(ru: list[F], en: list[F]) -> tuple[list[tuple[F, F]], list[F], list[F]]:
    """``pair_leftovers`` with the English side by digits and by kind: linear in long lists."""
    alive_ru, alive_en = [True] * len(ru), [True] * len(en)
    confusable, same_kind = _Buckets(), _Buckets()
    for j, b in enumerate(en):
        spelled = digits(b.q.value)
        confusable.add([(strictness(b.q), spelled)] if spelled is not None else [], j)
        same_kind.add([(b.q.kind,)], j)
    searches: tuple[Callable[[Located], list[tuple]], ...] = (
        lambda a: [(strictness(a.q), s) for s in confusable_spellings(a.q.value)],
        lambda a: [(a.q.kind,)],
    )
    pairs = []
    for keys, buckets in zip(searches, (confusable, same_kind), strict=True):
        for i, a in enumerate(ru):
            j = buckets.first(keys(a), alive_en, lambda _: True) if alive_ru[i] else None
            if j is not None:
                pairs.append((a, en[j]))
                alive_ru[i] = alive_en[j] = False
    return (
        pairs,
        [a for a, x in zip(ru, alive_ru, strict=True) if x],
        [b for b, x in zip(en, alive_en, strict=True) if x],
    )


def _pair_by_scan(ru: list[F], en: list[F]) -> tuple[list[tuple[F, F]], list[F], list[F]]:
    """``pair_leftovers`` by scanning: quadratic, and what the index must agree with."""
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
