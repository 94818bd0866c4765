"""The batch profile's processing rate: the busiest worker's document seconds after its first document."""

from __future__ import annotations

from benchmarks.batch_profile import busiest_worker_seconds


def test_each_workers_first_document_is_left_out_and_the_busiest_worker_sets_the_time():
    rows = [
        {"status": "done", "worker": "a", "seconds": 5.0},  # loads the encoder and the lexicon
        {"status": "done", "worker": "b", "seconds": 6.0},
        {"status": "done", "worker": "a", "seconds": 1.0},
        {"status": "failed", "worker": "b", "seconds": 9.0},  # not a processed document
        {"status": "done", "worker": "b", "seconds": 1.5},
        {"status": "done", "worker": "a", "seconds": 1.0},
    ]
    assert busiest_worker_seconds(rows) == (2.0, 3)
    assert busiest_worker_seconds([]) == (0.0, 0)
