"""The one pymorphy3 analyser of a process, shared by the audit and the OCR proposals.

Loading pymorphy3's Russian dictionaries takes time and memory; every stage that
lemmatises or tags Russian calls ``russian_morphology()`` so it happens once.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def russian_morphology():
    """The pymorphy3 ``MorphAnalyzer``, created on first use (imports nothing at module load)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
