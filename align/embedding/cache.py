"""On-disk embedding cache: one SQLite file per encoder, rows keyed by the SHA-1 of the text.

Re-processing a document (or a batch run that meets the same paragraph twice)
embeds nothing it has embedded before. SQLite in WAL mode lets two batch
workers read and write the same file at once; a write that meets another
writer's lock waits (``busy_timeout``) instead of failing, and ``INSERT OR
IGNORE`` makes a race on the same text harmless: both computed the same vector.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from align.embedding.encoders import Encoder
from align.wal import use_wal

SCHEMA = "CREATE TABLE IF NOT EXISTS embedding (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
BATCH = 500  # keys per SELECT: below SQLite's host-parameter limit on every version


log = logging.getLogger(__name__)


def cache_path(cache_dir: Path, encoder_name: str) -> Path:
    """The cache file of one encoder: a readable slug plus a hash, so two names never collide."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", encoder_name).strip("_")[-60:]
    digest = hashlib.sha1(encoder_name.encode("utf-8")).hexdigest()[:10]
    return Path(cache_dir) / f"embeddings-{slug}-{digest}.sqlite"


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class CachedEncoder(Encoder):
    """Wraps an encoder: looks every text up on disk first, embeds and stores only the new ones.

    Texts repeated within one call are embedded once as well.
    """

    def __init__(self, inner: Encoder, cache_dir: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.path = cache_path(cache_dir, inner.name)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.DatabaseError as exc:
            # A cache is disposable: a corrupt one is moved aside (kept for a look) and rebuilt.
            aside = self.path.with_name(self.path.name + ".corrupt")
            log.warning("%s: %s; moved to %s, starting an empty cache", self.path, exc, aside.name)
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self._create()

    def _create(self) -> None:
        db = self._connect()
        try:
            use_wal(db)  # two workers may create the file at the same moment
            with db:
                db.execute(SCHEMA)
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60.0)
        db.execute("PRAGMA busy_timeout=60000")
        return db

    def _lookup(self, db: sqlite3.Connection, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            marks = ",".join("?" * len(chunk))
            for key, blob in db.execute(f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk):
                found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        return found

    @property
    def composes(self) -> bool:
        return self.inner.composes

    def forget_pooled(self) -> None:
        self.inner.forget_pooled()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), dim], rows L2-normalised; new texts are embedded in one call."""
        return self._cached(texts, self.inner.encode)

    def encode_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> np.ndarray:
        """The vectors of ``" ".join(p)`` (or of ``keys``), cached under those texts."""
        texts = list(keys) if keys is not None else [" ".join(p) for p in parts]
        part_of = dict(zip(texts, parts, strict=True))
        return self._cached(texts, lambda new: self.inner.encode_joined([part_of[t] for t in new], new))

    def _cached(self, texts: Sequence[str], embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors of ``texts`` from disk, ``embed`` called once on the (unique) texts not there."""
        unique = list(dict.fromkeys(texts))
        keys = [text_key(t) for t in unique]
        db = self._connect()
        try:
            found = self._lookup(db, keys)
            missing = [i for i, k in enumerate(keys) if k not in found]
            if missing:
                vectors = np.asarray(embed([unique[i] for i in missing]), dtype=np.float32)
                rows = [(keys[i], vectors[r].tobytes()) for r, i in enumerate(missing)]
                with db:  # one transaction: a crash leaves the cache as it was
                    db.executemany("INSERT OR IGNORE INTO embedding (key, vector) VALUES (?, ?)", rows)
                for r, i in enumerate(missing):
                    found[keys[i]] = vectors[r]
        finally:
            db.close()
        if not texts:
            return self.inner.encode([])
        index = {t: found[k] for t, k in zip(unique, keys, strict=True)}
        return np.stack([index[t] for t in texts]).astype(np.float32, copy=False)
