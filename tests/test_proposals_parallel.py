"""A large document's proposals on two cores (a forked child does the first part) are those of one pass."""

from __future__ import annotations

import os

import pytest

from correct.proposals import document_proposals
from correct.proposals.parallel import run_parts, token_parts

SEED = "000_4ec9cd2bec5d79c1"


def test_token_parts_cover_every_token_once_in_order_and_share_the_work() -> None:
    counts = [5, 0, 3, 10, 1]
    for parts in (1, 2, 3, 7):
        runs = token_parts(counts, parts)
        flat = [piece for run in runs for piece in run]
        assert [k for k, _, _ in flat] == sorted(k for k, _, _ in flat)  # document order
        for k, n in enumerate(counts):
            pieces = [(lo, hi) for j, lo, hi in flat if j == k]
            assert pieces[0][0] == 0 and pieces[-1][1] == n  # a segment is covered ...
            assert all(a[1] == b[0] for a, b in zip(pieces[:-1], pieces[1:], strict=True))  # ... once, no gap
        sizes = [sum(hi - lo for _, lo, hi in run) for run in runs]
        assert max(sizes) - min(sizes) <= 1
    assert token_parts([7], 3) == [[(0, 0, 3)], [(0, 3, 5)], [(0, 5, 7)]]  # a huge paragraph is cut


def test_parts_run_in_a_forked_child_and_here() -> None:
    pids = run_parts(lambda part: (part, os.getpid()), 2, processes=2)
    assert [part for part, _ in pids] == [0, 1]
    assert pids[0][1] != os.getpid() and pids[1][1] == os.getpid()
    assert run_parts(lambda part: os.getpid(), 2, processes=1) == [os.getpid()] * 2


def test_two_processes_propose_what_one_does(
    workbench, seed_results, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = seed_results[SEED]
    corrector = workbench.corrector
    serial = corrector.propose(result.ru, result.en, result.alignment)
    monkeypatch.setattr(document_proposals, "PARALLEL_MIN_CHARS", 0)  # the seed counts as large
    monkeypatch.setattr(corrector, "processes", 2)
    assert corrector.propose(result.ru, result.en, result.alignment) == serial
    assert len(serial) > 100
