"""Paragraph and sentence alignment of one document: segments -> links with confidences.

Vecalign/Bertalign family: the paragraphs of both sides are embedded, beads
(1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1) are scored by :mod:`align.scoring`
and the best monotone path is found by :mod:`align.search` (coarse-to-fine
over the kernel in :mod:`align.dp`). The same machinery then aligns the
sentences inside each aligned paragraph pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from align.dp import Band, Bead, beads_within
from align.encoders import Encoder, composes, encode_joined, forget_pooled
from align.model import Link, Segment
from align.scoring import ScoreWeights, Side, continuations, mean_spans, number_hashes
from align.search import one_blas_thread, search


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner; the defaults are the ones measured in docs/alignment.md."""

    max_ru: int = 3  # Russian paragraphs in one bead (3: a paragraph cut by two page breaks)
    max_en: int = 3  # English paragraphs in one bead
    max_total: int = 4  # both sides together: allows 2-2, 1-3 and 3-1, not 2-3 or 3-3
    max_list: int = 12  # 1-n / n-1 beads up to this, tried in the second pass only (0: never)
    doubtful: float = 0.5  # a 1-1 below this confidence is searched again in the second pass
    # Merges are judged on the embedding of the merged text (the second pass, around every step that is
    # not a confident 1-1); False: on the length-weighted mean of the units' vectors, ~25 % faster.
    merged_text: bool = True
    radius: int = 8  # band half-width, in paragraphs, around the coarse path
    full_cells: int = 250_000  # lattice cells searched in full before going coarse-to-fine
    sentences: bool = True  # align the sentences inside each paragraph pair
    weights: ScoreWeights = field(default_factory=ScoreWeights)


@dataclass(frozen=True)
class Units:
    """The texts of one side with their ids (paragraphs or sentences)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]


class TextVectors:
    """The document's embeddings by text: each ``add`` embeds only new texts, in one encoder call."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.vectors: dict[str, np.ndarray] = {}
        self.dim = 0

    def add(self, texts: Sequence[str]) -> None:
        new = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if new:
            self._store(new, self.encoder.encode(new))

    def add_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> None:
        """The vectors of ``" ".join(p)`` for every ``p``, stored under ``keys`` (by default the joins).

        ``keys`` name texts with the tokens of the join (:func:`align.use_pooling.joins_as`).
        """
        keys = list(keys) if keys is not None else [" ".join(p) for p in parts]
        new = {k: p for k, p in zip(keys, parts, strict=True) if k not in self.vectors}
        if new:
            self._store(list(new), encode_joined(self.encoder, list(new.values()), list(new)))

    def _store(self, texts: list[str], vectors: np.ndarray) -> None:
        self.dim = vectors.shape[1]
        self.vectors.update(zip(texts, vectors, strict=True))

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), dim] of texts already added."""
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def align_document(
    ru: Sequence[Segment], en: Sequence[Segment], encoder: Encoder, config: AlignConfig = AlignConfig()
) -> tuple[Link, ...]:
    """Links in document order covering every segment of both sides once.

    Each link carries a confidence in [0, 1]; paragraphs with no counterpart are
    links with an empty side. With ``config.sentences`` every link also holds
    its sentence alignment (sentence ids from ``Segment.sentences``, or
    ``"<segment id>.0"`` for a segment without sentences).
    """
    try:
        return tuple(_align(ru, en, encoder, config))
    finally:
        forget_pooled(encoder)  # merges never cross documents: a batch worker keeps no document's texts


def _align(ru: Sequence[Segment], en: Sequence[Segment], encoder: Encoder, config: AlignConfig) -> list[Link]:
    memo = TextVectors(encoder)
    ru_units = Units(tuple(s.id for s in ru), tuple(s.text for s in ru))
    en_units = Units(tuple(s.id for s in en), tuple(s.text for s in en))
    if config.sentences and composes(encoder):
        embed_through_sentences(memo, [*ru, *en])
    else:
        memo.add([*ru_units.texts, *en_units.texts])
    links = [Link(ru=r, en=e, score=c) for r, e, c in align_units(ru_units, en_units, memo, config)]
    if config.sentences:
        from align.sentences import sentence_links

        links = sentence_links(links, ru, en, memo, config)
    return links


def embed_through_sentences(memo: TextVectors, segments: Sequence[Segment]) -> None:
    """Embed the sentences, then every paragraph as the merge of its sentences.

    For an encoder that merges what it has embedded (:func:`align.encoders.composes`)
    this costs a few tokens per sentence join instead of embedding every text twice.
    A paragraph whose sentences are not separated by white space alone is embedded whole.
    """
    from align.use_pooling import joins_as

    memo.add([s.text for seg in segments for s in seg.sentences])
    joined = [
        seg
        for seg in segments
        if len(seg.sentences) > 1 and joins_as([s.text for s in seg.sentences], seg.text)
    ]
    memo.add_joined([[s.text for s in seg.sentences] for seg in joined], [seg.text for seg in joined])
    memo.add([seg.text for seg in segments])  # the rest: one sentence, none, or not joined by spaces


def merged_spans(texts: Sequence[str], max_span: int) -> list[tuple[str, ...]]:
    """Every span of 2 .. max_span consecutive units, by span size then start."""
    return [tuple(texts[s : s + k]) for k in range(2, max_span + 1) for s in range(len(texts) - k + 1)]


def align_units(
    ru: Units, en: Units, memo: TextVectors, config: AlignConfig
) -> list[tuple[tuple[str, ...], tuple[str, ...], float]]:
    """(ru ids, en ids, confidence) per bead of the best path, in document order.

    First pass: the whole document, spans by the mean of their units' vectors.
    Second pass: every stretch of steps that are not confident 1-1 matches,
    again, on merged-text embeddings and with list beads.
    """
    if not ru.ids and not en.ids:
        return []
    beads = beads_within(config.max_ru, config.max_en, config.max_total)
    ru_side = build_side(ru.texts, memo, config.max_ru, exact=False)
    en_side = build_side(en.texts, memo, config.max_en, exact=False)
    ratio = length_ratio(ru_side.lengths, en_side.lengths)
    with one_blas_thread():
        result = search(ru_side, en_side, beads, ratio, config.weights, config.full_cells, config.radius)
        path = list(zip(result.path, result.confidences(), strict=True))
    if config.merged_text or config.max_list > max(config.max_ru, config.max_en):
        path = realign_stretches(path, ru, en, result.knn, memo, ratio, config)
    out = []
    for (bead, i0, j0), confidence in path:
        a, b = bead.shape
        out.append((ru.ids[i0 : i0 + a], en.ids[j0 : j0 + b], round(confidence, 4)))
    return out


Step = tuple[tuple[Bead, int, int], float]  # ((bead, i0, j0), confidence)


def doubtful_stretches(
    path: list[Step], threshold: float, max_units: int, step_groups: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """[start, stop) ranges of path steps that are not confident 1-1 matches, with their neighbours.

    Doubtful: unmatched, merged (more than one unit a side) or below ``threshold``.
    Only stretches with units on both sides, more than two units, and at most
    ``max_units`` per side: where another bead could change something.
    ``step_groups``: the group of every step (the paragraph pair of a sentence
    step); a stretch never spans two groups.
    """
    group = list(step_groups) if step_groups is not None else [0] * len(path)
    weak = [min(bead.shape) == 0 or max(bead.shape) > 1 or conf < threshold for (bead, _, _), conf in path]
    # a weak step's neighbours in its group join its stretch: an anchor next to a gap may be part of the list
    near = [
        w
        or (k > 0 and weak[k - 1] and group[k - 1] == group[k])
        or (k + 1 < len(weak) and weak[k + 1] and group[k + 1] == group[k])
        for k, w in enumerate(weak)
    ]
    out, start = [], None
    for k, flagged in enumerate([*near, False]):
        if start is not None and (not flagged or group[k] != group[start]):
            ru_n = sum(path[s][0][0].shape[0] for s in range(start, k))
            en_n = sum(path[s][0][0].shape[1] for s in range(start, k))
            if ru_n and en_n and ru_n + en_n > 2 and max(ru_n, en_n) <= max_units:
                out.append((start, k))
            start = None
        if flagged and start is None:
            start = k
    return out


def realign_stretches(
    path: list[Step],
    ru: Units,
    en: Units,
    knn,
    memo: TextVectors,
    ratio: float,
    config: AlignConfig,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Step]:
    """Search doubtful stretches again with list beads, on merged-text embeddings (``merged_text``).

    All stretches go into one search over a block-diagonal band, one group per stretch, scored with
    the first pass's neighbour means (``knn``) so that a stretch is judged as part of its document.
    ``groups``: the group of every Russian and English unit, when the path solved several problems
    at once (the sentences of every paragraph pair); a stretch stays inside its group.
    """
    max_units = max(2 * config.max_list, 2 * max(config.max_ru, config.max_en))
    step_groups = None
    if groups is not None:
        step_groups = [int(groups[0][i] if bead.shape[0] else groups[1][j]) for (bead, i, j), _ in path]
    stretches = doubtful_stretches(path, config.doubtful, max_units, step_groups)
    if not stretches:
        return path
    bounds = [_units_of(path[start:stop]) for start, stop in stretches]  # (i0, i1, j0, j1)
    max_span = max(config.max_list, config.max_ru, config.max_en)
    if config.merged_text:
        memo.add_joined(
            [
                span
                for i0, i1, j0, j1 in bounds
                for span in (
                    *merged_spans(ru.texts[i0:i1], max_span),
                    *merged_spans(en.texts[j0:j1], max_span),
                )
            ]
        )
    ru_idx = np.concatenate([np.arange(i0, i1) for i0, i1, _, _ in bounds])
    en_idx = np.concatenate([np.arange(j0, j1) for _, _, j0, j1 in bounds])
    ru_sizes = np.array([i1 - i0 for i0, i1, _, _ in bounds])
    en_sizes = np.array([j1 - j0 for _, _, j0, j1 in bounds])
    ru_groups = np.repeat(np.arange(len(bounds)), ru_sizes)
    en_groups = np.repeat(np.arange(len(bounds)), en_sizes)
    ru_side = build_side([ru.texts[i] for i in ru_idx], memo, max_span, config.merged_text, ru_groups)
    en_side = build_side([en.texts[j] for j in en_idx], memo, max_span, config.merged_text, en_groups)
    beads = beads_within(config.max_ru, config.max_en, config.max_total, config.max_list)
    band = Band.blocks(ru_sizes, en_sizes)
    with one_blas_thread():
        result = search(
            ru_side, en_side, beads, ratio, config.weights, knn=(knn[0][ru_idx], knn[1][en_idx]), band=band
        )
        steps = list(zip(result.path, result.confidences(), strict=True))
    ru_first = np.concatenate(([0], np.cumsum(ru_sizes)))  # where each group starts, in the search
    en_first = np.concatenate(([0], np.cumsum(en_sizes)))
    redone: list[list[Step]] = [[] for _ in bounds]
    for (bead, i, j), conf in steps:  # back to document positions
        g = int(ru_groups[i]) if bead.shape[0] else int(en_groups[j])
        i_doc, j_doc = bounds[g][0] + i - int(ru_first[g]), bounds[g][2] + j - int(en_first[g])
        redone[g].append(((bead, i_doc, j_doc), conf))
    out, at = [], 0
    for (start, stop), steps_g in zip(stretches, redone, strict=True):
        out.extend(path[at:start])
        out.extend(steps_g)
        at = stop
    return out + path[at:]


def _units_of(steps: list[Step]) -> tuple[int, int, int, int]:
    """(i0, i1, j0, j1): the Russian and English units a run of path steps covers."""
    (_, i0, j0), (last, i1, j1) = steps[0][0], steps[-1][0]
    return i0, i1 + last.shape[0], j0, j1 + last.shape[1]


def build_side(
    texts: Sequence[str], memo: TextVectors, max_span: int, exact: bool, groups: np.ndarray | None = None
) -> Side:
    """The scorer's view of one side; spans from their merged text (exact) or the mean of their units."""
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    vectors = memo.matrix(texts)
    if exact:
        spans = [vectors]
        for k in range(2, max_span + 1):
            starts = range(len(texts) - k + 1)
            # a span across two groups is never scored: a zero vector stands in for it
            inside = [groups is None or groups[s] == groups[s + k - 1] for s in starts]
            merged = memo.matrix([" ".join(texts[s : s + k]) for s in starts if inside[s]])
            full = np.zeros((len(starts), vectors.shape[1]), np.float32)
            full[np.asarray(inside, dtype=bool)] = merged
            spans.append(full)
        span_vectors = tuple(spans)
    else:
        span_vectors = mean_spans(vectors, lengths, max_span)
    return Side(span_vectors, lengths, number_hashes(list(texts)), continuations(list(texts)), groups)


def length_ratio(ru_lengths: np.ndarray, en_lengths: np.ndarray) -> float:
    """English/Russian characters over the whole document, the expectation of the length term."""
    total_ru, total_en = float(ru_lengths.sum()), float(en_lengths.sum())
    if total_ru <= 0 or total_en <= 0:
        return 1.0
    return float(np.clip(total_en / total_ru, 0.5, 2.0))
