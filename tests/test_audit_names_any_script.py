"""Names in any romanisation: an English surname the Russian does not write is flagged; a brand the
Russian writes in Latin, an acronym's plural and a name declined in Russian are not."""

from __future__ import annotations

from align.model import FlagKind
from tests.test_audit import audit


def name_messages(ru: str, en: str) -> list[str]:
    flags, _ru, _en = audit([ru], [en])
    return [f.message for f in flags if f.kind == FlagKind.NAME]


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
