"""OCR proposals never destroy good text: typographic punctuation is not a stray mark (issue 13.4)."""

from __future__ import annotations

from align.ingest.document import Source
from correct.proposals.detect import stray_symbols

RUSSIAN = (
    "Мы выехали из Калгана утром и к вечеру были в Пекине. Калган… Возможно, туда придется вернуться.\n\n"
    "— Дорога займет три дня, — сказал он, как в 1950–1951 годах. "
    "Газета «Правда» писала об этом „подробно“ и ‘коротко’.\n"
)
ENGLISH = (
    "We left Kalgan in the morning and were in Peking by evening. Kalgan... Perhaps we will go back.\n\n"
    "'The road will take three days,' he said, as in 1950-1951. "
    "The newspaper Pravda wrote about it in detail and briefly.\n"
)
PUNCTUATION = "…—–«»„“‘’"


def test_typographic_punctuation_is_never_a_stray_mark():
    assert stray_symbols("Калган… Возможно") == []
    assert stray_symbols("дня, — сказал «Правда» „подробно“ ‘коротко’ … – −") == []
    assert stray_symbols("Санкт-Петербург → Общество") == []  # a publisher's link trail
    assert [m for m in ("Молотову Δ", "шум ■", "шум 한") if not stray_symbols(m)] == []


def test_no_proposal_touches_the_punctuation_of_a_small_document(workbench, tmp_path):
    ru, en = tmp_path / "d.ru.txt", tmp_path / "d.en.txt"
    ru.write_text(RUSSIAN, encoding="utf-8")
    en.write_text(ENGLISH, encoding="utf-8")
    result = workbench.process(Source(ru=ru, en=en, name="punctuation"))
    touched = [p for p in result.proposals if any(ch in p.original for ch in PUNCTUATION)]
    assert touched == []
    kept = "".join(seg.text for seg in result.ru)
    assert all(ch in kept for ch in PUNCTUATION)


def test_a_compound_the_dictionary_reads_as_prefix_and_word_is_not_split(workbench):
    from correct.proposals.candidates import split_candidates
    from correct.proposals.tokens import Token

    lexicon = workbench.corrector.lexicon
    assert lexicon.known_prefixes("авторынок") == {"авто"}
    assert split_candidates(Token(0, 9, "авторынок"), lexicon) == []
    assert [c.text for c in split_candidates(Token(0, 9, "этостанки"), lexicon)] == ["это станки"]


def test_a_latin_word_is_left_as_the_russian_writes_it(workbench):
    from tests.test_proposals import segs

    ru, en, links = segs(
        "Компания выпустила обновление Windows 10 May 2020 Update для всех пользователей.",
        "The company released the Windows 10 May 2020 update to all users.",
    )
    touched = [p.original for p in workbench.corrector.propose(ru, en, links)]
    assert "Update" not in touched and "Windows" not in touched
