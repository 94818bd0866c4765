"""The built SymSpell index and wordfreq frequencies on disk, so that a process loads them in a second.

Building the index over 150,000 words takes about 4 s in every process (a CLI run, each batch
worker, the review app); unpickling it takes about 0.7 s with the garbage collector paused (it
would otherwise walk the million new objects again and again). A cache file is named by a key
over everything that shapes its content (the index settings, the versions of symspellpy and
wordfreq, this format's version), so a new release or setting builds a new file and never reads
a stale one. A damaged or unreadable file is rebuilt, not trusted.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import tempfile
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator

    from symspellpy import SymSpell

log = logging.getLogger(__name__)

FORMAT = 1  # bump when what the file holds changes


class IndexSettings(Protocol):
    """What shapes the index (``correct.proposals.lexicon.LexiconConfig`` has these)."""

    index_size: int
    max_distance: int
    prefix_length: int


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "absent"


def cache_key(config: IndexSettings) -> str:
    """A short hash of the index settings and the versions of the packages the content comes from."""
    parts = {
        "format": FORMAT,
        "symspellpy": _version("symspellpy"),
        "wordfreq": _version("wordfreq"),
        "index_size": config.index_size,
        "max_distance": config.max_distance,
        "prefix_length": config.prefix_length,
    }
    return hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def cache_paths(folder: Path, config: IndexSettings) -> tuple[Path, Path]:
    """(index file, frequencies file) of these settings and package versions."""
    stem = Path(folder) / f"lexicon-{cache_key(config)}"
    return stem.with_suffix(".symspell.pickle"), stem.with_suffix(".frequencies.pickle")


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_cached(folder: Path, config: IndexSettings) -> tuple[SymSpell, dict[str, float]] | None:
    """(index, frequencies) from ``folder``; None when absent or unreadable (then they are rebuilt)."""
    from correct.proposals.symspell_index import empty_index

    index_path, freq_path = cache_paths(folder, config)
    if not (index_path.exists() and freq_path.exists()):
        return None
    index = empty_index(config)
    try:
        with _collector_paused():
            loaded = index.load_pickle(index_path, compressed=False)
            with freq_path.open("rb") as fh:
                frequencies = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, TypeError, ValueError) as exc:
        log.warning("lexicon cache in %s unreadable (%s): rebuilding it", folder, exc)
        return None
    if not loaded or not isinstance(frequencies, dict):
        log.warning("lexicon cache in %s does not match its settings: rebuilding it", folder)
        return None
    return index, frequencies


def write_cached(folder: Path, config: IndexSettings, index: SymSpell, frequencies: dict[str, float]) -> None:
    """Write both files, each to a temporary file renamed into place; a failure only logs.

    The cache is an optimisation: a read-only or full disk must not stop the processing.
    """
    index_path, freq_path = cache_paths(folder, config)
    for path, write in (
        (freq_path, lambda fh: pickle.dump(frequencies, fh, protocol=pickle.HIGHEST_PROTOCOL)),
        (index_path, None),  # the index last: a pair is complete once it exists
    ):
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            if write is None:
                os.close(fd)
                index.save_pickle(tmp, compressed=False)
            else:
                with os.fdopen(fd, "wb") as fh:
                    write(fh)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("lexicon cache %s not written (%s)", path, exc)
            if tmp:
                Path(tmp).unlink(missing_ok=True)
            return
