"""The Russian lexicon: which words exist, how frequent they are, and which are near a given string.

Three resources, each doing what it is good at (measured on the seeds):
pymorphy3's morphological dictionary decides whether a word exists, inflected
forms included (98 % detection; pyspellchecker's 20k-word list flags 43 % of
correct words); wordfreq's Russian list gives frequencies and names the
dictionary lacks ("Федоренко"); a SymSpell index (Garbe's symmetric-delete
algorithm) over the most frequent words gives every word within two edits in
microseconds, which held the right fix for every non-word error of the seeds.

Building the index takes a few seconds and a few hundred MB, so ``Lexicon.load`` is called
once per process (``Corrector`` does it lazily) and keeps the built index in a cache on disk.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import DamerauLevenshtein

from align.language.morphology import russian_morphology
from correct.proposals.lexicon_cache import read_cached, write_cached
from correct.proposals.tokens import normalise

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse
    from symspellpy import SymSpell

log = logging.getLogger(__name__)

_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
PARSE_CACHE = 200_000  # words whose parses are kept: a document's neighbours repeat, memory stays bounded
KNOWN_CACHE = 500_000  # words whose dictionary lookup is kept (a bool each, so more of them)
# suspect words whose neighbours and one-edit forms are kept: a lookup costs milliseconds, and a
# long document (or a batch worker's next one) asks again for the garbled forms of its names
NEIGHBOUR_CACHE = 20_000
COUNT_SCALE = 1e9  # SymSpell wants integer counts: wordfreq frequencies as counts per billion words


@dataclass(frozen=True)
class LexiconConfig:
    """Sizes and thresholds of the lexicon."""

    index_size: int = 150_000  # most frequent wordfreq words in the SymSpell index; load time grows with it
    max_distance: int = 2  # SymSpell edit distance; 2 covers the seeds' non-word errors
    # SymSpell prefix: 5 loads in 0.55 s from the cache against 1.3 s for 7 (the library default) and gives
    # the same proposals on scanned/ and the seeds; lookups cost more (seed 000: 2.2 s against 1.6 s)
    prefix_length: int = 5
    name_zipf: float = 2.8  # a capitalised word the dictionary lacks is a known name from this Zipf on
    word_zipf: float = 3.5  # a lower-case word the dictionary lacks counts as known from this Zipf on


def _build_index(config: LexiconConfig) -> tuple[SymSpell, dict[str, float]]:
    """The SymSpell index over the most frequent Cyrillic words of wordfreq, and wordfreq's frequencies."""
    from wordfreq import get_frequency_dict

    from correct.proposals.symspell_index import empty_index

    frequencies = get_frequency_dict("ru")
    index = empty_index(config)
    ranked = sorted(frequencies.items(), key=lambda kv: -kv[1])
    n = 0
    for word, freq in ranked:
        if n >= config.index_size:
            break
        if _CYRILLIC_WORD.fullmatch(word):
            index.create_dictionary_entry(word, max(1, int(freq * COUNT_SCALE)))
            n += 1
    return index, frequencies


class Lexicon:
    """Word existence, frequency and near neighbours; build with :meth:`load`."""

    def __init__(
        self, config: LexiconConfig, morph: MorphAnalyzer, frequencies: dict[str, float], index: SymSpell
    ) -> None:
        self.config = config
        self._morph = morph
        self._freq = frequencies
        self._index = index
        self.extra: frozenset[str] = frozenset()  # corpus words accepted by editors (memory)
        # grammar checks parse the same neighbours many times: a bounded cache, shared by with_extra copies
        self._parse = functools.lru_cache(maxsize=PARSE_CACHE)(morph.parse)
        self._known = functools.lru_cache(maxsize=KNOWN_CACHE)(morph.word_is_known)
        self._lookup = functools.lru_cache(maxsize=NEIGHBOUR_CACHE)(self._index_lookup)
        self._edits = functools.lru_cache(maxsize=NEIGHBOUR_CACHE)(self._dictionary_edits)
        self._pos_share = functools.lru_cache(maxsize=PARSE_CACHE)(self._parts_of_speech_share)

    @classmethod
    def load(cls, config: LexiconConfig = LexiconConfig(), cache_dir: Path | None = None) -> Lexicon:
        """Load pymorphy3, wordfreq and the SymSpell index (once per process).

        With ``cache_dir`` the built index and the frequencies are read from there when a cache
        of the same settings and package versions exists (under a second), and written there
        after a build (about 5 s) otherwise (:mod:`correct.proposals.lexicon_cache`).
        """
        t0 = time.perf_counter()
        morph = russian_morphology()  # the process's one analyser, shared with the audit
        cached = read_cached(cache_dir, config) if cache_dir is not None else None
        if cached is None:
            index, frequencies = _build_index(config)
            if cache_dir is not None:
                write_cached(cache_dir, config, index, frequencies)
        else:
            index, frequencies = cached
        log.info("lexicon loaded in %.1f s (%s)", time.perf_counter() - t0, "cache" if cached else "built")
        return cls(config, morph, frequencies, index)

    def with_extra(self, words: Iterable[str]) -> Lexicon:
        """This lexicon plus corpus words (accepted corrections): known, and candidates.

        A new object sharing the loaded resources; the shared lexicon is never changed,
        so corpora with different memories can use one loaded Lexicon.
        """
        other = Lexicon(self.config, self._morph, self._freq, self._index)
        other._parse, other._known, other._edits = self._parse, self._known, self._edits
        other._pos_share = self._pos_share
        other._lookup = self._lookup  # the index's answers; extra words are added per call
        other.extra = frozenset(normalise(w) for w in words)
        return other

    def zipf(self, word: str) -> float:
        """Zipf frequency (log10 per billion words) of a lower-case word; 0 when unseen."""
        f = self._freq.get(word, 0.0)
        return math.log10(f) + 9.0 if f > 0 else 0.0

    def in_dictionary(self, word: str) -> bool:
        """The morphological dictionary knows this lower-case form (inflections included)."""
        return word in self.extra or self._known(word)

    def is_known(self, word: str, capitalised: bool = False) -> bool:
        """A real word: in the dictionary, or frequent enough (names need less) in wordfreq."""
        if self.in_dictionary(word):
            return True
        return self.zipf(word) >= (self.config.name_zipf if capitalised else self.config.word_zipf)

    def neighbours(self, word: str, max_distance: int | None = None) -> list[tuple[str, int]]:
        """Indexed words within ``max_distance`` edits (Damerau), nearest first: [(word, distance)]."""
        d = self.config.max_distance if max_distance is None else min(max_distance, self.config.max_distance)
        found = list(self._lookup(word, d))
        if self.extra:
            seen = {w for w, _ in found}
            for w in self.extra - seen:
                dist = DamerauLevenshtein.distance(word, w, score_cutoff=d)
                if dist <= d:
                    found.append((w, dist))
            found.sort(key=lambda wd: wd[1])
        return found

    def one_edit_from(self, word: str) -> bool:
        """An indexed word is one edit from ``word`` (then ``word`` is likely that word misread)."""
        return any(d == 1 for _, d in self.neighbours(word, 1))

    def _index_lookup(self, word: str, distance: int) -> tuple[tuple[str, int], ...]:
        from correct.proposals.symspell_index import lookup_all  # symspellpy's import waits for a lookup

        return tuple((term, d) for term, d, _ in lookup_all(self._index, word, distance))

    def dictionary_edits(self, word: str) -> list[str]:
        """Dictionary words one edit from ``word`` (substitution, deletion, insertion, swap).

        Complements the SymSpell index, which holds only the most frequent words:
        the morphological dictionary knows rare inflected forms ("нефтеносным")
        and a DAWG lookup per edit is cheap (~1,000 edits for a 12-letter word).
        """
        return list(self._edits(word))

    def _dictionary_edits(self, word: str) -> tuple[str, ...]:
        letters = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
        # an edit after the longest prefix any dictionary word has cannot give a word: skip those
        reach = self._prefix_reach(word) + 1
        splits = [(word[:i], word[i:]) for i in range(min(len(word), reach) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
        edits |= {a + c + b for a, b in splits for c in letters}
        edits.discard(word)
        return tuple(sorted(w for w in edits if len(w) > 1 and self._morph.word_is_known(w)))

    def _prefix_reach(self, word: str) -> int:
        """Length of the longest prefix of ``word`` some dictionary word starts with (е also as ё).

        Asked through ``iterkeys(prefix)``, which both DAWG backends of pymorphy3 have: the compiled
        ``dawg`` (DAWG2, pymorphy3's "fast" extra, which we install: parsing ~3x faster) and the
        pure-Python ``dawg_python`` it falls back to."""
        words = self._morph.dictionary.words
        prefixes, n = [""], 0
        for ch in word:
            longer = [p + c for p in prefixes for c in (("е", "ё") if ch == "е" else (ch,))]
            prefixes = [p for p in longer if next(iter(words.iterkeys(p)), None) is not None]
            if not prefixes:
                break
            n += 1
        return n

    def tags(self, word: str) -> set[str]:
        """Grammemes of the most likely parse (for reasons and agreement checks)."""
        return set(self._morph.parse(word)[0].tag.grammemes)

    def parses(self, word: str) -> list[Parse]:
        """All pymorphy3 parses of a word."""
        return self._parse(word)

    def pos_share(self, word: str, pos: frozenset[str]) -> float:
        """The share of a word's parse probability that is of these parts of speech (memoised: agreement
        checks ask it of the same neighbour for every parse of every candidate)."""
        return self._pos_share(word, pos)

    def _parts_of_speech_share(self, word: str, pos: frozenset[str]) -> float:
        return sum(p.score for p in self._parse(word) if p.tag.POS in pos)

    def indexed_counts(self) -> dict[str, int]:
        """The SymSpell index's words with their counts (per billion words): the frequency list it holds."""
        return dict(self._index.words)

    def known_prefixes(self, word: str) -> set[str]:
        """Prefixes pymorphy3 reads a word with as prefix + dictionary word ("авто" of "авторынок").

        Such a word is a regular compound the dictionary lists under its parts, not two words run
        together: no split is proposed for it.
        """
        return {
            str(step[1])
            for parse in self._parse(word)
            for step in parse.methods_stack
            if type(step[0]).__name__ == "KnownPrefixAnalyzer" and len(step) > 1
        }
