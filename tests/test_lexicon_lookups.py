"""The lexicon's fast lookups give what the slow ones gave.

SymSpell with the compiled OSA comparer, and the batch lookup (``symspell_index.lookup_all``), give
the very suggestions of symspellpy's own lookup and Python distance; the dictionary's one-edit forms,
found with a prefix walk that skips hopeless edits, are those of trying every edit (the brute force).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from symspellpy import SymSpell, Verbosity
from wordfreq import top_n_list

from correct.proposals.lexicon import LexiconConfig
from correct.proposals.symspell_index import CompiledOsa, empty_index, lookup_all

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_4ec9cd2bec5d79c1.txt"


def test_distance_is_optimal_string_alignment_with_symspells_cutoff():
    osa = CompiledOsa()
    assert osa.distance("китая", "китая", 2) == 0
    assert osa.distance("китая", "китяа", 2) == 1  # one transposition
    assert osa.distance("ca", "abc", 3) == 3  # OSA, not full Damerau (which says 2)
    assert osa.distance("битая", "китай", 1) == -1  # beyond the cutoff
    assert osa.distance("abc", "abd", 0) == -1
    assert osa.distance(None, "ab", 2) == 2
    assert osa.distance(None, "abc", 2) == -1


@pytest.fixture(scope="module")
def words():
    text = SEED.read_text(encoding="utf-8").lower()
    return sorted(set(re.findall(r"[а-яё]{2,}", text)))[:600]


def test_lookups_equal_symspellpys_own_distance(words):
    config = LexiconConfig()
    compiled = empty_index(config)
    python = SymSpell(max_dictionary_edit_distance=config.max_distance, prefix_length=config.prefix_length)
    for rank, word in enumerate(top_n_list("ru", 20_000)):
        if re.fullmatch(r"[а-яё-]+", word):
            compiled.create_dictionary_entry(word, 20_000 - rank)
            python.create_dictionary_entry(word, 20_000 - rank)

    def suggestions(index, word):
        return [(s.term, s.distance, s.count) for s in index.lookup(word, Verbosity.ALL, max_edit_distance=2)]

    found = 0
    for word in words:
        mine = suggestions(compiled, word)
        assert mine == suggestions(python, word), word
        found += len(mine)
    assert found > len(words)  # the check compared real suggestions, not empty lists


def test_the_batch_lookup_finds_what_symspells_own_lookup_finds(words):
    config = LexiconConfig()
    index = empty_index(config)
    for rank, word in enumerate(top_n_list("ru", 20_000)):
        if re.fullmatch(r"[а-яё-]+", word):
            index.create_dictionary_entry(word, 20_000 - rank)
    found = 0
    for distance in (1, 2):
        for word in [*words, "а", "ам", "китая", "китяа", "нефтеносныи"]:
            theirs = index.lookup(word, Verbosity.ALL, max_edit_distance=distance)
            mine = lookup_all(index, word, distance)
            assert {(t, d, c) for t, d, c in mine} == {(s.term, s.distance, s.count) for s in theirs}, word
            order = [(d, -c) for _, d, c in mine]
            assert order == sorted(order)  # nearest first, then the most frequent
            found += len(mine)
    assert found > 2 * len(words)


LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


def every_edit(word: str) -> set[str]:
    """Every string one deletion, swap, substitution or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    out |= {a + c + b for a, b in splits for c in LETTERS}
    return out - {word}


@pytest.fixture(scope="module")
def lexicon(workbench):
    return workbench.corrector.lexicon


def test_dictionary_edits_are_the_brute_forces(lexicon, words):
    morph = lexicon._morph
    sample = [*words[::15], "нефтеносныи", "зрелище", "елочкаx", "приветствуюм"]
    some = 0
    for word in sample:
        brute = sorted(w for w in every_edit(word) if len(w) > 1 and morph.word_is_known(w))
        assert lexicon.dictionary_edits(word) == brute, word
        some += bool(brute)
    assert some > len(sample) // 2
    assert "нефтеносный" in lexicon.dictionary_edits("нефтеносныи")  # a rare form the index lacks


def test_the_prefix_walk_reads_e_as_yo_too(lexicon):
    assert lexicon._prefix_reach("елочкаx") == len("елочка")  # the dictionary spells it "ёлочка"
    assert lexicon._prefix_reach("ъъъ") == 0
    assert lexicon._prefix_reach("привет") == len("привет")
