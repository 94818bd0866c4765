"""The aligner on small documents written here, and on the seeds against the gold (the acceptance test)."""

from __future__ import annotations

import pytest

from align.alignment.config import AlignConfig
from align.alignment.document import align_document
from align.ingest.segment import segment_sentences
from align.model import Link, Segment
from benchmarks.common import alignment_score, load_gold, raw_texts


def segments(lang: str, texts: list[str]) -> tuple[Segment, ...]:
    out, at = [], 0
    for text in texts:
        out.append(Segment(id=f"t/{lang}@{at}", lang=lang, text=text, start=at, end=at + len(text)))
        at += len(text) + 2
    return segment_sentences(out)


RU = [
    "ЗАПИСЬ БЕСЕДЫ ТОВАРИЩА МОЛОТОВА С ПОСЛОМ ФРАНЦИИ",
    "Молотов спрашивает, сколько времени продлится поездка делегации по Сибири.",
    "стр. 17",
    "Посол отвечает, что делегация пробудет в Сибири около трех недель и посетит",
    "Новосибирск, Иркутск и несколько заводов на Урале.",
    "Молотов соглашается с этим и обещает помочь с поездами.",
]
EN = [
    "RECORD OF CONVERSATION BETWEEN COMRADE MOLOTOV AND THE FRENCH AMBASSADOR",
    "Molotov asks how long the delegation's trip through Siberia will last.",
    "The Ambassador replies that the delegation will stay in Siberia for about three weeks and will visit "
    "Novosibirsk, Irkutsk and several factories in the Urals.",
    "Molotov agrees and promises to help with the trains.",
    "[Signature illegible]",
]


def as_text(link: Link, ru, en) -> tuple[list[str], list[str]]:
    by_id = {s.id: s.text for s in (*ru, *en)}
    return [by_id[i][:12] for i in link.ru], [by_id[i][:12] for i in link.en]


def assert_covers_in_order(links, ru, en):
    assert [i for link in links for i in link.ru] == [s.id for s in ru]
    assert [i for link in links for i in link.en] == [s.id for s in en]
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_debris_stays_alone_and_a_broken_paragraph_is_joined(encoder):
    ru, en = segments("ru", RU), segments("en", EN)
    links = align_document(ru, en, encoder)
    assert_covers_in_order(links, ru, en)
    shapes = [(len(link.ru), len(link.en)) for link in links]
    assert shapes == [(1, 1), (1, 1), (1, 0), (2, 1), (1, 1), (0, 1)]
    debris = links[2]
    assert as_text(debris, ru, en) == (["стр. 17"], [])
    assert links[3].score > 0.8 and links[1].score > 0.8


def test_every_sentence_is_linked_once_inside_its_paragraph_pair(encoder):
    ru = segments(
        "ru", ["Сталин спрашивает о здоровье Мао. Он интересуется поездкой. Делегация доехала хорошо."]
    )
    en = segments(
        "en", ["Stalin asks about Mao's health and inquires about the trip. The delegation travelled well."]
    )
    (link,) = align_document(ru, en, encoder)
    ru_ids = [s.id for s in ru[0].sentences]
    en_ids = [s.id for s in en[0].sentences]
    assert len(ru_ids) == 3 and len(en_ids) == 2
    assert [i for s in link.sentences for i in s.ru] == ru_ids
    assert [i for s in link.sentences for i in s.en] == en_ids
    assert (ru_ids[0], ru_ids[1]) in [s.ru for s in link.sentences]  # two Russian sentences, one English
    assert all(0.0 <= s.score <= 1.0 for s in link.sentences)


def test_a_segment_without_sentences_is_its_own_sentence(encoder):
    ru = (Segment(id="t/ru@0", lang="ru", text="Сталин соглашается с этим.", start=0, end=26),)
    en = (Segment(id="t/en@0", lang="en", text="Stalin agrees to this.", start=0, end=22),)
    (link,) = align_document(ru, en, encoder)
    assert [(s.ru, s.en) for s in link.sentences] == [(("t/ru@0.0",), ("t/en@0.0",))]


def test_a_list_read_as_one_paragraph_is_linked_to_all_its_items(encoder):
    ru = segments(
        "ru",
        [
            "Министр сообщает, что доклад будет разослан в следующие ведомства.",
            "Рассылка: экз. 1 - Министерство финансов, экз. 2 - Министерство обороны, "
            "экз. 3 - Министерство путей сообщения, экз. 4 - Государственный архив, экз. 5 - Госплан",
            "Министр просит вернуть все экземпляры через неделю.",
        ],
    )
    en = segments(
        "en",
        [
            "The Minister reports that the report will be sent to the following agencies.",
            "Distribution:",
            "1 - Ministry of Finance",
            "2 - Ministry of Defence",
            "3 - Ministry of Railways",
            "4 - State Archive",
            "5 - State Planning Committee",
            "The Minister asks that all copies be returned within a week.",
        ],
    )
    links = align_document(ru, en, encoder)
    assert_covers_in_order(links, ru, en)
    listed = next(link for link in links if link.ru == (ru[1].id,))
    assert listed.en == tuple(s.id for s in en[1:7])


def test_one_side_empty_gives_unmatched_links(encoder):
    ru = segments("ru", RU[:2])
    links = align_document(ru, (), encoder)
    assert [(link.ru, link.en) for link in links] == [((s.id,), ()) for s in ru]
    assert align_document((), (), encoder) == ()


def test_same_input_same_links(encoder):
    ru, en = segments("ru", RU), segments("en", EN)
    assert align_document(ru, en, encoder) == align_document(ru, en, encoder)


def test_mean_span_vectors_give_the_same_alignment_here(encoder):
    ru, en = segments("ru", RU), segments("en", EN)
    exact = align_document(ru, en, encoder, AlignConfig(sentences=False))
    mean = align_document(ru, en, encoder, AlignConfig(sentences=False, merged_text=False))
    assert [(x.ru, x.en) for x in exact] == [(x.ru, x.en) for x in mean]


@pytest.mark.parametrize("stem", ["000_4ec9cd2bec5d79c1", "002_98cc284bed931188"])
def test_seed_alignment_f1_at_least_097(seed_results, stem):
    gold = load_gold(stem)
    if gold is None:
        pytest.skip("gold data not found (clone with ../shared beside the repo)")
    result = seed_results[stem]
    score = alignment_score(
        result.alignment,
        result.ru,
        result.en,
        raw_texts(result.document.source, result.document.encoding),
        gold,
    )
    assert score.f1 >= 0.97, score
    assert_covers_in_order(result.alignment, result.ru, result.en)
    assert all(link.sentences for link in result.alignment)


def test_confident_links_are_right(seed_results):
    # calibration, roughly: the links the aligner is sure of (>= 0.95) are nearly all right, and most
    # matches are sure (an unmatched unit's confidence is the share of those right: never sure)
    for stem, result in seed_results.items():
        gold = load_gold(stem)
        if gold is None:
            pytest.skip("gold data not found")
        sure = [link for link in result.alignment if link.score >= 0.95]
        raw = raw_texts(result.document.source, result.document.encoding)
        score = alignment_score(sure, result.ru, result.en, raw, gold)
        assert score.precision >= 0.98, (stem, score)
        matched = [link for link in result.alignment if link.ru and link.en]
        assert len(sure) >= 0.6 * len(matched)


def test_doubtful_stretches_take_their_neighbours_but_never_cross_a_group():
    from align.alignment.dp import Bead
    from align.alignment.passes import doubtful_stretches

    one, skip = Bead.ONE_ONE, Bead.RU_ONLY
    # steps: confident 1-1, 1-1, a 1-0 gap, then (next group) 1-1, 1-1
    path = [
        ((one, 0, 0), 0.9),
        ((one, 1, 1), 0.9),
        ((skip, 2, 2), 0.9),
        ((one, 3, 2), 0.9),
        ((one, 4, 3), 0.9),
    ]
    assert doubtful_stretches(path, 0.5, 10) == [(1, 4)]  # the gap with a neighbour on each side
    assert doubtful_stretches(path, 0.5, 10, step_groups=[0, 0, 0, 1, 1]) == [(1, 3)]
    # a lone gap at the start of a group, with no other unit in the group: nothing to re-search
    assert doubtful_stretches(path, 0.5, 10, step_groups=[0, 0, 1, 2, 2]) == []
