"""What the searches read: each side's texts, their embeddings by text, and the scorer's view of a side.

``TextVectors`` embeds each text of a document once; ``build_side`` turns a side's texts
into the spans, lengths, numbers and page-break continuations that :mod:`align.alignment.scoring`
scores beads on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from align.alignment.features import continuations, number_hashes
from align.alignment.rows import KeyedRows, MeanSpans
from align.alignment.scoring import Side
from align.embedding.encoders import Encoder, normalise_rows


@dataclass(frozen=True)
class Units:
    """The texts of one side with their ids (paragraphs or sentences)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    # (first, last) sentence of every unit, ("", "") for a unit of one sentence; empty: not known
    edges: tuple[tuple[str, str], ...] = ()

    def subset(self, indices: Sequence[int]) -> Units:
        """The units at ``indices``, in that order."""
        return Units(
            tuple(self.ids[i] for i in indices),
            tuple(self.texts[i] for i in indices),
            tuple(self.edges[i] for i in indices) if self.edges else (),
        )


class TextVectors:
    """The document's embeddings by text: each ``add`` embeds only new texts, in one encoder call.

    A text can also stand for the length-weighted mean of its parts' vectors (``add_mean``): a
    paragraph of hundreds of sentences, whose merged text would cost most of its tokens again. A join
    with such a text among its parts is then a mean too, never an embedding of the whole.
    """

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.vectors: dict[str, np.ndarray] = {}
        self.dim = 0
        self.means: set[str] = set()  # texts whose vector is the mean of their parts'

    def add_mean(self, parts: Sequence[Sequence[str]], keys: Sequence[str]) -> None:
        """Each key's vector := the mean of its parts' vectors (added first), weighted by the square
        root of their lengths as USE pools tokens (``rows.MeanSpans``), renormalised."""
        self.add([t for p in parts for t in p])
        for key, texts in zip(keys, parts, strict=True):
            weights = np.sqrt(np.maximum([len(t) for t in texts], 1.0)).astype(np.float32)
            self._store([key], normalise_rows((weights @ self.matrix(texts))[None, :]))
            self.means.add(key)

    def add(self, texts: Sequence[str]) -> None:
        new = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if new:
            self._store(new, self.encoder.encode(new))

    def add_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> None:
        """The vectors of ``" ".join(p)`` for every ``p``, stored under ``keys`` (by default the joins).

        ``keys`` name texts with the tokens of the join (:func:`align.embedding.use_pooling.joins_as`).
        """
        keys = list(keys) if keys is not None else [" ".join(p) for p in parts]
        new = {k: p for k, p in zip(keys, parts, strict=True) if k not in self.vectors}
        averaged = {k: p for k, p in new.items() if any(t in self.means for t in p)}
        if averaged:
            self.add_mean(list(averaged.values()), list(averaged))
            new = {k: p for k, p in new.items() if k not in averaged}
        if new:
            self._store(list(new), self.encoder.encode_joined(list(new.values()), list(new)))

    def _store(self, texts: list[str], vectors: np.ndarray) -> None:
        self.dim = vectors.shape[1]
        self.vectors.update(zip(texts, vectors, strict=True))

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), dim] of texts already added."""
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def build_side(
    units: Units,
    memo: TextVectors,
    max_span: int,
    exact: bool | int,
    groups: np.ndarray | None = None,
) -> Side:
    """The scorer's view of one side; spans from their merged text (exact) or the mean of their units.

    ``exact``: True, every span from its merged text; an int k, spans of up to k units from their
    merged text and longer ones (list beads) from the mean of their units; False, all from the mean.
    The units' edge sentences, when known, must be in ``memo``.
    """
    texts = units.texts
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    vectors = memo.matrix(texts)
    exact_up_to = max_span if exact is True else int(exact)
    spans = [vectors]
    for k in range(2, max_span + 1):
        if k > exact_up_to:
            spans.append(MeanSpans(vectors, lengths, k))
            continue
        starts = range(len(texts) - k + 1)
        # a span across two groups is never scored: a zero vector stands in for it
        inside = [groups is None or groups[s] == groups[s + k - 1] for s in starts]
        merged = memo.matrix([" ".join(texts[s : s + k]) for s in starts if inside[s]])
        full = np.zeros((len(starts), vectors.shape[1]), np.float32)
        full[np.asarray(inside, dtype=bool)] = merged
        spans.append(full)
    side = Side(tuple(spans), lengths, number_hashes(list(texts)), continuations(list(texts)), groups)
    return replace(side, edges=_edge_vectors(units.edges, memo)) if units.edges else side


def _edge_vectors(edges: Sequence[tuple[str, str]], memo: TextVectors) -> tuple[KeyedRows, KeyedRows]:
    """(first, last) sentence vectors per unit, read from ``memo`` a slice at a time; zero rows for a
    unit of one sentence."""
    return KeyedRows(memo.vectors, [h for h, _ in edges], memo.dim), KeyedRows(
        memo.vectors, [t for _, t in edges], memo.dim
    )


def length_ratio(ru_lengths: np.ndarray, en_lengths: np.ndarray) -> float:
    """English/Russian characters over the whole document, the expectation of the length term."""
    total_ru, total_en = float(ru_lengths.sum()), float(en_lengths.sum())
    if total_ru <= 0 or total_en <= 0:
        return 1.0
    return float(np.clip(total_en / total_ru, 0.5, 2.0))
