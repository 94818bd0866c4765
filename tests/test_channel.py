"""The noisy channel (channel.py), the letter counts it divides by, and what the proposer keeps of the OCR.

A fix whose edit OCR is seen to make is likelier than one of the same length it never makes; the ё the
OCR read stays; a lower-case word opening a paragraph gets its capital back with its letters; an English
J is read as Й too, so that "Йоханнесбург" is a transliteration of "Johannesburg", not an error of it.
"""

from __future__ import annotations

import pytest

from correct.proposals.channel import channel_evidence, text_count
from correct.proposals.confusion_table import count_letters, letter_counts
from correct.proposals.confusions import keep_yo
from correct.proposals.translit_evidence import latin_to_russian
from tests.test_proposals import segs

TEXT = "люди ждут на улице, и леди ждут, и дети ждут у двери"


def test_an_edit_the_data_has_seen_is_likelier_than_one_it_has_not():
    letters = count_letters([TEXT])
    learned = {"з>ю": 5}  # OCR read ю as з five times; з for е never
    seen = channel_evidence("лзди", "люди", learned, letters)
    unseen = channel_evidence("лзди", "леди", learned, letters)
    assert unseen < seen < 0.0
    # more text with the letter and no more misreadings of it: the misreading is rarer
    assert channel_evidence("лзди", "люди", learned, count_letters([TEXT * 3])) < seen


def test_the_channel_says_nothing_of_marks_case_and_deletions():
    letters = count_letters([TEXT])
    assert channel_evidence("©", "с", {"©>с": 20}, letters) == 0.0
    assert channel_evidence("итак", "Итак", {}, letters) == 0.0
    assert channel_evidence("лзди", "", {}, letters) == 0.0


def test_letter_counts_and_runs_of_letters():
    letters = count_letters(["аб", "ба"])
    assert letters[""] == 4 and letters["а"] == 2 and letters["аб"] == 1 and letters["ба"] == 1
    counts = {"ab": 2, "bc": 1, "b": 2, "": 10}
    assert text_count("abc", counts) == pytest.approx(2 * 1 / 2)  # P(ab) x P(c | b), as counts
    assert text_count("", counts) == 10  # an insertion: every character could have had it
    shipped = letter_counts()
    assert shipped[""] > 50_000 and shipped["о"] > shipped["ф"] > 0  # the corpus's Russian


def test_the_yo_the_ocr_read_is_kept():
    assert keep_yo("загрязиённого", "загрязненного") == "загрязнённого"
    assert keep_yo("трёниерную", "трехмерную") == "трёхмерную"
    assert keep_yo("мир", "мор") == "мор"
    assert keep_yo("Всё", "все") == "всё"


@pytest.fixture(scope="module")
def corrector(workbench):
    return workbench.corrector


def test_a_fix_keeps_the_yo_and_a_paragraph_opening_gets_its_capital(corrector):
    ru, en, links = segs("сласибо за приглашение. Над городом стояло облако загрязиённого воздуха.")
    found = {p.original: p for p in corrector.propose(ru, en, links)}
    assert found["сласибо"].suggestion == "Спасибо"
    assert found["загрязиённого"].suggestion == "загрязнённого"


def test_an_english_j_may_be_a_russian_y(corrector):
    assert "Йоханнесбург" in latin_to_russian("Johannesburg")
    ru, en, links = segs(
        "Однажды утром я ехал на работу в Йоханнесбурге и заметил облако над городом.",
        "One morning I was driving to work in Johannesburg and noticed a cloud over the city.",
    )
    assert [p for p in corrector.propose(ru, en, links) if p.original.startswith("Йоханнес")] == []
    ru, en, links = segs(
        "Однажды утром я ехал на работу в Фоханнесбурге и заметил облако над городом.",
        "One morning I was driving to work in Johannesburg and noticed a cloud over the city.",
    )
    found = {p.original: p for p in corrector.propose(ru, en, links)}["Фоханнесбурге"]
    assert "Йоханнесбурге" in (found.suggestion, *found.alternatives)  # Дж, Й and Ж: the editor chooses


def test_the_channel_breaks_a_tie_the_counts_alone_cannot():
    from correct.proposals.ranking import Candidate, CandidateSource, RankingConfig, rank

    # two one-edit words of one frequency; OCR was seen reading н as м twice (below the count from which a
    # learned confusion scores on its own), д as м never: the channel prefers "нора"
    cands = [
        Candidate("мода", 1, zipf=4.0, sources=frozenset({CandidateSource.LEXICON})),
        Candidate("нора", 1, zipf=4.0, sources=frozenset({CandidateSource.LEXICON})),
    ]
    learned = {"м>н": 2}
    assert rank(cands, "мора", RankingConfig(), learned)[0][0].text == "нора"
    flat = rank(cands, "мора", RankingConfig(channel_weight=0.0), learned)
    assert flat[0][1] == flat[1][1]  # without it, a tie


def test_odd_letters_do_not_break_the_channel_or_the_yo():
    # "İ" lower-cases to two characters: positions would shift, so the fix is left as it is
    assert keep_yo("İзагрязиённого", "İзагрязненного") == "İзагрязненного"
    assert channel_evidence("İёж", "еж", {}, {}) <= 0.0
