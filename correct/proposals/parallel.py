"""Run the parts of one document's proposals on several cores: every part but the last in a forked child.

The proposals are pure Python (morphology, SymSpell, the ranking) and take one core: in a
2-million-character paragraph they were 32 s of the 71 s, while the encoder's second core idled.
Each token's candidates depend only on the document's resources, built before the fork, so the
children inherit them (copy on write; nothing is pickled but the answers) and the parts give the
same proposals as one pass.

Fork, not spawn: a spawned child would load the lexicon again (about 1 s) and receive the
document by pickle. A forked child runs only this module's work function and no library that
holds threads (the encoder and the embedding cache stay unused in it).
"""

from __future__ import annotations

import multiprocessing
from bisect import bisect_right
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# Russian characters above which the proposals of a document are split across cores: a fork costs tens
# of milliseconds, the proposals about 3 s per 100,000 characters.
PARALLEL_MIN_CHARS = 100_000

_WORK: Callable[[int], object] | None = None  # the work of the running ``run_parts``, inherited by fork


def _run_part(part: int) -> object:
    assert _WORK is not None, "a part runs only in a child forked by run_parts"
    return _WORK(part)


def run_parts(work: Callable[[int], T], parts: int, processes: int) -> list[T]:
    """``[work(0), ..., work(parts - 1)]``, on up to ``processes`` processes (this one does the last).

    Serial with one process, one part, or where fork is not available.
    """
    global _WORK
    if processes < 2 or parts < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(k) for k in range(parts)]
    _WORK = work
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(processes, parts) - 1, mp_context=context) as pool:
            futures = [pool.submit(_run_part, k) for k in range(parts - 1)]
            last = work(parts - 1)
            return [f.result() for f in futures] + [last]  # type: ignore[misc]
    finally:
        _WORK = None


def token_parts(counts: Sequence[int], parts: int) -> list[list[tuple[int, int, int]]]:
    """``parts`` runs of (segment index, first token, end token), in document order, of about equal
    token counts. Every segment appears (one without tokens too); a segment may be cut between two
    parts, as a huge paragraph is.
    """
    total = sum(counts)
    parts = max(1, min(parts, total))
    cuts = [-(-p * total // parts) for p in range(1, parts)]  # first token of parts 1 .. parts-1
    out: list[list[tuple[int, int, int]]] = [[] for _ in range(parts)]
    first = 0  # the segment's first token in the document
    for k, n in enumerate(counts):
        edges = [first, *(c for c in cuts if first < c < first + n), first + n]
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            out[bisect_right(cuts, lo)].append((k, lo - first, hi - first))
        first += n
    return out
