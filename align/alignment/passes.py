"""The two passes of one alignment problem: the whole document, then every doubtful stretch again.

The first pass scores spans by the mean of their units' vectors over the whole document
(coarse-to-fine, :mod:`align.alignment.search`). The second re-searches every stretch that is
not a confident 1-1 match on merged-text embeddings and with list beads. Paragraphs
(:mod:`align.alignment.document`) and the sentences inside paragraph pairs
(:mod:`align.alignment.sentences`) both go through these passes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.alignment.config import AlignConfig
from align.alignment.dp import Band, Bead, beads_within
from align.alignment.search import one_blas_thread, search
from align.alignment.vectors import TextVectors, Units, build_side, length_ratio


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
    memo.add([text for edge in (*ru.edges, *en.edges) for text in edge if text])
    ru_side = build_side(ru, memo, config.max_ru, exact=False)
    en_side = build_side(en, memo, config.max_en, exact=False)
    ratio = length_ratio(ru_side.lengths, en_side.lengths)
    with one_blas_thread():
        result = search(
            ru_side, en_side, beads, ratio, config.weights, full_cells=config.full_cells, radius=config.radius
        )
        path = list(zip(result.path, result.confidences(), strict=True))
    knn = result.knn
    del result, ru_side, en_side  # the first pass's spans and scores: most of a huge document's memory
    if config.merged_text or config.max_list > max(config.max_ru, config.max_en):
        path = realign_stretches(path, ru, en, knn, memo, ratio=ratio, config=config)
    out = []
    for (bead, i0, j0), raw in path:
        a, b = bead.shape
        confidence = config.calibration.confidence(raw, matched=min(a, b) > 0)
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
    *,
    ratio: float,
    config: AlignConfig,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Step]:
    """Search doubtful stretches again with list beads, on merged-text embeddings (``merged_text``).

    The stretches go into searches over a block-diagonal band, one group per stretch and up to
    ``STRETCH_BATCH_CELLS`` cells a search, scored with the first pass's neighbour means (``knn``) so
    that a stretch is judged as part of its document.
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
    # With list beads (the paragraph pass) only pairs of units are embedded as merged text; longer
    # spans (3-unit merges, lists) take the mean of their units' vectors. Embedding every span of a
    # long stretch cost more than the rest of the search (seed 000: 396 merged texts against 272),
    # and the corpus, seeds and audit scores are the same either way (docs/alignment.md, "Speed").
    # Sentences (no lists) keep every span exact.
    exact = (
        (2 if config.max_list > max(config.max_ru, config.max_en) else max_span)
        if config.merged_text
        else False
    )
    if config.merged_text:
        _embed_merged_spans(memo, ru, en, bounds, exact)
    redone: list[list[Step]] = []
    cells = [(i1 - i0 + 1) * (j1 - j0 + 1) for i0, i1, j0, j1 in bounds]
    for batch in group_batches(cells, STRETCH_BATCH_CELLS):
        batch_bounds = [bounds[k] for k in batch]
        redone += _search_stretches(batch_bounds, ru, en, knn, memo, ratio=ratio, config=config, exact=exact)
    return _splice(path, stretches, redone)


# Lattice cells of the second pass searched at once. Stretches are independent problems (a block-diagonal
# band), so searching them in batches gives the same steps. What a batch holds is its units' span vectors
# (up to ``max_list`` levels a side, 2 kB each) more than its cells: in a 30 MB document (56 k paragraphs
# a side) one search over all 4,730 stretches (98 k cells) took 0.8 GiB.
STRETCH_BATCH_CELLS = 20_000


def group_batches(cells: Sequence[int], max_cells: int) -> list[list[int]]:
    """Indices of ``cells`` cut, in order, into runs of at most ``max_cells`` (a larger one alone)."""
    batches: list[list[int]] = []
    total = max_cells + 1
    for k, size in enumerate(cells):
        if total + size > max_cells:
            batches.append([])
            total = 0
        batches[-1].append(k)
        total += size
    return batches


def _search_stretches(
    bounds: list[tuple[int, int, int, int]],
    ru: Units,
    en: Units,
    knn,
    memo: TextVectors,
    *,
    ratio: float,
    config: AlignConfig,
    exact: bool | int,
) -> list[list[Step]]:
    """The new steps of each stretch in ``bounds``: one search over their block-diagonal band."""
    max_span = max(config.max_list, config.max_ru, config.max_en)
    ru_idx = np.concatenate([np.arange(i0, i1) for i0, i1, _, _ in bounds])
    en_idx = np.concatenate([np.arange(j0, j1) for _, _, j0, j1 in bounds])
    ru_sizes = np.array([i1 - i0 for i0, i1, _, _ in bounds])
    en_sizes = np.array([j1 - j0 for _, _, j0, j1 in bounds])
    ru_groups = np.repeat(np.arange(len(bounds)), ru_sizes)
    en_groups = np.repeat(np.arange(len(bounds)), en_sizes)
    ru_side = build_side(ru.subset(ru_idx), memo, max_span, exact, ru_groups)
    en_side = build_side(en.subset(en_idx), memo, max_span, exact, en_groups)
    beads = beads_within(config.max_ru, config.max_en, config.max_total, config.max_list)
    band = Band.blocks(ru_sizes, en_sizes)
    with one_blas_thread():
        result = search(
            ru_side, en_side, beads, ratio, config.weights, knn=(knn[0][ru_idx], knn[1][en_idx]), band=band
        )
        steps = list(zip(result.path, result.confidences(), strict=True))
    return _back_to_document(steps, bounds, ru_groups, en_groups)


def _embed_merged_spans(memo: TextVectors, ru: Units, en: Units, bounds: list, exact: int) -> None:
    """Embed the merged text of every span of 2 .. ``exact`` units inside each stretch, in one call."""
    memo.add_joined(
        [
            span
            for i0, i1, j0, j1 in bounds
            for span in (*merged_spans(ru.texts[i0:i1], exact), *merged_spans(en.texts[j0:j1], exact))
        ]
    )


def _back_to_document(
    steps: list[Step], bounds: list[tuple[int, int, int, int]], ru_groups: np.ndarray, en_groups: np.ndarray
) -> list[list[Step]]:
    """The steps of a block-diagonal search, per stretch, at the positions of the whole document."""
    ru_first = np.concatenate(([0], np.cumsum(np.bincount(ru_groups, minlength=len(bounds)))))
    en_first = np.concatenate(([0], np.cumsum(np.bincount(en_groups, minlength=len(bounds)))))
    redone: list[list[Step]] = [[] for _ in bounds]
    for (bead, i, j), conf in steps:
        g = int(ru_groups[i]) if bead.shape[0] else int(en_groups[j])
        i_doc, j_doc = bounds[g][0] + i - int(ru_first[g]), bounds[g][2] + j - int(en_first[g])
        redone[g].append(((bead, i_doc, j_doc), conf))
    return redone


def _splice(path: list[Step], stretches: list[tuple[int, int]], redone: list[list[Step]]) -> list[Step]:
    """``path`` with each stretch [start, stop) replaced by its new steps."""
    out, at = [], 0
    for (start, stop), steps in zip(stretches, redone, strict=True):
        out.extend(path[at:start])
        out.extend(steps)
        at = stop
    return out + path[at:]


def _units_of(steps: list[Step]) -> tuple[int, int, int, int]:
    """(i0, i1, j0, j1): the Russian and English units a run of path steps covers."""
    (_, i0, j0), (last, i1, j1) = steps[0][0], steps[-1][0]
    return i0, i1 + last.shape[0], j0, j1 + last.shape[1]
