"""Names in any romanisation (an English surname the Russian does not write is flagged; a brand the
Russian writes in Latin, an acronym's plural and a name declined in Russian are not), and a negation
added inside a paragraph that negates elsewhere too."""

from __future__ import annotations

from align.alignment.document import align_document
from align.model import FlagKind
from tests.test_audit import audit, segments


def name_messages(ru: str, en: str) -> list[str]:
    flags, _ru, _en = audit([ru], [en])
    return [f.message for f in flags if f.kind == FlagKind.NAME]


def negation_flags(ru: str, en: str, encoder) -> list:
    """The negation flags of a one-paragraph document, with its real sentence alignment."""
    ru_segs, en_segs = segments("ru", [ru]), segments("en", [en])
    links = align_document(ru_segs, en_segs, encoder)
    flags, _ru, _en = audit([ru], [en], links=links)
    return [f for f in flags if f.kind == FlagKind.NEGATION]


def test_a_changed_surname_is_flagged():
    found = name_messages(
        "Здравствуйте, меня зовут Деннис Хонг, и мы возвращаем слепым свободу передвижения.",
        "Hello, my name is Dennis Pemberton, and we give the blind the freedom to move.",
    )
    assert any("Pemberton" in m and m.startswith("English name") for m in found)


def test_latin_in_the_russian_acronym_plurals_and_declined_names_are_not():
    assert not [
        m
        for m in name_messages(
            "Устройства DriveGrip и SpeedStrip подключены к компьютеру; военнопленные вернулись в Тюмень.",
            "The DriveGrip and SpeedStrip devices are connected to a computer; the POWs returned to Tyumen.",
        )
        if m.startswith("English name")
    ]


def test_a_negation_added_in_a_paragraph_that_negates_elsewhere_too_is_flagged(encoder):
    ru = "Мы не знали, когда придет поезд. Чехол выполнен из поликоттона. Материал приятен на ощупь."
    en = (
        "We did not know when the train would come. The cover is not made of polycotton. "
        "The fabric is pleasant."
    )
    negations = negation_flags(ru, en, encoder)
    assert len(negations) == 1 and "“not”" in negations[0].message
    # the same paragraph translated faithfully: both sides negate once, nothing to flag
    faithful = (
        "We did not know when the train would come. The cover is made of polycotton. The fabric is pleasant."
    )
    assert not negation_flags(ru, faithful, encoder)
