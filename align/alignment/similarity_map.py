"""The alignment map: paragraph similarities in a band around the chosen path.

A reviewer sees at a glance where the two sides stop corresponding when the similarity
matrix is drawn with the path on it (the review app's Alignment page). The whole matrix
of a 500-page file would be quadratic, so only a band is kept: for each Russian paragraph
the ``BAND`` English paragraphs either side of where the path puts it. The cells of the
path are inside the band, and the result grows linearly with the document.

Cells are ``(ru index, en index, cosine)`` with indices into ``Result.ru`` / ``Result.en``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.model import Link

# English paragraphs kept on each side of the path for each Russian paragraph: wide enough to show
# where a better counterpart lies (a shifted pair is rarely more than a few paragraphs away).
BAND = 6
DECIMALS = 3  # cosines are drawn, not computed with: three decimals keep the result small

Cell = tuple[int, int, float]


def path_centres(links: Sequence[Link], ru_ids: Sequence[str], en_ids: Sequence[str]) -> list[float]:
    """For each Russian paragraph, the English position the path gives it (an unmatched one takes
    the position of the pair before it, so the band follows the path through gaps)."""
    ru_at = {s: i for i, s in enumerate(ru_ids)}
    en_at = {s: i for i, s in enumerate(en_ids)}
    centre: dict[int, float] = {}
    for link in links:
        en = [en_at[s] for s in link.en if s in en_at]
        for s in link.ru:
            if s in ru_at and en:
                centre[ru_at[s]] = float(np.mean(en))
    out, last = [], 0.0
    for i in range(len(ru_ids)):
        last = centre.get(i, last)
        out.append(last)
    return out


def band_cells(
    ru: np.ndarray, en: np.ndarray, centres: Sequence[float], band: int = BAND
) -> tuple[Cell, ...]:
    """Cosines of each Russian paragraph vector with the English ones within ``band`` of its centre."""
    if not len(ru) or not len(en):
        return ()
    ru = ru / np.maximum(np.linalg.norm(ru, axis=1, keepdims=True), 1e-12)
    en = en / np.maximum(np.linalg.norm(en, axis=1, keepdims=True), 1e-12)
    cells: list[Cell] = []
    for i, c in enumerate(centres):
        lo, hi = max(0, int(round(c)) - band), min(len(en), int(round(c)) + band + 1)
        sims = en[lo:hi] @ ru[i]
        cells += [(i, j, round(float(v), DECIMALS)) for j, v in zip(range(lo, hi), sims, strict=True)]
    return tuple(cells)
