"""The one way the pipeline gets an encoder: the backend named in the config, behind the disk cache.

The encoder choice flows one way: ``PipelineConfig.encoder`` -> :func:`load_encoder` ->
:func:`align.embedding.encoders.encoder_for` (the backend) -> :class:`align.embedding.cache.CachedEncoder`
(when there is a cache folder). Neither the backends nor the cache know about each other.
"""

from __future__ import annotations

from pathlib import Path

from align.embedding.cache import CachedEncoder
from align.embedding.encoders import Encoder, encoder_for


def load_encoder(spec: str = "use", *, threads: int | None = None, cache_dir: Path | None = None) -> Encoder:
    """The encoder named by ``spec`` ("use" or "st:NAME_OR_PATH"), cached on disk under ``cache_dir``.

    ``threads`` is capped at the cores available to this process; an unknown spec or an
    "st:" model missing on this machine is an InputError here (see ``encoder_for``).
    """
    encoder = encoder_for(spec, threads)
    return encoder if cache_dir is None else CachedEncoder(encoder, Path(cache_dir))
