"""The alignment map: the similarity band around the path, hand-solved, and its drawing data."""

from __future__ import annotations

import numpy as np

from align.alignment.similarity_map import band_cells, path_centres
from align.model import Link


def test_centres_follow_the_path_through_an_unmatched_paragraph():
    links = [Link(("r0",), ("e0",), 0.9), Link(("r1",), (), 0.5), Link(("r2",), ("e1", "e2"), 0.8)]
    assert path_centres(links, ["r0", "r1", "r2"], ["e0", "e1", "e2"]) == [0.0, 0.0, 1.5]


def test_band_cells_are_cosines_within_the_band_hand_solved():
    ru = np.array([[2.0, 0.0], [0.0, 1.0]])
    en = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 3.0]])
    cells = band_cells(ru, en, [0.0, 2.0], band=1)
    assert cells == ((0, 0, 1.0), (0, 1, 0.707), (1, 1, 0.707), (1, 2, 1.0))
    assert band_cells(ru, en[:0], [0.0, 0.0]) == ()


def test_the_seed_map_covers_every_link_and_grows_with_the_document(seed_results):
    result = seed_results["000_4ec9cd2bec5d79c1"]
    cells = {(i, j) for i, j, _ in result.similarity_map}
    ru_at = {s.id: i for i, s in enumerate(result.ru)}
    en_at = {s.id: i for i, s in enumerate(result.en)}
    path = {(ru_at[a], en_at[b]) for x in result.alignment for a in x.ru for b in x.en}
    assert path <= cells
    assert len(cells) <= len(result.ru) * 13  # a band of 2 * 6 + 1 per Russian paragraph, not n * m
    sims = {(i, j): v for i, j, v in result.similarity_map}
    on_path = np.mean([sims[c] for c in path])
    off_path = np.mean([v for c, v in sims.items() if c not in path])
    assert on_path > off_path + 0.2  # the path runs where the two sides correspond
