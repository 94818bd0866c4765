"""Span and edge vectors read a slice at a time are the whole matrix's rows, to the bit."""

from __future__ import annotations

import numpy as np

from align.alignment.dots import pair_dots
from align.alignment.rows import KeyedRows, MeanSpans
from align.embedding.encoders import normalise_rows


def _units(n: int = 40, dim: int = 16) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    return normalise_rows(rng.normal(size=(n, dim))), rng.integers(1, 400, size=n).astype(np.float64)


def test_a_slice_of_mean_spans_is_the_whole_matrix_sliced() -> None:
    vectors, lengths = _units()
    for k in (2, 3, 12):
        spans = MeanSpans(vectors, lengths, k)
        whole = spans[0 : len(spans)]
        assert whole.shape == (len(vectors) - k + 1, vectors.shape[1]) == spans.shape
        for lo, hi in ((0, 5), (7, 19), (30, 100)):
            assert np.array_equal(spans[lo:hi], whole[lo:hi])


def test_a_mean_span_is_the_weighted_mean_of_its_units() -> None:
    vectors, lengths = _units()
    row = MeanSpans(vectors, lengths, 3)[4:5][0]
    expected = (vectors[4:7] * np.sqrt(lengths[4:7])[:, None]).sum(axis=0)
    assert np.allclose(row, expected / np.linalg.norm(expected), atol=1e-6)


def test_pair_dots_read_lazily_equal_pair_dots_of_the_arrays() -> None:
    vectors, lengths = _units(300)
    spans = MeanSpans(vectors, lengths, 2)
    rows = np.repeat(np.arange(len(spans)), 3)
    cols = np.clip(rows + np.tile([0, 1, 2], len(spans)), 0, len(vectors) - 1)
    lazy = pair_dots(spans, vectors, rows, cols, block=32)
    assert np.array_equal(lazy, pair_dots(spans[0 : len(spans)], vectors, rows, cols, block=32))


def test_keyed_rows_look_up_texts_and_give_zero_rows_for_none() -> None:
    vectors, _ = _units(3)
    memo = {"a": vectors[0], "b": vectors[1]}
    rows = KeyedRows(memo, ["a", "", "b"], vectors.shape[1])
    assert rows.present.tolist() == [True, False, True]
    got = rows[0:3]
    assert np.array_equal(got[0], vectors[0]) and not got[1].any() and np.array_equal(got[2], vectors[1])
    assert rows[2:9].shape == (1, vectors.shape[1])
