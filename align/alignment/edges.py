"""Edge evidence: a short unit that the other side writes as the first or last sentence of a paragraph.

A talk's "(Applause)" is a paragraph of its own in the English and the last sentence of the Russian
paragraph before it ("... Спасибо. (Аплодисменты)"). Merged into that paragraph it barely moves the
paragraph's embedding, so the bead's similarity cannot tell gluing it from leaving it out. Its
facing sentence can: the 1-2 bead (ru P, en A + B) scores, for the shorter of A and B, how far its
cosine with the sentence of P it faces (the first for A, the last for B) rises above its neighbour
mean (:func:`align.alignment.scoring.knn_means`). The same holds with the sides swapped.
"""

from __future__ import annotations

import numpy as np

from align.alignment.dots import pair_dots


def edge_evidence(
    i0: np.ndarray,
    j0: np.ndarray,
    shape: tuple[int, int],
    sides: tuple,
    knn: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """float64 [len(i0)]: max(0, cos(shorter unit of the pair, facing edge sentence) - its knn mean).

    ``sides``: the Russian and English :class:`align.alignment.scoring.Side`. 0 for beads other than
    1-2 and 2-1, and where the single unit has one sentence (its edge vectors are zero) or no edges.
    """
    a, b = shape
    out = np.zeros(len(i0))
    if (a, b) not in ((1, 2), (2, 1)):
        return out
    ru, en = sides
    single, pair, s0, p0, knn_pair = (ru, en, i0, j0, knn[1]) if a == 1 else (en, ru, j0, i0, knn[0])
    if single.edges is None:
        return out
    heads, tails = single.edges
    first_short = pair.lengths[p0] <= pair.lengths[p0 + 1]
    short = np.where(first_short, p0, p0 + 1)
    # cosines of every cell's short unit with both edges, as sorted-row dot products (band order)
    if a == 1:  # rows: the single Russian unit
        with_head = pair_dots(heads, pair.spans[0], s0, short)
        with_tail = pair_dots(tails, pair.spans[0], s0, short)
    else:  # rows: the short Russian unit of the pair (i0 or i0 + 1: still sorted by i0)
        with_head = pair_dots(pair.spans[0], heads, short, s0)
        with_tail = pair_dots(pair.spans[0], tails, short, s0)
    cosine = np.where(first_short, with_head, with_tail)
    has_edge = single.has_edge[s0]
    return np.where(has_edge, np.maximum(cosine - knn_pair[short], 0.0), 0.0)
