"""Matrices of unit vectors that the search reads a slice at a time, never held whole.

The scorer reads span and edge vectors only through :func:`align.alignment.dots.pair_dots`, which
takes contiguous row slices (a block of rows against the columns it touches). Span means and
edge sentences are therefore computed or gathered per slice: in a 30 MB document (56 k paragraphs
a side) the stored span levels and edge vectors of the first pass were 1.2 GiB, as much as
everything else together. A slice is computed with the same operations in the same order as the
whole matrix would be, so every value is the same to the bit (tests/test_rows.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from align.embedding.encoders import normalise_rows


class Rows(Protocol):
    """What ``pair_dots`` needs of a matrix: its length and contiguous row slices."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: slice) -> np.ndarray: ...


def _bounds(index: slice, n: int) -> tuple[int, int]:
    assert isinstance(index, slice) and index.step in (None, 1), "only contiguous row slices"
    lo, hi, _ = index.indices(n)
    return lo, max(lo, hi)


class MeanSpans:
    """Span vectors of ``k`` consecutive units: their vectors summed, weighted by sqrt(length), renormalised.

    USE pools token features with 1/sqrt(tokens); this weighting came closest to embedding the
    merged text (median cosine 0.945 on seed paragraphs, 0.90 unweighted). Row ``s`` is the span
    of units ``s .. s+k-1``.
    """

    def __init__(self, vectors: np.ndarray, lengths: np.ndarray, k: int) -> None:
        self.vectors = vectors
        self.weights = np.sqrt(np.maximum(lengths, 1.0)).astype(np.float32)
        self.k = k

    def __len__(self) -> int:
        return max(len(self.vectors) - self.k + 1, 0)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self), self.vectors.shape[1]

    def __getitem__(self, index: slice) -> np.ndarray:
        lo, hi = _bounds(index, len(self))
        weighted = self.vectors[lo : hi + self.k - 1] * self.weights[lo : hi + self.k - 1, None]
        return normalise_rows(sum(weighted[s : hi - lo + s] for s in range(self.k)))


class KeyedRows:
    """Rows looked up by text in the document's embeddings; an empty key is a zero row.

    The edge sentences of every unit (its first and last sentence) are already embedded; stacking
    them would copy two vectors per unit.
    """

    def __init__(self, vectors: Mapping[str, np.ndarray], keys: Sequence[str], dim: int) -> None:
        self.vectors = vectors
        self.keys = list(keys)
        self.dim = dim
        self.present = np.array([bool(k) for k in self.keys], dtype=bool)  # rows that are not zero

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self), self.dim

    def __getitem__(self, index: slice) -> np.ndarray:
        lo, hi = _bounds(index, len(self))
        zero = np.zeros(self.dim, np.float32)
        rows = [self.vectors[k] if k else zero for k in self.keys[lo:hi]]
        return np.stack(rows) if rows else np.zeros((0, self.dim), np.float32)
