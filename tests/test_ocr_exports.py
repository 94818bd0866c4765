"""Corrected OCR out: ALTO v4 and PAGE 2019 valid against the official schemas, hOCR that reads back,
a searchable PDF whose invisible text is the corrected Russian at the words' places; every word keeps
its box through fixes that change, join and split words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from align.ingest.document import Source, ingest
from align.ingest.ocr_formats import ingest_ocr_file, read_ocr_file
from align.model import Action, Proposal, Result, proposal_id
from align.serialize import write_result
from correct.exports.ocr_export import ocr_files
from correct.exports.ocr_schemas import schema_errors
from correct.review.decisions import own_fix, proposal_decision
from correct.review.store import Store
from tests import ocr_samples as s
from ui.cli import cli

LINES = (
    (0, "Встреча в 1355 го ду прошла в Пекине, где Чжоу Знь-лай при-"),
    (0, "нял делегацию Москвы."),
    (1, "Второй абзац годаи здесь стоит."),
)
ENGLISH = (
    "The meeting in 1955 took place in Beijing, where Zhou Enlai received the Moscow delegation.\n\n"
    "The second paragraph of the year stands here.\n"
)
FIXES = {"1355": "1955", "го ду": "году", "Знь-лай": "Энь-лай", "годаи": "года и"}
CORRECTED = [
    "Встреча в 1955 году прошла в Пекине, где Чжоу Энь-лай принял делегацию Москвы.",
    "Второй абзац года и здесь стоит.",
]


def scan(tmp_path: Path) -> tuple[Path, Path]:
    """An ALTO file of the page, its image (a white 1000x1400 PNG at 300 dpi) and the English."""
    alto = tmp_path / "memo.ru.xml"
    alto.write_text(s.alto(4, lines=LINES), encoding="utf-8")
    Image.new("L", (s.WIDTH_PX, s.HEIGHT_PX), 255).save(tmp_path / "page1.png", dpi=(300, 300))
    en = tmp_path / "memo.en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    return alto, en


def ocr_result(tmp_path: Path) -> Result:
    """The page ingested, with one proposal ("1355" -> "1955") for an editor to accept."""
    alto, en = scan(tmp_path)
    doc, ru, en_segments, removed = ingest_ocr_file(alto, en)
    start = ru[0].text.index("1355")
    proposal = Proposal(proposal_id(ru[0].id, start, "1355"), ru[0].id, start, start + 4, "1355", "1955")
    return Result(document=doc, ru=ru, en=en_segments, removed=removed, proposals=(proposal,))


def reviewed_store(tmp_path: Path) -> Store:
    """The result in a review store: the proposal accepted, the other fixes the editor's own."""
    result = ocr_result(tmp_path)
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(result)
    doc = result.document.id
    store.decide([proposal_decision(doc, result.proposals[0], Action.ACCEPT, "ann")])
    for original, fixed in list(FIXES.items())[1:]:
        seg = next(seg for seg in result.ru if original in seg.text)
        start = seg.text.index(original)
        store.add_fix(doc, *own_fix(doc, seg, (start, start + len(original)), fixed, "ann"))
    return store


def export(*args: str) -> str:
    run = CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    return run.output


@pytest.mark.parametrize("fmt", ["alto", "page"])
def test_alto_and_page_with_the_fixes_are_valid_and_read_back_as_corrected(tmp_path, fmt):
    reviewed_store(tmp_path)
    out = tmp_path / f"memo.{fmt}.xml"
    export("memo", "--db", str(tmp_path / "review.db"), "--format", fmt, "-o", str(out))
    assert schema_errors(out.read_bytes(), fmt) == []
    [page] = read_ocr_file(out)
    texts = [w.text for w in page.words]
    assert texts[2:4] == ["1955", "году"] and "Энь-лай" in texts and texts[-4:-2] == ["года", "и"]
    assert texts[texts.index("Энь-лай") + 1 : texts.index("Энь-лай") + 3] == ["при-", "нял"]  # the line end
    boxes = {w: b for w, b, _c in s.words(0, LINES)}
    by_text = {w.text: w for w in page.words}
    assert by_text["году"].box == (boxes["го"][0], boxes["го"][1], boxes["ду"][2], boxes["ду"][3])  # union
    assert by_text["1955"].box == boxes["1355"] and by_text["1955"].confidence is None  # changed: no WC
    assert by_text["Пекине,"].confidence == pytest.approx(0.9)  # untouched: the engine's confidence
    x0, _y0, x1, _y1 = s.words(2, LINES)[2][1]  # "годаи" shared by "года" and "и"
    assert by_text["года"].box[0] == x0 and by_text["и"].box[2] == x1 and by_text["года"].box[2] < x1
    _doc, ru, _en, _removed = ingest(Source(ru=out, en=tmp_path / "memo.en.txt"))
    assert [seg.text for seg in ru] == CORRECTED


def test_hocr_round_trip_keeps_words_boxes_and_lines(tmp_path):
    reviewed_store(tmp_path)
    out = tmp_path / "memo.hocr"
    export("memo", "--db", str(tmp_path / "review.db"), "--format", "hocr", "-o", str(out))
    [page] = read_ocr_file(out)
    assert page.page.image == str(tmp_path / "page1.png") and page.page.width == s.WIDTH_PX
    assert [w.line for w in page.words if w.text == "нял"] == [1]
    assert [seg.text for seg in ingest_ocr_file(out, tmp_path / "memo.en.txt")[1]] == CORRECTED


def test_a_result_file_exports_its_text_as_processed(tmp_path):
    path = write_result(ocr_result(tmp_path), tmp_path / "memo.json")
    shown = export(str(path), "--format", "alto")  # one page: to stdout
    assert shown.startswith("<?xml") and 'CONTENT="1355"' in shown and "CS=" not in shown
    assert schema_errors(shown.encode("utf-8"), "alto") == []


def test_several_pages_are_a_file_each_in_the_output_folder(tmp_path):
    result = ocr_result(tmp_path)
    second = replace(result.document.pages[0], number=2)
    moved = replace(result.ru[1], words=tuple(replace(w, page=2) for w in result.ru[1].words))
    result = replace(result, document=replace(result.document, pages=(*result.document.pages, second)))
    path = write_result(replace(result, ru=(result.ru[0], moved)), tmp_path / "memo.json")
    folder = tmp_path / "pages"
    export(str(path), "--format", "page", "-o", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["page-0001.xml", "page-0002.xml"]
    assert all(schema_errors(p.read_bytes(), "page") == [] for p in folder.iterdir())
    assert [w.text for w in read_ocr_file(folder / "page-0002.xml")[0].words][0] == "Второй"
    run = CliRunner().invoke(cli, ["export", str(path), "--format", "alto"])
    assert run.exit_code == 2 and "2 pages make 2 ALTO files: give -o FOLDER" in run.output


def pdf_text(path: Path, box: tuple[float, float, float, float] | None = None) -> str:
    """The PDF's first page's text layer (``box``: only what lies in x0, y0, x1, y1 points, top-down)."""
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    text = page.get_textpage()
    if box is None:
        return text.get_text_bounded()
    height = page.get_height()
    x0, y0, x1, y1 = box
    return text.get_text_bounded(left=x0, bottom=height - y1, right=x1, top=height - y0)


def test_the_searchable_pdf_holds_the_corrected_words_where_the_scan_shows_them(tmp_path):
    reviewed_store(tmp_path)
    out = tmp_path / "memo.pdf"
    export("memo", "--db", str(tmp_path / "review.db"), "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    import pikepdf

    with pikepdf.open(out) as pdf:
        assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == 1  # qpdf finds nothing wrong
    text = " ".join(pdf_text(out).split())
    # single letters ("в", "и") too: PDFium drops characters whose glyph has no box
    assert "Встреча в 1955 году прошла в Пекине" in text and "Второй абзац года и здесь" in text
    assert "Энь-лай" in text and "1355" not in text and "годаи" not in text
    points = 72 / 300  # the page image is 300 dpi
    x0, y0, _x1, y1 = s.words(0, LINES)[3][1]  # "го", now the left of "году"
    x1 = s.words(0, LINES)[4][1][2]  # the right of "ду"
    found = pdf_text(out, (x0 * points, y0 * points, x1 * points, y1 * points))
    assert found.strip() == "году"


def test_a_jpeg_page_goes_into_the_pdf_as_it_is(tmp_path):
    result = ocr_result(tmp_path)
    Image.new("RGB", (s.WIDTH_PX, s.HEIGHT_PX), "white").save(tmp_path / "page1.jpg", dpi=(150, 150))
    page = replace(result.document.pages[0], image=str(tmp_path / "page1.jpg"))
    result = replace(result, document=replace(result.document, pages=(page,)))
    [pdf] = ocr_files(result, "pdf")
    assert (tmp_path / "page1.jpg").read_bytes() in pdf.data and b"/DCTDecode" in pdf.data
    assert b"/MediaBox [ 0 0 480 672 ]" in pdf.data  # 1000 x 1400 pixels at 150 dpi


def test_text_input_has_no_geometry_and_a_missing_image_is_one_line(tmp_path):
    result = ocr_result(tmp_path)
    text_only = replace(result, ru=tuple(replace(seg, words=()) for seg in result.ru))
    path = write_result(text_only, tmp_path / "text.json")
    run = CliRunner().invoke(cli, ["export", str(path), "--format", "alto"])
    assert run.exit_code == 2
    assert run.output == (
        "workbench: error: this document has no page geometry (it was not read from a scan or OCR file)\n"
    )
    (tmp_path / "page1.png").unlink()
    path = write_result(result, tmp_path / "memo.json")
    run = CliRunner().invoke(cli, ["export", str(path), "--format", "pdf", "-o", str(tmp_path / "m.pdf")])
    assert run.exit_code == 2 and run.output.count("\n") == 1 and "page1.png was not found" in run.output


def test_a_download_is_the_one_file_or_a_zip_of_the_pages():
    import io
    import zipfile

    from correct.exports.ocr_export import OcrFile, one_download

    one = [OcrFile("page-0001.xml", b"<alto/>")]
    assert one_download(one, "alto", "doc") == (b"<alto/>", "doc.alto.xml", "application/xml")
    two = [*one, OcrFile("page-0002.xml", b"<alto/>")]
    data, name, mime = one_download(two, "page", "doc")
    assert (name, mime) == ("doc.page.zip", "application/zip")
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["page-0001.xml", "page-0002.xml"]
