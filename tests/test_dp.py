"""The alignment search kernel: a hand-solved lattice, a brute-force reference, bands and coarse-to-fine."""

from __future__ import annotations

import numpy as np
import pytest

from align.alignment.dots import pair_dots
from align.alignment.dp import Band, Bead, bead_cells, beads_within, fill, traceback
from align.alignment.features import continuations, number_hashes
from align.alignment.scoring import ScoreWeights, Side, mean_spans
from align.alignment.search import band_around_path, path_nodes, search

SMALL = (Bead.RU_ONLY, Bead.EN_ONLY, Bead.ONE_ONE, Bead.ONE_TWO, Bead.TWO_ONE)


def table_scores(band: Band, beads, one_one: np.ndarray, skip: float, merge: float) -> np.ndarray:
    """Scores from a 1-1 table: skips cost ``skip``, a 1-2 / 2-1 bead sums its pairs minus ``merge``."""
    cells = bead_cells(band, beads)
    out = np.full((len(beads), band.cells), -np.inf)
    n, m = one_one.shape
    for row, c in enumerate(cells):
        a, b = c.bead.shape
        for k in np.flatnonzero(c.inside & (c.i0 + a <= n) & (c.j0 + b <= m)):
            i0, j0 = c.i0[k], c.j0[k]
            if a == 0 or b == 0:
                out[row, k] = skip
            else:
                out[row, k] = one_one[i0 : i0 + a, j0 : j0 + b].sum() - merge * (a + b - 2)
    return out


def test_hand_solved_three_by_four():
    # ru r0..r2 against en e0..e3. Best: r0-e0 (5), r1-(e1,e2) (1 + 4 - 0.5), r2-e3 (3) = 12.5;
    # the runner-up r0-e0, e1 skipped (-1), r1-e2, r2-e3 makes 11.
    one_one = np.array([[5.0, 0, 0, 0], [0, 1, 4, 0], [0, 0, 0, 3]])
    band = Band.full(3, 4)
    scores = table_scores(band, SMALL, one_one, skip=-1.0, merge=0.5)
    total, back = fill(band, bead_cells(band, SMALL), scores)
    assert total[-1] == pytest.approx(12.5)
    assert traceback(band, back) == [(Bead.ONE_ONE, 0, 0), (Bead.ONE_TWO, 1, 1), (Bead.ONE_ONE, 2, 3)]


def reference_total(one_one: np.ndarray, beads, skip: float, merge: float) -> float:
    """Textbook DP over the full lattice with Python loops, for comparison."""
    n, m = one_one.shape
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for bead in beads:
                a, b = bead.shape
                if i - a < 0 or j - b < 0 or best[i - a, j - b] == -np.inf:
                    continue
                step = skip if a == 0 or b == 0 else one_one[i - a : i, j - b : j].sum() - merge * (a + b - 2)
                best[i, j] = max(best[i, j], best[i - a, j - b] + step)
    return best[n, m]


@pytest.mark.parametrize("seed", range(12))
def test_kernel_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 9, size=2)
    one_one = rng.normal(size=(n, m))
    beads = beads_within(3, 3, 4)
    band = Band.full(n, m)
    scores = table_scores(band, beads, one_one, skip=-0.3, merge=0.2)
    total, back = fill(band, bead_cells(band, beads), scores)
    assert total[-1] == pytest.approx(reference_total(one_one, beads, -0.3, 0.2))
    path = traceback(band, back)
    assert sum(b.shape[0] for b, _, _ in path) == n and sum(b.shape[1] for b, _, _ in path) == m
    walked = sum(
        scores[beads.index(b), band.index(np.array([i + b.shape[0]]), np.array([j + b.shape[1]]))[0][0]]
        for b, i, j in path
    )
    assert walked == pytest.approx(total[-1])


def test_blocks_band_keeps_problems_apart():
    band = Band.blocks(np.array([2, 0, 1, 3]), np.array([1, 2, 0, 2]))
    assert band.lo.tolist() == [0, 0, 0, 3, 3, 3, 3]
    assert band.hi.tolist() == [1, 1, 3, 5, 5, 5, 5]


def test_band_around_path_holds_the_path_and_stays_narrow():
    n, m = 1000, 900
    rows = np.linspace(0, n, 300).astype(int)
    cols = np.linspace(0, m, 300).astype(int)
    band = band_around_path((rows, cols), n, m, radius=5)
    assert np.all(band.lo <= np.interp(np.arange(n + 1), rows, cols) + 1)
    assert np.all(band.hi >= np.interp(np.arange(n + 1), rows, cols) - 1)
    assert band.cells <= (4 * 5 + 3) * (n + 1)  # about 2 radius (1 + slope) per row: linear in n, not n * m
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)


def synthetic_sides(n: int, rng: np.random.Generator) -> tuple[Side, Side, list[tuple[int, int]]]:
    """Russian units that are noisy copies of English ones, with some English units left out."""
    dim = 64
    en = rng.normal(size=(n, dim)).astype(np.float32)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    keep = np.sort(rng.choice(n, size=int(n * 0.9), replace=False))
    ru = en[keep] + 0.5 / np.sqrt(dim) * rng.normal(size=(len(keep), dim)).astype(np.float32)  # cosine ~0.9
    ru /= np.linalg.norm(ru, axis=1, keepdims=True)

    def side(vectors):
        texts = ["x" * 80] * len(vectors)
        lengths = np.full(len(vectors), 80.0)
        return Side(mean_spans(vectors, lengths, 3), lengths, number_hashes(texts), continuations(texts))

    return side(ru), side(en), [(i, int(j)) for i, j in enumerate(keep)]


def test_coarse_to_fine_finds_the_full_search_path():
    # 600 x 540 units: full search holds 325k cells; coarse-to-fine a band of ~19k
    rng = np.random.default_rng(7)
    ru, en, truth = synthetic_sides(600, rng)
    beads = beads_within(3, 3, 4)
    weights = ScoreWeights()
    full = search(ru, en, beads, 1.0, weights, full_cells=10**7)
    coarse = search(ru, en, beads, 1.0, weights, full_cells=5_000, radius=8)
    assert full.band.cells == (ru.n + 1) * (en.n + 1)
    assert coarse.band.cells < full.band.cells / 10
    assert coarse.path == full.path
    matched = {(i0, j0) for bead, i0, j0 in coarse.path if bead is Bead.ONE_ONE}
    assert matched == set(truth)  # every left-out English unit is a 0-1, nothing glued


def test_path_nodes_scale_to_the_finer_lattice():
    path = [(Bead.ONE_ONE, 0, 0), (Bead.RU_ONLY, 1, 1), (Bead.ONE_ONE, 2, 1)]
    rows, cols = path_nodes(path, 2, 5, 4)
    assert rows.tolist() == [0, 2, 4, 5] and cols.tolist() == [0, 2, 2, 4]


@pytest.mark.parametrize("rows", [[3], [0, 0, 0], [5, 5, 6, 130, 131, 400], list(range(300))])
def test_pair_dots_are_the_dot_products(rows):
    # regression: a band whose rows all fit in one block used to leave the output uninitialised
    rng = np.random.default_rng(len(rows))
    a, b = rng.normal(size=(401, 8)), rng.normal(size=(50, 8))
    rows = np.array(rows)
    cols = rng.integers(0, 50, size=len(rows))
    assert np.allclose(pair_dots(a, b, rows, cols), np.einsum("cd,cd->c", a[rows], b[cols]))


@pytest.mark.parametrize("seed", range(12))
def test_blocks_solved_together_give_the_path_of_the_row_by_row_kernel(seed):
    from align.alignment.dp_blocks import fill_blocks

    rng = np.random.default_rng(seed)
    groups = int(rng.integers(1, 30))
    ru_sizes, en_sizes = rng.integers(1, 9, groups), rng.integers(1, 9, groups)
    band = Band.blocks(ru_sizes, en_sizes)
    beads = beads_within(3, 3, 4, max_list=5 if seed % 2 else 0)
    cells = bead_cells(band, beads)
    # the aligner never scores a bead across two blocks; the row-by-row kernel needs that said
    rows = np.concatenate(([0], np.cumsum(ru_sizes)))
    cols = np.concatenate(([0], np.cumsum(en_sizes)))
    i, j = band.coordinates()
    end_block = np.maximum(np.searchsorted(rows[1:], i), np.searchsorted(cols[1:], j))
    scores = rng.normal(0.0, 1.0, (len(beads), band.cells))
    for k, c in enumerate(cells):
        inside_block = (c.i0 >= rows[end_block]) & (c.j0 >= cols[end_block])
        scores[k, ~inside_block] = -np.inf
        scores[k, rng.random(band.cells) < 0.1] = -np.inf  # some beads may not end here at all
    plain = Band(band.lo, band.hi, band.offset)
    expected = traceback(plain, fill(plain, cells, scores)[1])
    assert traceback(band, fill_blocks(band, cells, scores)[1]) == expected
