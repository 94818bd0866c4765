"""Banded dynamic programme over beads: the search kernel of the aligner.

After Vecalign (Thompson & Koehn, EMNLP 2019; thompsonb/vecalign ``dp_core.pyx``):
a monotone path through a lattice of nodes ``(i, j)``, "the first ``i``
Russian and the first ``j`` English units are aligned", from ``(0, 0)`` to
``(n, m)``. Each step is a bead that takes ``a`` Russian and ``b`` English
units (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and 1-0 / 0-1 for units with no
counterpart). The caller scores beads; this module only searches.

Index conventions:
- A node is ``(i, j)`` with ``0 <= i <= n`` and ``0 <= j <= m``. A bead ending
  at node ``(i, j)`` covers Russian units ``i-a .. i-1`` and English units
  ``j-b .. j-1`` and starts at node ``(i-a, j-b)``.
- Only nodes inside a :class:`Band` exist: row ``i`` holds the columns
  ``lo[i] .. hi[i]`` (inclusive), stored flat, row after row; ``offset[i]`` is
  the flat index of ``(i, lo[i])``. A full lattice is a band with ``lo = 0``
  and ``hi = m``; coarse-to-fine search (:mod:`align.alignment.search`) builds narrow ones.
- Scores are ``float64 [len(beads), cells]``: ``scores[k, c]`` is the score of
  bead ``beads[k]`` ending at cell ``c``, ``-inf`` where it may not end.

Recurrence (maximisation, float64)::

    total(0, 0) = 0
    total(i, j) = max over beads (a, b) with (i-a, j-b) in the band of
                  total(i-a, j-b) + score[bead](i, j)

Loop order: rows ascending; every bead with ``a >= 1`` reads earlier rows
only, so a row's candidates are one vectorised step. The 0-1 bead reads the
same row one column left; it is a running maximum along the row (a prefix
scan), which keeps the kernel in numpy without a loop over cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Bead(IntEnum):
    """Bead types, stored as int8 backpointers; ``shape`` gives (Russian units, English units).

    Beyond the usual beads, 1-n and n-1 up to 12 align lists: a table the OCR
    read as one Russian paragraph whose English rows are paragraphs each.
    """

    NONE = -1  # no bead ends here (unreachable cell, or the origin)
    RU_ONLY = 0  # 1-0: a Russian unit with no English counterpart
    EN_ONLY = 1  # 0-1
    ONE_ONE = 2
    ONE_TWO = 3
    TWO_ONE = 4
    TWO_TWO = 5
    ONE_THREE = 6
    THREE_ONE = 7
    ONE_FOUR = 8
    FOUR_ONE = 9
    ONE_FIVE = 10
    FIVE_ONE = 11
    ONE_SIX = 12
    SIX_ONE = 13
    ONE_SEVEN = 14
    SEVEN_ONE = 15
    ONE_EIGHT = 16
    EIGHT_ONE = 17
    ONE_NINE = 18
    NINE_ONE = 19
    ONE_TEN = 20
    TEN_ONE = 21
    ONE_ELEVEN = 22
    ELEVEN_ONE = 23
    ONE_TWELVE = 24
    TWELVE_ONE = 25

    @property
    def shape(self) -> tuple[int, int]:
        return _SHAPES[self]


_SHAPES = {
    Bead.NONE: (0, 0),
    Bead.RU_ONLY: (1, 0),
    Bead.EN_ONLY: (0, 1),
    Bead.ONE_ONE: (1, 1),
    Bead.ONE_TWO: (1, 2),
    Bead.TWO_ONE: (2, 1),
    Bead.TWO_TWO: (2, 2),
    Bead.ONE_THREE: (1, 3),
    Bead.THREE_ONE: (3, 1),
    **{Bead(8 + 2 * (k - 4)): (1, k) for k in range(4, 13)},
    **{Bead(9 + 2 * (k - 4)): (k, 1) for k in range(4, 13)},
}


def beads_within(max_ru: int, max_en: int, max_total: int, max_list: int = 0) -> tuple[Bead, ...]:
    """The bead types allowed by size limits (1-0 and 0-1 always are); 1-n / n-1 up to ``max_list``."""
    chosen = []
    for bead in Bead:
        a, b = bead.shape
        if bead is Bead.NONE:
            continue
        usual = a <= max_ru and b <= max_en and a + b <= max_total
        listed = min(a, b) == 1 and max(a, b) <= max_list
        if a == 0 or b == 0 or usual or listed:
            chosen.append(bead)
    return tuple(chosen)


@dataclass(frozen=True)
class Band:
    """The nodes searched: row ``i`` holds columns ``lo[i] .. hi[i]``; cells stored flat, row by row."""

    lo: np.ndarray  # int64 [n+1]
    hi: np.ndarray  # int64 [n+1], inclusive
    offset: np.ndarray  # int64 [n+2]: flat index of (i, lo[i]); offset[n+1] = number of cells
    # a block-diagonal band (Band.blocks): the units of each problem, Russian and English
    sizes: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def from_bounds(cls, lo: np.ndarray, hi: np.ndarray) -> Band:
        lo = np.asarray(lo, dtype=np.int64)
        hi = np.asarray(hi, dtype=np.int64)
        assert lo.shape == hi.shape and lo.ndim == 1 and np.all(hi >= lo), "band rows must be non-empty"
        assert lo[0] == 0, "the band must hold the origin (0, 0)"
        offset = np.zeros(len(lo) + 1, dtype=np.int64)
        np.cumsum(hi - lo + 1, out=offset[1:])
        return cls(lo, hi, offset)

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls.from_bounds(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @classmethod
    def blocks(cls, ru_sizes: np.ndarray, en_sizes: np.ndarray) -> Band:
        """Block-diagonal band: independent problems of ru_sizes[g] x en_sizes[g] units, one after another.

        Problem g holds the nodes from (R[g], E[g]) to (R[g+1], E[g+1]) (cumulative
        sizes); a row shared by two problems holds the columns of both.
        """
        rows = np.concatenate(([0], np.cumsum(ru_sizes))).astype(np.int64)
        cols = np.concatenate(([0], np.cumsum(en_sizes))).astype(np.int64)
        i = np.arange(rows[-1] + 1)
        first = np.searchsorted(rows[1:], i, side="left")  # first problem whose rows reach i
        last = np.searchsorted(rows[:-1], i, side="right") - 1  # last problem starting at or before i
        band = cls.from_bounds(cols[first], cols[last + 1])
        sizes = (np.asarray(ru_sizes, dtype=np.int64), np.asarray(en_sizes, dtype=np.int64))
        return cls(band.lo, band.hi, band.offset, sizes)

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def m(self) -> int:
        return int(self.hi[-1])

    @property
    def cells(self) -> int:
        return int(self.offset[-1])

    def coordinates(self) -> tuple[np.ndarray, np.ndarray]:
        """(i, j) of every cell, int64 [cells] each, in flat order."""
        widths = self.hi - self.lo + 1
        rows = np.repeat(np.arange(len(self.lo), dtype=np.int64), widths)
        cols = np.arange(self.cells, dtype=np.int64) - np.repeat(self.offset[:-1] - self.lo, widths)
        return rows, cols

    def flat(self, i: int, j: int) -> int | None:
        """Flat index of one node (i, j), or None outside the band."""
        if not 0 <= i <= self.n or not self.lo[i] <= j <= self.hi[i]:
            return None
        return int(self.offset[i] + j - self.lo[i])

    def index(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(flat index, inside) of nodes (i, j); the index is 0 where the node is outside the band."""
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        inside = (i >= 0) & (i <= self.n)
        ic = np.clip(i, 0, self.n)
        inside &= (j >= self.lo[ic]) & (j <= self.hi[ic])
        return np.where(inside, self.offset[ic] + j - self.lo[ic], 0), inside


@dataclass(frozen=True)
class BeadCells:
    """Where one bead type may end in a band: for every cell, the bead's start node."""

    bead: Bead
    i0: np.ndarray  # int64 [cells]: first Russian unit of the bead ending at the cell
    j0: np.ndarray  # int64 [cells]: first English unit
    start: np.ndarray  # int64 [cells]: flat index of the start node (0 where outside)
    inside: np.ndarray  # bool [cells]: the start node is in the band


def bead_cells(band: Band, beads: tuple[Bead, ...]) -> tuple[BeadCells, ...]:
    """The start node of every bead type at every cell, computed once per band."""
    i, j = band.coordinates()
    out = []
    for bead in beads:
        a, b = bead.shape
        start, inside = band.index(i - a, j - b)
        out.append(BeadCells(bead, i - a, j - b, start, inside))
    return tuple(out)


def fill(band: Band, cells: tuple[BeadCells, ...], scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Run the recurrence: (total float64 [cells], backpointer int8 [cells] holding Bead values).

    ``scores``: float64 [len(cells), band.cells], ``-inf`` where a bead may not end.
    """
    assert scores.shape == (len(cells), band.cells), (scores.shape, len(cells), band.cells)
    total = np.full(band.cells, -np.inf, dtype=np.float64)
    back = np.full(band.cells, int(Bead.NONE), dtype=np.int8)
    # beads from earlier rows, stacked so that a row is one gather and one maximum for all of them
    # (built in place: a huge band's scores are not copied twice)
    down_k = [k for k, c in enumerate(cells) if c.bead.shape[0] > 0]
    down_bead = np.array([int(Bead.NONE)] + [int(cells[k].bead) for k in down_k], dtype=np.int8)
    down_start = np.stack([cells[k].start for k in down_k]) if down_k else np.zeros((0, band.cells), np.int64)
    down_step = np.empty((len(down_k), band.cells))
    for r, k in enumerate(down_k):
        np.copyto(down_step[r], np.where(cells[k].inside, scores[k], -np.inf))
    right = [
        (c.bead, np.where(c.inside, scores[k], -np.inf))
        for k, c in enumerate(cells)
        if c.bead.shape == (0, 1)
    ]
    offsets = band.offset.tolist()
    width = int((band.hi - band.lo).max()) + 1  # the widest row
    buffer = np.empty((len(down_k) + 1, width))
    for i in range(band.n + 1):
        row = slice(offsets[i], offsets[i + 1])
        cand = buffer[:, : row.stop - row.start]
        cand[0] = -np.inf
        if i == 0:
            cand[0, 0] = 0.0  # the origin: lo[0] == 0
        np.add(total[down_start[:, row]], down_step[:, row], out=cand[1:])
        # ties go to the first in order (no bead, then ``cells``), as a strict ">" one by one did
        pick = cand.argmax(axis=0)
        best = cand.max(axis=0)
        arg = down_bead[pick]
        for bead, step in right:  # the 0-1 bead: along this row
            _scan_row(best, arg, step[row], bead)
        total[row] = best
        back[row] = arg
    return total, back


def _scan_row(best: np.ndarray, arg: np.ndarray, step: np.ndarray, bead: Bead) -> None:
    """In place: best[j] = max(best[j], best[j-1] + step[j]) along one row, as a prefix scan.

    With P = cumsum(step), best[j] = P[j] + max_{k<=j}(best[k] - P[k]); a column
    whose maximum comes from an earlier k is reached by the 0-1 bead.
    """
    if len(best) < 2:
        return
    finite = np.isfinite(step[1:])
    if not finite.all():  # a column the 0-1 bead cannot enter splits the row: scan the pieces
        cuts = np.flatnonzero(~finite) + 1
        bounds = [0, *cuts.tolist(), len(best)]
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            _scan_row_finite(best[lo:hi], arg[lo:hi], step[lo:hi], bead)
        return
    _scan_row_finite(best, arg, step, bead)


def _scan_row_finite(best: np.ndarray, arg: np.ndarray, step: np.ndarray, bead: Bead) -> None:
    if len(best) < 2:
        return
    prefix = np.cumsum(np.concatenate(([0.0], step[1:])))
    shifted = best - prefix  # -inf stays -inf
    running = np.maximum.accumulate(shifted)
    from_left = running > shifted
    best[from_left] = (prefix + running)[from_left]
    arg[from_left] = int(bead)


def traceback(band: Band, back: np.ndarray) -> list[tuple[Bead, int, int]]:
    """The best path as beads in document order: (bead, i0, j0) with its start node.

    Follows the backpointers from (n, m) to (0, 0).
    """
    assert back.shape == (band.cells,)
    i, j = band.n, band.m
    path: list[tuple[Bead, int, int]] = []
    while i > 0 or j > 0:
        flat = band.flat(i, j)
        assert flat is not None, f"traceback left the band at ({i}, {j})"
        bead = Bead(int(back[flat]))
        assert bead is not Bead.NONE, f"node ({i}, {j}) is unreachable"
        a, b = bead.shape
        i, j = i - a, j - b
        path.append((bead, i, j))
    path.reverse()
    return path
