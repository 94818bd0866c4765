"""Proposals linear in the size of a link: a huge pair checks a token against the English of its own
window, a pair of normal size against its whole linked English as before (timings: benchmarks/scaling.py).

The huge pairs are built from seed 000 as the pipeline aligned it: its paragraphs joined into one
paragraph a side, with the real sentence links, and a Latin name planted in one place.
"""

from __future__ import annotations

import re

import pytest

from align.model import Link, Segment, Sentence, SentenceLink
from correct.proposals.english_evidence import english_evidence
from correct.proposals.english_windows import LINK_CHARS, SegmentEnglish, english_windows
from correct.proposals.latin_evidence import latin_candidates
from correct.proposals.tokens import Token

SEED = "000_4ec9cd2bec5d79c1"
PLANT_RU, PLANT_EN = "Турция передала беспилотники Ваугакгаг.", "Turkey handed over Bayraktar drones."
# the same shape as "Ваугакгаг" ("г" may be a misread r, t or f): with both in view, neither is sure
RIVAL_EN = "Bayrakfar was not there."


class _Side:
    """One side of the joined pair: its text and its sentences with the ids of the seed's."""

    def __init__(self, seg_id: str) -> None:
        self.id, self.text, self.sentences, self.ids = seg_id, "", [], {}

    def add(self, old_id: str, text: str) -> str:
        start = len(self.text) + (1 if self.text else 0)
        self.text = f"{self.text} {text}" if self.text else text
        new_id = f"{self.id}.{start}"
        self.sentences.append(Sentence(new_id, start, start + len(text), text))
        self.ids[old_id] = new_id
        return new_id

    def segment(self, lang: str) -> Segment:
        text, sentences = self.text, tuple(self.sentences)
        return Segment(id=self.id, lang=lang, text=text, start=0, end=len(text), sentences=sentences)


def _joined(result, min_english: int, one_sentence_link: bool = False):
    """Seed paragraphs pair by pair into one huge pair, the rival name in the first English paragraph,
    the planted look-alike at the end; (ru, en, links, offset of the planted token)."""
    ru_by_id = {s.id: s for s in result.ru}
    en_by_id = {s.id: s for s in result.en}
    ru, en = _Side("h/ru@0"), _Side("h/en@0")
    sentence_links: list[SentenceLink] = []
    for n, link in enumerate(lk for lk in result.alignment if lk.ru and lk.en and lk.sentences):
        for seg_id in link.ru:
            for s in ru_by_id[seg_id].sentences:
                ru.add(s.id, s.text)
        for seg_id in link.en:
            for s in en_by_id[seg_id].sentences:
                en.add(s.id, s.text)
        for sl in link.sentences:
            mapped = (tuple(ru.ids[i] for i in sl.ru), tuple(en.ids[i] for i in sl.en))
            sentence_links.append(SentenceLink(*mapped, sl.score))
        if n == 0:
            sentence_links.append(SentenceLink((), (en.add("rival", RIVAL_EN),), 0.5))
        if len(en.text) >= min_english:
            break
    sentence_links.append(SentenceLink((ru.add("plant", PLANT_RU),), (en.add("plant", PLANT_EN),), 0.9))
    if one_sentence_link:  # no sentence end anywhere: the aligner can only link all to all
        sentence_links = [SentenceLink(tuple(ru.ids.values()), tuple(en.ids.values()), 0.5)]
    segments = ru.segment("ru"), en.segment("en")
    links = (Link((ru.id,), (en.id,), 0.9, tuple(sentence_links)),)
    return (segments[0],), (segments[1],), links, ru.text.index("Ваугакгаг")


@pytest.fixture(scope="module")
def seed(seed_results):
    return seed_results[SEED]


@pytest.mark.parametrize("one_sentence_link", [False, True])
def test_a_huge_pair_checks_a_token_against_the_english_of_its_own_window(seed, one_sentence_link):
    ru, en, links, at = _joined(seed, 2 * LINK_CHARS, one_sentence_link)
    assert len(en[0].text) > 2 * LINK_CHARS
    windows = english_windows(ru, en, links)[ru[0].id]
    assert len(windows.windows) > 4
    here, start = windows.windows[windows.at(at)].evidence, windows.windows[windows.at(0)].evidence
    assert "Bayraktar" in here.latin and "Bayrakfar" not in here.latin
    assert "Bayrakfar" in start.latin and "Bayraktar" not in start.latin
    token = Token(at, at + len("Ваугакгаг"), "Ваугакгаг")
    assert latin_candidates(token, here.latin)[0].text == "Bayraktar"
    # the whole pair names both: a tie, and no evidence for either (what a huge pair used to get)
    assert latin_candidates(token, english_evidence(en[0].text).latin) == []


def test_the_corrector_restores_the_planted_name_in_a_huge_pair(seed, workbench):
    ru, en, links, at = _joined(seed, 2 * LINK_CHARS)
    found = [p for p in workbench.corrector.propose(ru, en, links) if p.start == at]
    assert [p.suggestion for p in found] == ["Bayraktar"]


def test_a_pair_of_normal_size_keeps_its_whole_linked_english(seed, seed_results):
    ru, en, links, _ = _joined(seed, LINK_CHARS - 2_000)
    assert 6_000 < len(en[0].text) <= LINK_CHARS  # several thousand characters: taken whole, as ever
    windows = english_windows(ru, en, links)
    assert windows == {ru[0].id: SegmentEnglish.whole(english_evidence(en[0].text))}
    for result in seed_results.values():  # every pair of both seeds: the evidence of before
        en_text = {s.id: s.text for s in result.en}
        before = {
            rid: SegmentEnglish.whole(english_evidence(" ".join(en_text[e] for e in link.en)))
            for link in result.alignment
            if link.ru and link.en
            for rid in link.ru
        }
        assert english_windows(result.ru, result.en, result.alignment) == before


def test_the_russian_numbers_of_a_window_are_those_its_english_translates(seed):
    from correct.proposals.english_windows import TokenEnglish
    from correct.proposals.tokens import tokenize

    ru, en, links, at = _joined(seed, 2 * LINK_CHARS)
    tokens = tokenize(ru[0].text)
    windows = english_windows(ru, en, links)[ru[0].id]
    numbers = TokenEnglish(tokens, windows)
    plant = next(t for t in tokens if t.start == at)
    window = windows.windows[windows.at(at)]
    # a number is a run of digits, a token of its own or inside a word ("39-летнего")
    runs = [(t.start, run) for t in tokens for run in re.findall(r"\d+", t.text)]
    expected = {run for start, run in runs if window.ru_start <= start < window.ru_end}
    assert numbers(plant) == (window.evidence, expected)
    assert expected and expected < {run for _, run in runs}  # not the whole pair's
    whole = TokenEnglish(tokens, SegmentEnglish.whole(window.evidence))
    assert whole(plant)[1] == {run for _, run in runs}
    assert any(not t.text.isdigit() and re.search(r"\d", t.text) for t in tokens)  # the seed has such words
