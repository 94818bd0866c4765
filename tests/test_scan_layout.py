"""Scans in without Tesseract: Tesseract's TSV read, lines and paragraphs from the boxes, page files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from align.errors import InputError
from align.ingest.ocr_pages import OcrWord
from align.ingest.scan.files import scan_source
from align.ingest.scan.images import image_pages
from align.ingest.scan.layout import page_layout
from align.ingest.scan.tesseract import parse_tsv
from align.model import Page


def test_tsv_lines_and_blocks_are_running_indexes_on_the_page() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t600\t800\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t91.5\tПервая",
        '5\t1\t1\t1\t2\t1\t10\t40\t30\t12\t-1\t"строка',
        "5\t1\t1\t2\t1\t1\t10\t80\t30\t12\t50\tабзац",
        "5\t1\t2\t1\t1\t1\t10\t120\t30\t12\t100\t ",
        "5\t1\t2\t1\t1\t2\t50\t120\t30\t12\t100\tблок",
    ]
    page = parse_tsv("\n".join([header, *rows]) + "\n", Page(1, "p.png", 600, 800))
    assert [w.text for w in page.words] == ["Первая", '"строка', "абзац", "блок"]
    assert [(w.line, w.block) for w in page.words] == [(0, 0), (1, 0), (2, 1), (3, 2)]
    assert page.words[0].box == (10, 20, 40, 32) and page.words[0].confidence == pytest.approx(0.915)
    assert page.words[1].confidence is None and page.words[3].confidence == 1.0


def words_at(rows: list[tuple[int, int, int, str]]) -> tuple[OcrWord, ...]:
    """Words of engine lines (line, block, top, text), 20 px high, laid left to right from x = 10 (an
    engine line at the height of the previous one goes on to its right)."""
    out = []
    for line, block, top, text in rows:
        x = 10 if not out or out[-1].box[1] != top else out[-1].box[2] + 10
        for word in text.split():
            out.append(OcrWord(word, (x, top, x + 12 * len(word), top + 20), 0.9, line, block))
            x += 12 * len(word) + 10
    return tuple(out)


def test_layout_starts_a_block_at_a_blank_line_and_joins_a_line_cut_in_two() -> None:
    # Tesseract's mistakes on the corpus: two paragraphs under one number, one line in two blocks
    rows = [(0, 0, 10, "первая строка"), (1, 0, 35, "вторая строка."), (2, 0, 85, "новый абзац")]
    rows += [(3, 0, 110, "и его строка"), (4, 1, 160, "В резуль"), (5, 2, 160, "тате никто")]
    words = page_layout(words_at(rows))
    lines = [(w.text, w.line, w.block) for w in words]
    assert lines[:4] == [("первая", 0, 0), ("строка", 0, 0), ("вторая", 1, 0), ("строка.", 1, 0)]
    assert {(line, block) for text, line, block in lines if text in ("новый", "его")} == {(2, 1), (3, 1)}
    assert [(line, block) for text, line, block in lines[-4:]] == [(4, 2)] * 4


def test_layout_of_one_line_paragraphs_and_of_a_page_without_blank_lines() -> None:
    # a headline, a byline, a date, each a paragraph: most pitches span a blank line
    rows = [
        (0, 0, 10, "Заголовок"),
        (1, 0, 60, "Автор"),
        (2, 0, 110, "Дата"),
        (3, 0, 160, "Текст"),
        (4, 0, 185, "и"),
    ]
    assert [w.block for w in page_layout(words_at(rows))] == [0, 1, 2, 3, 3]
    # no blank line anywhere: paragraphs are marked by indents, the engine's blocks are kept
    rows = [(0, 0, 10, "один"), (1, 0, 35, "два"), (2, 1, 60, "три"), (3, 1, 85, "четыре")]
    assert [w.block for w in page_layout(words_at(rows))] == [0, 0, 1, 1]
    assert [w.block for w in page_layout(words_at(rows), engine_blocks=False)] == [0, 0, 0, 0]


def test_a_multi_page_tiff_is_split_into_page_images(tmp_path: Path) -> None:
    frames = [Image.new("L", (200, 300), 255), Image.new("L", (200, 300), 128)]
    tiff = tmp_path / "fax.tiff"
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    pages = image_pages(tiff, 1, tmp_path / "pages")
    assert [p.number for p in pages] == [1, 2] and all(p.path.is_file() for p in pages)
    assert Image.open(pages[1].path).getpixel((5, 5)) == 128


def test_scan_source_refuses_files_that_are_no_pages(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a page image or PDF"):
        scan_source([note], note)


def test_a_damaged_pdf_is_an_input_error_naming_it(tmp_path: Path) -> None:
    from align.ingest.scan.pdf import pdf_pages

    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    with pytest.raises(InputError, match=r"scan\.pdf: cannot open the PDF"):
        pdf_pages(bad, 1, tmp_path / "pages")
