"""Transliteration: Palladius -> pinyin for Chinese names, and Russian -> Latin for the rest."""

from __future__ import annotations

import pytest

from align.language.translit import is_pinyin, latin_key, palladius_to_pinyin, pinyin_like, russian_to_latin


@pytest.mark.parametrize(
    "cyrillic, pinyin",
    [
        ("Чжоу Энь-лай", "zhouenlai"),
        ("Мао Цзе-дун", "maozedong"),
        ("Мао Цзэ-дун", "maozedong"),
        ("Линь Бяо", "linbiao"),
        ("Фу-чунь", "fuchun"),
        ("Ши Чжэ", "shizhe"),
        ("Сю-цюань", "xiuquan"),
        ("Шанхай", "shanghai"),
        ("Цзян Цзе-ши", "jiangjieshi"),
        ("Пэн Дэ-хуай", "pengdehuai"),
    ],
)
def test_palladius_to_pinyin(cyrillic, pinyin):
    assert pinyin in palladius_to_pinyin(cyrillic)


def test_palladius_names_written_in_capitals_and_latin_lookalikes():
    assert "zhouenlai" in palladius_to_pinyin("ЧЖОУ ЭНЬ-ЛАЙ")
    assert "mao" in palladius_to_pinyin("MAO")  # Latin M, A, O typed or read into a Cyrillic text


def test_different_names_stay_different():
    assert "fuchun" not in palladius_to_pinyin("Ту-чунь")
    assert palladius_to_pinyin("Ту-чунь") == ("tuchun",)


@pytest.mark.parametrize("word", ["Знь-лай", "Сталин", "Федоренко", "Чноу"])
def test_non_palladius_words_have_no_pinyin(word):
    assert palladius_to_pinyin(word) == ()


def test_russian_to_latin():
    assert russian_to_latin("Хрущёв") == "khrushchev"
    assert latin_key(russian_to_latin("Молотов")) == "molotov"


def test_pinyin_like_keeps_garbled_chinese_names_close():
    assert pinyin_like("Знь-лай") == "znlai"
    assert pinyin_like("ЧЖОУ") == "zhou"


@pytest.mark.parametrize(
    "word, expected", [("Zedong", True), ("Enlai", True), ("LIN", True), ("Stalin", False)]
)
def test_is_pinyin(word, expected):
    assert is_pinyin(word) is expected
