"""Edge evidence (align/alignment/edges.py), solved by hand on unit vectors of three dimensions."""

from __future__ import annotations

import numpy as np

from align.alignment.edges import edge_evidence
from align.alignment.features import continuations, number_hashes
from align.alignment.scoring import Side, mean_spans

X, Y, Z = np.eye(3, dtype=np.float32)


def side(vectors: list[np.ndarray], lengths: list[float], edges=None) -> Side:
    v, n = np.stack(vectors), np.array(lengths)
    texts = ["x"] * len(vectors)
    return Side(mean_spans(v, n, 2), n, number_hashes(texts), continuations(texts), edges=edges)


def test_the_short_unit_is_scored_against_the_sentence_it_faces():
    # ru: one paragraph whose first sentence is X and last Z; en: a long unit (Y) then a short one (Z)
    ru = side([Y], [300.0], edges=(np.stack([X]), np.stack([Z])))
    en = side([Y, Z], [280.0, 10.0])
    knn = (np.array([0.5]), np.array([0.5, 0.25]))
    one_two = edge_evidence(np.array([0]), np.array([0]), (1, 2), (ru, en), knn)
    assert np.allclose(one_two, [1.0 - 0.25])  # cos(Z, last sentence Z) - knn of the short unit
    # the short unit first: it faces the first sentence (X), which it does not match
    en_first = side([Z, Y], [10.0, 280.0])
    first = edge_evidence(np.array([0]), np.array([0]), (1, 2), (ru, en_first), (knn[0], knn[1][::-1]))
    assert np.allclose(first, [0.0])


def test_sides_swapped_and_shapes_without_edges():
    en = side([Y], [300.0], edges=(np.stack([X]), np.stack([Z])))
    ru = side([Y, Z], [280.0, 10.0])
    knn = (np.array([0.5, 0.1]), np.array([0.5]))
    assert np.allclose(edge_evidence(np.array([0]), np.array([0]), (2, 1), (ru, en), knn), [0.9])
    assert np.allclose(edge_evidence(np.array([0]), np.array([0]), (1, 1), (ru, en), knn), [0.0])
    # a single unit of one sentence has zero edge vectors: no evidence
    flat = side([Y], [300.0], edges=(np.zeros((1, 3), np.float32), np.zeros((1, 3), np.float32)))
    assert np.allclose(edge_evidence(np.array([0]), np.array([0]), (2, 1), (ru, flat), knn), [0.0])
