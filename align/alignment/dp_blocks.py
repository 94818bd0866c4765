"""The recurrence of :func:`align.alignment.dp.fill` for a block-diagonal band, all blocks at once.

A block-diagonal band (:meth:`align.alignment.dp.Band.blocks`) holds independent problems
one after another: the sentences of every paragraph pair, or the doubtful
stretches of a document. The best path passes through every block's start
corner, so each block can be solved with totals relative to its corner: the
backpointers, which are all the search keeps, are the same. Then the blocks
need not wait for one another, and one step of the loop takes local row ``t``
of every block: ~15 steps for a document's sentence pairs instead of ~300 rows.
"""

from __future__ import annotations

import numpy as np

from align.alignment.dp import Band, Bead, BeadCells


def fill_blocks(
    band: Band, cells: tuple[BeadCells, ...], scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(total, backpointer) as :func:`align.alignment.dp.fill` returns them, relative to each block's corner.

    A bead that would cross from one block into another scores ``-inf`` here
    whatever ``scores`` says.
    """
    assert band.sizes is not None and scores.shape == (len(cells), band.cells)
    rows = np.concatenate(([0], np.cumsum(band.sizes[0]))).astype(np.int64)
    cols = np.concatenate(([0], np.cumsum(band.sizes[1]))).astype(np.int64)
    i, j = band.coordinates()
    # a cell belongs to the block it ends in; a block's start corner is the previous block's end
    block = np.maximum(np.searchsorted(rows[1:], i, side="left"), np.searchsorted(cols[1:], j, side="left"))
    block = np.minimum(block, len(rows) - 2)
    local_row = i - rows[block]
    corner = band.index(rows[:-1], cols[:-1])[0][block]  # flat index of each cell's block corner
    zero = band.cells  # an extra slot holding 0: every block's corner, as its own block sees it
    total = np.full(band.cells + 1, -np.inf)
    total[zero] = 0.0
    back = np.full(band.cells, int(Bead.NONE), dtype=np.int8)
    starts, steps = [], []
    for k, c in enumerate(cells):
        from_corner = c.inside & (c.start == corner)
        same_block = c.inside & (block[c.start] == block)
        starts.append(np.where(from_corner, zero, c.start))
        steps.append(np.where(from_corner | same_block, scores[k], -np.inf))
    down = [k for k, c in enumerate(cells) if c.bead.shape[0] > 0]
    right = [k for k, c in enumerate(cells) if c.bead.shape == (0, 1)]
    beads = np.array([int(Bead.NONE)] + [int(cells[k].bead) for k in down + right], dtype=np.int8)
    order = np.lexsort((np.arange(band.cells), local_row))
    order = order[order != 0]  # the origin: the first block's corner, never computed
    bounds = np.searchsorted(local_row[order], np.arange(int(local_row.max(initial=0)) + 2))
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        at = order[lo:hi]  # local row t of every block, by flat index: each block's row, left to right
        if not len(at):
            continue
        cand = np.full((1 + len(down) + len(right), len(at)), -np.inf)
        for r, k in enumerate(down, start=1):
            cand[r] = total[starts[k][at]] + steps[k][at]
        for r, k in enumerate(right, start=1 + len(down)):  # 0-1 from the corner; along the row below
            cand[r] = np.where(starts[k][at] == zero, steps[k][at], -np.inf)
        pick = cand.argmax(axis=0)  # ties: no bead, then ``cells`` order, as in align.alignment.dp.fill
        best = cand[pick, np.arange(len(at))]
        arg = beads[pick]
        for k in right:
            _scan_rows(best, arg, at, starts[k][at], steps[k][at], bead=int(cells[k].bead))
        total[at] = best
        back[at] = arg
    return total[:-1], back


def _scan_rows(
    best: np.ndarray, arg: np.ndarray, at: np.ndarray, start: np.ndarray, step: np.ndarray, *, bead: int
) -> None:
    """In place: the 0-1 bead along rows, best[p] = max(best[p], best[p-1] + step[p]) where p-1 is p's start.

    Chains of cells that each start at the one before are walked by position in
    the chain, all chains at once.
    """
    chained = np.zeros(len(at), dtype=bool)
    chained[1:] = (start[1:] == at[:-1]) & np.isfinite(step[1:])
    if not chained.any():
        return
    run = np.cumsum(~chained)  # chain number
    first = np.flatnonzero(~chained)
    position = np.arange(len(at)) - first[run - 1]
    for k in range(1, int(position.max()) + 1):
        p = np.flatnonzero(position == k)
        cand = best[p - 1] + step[p]
        better = cand > best[p]
        best[p[better]] = cand[better]
        arg[p[better]] = bead
