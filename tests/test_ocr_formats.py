"""Other engines' OCR files in: ALTO v2-v4, PAGE 2013/2019 and hOCR give the same words, boxes,
confidences, lines and blocks; the format is found by content; a pair of files becomes segments
with words through `workbench process`; bad files are one-line input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.errors import InputError
from align.ingest.discover import discover
from align.ingest.document import Source, ingest
from align.ingest.ocr_formats import ingest_ocr_file, is_ocr_file, read_ocr_file
from tests import ocr_samples as s
from ui.cli import cli

SAMPLES = {
    "alto-v2": lambda: s.alto(2),
    "alto-v3": lambda: s.alto(3),
    "alto-v4": lambda: s.alto(4),
    "page-2013": lambda: s.page_xml("2013-07-15"),
    "page-2019": lambda: s.page_xml("2019-07-15"),
    "hocr-xhtml": lambda: s.hocr(xhtml=True),
    "hocr-html": lambda: s.hocr(xhtml=False),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expected_words() -> list[tuple[str, tuple[int, int, int, int], float, int, int]]:
    return [(w, b, c, n, s.LINES[n][0]) for n in range(len(s.LINES)) for w, b, c in s.words(n)]


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_format_gives_the_words_boxes_confidences_lines_and_blocks(tmp_path, kind):
    path = write(tmp_path, f"doc.{'html' if kind.startswith('hocr') else 'xml'}", SAMPLES[kind]())
    [page] = read_ocr_file(path)
    got = [(w.text, w.box, round(w.confidence, 2), w.line, w.block) for w in page.words]
    assert got == expected_words()  # the ALTO HYP is the hyphen of "пере-"; PAGE's reading order holds
    assert (page.page.number, page.page.width, page.page.height) == (1, s.WIDTH_PX, s.HEIGHT_PX)
    image = "images/page1.png" if kind.startswith("page") else "page1.png"
    assert page.page.image == str(tmp_path / image)  # named in the file, taken from the file's folder


def test_a_page_line_without_words_is_split_with_its_box_shared(tmp_path):
    path = write(tmp_path, "doc.xml", s.page_xml("2019-07-15", words_in_line=(True, True, False)))
    [page] = read_ocr_file(path)
    last = [w for w in page.words if w.line == 2]
    assert [w.text for w in last] == ["Второй", "абзац", "1955", "года."]
    x0, y0, x1, y1 = s.line_box(2)
    assert last[0].box[0] == x0 and last[-1].box[2] == x1 and {w.box[1:4:2] for w in last} == {(y0, y1)}
    assert all(a.box[2] <= b.box[0] for a, b in zip(last, last[1:], strict=False))  # left to right, apart
    assert last[2].box[2] - last[2].box[0] < last[0].box[2] - last[0].box[0]  # 4 characters < 6


def test_the_format_is_found_by_content_not_by_the_name(tmp_path):
    alto_as_txt = write(tmp_path, "alto.ru.txt", s.alto(4))
    hocr_as_xml = write(tmp_path, "hocr.xml", s.hocr())
    assert is_ocr_file(alto_as_txt) and not is_ocr_file(write(tmp_path, "plain.txt", "Первая строка."))
    assert [w.text for w in read_ocr_file(hocr_as_xml)[0].words][:2] == ["Первая", "строка"]
    en = write(tmp_path, "alto.en.txt", s.ENGLISH)
    doc, ru, _en, _removed = ingest(Source(ru=alto_as_txt, en=en))
    assert doc.id == "alto" and ru[0].words


def test_images_come_from_a_folder_in_page_order(tmp_path):
    path = write(tmp_path, "doc.xml", s.alto(4))
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "p-1.png").write_bytes(b"")
    [page] = read_ocr_file(path, images=folder)
    assert page.page.image == str(folder / "p-1.png")
    (folder / "p-2.png").write_bytes(b"")
    with pytest.raises(InputError, match=r"1 page\(s\) but 2 image\(s\)"):
        read_ocr_file(path, images=folder)


def test_ingest_keeps_every_word_with_its_box_in_the_clean_text(tmp_path):
    path = write(tmp_path, "doc.ru.xml", s.alto(3))
    en = write(tmp_path, "doc.en.txt", s.ENGLISH)
    doc, ru, en_segments, _removed = ingest_ocr_file(path, en)
    assert doc.id == "doc" and doc.pages[0].width == s.WIDTH_PX and len(en_segments) == 2
    assert [seg.text for seg in ru] == [
        "Первая строка абзаца, который переходит на вторую строку.",
        "Второй абзац 1955 года.",
    ]
    texts = [ru[0].text[w.start : w.end] for w in ru[0].words]
    assert texts[4:6] == ["пере", "ходит"] and ru[0].words[5].line == 1  # the hyphen went, the boxes stay
    year = next(w for w in ru[1].words if ru[1].text[w.start : w.end] == "1955")
    assert year.confidence == pytest.approx(0.42) and year.box == s.words(2)[2][1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<alto><Layout><Page></alto>", r"doc\.xml: not well-formed XML \("),
        ("", r"doc\.xml: not well-formed XML"),
        (
            '<?xml version="1.0"?><tei><text/></tei>',
            r"not an ALTO, PAGE or hOCR file \(its root element is <tei>\)",
        ),
        ("<html><body><p>no pages</p></body></html>", r"root element is <html>"),
    ],
)
def test_malformed_or_unknown_files_are_one_line_input_errors(tmp_path, text, message):
    path = write(tmp_path, "doc.xml", text)
    with pytest.raises(InputError, match=message) as caught:
        read_ocr_file(path)
    assert "\n" not in str(caught.value)


def test_pairs_in_folders_take_an_ocr_file_as_their_russian_side(tmp_path):
    write(tmp_path, "a.ru.xml", s.alto(4))
    write(tmp_path, "a.en.txt", s.ENGLISH)
    write(tmp_path, "b/ru.hocr", s.hocr())
    write(tmp_path, "b/en.txt", s.ENGLISH)
    write(tmp_path, "report.html", "<html><body>an audit report, not a document</body></html>")
    sources, problems = discover([tmp_path])
    assert problems == []
    assert sorted((src.name, Path(src.ru).name) for src in sources) == [("a", "a.ru.xml"), ("b", "ru.hocr")]
    _sources, problems = discover([write(tmp_path, "lone.xml", s.alto(4))])
    assert len(problems) == 1 and "name it NAME.ru.xml beside NAME.en.txt" in problems[0]


def test_process_an_alto_file_and_an_english_file(tmp_path):
    ru = write(tmp_path, "memo.xml", s.alto(4))
    en = write(tmp_path, "memo.en.txt", s.ENGLISH)
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["process", "--ru", str(ru), "--en", str(en), "--out", str(out)])
    assert run.exit_code == 0, run.output
    data = json.loads((out / "memo.json").read_text(encoding="utf-8"))
    assert data["document"]["pages"][0]["image"] == str(tmp_path / "page1.png")
    first = data["ru"][0]
    assert len(first["words"]) == 9 and first["words"][5]["box"] == list(s.words(1)[0][1])
    assert len(data["alignment"]) == 2


def test_process_a_malformed_file_is_one_line_and_exit_2(tmp_path):
    ru = write(tmp_path, "memo.xml", "<alto><Layout>")
    en = write(tmp_path, "memo.en.txt", s.ENGLISH)
    run = CliRunner().invoke(cli, ["process", "--ru", str(ru), "--en", str(en), "--out", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert run.output.count("\n") == 1 and "memo.xml: not well-formed XML" in run.output


def test_process_an_ocr_file_with_its_page_images_from_a_folder(tmp_path):
    ru = write(tmp_path, "memo.xml", s.alto(4))
    en = write(tmp_path, "memo.en.txt", s.ENGLISH)
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "scan-001.png").write_bytes(b"")
    out = tmp_path / "out"
    args = ["process", "--ru", str(ru), "--en", str(en), "--images", str(scans), "--out", str(out)]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    data = json.loads((out / "memo.json").read_text(encoding="utf-8"))
    assert data["document"]["pages"][0]["image"] == str(scans / "scan-001.png")
    alone = CliRunner().invoke(cli, ["process", str(en), "--images", str(scans), "--out", str(out)])
    assert alone.exit_code == 2 and "--images goes with --ru FILE" in alone.output
