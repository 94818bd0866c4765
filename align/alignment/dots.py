"""Dot products of chosen row pairs of two matrices, at BLAS speed: the cosines of a band's cells."""

from __future__ import annotations

import numpy as np

from align.alignment.rows import Rows


def pair_dots(a: Rows, b: Rows, rows: np.ndarray, cols: np.ndarray, block: int = 128) -> np.ndarray:
    """float64 [cells]: ``a[rows[c]] . b[cols[c]]`` for cells sorted by row (band order).

    Blocks of ``block`` rows are multiplied densely against the columns they
    touch: BLAS speed with memory bounded by the band's width, not n x m. ``a`` and ``b`` are
    read only as contiguous row slices, so they may compute their rows on demand
    (:mod:`align.alignment.rows`).
    """
    out = np.empty(len(rows))
    if not len(rows):
        return out
    bounds = np.append(np.searchsorted(rows, np.arange(rows[0], rows[-1] + 1, block)), len(rows))
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        if lo == hi:
            continue
        r0, c0, c1 = rows[lo], cols[lo:hi].min(), cols[lo:hi].max()
        dense = a[r0 : rows[hi - 1] + 1] @ b[c0 : c1 + 1].T
        out[lo:hi] = dense[rows[lo:hi] - r0, cols[lo:hi] - c0]
    return out
