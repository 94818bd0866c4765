"""Sentence encoders behind one verb: texts -> L2-normalised float32 matrix [n, dim].

STUB owned by the alignment work (issue 3): ``load_encoder("use")`` for the
bundled offline USE-multilingual model, ``load_encoder("st:NAME_OR_PATH")`` for
sentence-transformers, with an on-disk cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Anything that embeds texts; ``name`` keys the embedding cache."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), dim], rows L2-normalised."""
        ...


def load_encoder(spec: str = "use", *, threads: int | None = None, cache_dir: Path | None = None) -> Encoder:
    """The encoder named by ``spec`` ("use" or "st:NAME_OR_PATH")."""
    raise NotImplementedError("encoders: issue 3")
