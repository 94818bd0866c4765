"""An empty SymSpell index whose edit distance is rapidfuzz's compiled OSA, not symspellpy's Python one.

SymSpell checks every candidate its deletes turn up with the Damerau optimal-string-alignment
distance; symspellpy computes it in pure Python, which was half the time of a lookup (issue 17:
the proposals of seed 000 spend most of their time in lookups). rapidfuzz, already a dependency,
computes the same distance in C++: the same suggestions and distances (``tests/test_lexicon.py``),
a lookup about twice as fast. symspellpy's own fast option needs another package (editdistpy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rapidfuzz.distance import OSA
from symspellpy.abstract_distance_comparer import AbstractDistanceComparer
from symspellpy.editdistance import DistanceAlgorithm, EditDistance
from symspellpy.helpers import null_distance_results

if TYPE_CHECKING:
    from symspellpy import SymSpell


class IndexShape(Protocol):
    """The settings an empty index takes (``LexiconConfig`` has them)."""

    max_distance: int
    prefix_length: int


class CompiledOsa(AbstractDistanceComparer):
    """symspellpy's distance contract (-1 beyond ``max_distance``) over rapidfuzz's OSA."""

    def distance(self, string_1: str | None, string_2: str | None, max_distance: int) -> int:
        if string_1 is None or string_2 is None:
            return null_distance_results(string_1, string_2, max_distance)
        if max_distance <= 0:
            return 0 if string_1 == string_2 else -1
        found = OSA.distance(string_1, string_2, score_cutoff=max_distance)
        return found if found <= max_distance else -1


def empty_index(settings: IndexShape) -> SymSpell:
    """A SymSpell index of these settings, comparing with ``CompiledOsa``."""
    from symspellpy import SymSpell

    return SymSpell(
        max_dictionary_edit_distance=settings.max_distance,
        prefix_length=settings.prefix_length,
        distance_comparer=EditDistance(DistanceAlgorithm.USER_PROVIDED, CompiledOsa()),
    )
