"""The built lexicon index is kept on disk: the next process reads it instead of building it again."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from correct.proposals.lexicon import Lexicon, LexiconConfig
from correct.proposals.lexicon_cache import cache_key, cache_paths, read_cached

SMALL = LexiconConfig(index_size=5_000)  # the same code path, a smaller index: the test stays quick


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon-cache")
    return folder, Lexicon.load(SMALL, cache_dir=folder)


def test_a_build_writes_the_cache_and_the_next_load_reads_the_same_lexicon(built):
    folder, first = built
    index_path, freq_path = cache_paths(folder, SMALL)
    assert index_path.exists() and freq_path.exists()
    t0 = time.perf_counter()
    again = Lexicon.load(SMALL, cache_dir=folder)
    assert time.perf_counter() - t0 < 5.0  # no rebuild (the benchmark reports the real figure)
    for word in ("превед", "горд", "москва", "сталин"):
        assert again.neighbours(word) == first.neighbours(word)
        assert again.zipf(word) == first.zipf(word)


def test_other_settings_or_package_versions_get_another_file():
    assert cache_key(SMALL) != cache_key(replace(SMALL, max_distance=1))
    assert cache_key(SMALL) != cache_key(replace(SMALL, index_size=6_000))
    assert cache_key(SMALL) == cache_key(LexiconConfig(index_size=5_000))


def test_a_damaged_cache_is_rebuilt_not_trusted(built, tmp_path):
    folder, first = built
    for path in cache_paths(folder, SMALL):
        (tmp_path / path.name).write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
    assert read_cached(tmp_path, SMALL) is None
    rebuilt = Lexicon.load(SMALL, cache_dir=tmp_path)
    assert rebuilt.neighbours("превед") == first.neighbours("превед")
    assert read_cached(tmp_path, SMALL) is not None  # and written again, whole


def test_an_unwritable_cache_folder_does_not_stop_the_load(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    lexicon = Lexicon.load(SMALL, cache_dir=blocker / "cache")
    assert lexicon.is_known("город")
