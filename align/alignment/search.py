"""Coarse-to-fine alignment search: near-linear time and memory in the number of units.

As in Vecalign (Thompson & Koehn 2019, section 3.3): when the full lattice is
too large, merge neighbouring units pairwise (mean vectors, summed lengths),
align the half-size documents recursively, and search the full-size lattice
only in a band of ``radius`` units around the coarse path projected back.
Each level costs O((n + m) * radius) cells, and there are log2(n / full size)
levels.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import numpy as np

from align.alignment.dp import Band, Bead, bead_cells, fill, traceback
from align.alignment.dp_blocks import fill_blocks
from align.alignment.scoring import ScoreWeights, Side, bead_scores, knn_means

COARSE_BEADS = (Bead.RU_ONLY, Bead.EN_ONLY, Bead.ONE_ONE, Bead.ONE_TWO, Bead.TWO_ONE)


@cache
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional: without it the search runs with numpy's default threads
        return None
    return ThreadpoolController()  # discovers the BLAS libraries once


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block above with one BLAS thread.

    The search multiplies many small matrices; OpenBLAS threads on those spin
    and, when another process holds the other core (a batch worker), one
    128x150 product took 50 ms instead of 0.4 ms (measured on 2 cores).
    """
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


@dataclass(frozen=True)
class SearchResult:
    """The best path and the finest lattice it was found in (for confidences)."""

    path: list[tuple[Bead, int, int]]  # (bead, i0, j0) in document order
    band: Band
    beads: tuple[Bead, ...]
    scores: np.ndarray  # float64 [len(beads), cells]
    knn: tuple[np.ndarray, np.ndarray]  # neighbour means of the units, float64 [n], [m]

    def score(self, bead: Bead, i: int, j: int) -> float:
        """Score of ``bead`` ending at node (i, j); -inf when not in the lattice."""
        flat = self.band.flat(i, j)
        if bead not in self.beads or flat is None:
            return -math.inf
        return float(self.scores[self.beads.index(bead), flat])

    def confidences(self) -> list[float]:
        """A confidence in [0, 1] per bead of the path.

        A match: sigmoid of its score (0 is the neutral point where matching and
        skipping tie), times, for a bead of several units, sigmoid of how much
        better it is than the same bead without one of its edge units (glue that
        adds nothing is doubtful). A unit left unmatched: 1 - sigmoid of the best
        1-1 score it had anywhere in the band, times 1 - sigmoid of the gain of joining
        it to the bead before or after it instead (a short unit a merge nearly took
        is doubtful).
        """
        best_ru, best_en = self._best_one_one()
        out = []
        for k, (bead, i0, j0) in enumerate(self.path):
            a, b = bead.shape
            if a + b == 1:
                best = best_ru[i0] if a else best_en[j0]
                out.append((1.0 - _sigmoid(best)) * (1.0 - _sigmoid(self._attach_gain(k))))
            else:
                own = self.score(bead, i0 + a, j0 + b)
                conf = _sigmoid(own)
                if a + b > 2:
                    conf *= _sigmoid(own - self._best_without_edge(bead, i0, j0))
                out.append(conf)
        return out

    def _attach_gain(self, k: int) -> float:
        """How much better step ``k`` (one unit left unmatched) would score joined to a neighbouring bead.

        Step k and its neighbour against the neighbour grown by the unit: at most 0 on a best
        path, unless the search limits forbade the grown bead (-inf when no neighbour can grow).
        """
        bead, i0, j0 = self.path[k]
        a, b = bead.shape
        alone = self.score(bead, i0 + a, j0 + b)
        gains = [-math.inf]
        for n in (k - 1, k + 1):
            if not 0 <= n < len(self.path):
                continue
            other, p0, q0 = self.path[n]
            c, d = other.shape
            grown = _bead_of(c + a, d + b)
            if grown is None or c == 0 or d == 0:
                continue
            i_start, j_start = min(i0, p0), min(j0, q0)
            joined = self.score(grown, i_start + c + a, j_start + d + b)
            gains.append(joined - alone - self.score(other, p0 + c, q0 + d))
        return max(gains)

    def _best_without_edge(self, bead: Bead, i0: int, j0: int) -> float:
        a, b = bead.shape
        options = []
        for da0, da1, db0, db1 in ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)):
            sub = _bead_of(a - da0 - da1, b - db0 - db1)
            if sub is not None:
                options.append(self.score(sub, i0 + a - da1, j0 + b - db1))
        return max(options, default=-math.inf)

    def _best_one_one(self) -> tuple[np.ndarray, np.ndarray]:
        best_ru = np.full(self.band.n, -np.inf)
        best_en = np.full(self.band.m, -np.inf)
        if Bead.ONE_ONE in self.beads:
            i, j = self.band.coordinates()
            row = self.scores[self.beads.index(Bead.ONE_ONE)]
            ok = np.isfinite(row)
            np.maximum.at(best_ru, i[ok] - 1, row[ok])
            np.maximum.at(best_en, j[ok] - 1, row[ok])
        return best_ru, best_en


def _bead_of(a: int, b: int) -> Bead | None:
    if a < 1 or b < 1:
        return None
    return next((bead for bead in Bead if bead.shape == (a, b)), None)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-min(max(x, -50.0), 50.0)))


def search(
    ru: Side,
    en: Side,
    beads: tuple[Bead, ...],
    ratio: float,
    weights: ScoreWeights,
    *,
    full_cells: int = 250_000,
    radius: int = 8,
    knn: tuple[np.ndarray, np.ndarray] | None = None,
    band: Band | None = None,
) -> SearchResult:
    """The best path of beads (bead, i0, j0) in document order, with the lattice it was found in.

    ``ratio``: expected English/Russian length ratio; ``full_cells``: lattice
    size searched in full; ``radius``: band half-width, in units, around a
    coarse path; ``knn``: neighbour means to use instead of the band's own
    (a sub-problem scored as part of its document); ``band``: the lattice to
    search, instead of the full one or coarse-to-fine.
    """
    n, m = ru.n, en.n
    if band is not None:
        assert (band.n, band.m) == (n, m), "the band must fit the units"
    elif (n + 1) * (m + 1) <= full_cells or min(n, m) < 2 * radius:
        band = Band.full(n, m)
    else:
        coarse = search(
            ru.coarsen(), en.coarsen(), COARSE_BEADS, ratio, weights, full_cells=full_cells, radius=radius
        )
        band = band_around_path(path_nodes(coarse.path, 2, n, m), n, m, radius)
    cells = bead_cells(band, beads)
    if knn is None:
        one_one = bead_cells(band, (Bead.ONE_ONE,))[0]
        knn = knn_means(band, one_one, ru, en, weights.neighbours)
    scores = bead_scores(cells, ru, en, ratio, weights, knn=knn)
    _, back = (fill_blocks if band.sizes is not None else fill)(band, cells, scores)
    return SearchResult(traceback(band, back), band, beads, scores, knn)


def path_nodes(
    path: list[tuple[Bead, int, int]], scale: int, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Nodes (i, j) visited by a path, scaled to a finer lattice of n x m and clipped to it."""
    rows = [i0 for _, i0, _ in path]
    cols = [j0 for _, _, j0 in path]
    if path:
        bead, i0, j0 = path[-1]
        rows.append(i0 + bead.shape[0])
        cols.append(j0 + bead.shape[1])
    else:
        rows.append(0)
        cols.append(0)
    rows_a = np.minimum(np.asarray(rows, dtype=np.int64) * scale, n)
    cols_a = np.minimum(np.asarray(cols, dtype=np.int64) * scale, m)
    rows_a[-1], cols_a[-1] = n, m  # a padded odd unit maps past the end
    return rows_a, cols_a


def band_around_path(nodes: tuple[np.ndarray, np.ndarray], n: int, m: int, radius: int) -> Band:
    """Every cell within ``radius`` rows or columns of the monotone path through ``nodes``."""
    rows, cols = nodes
    i = np.arange(n + 1)
    first = np.searchsorted(rows, i, side="left")  # first node on or after row i
    last = np.searchsorted(rows, i, side="right") - 1  # last node on or before row i
    on_row = rows[np.minimum(first, len(rows) - 1)] == i
    colmin = np.where(on_row, cols[np.minimum(first, len(rows) - 1)], cols[np.maximum(first - 1, 0)])
    on_row_last = rows[np.maximum(last, 0)] == i
    colmax = np.where(on_row_last, cols[np.maximum(last, 0)], cols[np.minimum(last + 1, len(rows) - 1)])
    # both are non-decreasing, so a window's minimum and maximum sit at its ends
    lo = colmin[np.maximum(i - radius, 0)] - radius
    hi = colmax[np.minimum(i + radius, n)] + radius
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo[0], hi[-1] = 0, m
    return Band.from_bounds(lo, hi)
