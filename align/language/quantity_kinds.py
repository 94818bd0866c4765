"""What a quantity counts, and where the kinds of bare numbers begin and end."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class QuantityKind(StrEnum):
    """What a quantity counts; a value is only ever compared with values of a compatible kind."""

    COUNT = "count"  # the number itself
    YEAR = "year"
    DATE = "date"  # month * 100 + day
    TIME = "time"  # minutes since midnight
    RATIO = "ratio"  # "three-to-one", "двойное": the multiplier
    PERCENT = "percent"
    DOCNO = "docno"  # a document number: "№ 25348"
    ITEM = "item"  # a list or copy marker ("3.", "Экз. № 7"): never flagged
    PAGE = "page"  # a sheet number ("Лист 2"): never flagged


# Kinds that are compared across languages; the rest are recorded but never flagged.
COMPARED_KINDS = frozenset(set(QuantityKind) - {QuantityKind.ITEM, QuantityKind.PAGE})


@dataclass(frozen=True)
class QuantityConfig:
    """Where the kinds of bare numbers begin and end; the defaults suit the 1940s-50s archive."""

    docno_min: int = 100  # "№ 1".."№ 99" number copies and list entries ("Экз. № 7"): items below this
    item_max_digits: int = 3  # digits of a list marker ("12.") at the start of a text; longer is a count
    page_window_chars: int = 12  # "Лист", "p." at most this many characters before a number: a sheet number
    year_min: int = 1800  # a bare four-digit number from year_min to year_max is a year
    year_max: int = 2099
    century: int = 1900  # added to a two-digit year ("7.10.50"): the documents are of the 20th century


Add = Callable[..., None]  # add(kind, value, start, end, **Quantity fields): record one quantity


class Claims:
    """Character spans already taken by an earlier, more specific pattern.

    Kept as sorted, non-overlapping spans (overlapping ones merged), so that ``free`` is a
    binary search: a paragraph of a million characters has thousands of claims.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """No claimed span overlaps [start, end) (a span touching it at an end does not)."""
        i = bisect.bisect_left(self.starts, end)  # spans [0, i) start before ``end``
        return i == 0 or self.ends[i - 1] <= start

    def take(self, start: int, end: int) -> None:
        lo = bisect.bisect_right(self.ends, start)  # the first span that ends after ``start``
        hi = bisect.bisect_left(self.starts, end)  # spans [lo, hi) overlap [start, end)
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi], self.ends[lo:hi] = [start], [end]
