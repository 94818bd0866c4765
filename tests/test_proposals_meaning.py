"""The meaning evidence: a fix is more likely right when it brings the word nearer to the linked English.

The real bundled encoder embeds the words and the English; the documents are small ones the tests write.
"""

from __future__ import annotations

import pytest

from align.ingest.segment import segment_sentences
from align.model import Link, Proposal, Segment, SentenceLink
from correct.pipeline import PipelineConfig, Workbench
from correct.proposals.meaning import CLIP, OPPOSES, SUPPORTS, EnglishContexts, meaning_reason, meaning_shifts
from tests.test_proposals import segs

RU = "Многие лзди думают, что это правда. Мы сидели дома."
EN = "Many people think that this is true. We stayed at home."


@pytest.fixture(scope="module")
def document():
    ru, en, links = segs(RU, EN)
    return segment_sentences(ru), segment_sentences(en), links


def fix(suggestion: str, original: str = "лзди") -> Proposal:
    start = RU.index(original)
    return Proposal(
        id=suggestion, segment="t/ru@0", start=start, end=start + len(original), original=original,
        suggestion=suggestion,
    )  # fmt: skip


def test_the_word_the_english_means_moves_nearest_to_it(document, workbench):
    ru, en, links = document
    people, lady, frets = meaning_shifts(
        [fix("люди"), fix("леди"), fix("лады")], ru, en, links, workbench.encoder.encode
    )
    assert people > lady and people > frets
    assert 0 < people <= CLIP


def test_the_meaning_lifts_the_fix_the_english_supports(document, workbench):
    ru, en, links = document
    plain = {p.original: p for p in workbench.corrector.propose(ru, en, links)}["лзди"]
    meant = {p.original: p for p in workbench.corrector.propose(ru, en, links, workbench.meaning_encoder())}[
        "лзди"
    ]
    assert plain.suggestion == meant.suggestion == "люди"
    assert meant.confidence > plain.confidence + 0.2


def test_no_linked_english_gives_no_meaning(workbench):
    ru, en, links = segs(RU, EN, linked=False)
    assert meaning_shifts([fix("люди")], ru, en, links, workbench.encoder.encode) == [None]


def test_a_word_is_compared_with_its_sentence_links_english_else_the_paragraphs():
    ru = (Segment(id="d/ru@0", lang="ru", text=RU, start=0, end=len(RU)),)
    en = (Segment(id="d/en@0", lang="en", text=EN, start=0, end=len(EN)),)
    ru, en = segment_sentences(ru), segment_sentences(en)
    first, second = ru[0].sentences
    sentence_links = (SentenceLink(ru=(second.id,), en=(en[0].sentences[1].id,), score=0.9),)
    contexts = EnglishContexts(
        ru, en, (Link(ru=("d/ru@0",), en=("d/en@0",), score=0.9, sentences=sentence_links),)
    )
    at = RU.index("сидели")
    assert contexts.of(
        Proposal(id="a", segment="d/ru@0", start=at, end=at + 6, original="сидели", suggestion="сидели")
    ) == ("We stayed at home.")
    unlinked = Proposal(
        id="b",
        segment="d/ru@0",
        start=first.start,
        end=first.start + 6,
        original="Многие",
        suggestion="Многие",
    )
    assert contexts.of(unlinked) == EN  # its sentence has no link: the linked paragraph
    assert (
        contexts.of(Proposal(id="c", segment="d/ru@9", start=0, end=1, original="x", suggestion="y")) is None
    )


def test_only_the_encoder_the_meaning_was_fitted_with_gives_it():
    assert Workbench(PipelineConfig(encoder="st:any-model")).meaning_encoder() is None


def test_the_reasons_tell_the_editor_what_the_english_meant(document, workbench):
    ru, en, links = document
    meant = {p.original: p for p in workbench.corrector.propose(ru, en, links, workbench.meaning_encoder())}
    assert SUPPORTS in meant["лзди"].reasons
    plain = {p.original: p for p in workbench.corrector.propose(ru, en, links)}
    assert not any(r.startswith("meaning:") for r in plain["лзди"].reasons)  # no encoder, nothing said
    assert meaning_reason(-1.0) == OPPOSES and meaning_reason(0.1) is None and meaning_reason(None) is None
