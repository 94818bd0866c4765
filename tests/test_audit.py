"""The discrepancy audit on small documents written here: each check, severities, ids and ranking."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from align.audit import AuditConfig, Check, audit_document
from align.audit.flags import make_flag
from align.audit.numbers import digit_confusion
from align.audit.spread import MAD_TO_SIGMA, robust_norm
from align.ingest.segment import segment_sentences
from align.model import FlagKind, Link, Segment, SentenceLink, Severity, Span

DOC = "t"


def segments(lang: str, texts: list[str]) -> tuple[Segment, ...]:
    """Segments with real sentence splits; ids carry made-up raw offsets 100 apart."""
    segs = [
        Segment(id=f"{DOC}/{lang}@{i * 100}", lang=lang, text=t, start=i * 100, end=i * 100 + len(t))
        for i, t in enumerate(texts)
    ]
    return segment_sentences(segs)


def pairwise(ru: tuple[Segment, ...], en: tuple[Segment, ...]) -> tuple[Link, ...]:
    return tuple(Link(ru=(r.id,), en=(e.id,), score=0.9) for r, e in zip(ru, en, strict=True))


def audit(ru_texts, en_texts, links=None, config=AuditConfig()):
    ru, en = segments("ru", ru_texts), segments("en", en_texts)
    return audit_document(DOC, ru, en, links if links is not None else pairwise(ru, en), config), ru, en


FILLER_RU = "Сталин спрашивает, как обстоят дела с уборкой урожая в северных провинциях страны."
FILLER_EN = "Stalin asks how the harvest is going in the northern provinces of the country."


def test_seventy_against_twenty_thousand_is_a_likely_ocr_error():
    flags, ru, en = audit(
        ["Сообщает, что стоит за возвращение всех 116 тыс. военнопленных, в том числе 70 тыс. китайцев."],
        ["Informs that it is committed to having all 116 thous. POWs, including 20 thous. Chinese."],
    )
    (flag,) = [f for f in flags if f.kind == FlagKind.NUMBER]
    assert flag.severity == Severity.WARNING and "one explanation is OCR reading 2 as 7" in flag.message
    assert flag.values["ru"] == [70000] and flag.values["en"] == [20000]
    assert ru[0].text[flag.ru_spans[0].start : flag.ru_spans[0].end] == "70 тыс."
    assert en[0].text[flag.en_spans[0].start : flag.en_spans[0].end] == "20 thous."


def test_a_number_change_without_ocr_explanation_is_an_error():
    flags, _, _ = audit(
        ["Для разгрома корпуса нужно четырехкратное превосходство в живой силе и двойное в технике."],
        ["To defeat a corps one needs four-to-one superiority in manpower and three-to-one in equipment."],
    )
    (flag,) = [f for f in flags if f.kind == FlagKind.NUMBER]
    assert flag.severity == Severity.ERROR and flag.values["ru"] == [2] and flag.values["en"] == [3]


def test_differences_of_form_are_not_flagged():
    flags, _, _ = audit(
        [
            "В стране около 1,5 млн. безработных, а армия насчитывает 96.600 человек и девять дивизий.",
            "6 октября в 22 часа 30 минут я посетил его; беседа продолжалась 1 час 45 минут.",
        ],
        [
            "There are about 1.5 million unemployed, and the army counts 96,600 men and nine divisions.",
            "On 6 October, at 22:30 I visited him; the conversation lasted for 1 hour and 45 minutes.",
        ],
    )
    assert [f for f in flags if f.kind == FlagKind.NUMBER] == []


def test_a_number_moved_to_the_next_sentence_is_not_flagged():
    ru = segments("ru", ["Войска прибыли. Их было 5 полков."])
    en = segments("en", ["Troops arrived, 5 regiments. They were ready."])
    (r1, r2), (e1, e2) = ru[0].sentences, en[0].sentences
    link = Link(
        ru=(ru[0].id,),
        en=(en[0].id,),
        score=0.9,
        sentences=(SentenceLink((r1.id,), (e1.id,), 0.9), SentenceLink((r2.id,), (e2.id,), 0.9)),
    )
    flags = audit_document(DOC, ru, en, (link,))
    assert [f for f in flags if f.kind == FlagKind.NUMBER] == []


def test_ocr_digit_confusions():
    assert digit_confusion(70000, 20000) == ("7", "2")
    assert digit_confusion(25848, 25348) == ("8", "3")
    assert digit_confusion(1355, 1955) == ("3", "9")
    assert digit_confusion(70, 24) is None
    assert digit_confusion(70, 700) is None


def test_document_number_misread_in_an_unmatched_header_is_flagged():
    ru = segments("ru", ["ШИФРТЕЛЕГРАММА № 25348", FILLER_RU, "Продолжение шифртелеграммы № 25848"])
    en = segments("en", ["CIPHERED TELEGRAM NO. 25348", FILLER_EN])
    links = (*pairwise(ru[:2], en), Link(ru=(ru[2].id,), en=(), score=0.0))
    flags = audit_document(DOC, ru, en, links)
    (flag,) = [f for f in flags if f.kind == FlagKind.NUMBER]
    assert flag.values == {"ru": [25848], "en": [25348], "kinds": ["docno", "docno"]}
    assert "OCR reading 3 as 8" in flag.message


def test_unmatched_paragraphs_are_omissions_and_additions():
    ru_texts = [
        FILLER_RU,
        "Он также сказал, что в настоящее время они не располагают подготовленными кадрами.",
    ]
    ru, en = segments("ru", ru_texts), segments("en", [FILLER_EN, "7 October 1950"])
    links = (
        Link(ru=(ru[0].id,), en=(en[0].id,), score=0.9),
        Link(ru=(ru[1].id,), en=(), score=0.0),
        Link(ru=(), en=(en[1].id,), score=0.0),
    )
    flags = audit_document(DOC, ru, en, links)
    by_kind = {f.kind: f for f in flags}
    assert by_kind[FlagKind.OMISSION].severity == Severity.WARNING and by_kind[FlagKind.OMISSION].ru == (
        ru[1].id,
    )
    assert by_kind[FlagKind.ADDITION].severity == Severity.NOTE  # a short date line
    assert by_kind[FlagKind.ADDITION].en_spans[0].segment == en[1].id


def test_a_sentence_lost_inside_a_paragraph_is_flagged():
    ru = segments("ru", ["Мао считает, что спешить не следует. Американцы могут углубиться на север страны."])
    en = segments("en", ["Mao believes that there is no need to hurry."])
    (r1, r2), (e1,) = ru[0].sentences, en[0].sentences
    link = Link(
        ru=(ru[0].id,),
        en=(en[0].id,),
        score=0.8,
        sentences=(SentenceLink((r1.id,), (e1.id,), 0.8), SentenceLink((r2.id,), (), 0.0)),
    )
    flags = audit_document(DOC, ru, en, (link,))
    (flag,) = [f for f in flags if f.kind == FlagKind.OMISSION]
    assert flag.ru_spans[0].start == r2.start and "Sentence" in flag.message


def test_a_paragraph_far_longer_than_the_document_norm_is_flagged():
    ru_texts = [f"{FILLER_RU} Пункт {i}." for i in range(8)]
    en_texts = [f"{FILLER_EN} Item {i}." for i in range(8)]
    ru_texts.append(
        "СОВЕРШЕННО СЕКРЕТНО. Снятие копий с настоящего документа строго воспрещается всем лицам."
    )
    en_texts.append("Top Secret.")
    flags, ru, _ = audit(ru_texts, en_texts)
    (flag,) = [f for f in flags if f.kind == FlagKind.OMISSION]
    assert flag.ru == (ru[8].id,) and "longer than usual" in flag.message


def test_negation_on_one_side_only():
    flags, _, _ = audit(
        ["Он сказал, что они готовы двинуть свои части."],
        ["He said that they are not ready to move their divisions."],
    )
    (flag,) = [f for f in flags if f.kind == FlagKind.NEGATION]
    assert flag.values == {"en": ["not"]}


def test_negation_rendered_by_a_prefix_is_not_flagged():
    flags, _, _ = audit(
        ["Он считает нецелесообразным спешить с этим."],
        ["He believes it is not appropriate to make haste with this."],
    )
    assert [f for f in flags if f.kind == FlagKind.NEGATION] == []


def test_palladius_names_match_pinyin_and_a_different_name_is_flagged():
    flags, _, _ = audit(
        ["С китайской стороны т.т. Чжоу Энь-лай, Ли Ту-чунь и Мао Цзе-дун."],
        ["On the Chinese side comrades Zhou Enlai, Li Fuchun and Mao Zedong."],
    )
    names = [f for f in flags if f.kind == FlagKind.NAME]
    assert [f.values["ru"] for f in names] == [["Ту-чунь"]]
    assert names[0].severity == Severity.WARNING and "fuchun" in names[0].message


def test_declined_and_ocr_garbled_names_are_tolerated():
    flags, _, _ = audit(
        ["Он выразил пожелание, чтобы вместе с ЧЖОУ ЭНЬ-ЛАЕМ вылетели ШИ ЧЖЕ и ФЕДОРЕНКО к Сталину."],
        ["He expressed a wish that SHI ZHE and FEDORENKO fly with ZHOU ENLAI to Stalin."],
    )
    assert [f for f in flags if f.kind == FlagKind.NAME] == []


def test_an_added_english_name_is_noted():
    flags, _, _ = audit(
        ["Он выразил пожелание, чтобы вместе с ЧЖОУ ЭНЬ-ЛАЕМ вылетел ФЕДОРЕНКО."],
        ["He wished that ZHOU ENLAI and LIN BIAO were accompanied by FEDORENKO."],
    )
    (flag,) = [f for f in flags if f.kind == FlagKind.NAME]
    assert flag.values == {"en": ["LIN BIAO"]}


def test_weak_matches_are_relative_to_the_document():
    ru, en = segments("ru", [FILLER_RU] * 8), segments("en", [FILLER_EN] * 8)
    links = tuple(
        Link((r.id,), (e.id,), 0.2 if i == 5 else 0.8 + 0.01 * i)
        for i, (r, e) in enumerate(zip(ru, en, strict=True))
    )
    flags = audit_document(DOC, ru, en, links)
    (flag,) = [f for f in flags if f.kind == FlagKind.WEAK_MATCH]
    assert flag.ru == (ru[5].id,) and flag.severity == Severity.NOTE


def test_flags_are_ranked_by_severity_then_document_order():
    flags, _, _ = audit(
        ["Их было 70 тыс. человек.", "Он готов.", "Превосходство двойное."],
        ["There were 20 thous. people.", "He is not ready.", "A three-to-one superiority."],
    )
    ranks = [f.severity.rank for f in flags]
    assert ranks == sorted(ranks) and flags[0].kind == FlagKind.NUMBER and flags[0].severity == Severity.ERROR


def test_flag_ids_are_stable_and_independent_of_list_positions():
    ru_texts = ["Их было 70 тыс. человек.", FILLER_RU]
    en_texts = ["There were 20 thous. people.", FILLER_EN]
    first, _, _ = audit(ru_texts, en_texts)
    again, _, _ = audit(ru_texts, en_texts)
    assert [f.id for f in first] == [f.id for f in again]
    assert all(f.id.startswith(f"{DOC}/flag/{f.kind}/") for f in first)
    # An unrelated change elsewhere (a new last paragraph) leaves the existing flag's id alone.
    more, _, _ = audit([*ru_texts, "Прошу указаний."], [*en_texts, "I await instructions."])
    assert {f.id for f in first if f.kind == FlagKind.NUMBER} <= {f.id for f in more}


def test_checks_can_be_switched_off():
    flags, _, _ = audit(
        ["Их было 70 тыс."], ["There were 20 thous."], config=AuditConfig(checks=(Check.OMISSION,))
    )
    assert [f for f in flags if f.kind == FlagKind.NUMBER] == []


def test_a_mismatch_is_reported_even_when_sentence_alignment_left_its_sentence_unmatched():
    """Regression: the real aligner left "including 20 thous. Chinese" unmatched and 70/20 was lost."""
    ru = segments("ru", ["Стоит за возвращение всех 116 тыс. военнопленных, в том числе 70 тыс. китайцев."])
    en = segments("en", ["It wants all 116 thousand POWs returned. Including 20 thousand Chinese."])
    (r1,), (e1, e2) = ru[0].sentences, en[0].sentences
    link = Link(
        ru=(ru[0].id,),
        en=(en[0].id,),
        score=0.9,
        sentences=(SentenceLink((r1.id,), (e1.id,), 0.9), SentenceLink((), (e2.id,), 0.3)),
    )
    flags = audit_document(DOC, ru, en, (link,))
    (flag,) = [f for f in flags if f.kind == FlagKind.NUMBER]
    assert flag.values["ru"] == [70000] and flag.values["en"] == [20000]


def test_an_elision_mark_is_an_omission_and_covers_its_numbers():
    flags, ru, _ = audit(
        ["Расшифровал Араушкин, отпечатала Чередикина, № 8609, проверил Михайлов."], ["[...]"]
    )
    assert [f.kind for f in flags] == [FlagKind.OMISSION]
    assert flags[0].ru == (ru[0].id,) and "elides" in flags[0].message


def test_check_names_are_recorded_as_plain_strings():
    """A result's config lists the checks by the same names as before they became an enum."""
    recorded = json.loads(json.dumps(asdict(AuditConfig())))
    assert recorded["checks"] == ["number", "omission", "name", "negation", "weak_match"]


def test_make_flag_takes_everything_but_the_four_essentials_by_keyword():
    span = Span(f"{DOC}/ru@0", 0, 2)
    with pytest.raises(TypeError):
        make_flag(DOC, FlagKind.NUMBER, Severity.ERROR, "70 vs 20", [span])  # type: ignore[misc]
    flag = make_flag(DOC, FlagKind.NUMBER, Severity.ERROR, "70 vs 20", ru_spans=[span], en=[f"{DOC}/en@0"])
    assert flag.ru == (span.segment,) and flag.en == (f"{DOC}/en@0",) and flag.severity.rank == 0


def test_robust_norm_is_not_pulled_by_an_outlier():
    norm = robust_norm([1.0, 2.0, 3.0, 4.0, 100.0])  # deviations from 3: 2, 1, 0, 1, 97; MAD 1
    assert norm.median == 3.0 and norm.spread == MAD_TO_SIGMA


def test_a_small_dip_in_a_uniformly_scored_document_is_not_weak():
    """The spread floor: with every other score 0.8, the MAD is 0 and 0.75 would be "infinitely" low."""
    ru, en = segments("ru", [FILLER_RU] * 8), segments("en", [FILLER_EN] * 8)
    links = tuple(
        Link((r.id,), (e.id,), 0.75 if i == 5 else 0.8) for i, (r, e) in enumerate(zip(ru, en, strict=True))
    )

    def weak(config: AuditConfig) -> list:
        return [f for f in audit_document(DOC, ru, en, links, config) if f.kind == FlagKind.WEAK_MATCH]

    assert weak(AuditConfig(weak_ceiling=1.0)) == []
    assert len(weak(AuditConfig(weak_ceiling=1.0, weak_min_spread=0.0))) == 1
