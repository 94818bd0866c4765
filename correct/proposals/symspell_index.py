"""An empty SymSpell index whose edit distance is rapidfuzz's compiled OSA, not symspellpy's Python one.

SymSpell checks every candidate its deletes turn up with the Damerau optimal-string-alignment
distance; symspellpy computes it in pure Python, which was half the time of a lookup (issue 17:
the proposals of seed 000 spend most of their time in lookups). rapidfuzz, already a dependency,
computes the same distance in C++: the same suggestions and distances (``tests/test_lexicon_lookups.py``),
a lookup about twice as fast. symspellpy's own fast option needs another package (editdistpy).

:func:`lookup_all` is SymSpell's lookup with every suggestion (``Verbosity.ALL``) written again: the same
deletes of the word's prefix, looked up in the index's deletes table, each word they reach compared once
with the compiled OSA. symspellpy walks every reached word through a dozen Python tests before the
distance; a cold lookup of distance 2 reaches about 2,700 (the cold start of the proposals, issue 17).
Three times faster, and the same suggestions and distances on every word of the corpus and the seeds
(``tests/test_lexicon_lookups.py``) but for words no longer than the distance ("ам" at 2), where
symspellpy counts a one-letter word reached through the empty delete at the full length ("а" at 2, not
1): those go to symspellpy. It reads the index's tables (``_words``, ``_deletes``, ``_prefix_length``,
``_max_length``, symspellpy 6); an index without them goes to symspellpy's own lookup too.
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


_TABLES = ("_words", "_deletes", "_prefix_length", "_max_length")  # what lookup_all reads of the index


def lookup_all(index: SymSpell, word: str, distance: int) -> list[tuple[str, int, int]]:
    """[(term, distance, count)] of every indexed word within ``distance`` (OSA) of ``word``, nearest first,
    then most frequent, then in term order: what ``index.lookup(word, Verbosity.ALL, distance)`` finds."""
    if len(word) <= distance or not all(hasattr(index, n) for n in _TABLES):
        from symspellpy import Verbosity

        found = index.lookup(word, Verbosity.ALL, max_edit_distance=distance)
        return [(s.term, s.distance, s.count) for s in found]
    words, deletes = index._words, index._deletes
    found: dict[str, int] = {word: 0} if word in words else {}
    if len(word) - distance > index._max_length:
        return _ordered(found, words)
    seen = {word}
    for piece in _deletes_of(word[: index._prefix_length], distance):
        for term in deletes.get(piece, ()):
            if term in seen or abs(len(term) - len(word)) > distance:
                continue
            seen.add(term)
            d = OSA.distance(word, term, score_cutoff=distance)
            if d <= distance:
                found[term] = d
    return _ordered(found, words)


def _ordered(found: dict[str, int], words: dict[str, int]) -> list[tuple[str, int, int]]:
    return sorted(((t, d, words[t]) for t, d in found.items()), key=lambda x: (x[1], -x[2], x[0]))


def _deletes_of(prefix: str, distance: int) -> list[str]:
    """The prefix and every string made of it by deleting up to ``distance`` characters (down to "")."""
    out = {prefix: None}
    frontier = [prefix]
    for _ in range(distance):
        shorter = []
        for piece in frontier:
            for k in range(len(piece)):
                cut = piece[:k] + piece[k + 1 :]
                if cut not in out:
                    out[cut] = None
                    shorter.append(cut)
        frontier = shorter
    return list(out)
