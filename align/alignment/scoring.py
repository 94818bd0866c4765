"""Bead scores: the cost matrix of the search (:mod:`align.alignment.dp`), from embeddings and lengths.

A bead joining Russian span R and English span E scores::

    margin  * (cos(v_R, v_E) - (knn(R) + knn(E)) / 2 + bias)     # similarity against neighbours
  - margin  * max(floor - cos(v_R, v_E), 0)                      # and in absolute terms
  - length  * |log((len_E + k) / (ratio * len_R + k))|           # length ratio (Gale & Church 1993)
  + numbers * overlap of the numbers written on both sides       # "1952", "22:30" / "22 часа 30 минут"
  + join    * (continuations merged inside R or E, against a single unit)
  - size    * log2(|R| + |E| - 1) * min(1, shortest unit / size_length)  # 0 for 1-1; lists cheap
  + edge    * a short unit of a 1-2 / 2-1 matching the facing sentence  # "(Applause)" (align.alignment.edges)

and a unit left unmatched (1-0, 0-1) scores 0: neutral, so that scan debris is
left alone rather than glued to a neighbour. ``knn(u)`` is the mean of the
``k`` best cosines of unit ``u`` among the cells of the band it may align with
(the margin of Artetxe & Schwenk 2019, local as in Vecalign's normalisation by
the document): a generic paragraph ("Stalin agrees.") is close to many and so
attracts none. ``v_R`` is the embedding of the merged text of R.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from align.alignment.dots import pair_dots
from align.alignment.dp import Band, Bead, BeadCells
from align.alignment.edges import edge_evidence
from align.alignment.features import popcount
from align.alignment.rows import KeyedRows, MeanSpans, Rows
from align.embedding.encoders import normalise_rows


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the bead score; each term is about 1 for a strong signal."""

    margin: float = 10.0  # per unit of cosine above the neighbours' mean
    bias: float = 0.2  # cosine margin at which a match and two skips tie
    skip: float = 0.0  # cost of a unit left unmatched (1-0, 0-1)
    # Cosine below which a pair is penalised whatever its neighbours: in a short document the margin
    # compares a pair with the few others it has, all unrelated when the text has no counterpart.
    floor: float = 0.0
    length: float = 1.0  # per unit of |log length ratio|
    length_smoothing: int = 20  # chars added to both lengths: short texts have noisy ratios
    numbers: float = 1.0  # for all numbers shared (Jaccard 1)
    join: float = 1.0  # per continuation (page break, list after a colon) inside a merged span
    size: float = 0.5  # for a 2-1 bead; log2 of (units - 1) in general, so that lists stay affordable
    # The size penalty shrinks for a bead whose shortest unit is under this many characters: a merge
    # barely moves the embedding of a long paragraph, so a short unit ("(Applause)") gains too
    # little similarity to pay for it (0: off).
    size_length: float = 0.0
    neighbours: int = 4  # k of the k-nearest-neighbour margin
    # per unit of cosine above its neighbours of the shorter unit of a 1-2 / 2-1 bead with the first
    # or last sentence of the single unit it faces (align.alignment.edges; 0: off)
    edge: float = 0.0


@dataclass(frozen=True)
class Side:
    """The units of one language as the scorer sees them.

    ``spans[k-1][s]`` is the unit vector of the merged text of units ``s .. s+k-1``
    (float32 [n-k+1, dim]); ``lengths`` are characters per unit; ``numbers`` a
    64-bit hash set of the numbers each unit writes; ``joins[s]`` says unit ``s``
    continues unit ``s-1`` (:func:`continuations`); ``groups`` cut the units into
    independent problems solved in one search (the sentences of each paragraph pair).
    """

    spans: tuple[Rows, ...]  # level 1 is an array; longer spans may be computed a slice at a time
    lengths: np.ndarray  # float64 [n]
    numbers: np.ndarray  # uint64 [n]
    joins: np.ndarray  # bool [n]
    groups: np.ndarray | None = None  # int64 [n]: units of different groups never share a bead
    # (first, last) sentence vectors of every unit, float32 [n, dim] each, zero for a unit of one
    # sentence; None: not known (sentences, coarse sides)
    edges: tuple[Rows, Rows] | None = None

    @property
    def n(self) -> int:
        return len(self.lengths)

    @property
    def has_edge(self) -> np.ndarray:
        """bool [n]: the unit has edge sentences (more than one sentence, edges known)."""
        if self.edges is None:
            return np.zeros(self.n, dtype=bool)
        heads = self.edges[0]
        return heads.present if isinstance(heads, KeyedRows) else np.any(heads != 0, axis=1)

    def coarsen(self) -> Side:
        """Half as many units, each two neighbours merged (the mean vector): for coarse-to-fine search."""
        assert self.groups is None, "grouped problems are searched in full"
        vectors, n = self.spans[0], self.n
        pad = n % 2
        if pad:
            vectors = np.vstack([vectors, np.zeros((1, vectors.shape[1]), dtype=vectors.dtype)])
        lengths = np.append(self.lengths, 0.0) if pad else self.lengths
        numbers = np.append(self.numbers, np.uint64(0)) if pad else self.numbers
        weighted = vectors * np.sqrt(np.maximum(lengths, 1.0))[:, None].astype(np.float32)
        merged = weighted.reshape(-1, 2, vectors.shape[1]).sum(axis=1)
        coarse_lengths = lengths.reshape(-1, 2).sum(axis=1)
        coarse = Side(
            spans=(normalise_rows(merged),),
            lengths=coarse_lengths,
            numbers=numbers.reshape(-1, 2)[:, 0] | numbers.reshape(-1, 2)[:, 1],
            joins=np.zeros(len(coarse_lengths), dtype=bool),
        )
        return replace(coarse, spans=(coarse.spans[0], MeanSpans(coarse.spans[0], coarse.lengths, 2)))


def mean_spans(vectors: np.ndarray, lengths: np.ndarray, max_span: int) -> tuple[np.ndarray, ...]:
    """Span vectors of 1 .. ``max_span`` units approximated from unit vectors, each level whole
    (:class:`align.alignment.rows.MeanSpans`, which the search reads a slice at a time)."""
    return (vectors, *(MeanSpans(vectors, lengths, k)[0 : len(vectors)] for k in range(2, max_span + 1)))


def knn_means(band: Band, cells: BeadCells, ru: Side, en: Side, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the k best 1-1 cosines of each unit within the band: float64 [n], [m].

    ``cells``: the band's cells of the 1-1 bead.
    """
    assert cells.bead is Bead.ONE_ONE
    ok = cells.inside & _same_group(cells.i0, cells.j0, (1, 1), ru, en)
    p, q = cells.i0[ok], cells.j0[ok]
    sims = pair_dots(ru.spans[0], en.spans[0], p, q)
    return _group_topk_mean(p, sims, ru.n, k), _group_topk_mean(q, sims, en.n, k)


def _group_topk_mean(keys: np.ndarray, values: np.ndarray, n: int, k: int) -> np.ndarray:
    # by key, then by value descending: one float sort (cosines lie in [-1, 1]) instead of a lexsort
    order = np.argsort(keys + (1.0 - np.clip(values, -1.0, 1.0)) / 4.0, kind="stable")
    keys, values = keys[order], values[order]
    first = np.searchsorted(keys, np.arange(n))
    rank = np.arange(len(keys)) - first[keys] if len(keys) else np.zeros(0, dtype=np.int64)
    top = rank < k
    sums = np.bincount(keys[top], weights=values[top], minlength=n)
    counts = np.bincount(keys[top], minlength=n)
    return np.divide(sums, counts, out=np.zeros(n), where=counts > 0)


def _same_group(i0: np.ndarray, j0: np.ndarray, shape: tuple[int, int], ru: Side, en: Side) -> np.ndarray:
    """bool: the bead's units all belong to one group (always true without groups)."""
    a, b = shape
    if ru.groups is None or en.groups is None:
        return np.ones(len(i0), dtype=bool)
    last_i = np.clip(i0 + a - 1, 0, max(ru.n - 1, 0))
    last_j = np.clip(j0 + b - 1, 0, max(en.n - 1, 0))
    first_i, first_j = np.clip(i0, 0, max(ru.n - 1, 0)), np.clip(j0, 0, max(en.n - 1, 0))
    g = ru.groups[first_i]
    return (g == ru.groups[last_i]) & (g == en.groups[first_j]) & (g == en.groups[last_j])


def bead_scores(
    cells: tuple[BeadCells, ...],
    ru: Side,
    en: Side,
    ratio: float,
    weights: ScoreWeights,
    *,
    knn: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """float64 [len(cells), band cells]: the score of each bead ending at each cell, -inf where it cannot.

    ``knn``: (float64 [n], float64 [m]) the neighbour means of :func:`knn_means`.
    """
    knn_ru, knn_en = knn
    cum = {
        # length-weighted, so that a scrap of debris (low knn: like nothing) cannot lower a span's norm
        "knn_ru": np.concatenate(([0.0], np.cumsum(knn_ru * ru.lengths))),
        "knn_en": np.concatenate(([0.0], np.cumsum(knn_en * en.lengths))),
        "len_ru": np.concatenate(([0.0], np.cumsum(ru.lengths))),
        "len_en": np.concatenate(([0.0], np.cumsum(en.lengths))),
        "join_ru": np.concatenate(([0], np.cumsum(ru.joins))),
        "join_en": np.concatenate(([0], np.cumsum(en.joins))),
    }
    out = np.full((len(cells), len(cells[0].inside) if cells else 0), -np.inf)
    for row, c in enumerate(cells):
        a, b = c.bead.shape
        if a == 0 or b == 0:
            out[row, c.inside] = -weights.skip
            continue
        if a > len(ru.spans) or b > len(en.spans):
            continue
        ok = c.inside & (c.i0 + a <= ru.n) & (c.j0 + b <= en.n)
        if not ok.any():  # a list bead longer than every stretch, say
            continue
        ok &= _same_group(c.i0, c.j0, (a, b), ru, en)
        if ok.any():
            out[row, ok] = _match_scores(c.i0[ok], c.j0[ok], (a, b), ru, en, cum=cum, ratio=ratio, w=weights)
            if weights.edge:
                out[row, ok] += weights.edge * edge_evidence(c.i0[ok], c.j0[ok], (a, b), (ru, en), knn)
    return out


def _match_scores(
    i0: np.ndarray,
    j0: np.ndarray,
    shape: tuple[int, int],
    ru: Side,
    en: Side,
    *,
    cum: dict,
    ratio: float,
    w: ScoreWeights,
) -> np.ndarray:
    """float64 [len(i0)]: the score of the bead of ``shape`` starting at each (i0, j0)."""
    a, b = shape
    sims = pair_dots(ru.spans[a - 1], en.spans[b - 1], i0, j0)
    len_ru = cum["len_ru"][i0 + a] - cum["len_ru"][i0]
    len_en = cum["len_en"][j0 + b] - cum["len_en"][j0]
    knn_ru = np.divide(
        cum["knn_ru"][i0 + a] - cum["knn_ru"][i0], len_ru, out=np.zeros(len(i0)), where=len_ru > 0
    )
    knn_en = np.divide(
        cum["knn_en"][j0 + b] - cum["knn_en"][j0], len_en, out=np.zeros(len(i0)), where=len_en > 0
    )
    knn = (knn_ru + knn_en) / 2
    k = w.length_smoothing
    length = np.abs(np.log((len_en + k) / (ratio * len_ru + k)))
    # continuation evidence counts where it decides something: several units against one
    joins = (cum["join_ru"][i0 + a] - cum["join_ru"][i0 + 1]) + (
        cum["join_en"][j0 + b] - cum["join_en"][j0 + 1]
    )
    joins = joins if min(a, b) == 1 else np.zeros(len(i0))
    nums_ru = _span_or(ru.numbers, i0, a)
    nums_en = _span_or(en.numbers, j0, b)
    union = popcount(nums_ru | nums_en)
    shared = np.divide(popcount(nums_ru & nums_en), union, out=np.zeros(len(i0)), where=union > 0)
    return (
        w.margin * (sims - knn + w.bias - np.maximum(w.floor - sims, 0.0))
        - w.length * length
        + w.numbers * shared
        + w.join * joins
        - w.size * np.log2(a + b - 1) * _size_share(i0, j0, shape, ru, en, size_length=w.size_length)
    )


def _size_share(
    i0: np.ndarray, j0: np.ndarray, shape: tuple[int, int], ru: Side, en: Side, *, size_length: float
) -> np.ndarray | float:
    """min(1, shortest unit of the bead / ``size_length``): 1 for a 1-1 or with the option off."""
    a, b = shape
    if size_length <= 0 or a + b <= 2:
        return 1.0
    shortest = np.full(len(i0), np.inf)
    for k in range(a):
        shortest = np.minimum(shortest, ru.lengths[i0 + k])
    for k in range(b):
        shortest = np.minimum(shortest, en.lengths[j0 + k])
    return np.minimum(1.0, shortest / size_length)


def _span_or(bits: np.ndarray, starts: np.ndarray, k: int) -> np.ndarray:
    out = bits[starts].copy()
    for s in range(1, k):
        out |= bits[starts + s]
    return out
