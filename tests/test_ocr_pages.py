"""OCR pages (words with boxes) -> clean segments that keep each word's box and confidence."""

from __future__ import annotations

from pathlib import Path

from align.ingest.ocr_pages import OcrPage, OcrWord, ingest_ocr, pages_text
from align.model import Page
from align.serialize import segment_from_dict


def _line(words: str, y: int, line: int, block: int) -> list[OcrWord]:
    out, x = [], 10
    for w in words.split():
        out.append(OcrWord(w, (x, y, x + 10 * len(w), y + 20), 0.9, line, block))
        x += 10 * len(w) + 8
    return out


def _pages() -> list[OcrPage]:
    first = _line("Первая строка абзаца, который пере-", 10, 0, 0)
    first += _line("ходит на вторую страницу", 40, 1, 0)
    first += _line("12", 1300, 2, 1)
    second = _line("Новый абзац стоит здесь.", 60, 0, 0)
    return [
        OcrPage(Page(1, "p1.png", 1000, 1400), tuple(first)),
        OcrPage(Page(2, "p2.png", 1000, 1400), tuple(second)),
    ]


def test_raw_text_joins_words_lines_and_blocks_as_an_archive_file_would() -> None:
    raw, placed = pages_text(_pages())
    assert raw.startswith("Первая строка абзаца, который пере-\nходит на вторую страницу\n\n12\n\nНовый")
    assert [raw[p.start : p.end] for p in placed][:2] == ["Первая", "строка"]


def test_words_keep_their_boxes_in_the_clean_text(tmp_path: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text("The first line of a paragraph that goes on to the second page.\n\nA new paragraph.\n")
    doc, ru, _en, removed = ingest_ocr(_pages(), en, "scan/doc.png")
    assert doc.id == "doc" and [p.number for p in doc.pages] == [1, 2]
    first = ru[0]
    assert first.text == "Первая строка абзаца, который переходит на вторую страницу"
    texts = [first.text[w.start : w.end] for w in first.words]
    assert texts[:5] == ["Первая", "строка", "абзаца,", "который", "пере"]  # the hyphen was removed
    assert texts[5] == "ходит" and first.words[5].box == (10, 40, 60, 60) and first.words[5].line == 1
    assert {r.kind for r in removed} >= {"hyphen", "page_number"}  # "12" is the page number, no word
    assert ru[1].page == 2 and ru[1].words[0].page == 2 and ru[1].words[0].confidence == 0.9


def test_words_survive_the_result_json(tmp_path: Path) -> None:
    from dataclasses import asdict

    en = tmp_path / "en.txt"
    en.write_text("The first line of a paragraph.\n\nA new paragraph.\n")
    _doc, ru, _en, _removed = ingest_ocr(_pages(), en, "scan/doc.png")
    assert segment_from_dict(asdict(ru[1])) == ru[1]
