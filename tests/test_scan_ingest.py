"""Scans in: page images and PDFs through Tesseract and PDFium, the CLI on page folders, one-line errors.

Tesseract tests skip, saying so, only where the ``tesseract`` program is absent (``make test`` installs
Debian's tesseract-ocr and tesseract-ocr-rus). The PDFs are written here: an image-only one (Pillow),
which goes through OCR, and one with a text layer (PDFium), whose text is used as it is.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont

from align.ingest.decode import read_text
from align.ingest.discover import discover
from align.ingest.layout import find_parts, split_blocks
from align.ingest.scan.document import ingest_scan, read_scan
from align.ingest.scan.files import natural_key, scan_source
from align.ingest.scan.pdf import pdf_pages
from tests.conftest import ROOT
from ui.cli import cli

SCANNED = ROOT.parent / "shared" / "corpus" / "scanned"
FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
RUSSIAN = [
    ["Сталин спрашивает, сколько имеется", "военнопленных в лагерях сейчас."],
    ["Чжоу Энь-лай сообщает о новых", "переговорах в Пекине весной."],
]
ENGLISH = (
    "Stalin asks how many prisoners of war there are in the camps now.\n\nZhou Enlai reports new talks.\n"
)

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="the tesseract program is not installed (apt-get install tesseract-ocr tesseract-ocr-rus)",
)


def corpus_scan(name: str) -> Path:
    folder = SCANNED / name
    if not (folder / "page-1.png").exists():
        pytest.skip(f"scanned corpus not found at {folder} (clone with ../shared beside the repo)")
    return folder


def font_path() -> Path:
    found = next((f for f in FONTS if f.exists()), None)
    if found is None:
        pytest.skip(
            "no TrueType font with Cyrillic letters (Debian fonts-dejavu-core) to write the test page"
        )
    return found


def archive_english(archive: Path, out: Path) -> Path:
    """The English part of an archive-layout file, as it stands there, written to ``out``."""
    raw, _ = read_text(archive)
    blocks = split_blocks(raw)
    out.write_text(raw[blocks[find_parts(blocks).en_start].start :], encoding="utf-8")
    return out


def text_image(path: Path) -> Path:
    """A page of Russian typed with a real font: two paragraphs of two lines, a blank line between."""
    font = ImageFont.truetype(str(font_path()), 36)
    image = Image.new("L", (1300, 420), 255)
    draw = ImageDraw.Draw(image)
    y = 40
    for paragraph in RUSSIAN:
        for line in paragraph:
            draw.text((60, y), line, font=font, fill=0)
            y += 50
        y += 60
    image.save(path)
    return path


def text_layer_pdf(path: Path) -> Path:
    """A PDF with a real text layer (PDFium writes it with an embedded TrueType font), no image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    data = font_path().read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(pdf, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
    y = 780
    for paragraph in RUSSIAN:
        for line in paragraph:
            obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf, font, 14.0)
            text = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, y)
            pdfium_c.FPDFPage_InsertObject(page, obj)
            y -= 20
        y -= 30
    page.gen_content()
    pdf.save(str(path))
    pdf.close()
    return path


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: error:"), proc.stderr
    return lines[0]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "ui.cli", "process", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    """One embedding and lexicon cache for the CLI runs of this module (the lexicon index is built once)."""
    return tmp_path_factory.mktemp("scan-cache")


@needs_tesseract
def test_a_corpus_page_gives_words_with_boxes_inside_the_image(tmp_path: Path) -> None:
    image = corpus_scan("ted_talk_1") / "page-1.png"
    source = scan_source([image], archive_english(SCANNED / "ted_talk_1.txt", tmp_path / "en.txt"))
    (page,) = read_scan(source, tmp_path)
    width, height = Image.open(image).size
    assert (page.page.width, page.page.height) == (width, height) and page.page.image == str(image.resolve())
    assert len(page.words) > 50
    for word in page.words:
        x0, y0, x1, y1 = word.box
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, word
        assert word.confidence is None or 0.0 <= word.confidence <= 1.0
    assert sum(w.confidence is not None and w.confidence > 0.8 for w in page.words) > len(page.words) / 2
    assert [w.line for w in page.words] == sorted(w.line for w in page.words)
    assert max(w.block for w in page.words) >= 1  # the page has several paragraphs
    assert "компьютерам" in {w.text for w in page.words}


@needs_tesseract
def test_a_pdf_without_text_layer_is_rendered_and_read_by_tesseract(tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    Image.open(text_image(tmp_path / "note.png")).save(pdf, "PDF", resolution=150)
    (image,) = pdf_pages(pdf, 1, tmp_path / "pages")
    assert image.words is None and image.dpi == 300 and image.path == (tmp_path / "pages" / "page-1.png")
    # 1300 x 420 px at 150 dpi, rendered at 300 dpi (PDFium rounds the page's 201.6 pt up)
    assert abs(image.width - 2600) <= 1 and abs(image.height - 840) <= 1
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    doc, ru, _en, _removed = ingest_scan(scan_source([pdf], en), tmp_path / "cache", jobs=2)
    assert doc.id == "note" and doc.pages[0].image == str(
        (tmp_path / "cache" / "note" / "page-1.png").resolve()
    )
    assert Path(doc.pages[0].image).is_file()
    assert len(ru) == 2 and "военнопленных" in ru[0].text and "Пекине" in ru[1].text
    assert all(w.page == 1 and w.confidence is not None for s in ru for w in s.words)


def test_a_pdf_text_layer_is_used_with_boxes_in_rendered_pixels(tmp_path: Path) -> None:
    (image,) = pdf_pages(text_layer_pdf(tmp_path / "typed.pdf"), 3, tmp_path / "pages")
    assert image.number == 3 and abs(image.width - 2480) <= 1 and abs(image.height - 3508) <= 1  # A4, 300 dpi
    assert image.path.is_file() and image.words is not None
    words = image.words
    assert " ".join(w.text for w in words) == " ".join(line for p in RUSSIAN for line in p)
    assert [w.block for w in words if w.text in ("Сталин", "Чжоу")] == [0, 1]
    assert len({w.line for w in words}) == 4 and all(w.confidence is None for w in words)
    x0, y0, x1, y1 = words[0].box  # "Сталин" starts at x = 72 pt, its baseline at y = 780 pt from the bottom
    assert abs(x0 - 300) <= 6 and y0 < (842 - 780) * 300 / 72 < y1 + 6 and x1 > x0 + 100


@needs_tesseract
def test_cli_on_a_page_folder_writes_russian_segments_with_words(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "ted_talk_3"
    shutil.copytree(corpus_scan("ted_talk_3"), folder)
    archive_english(SCANNED / "ted_talk_3.txt", folder / "en.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["process", str(folder), "--out", str(out), "--cache-dir", str(cache_dir)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "ted_talk_3.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in data["document"]["pages"]] == [1, 2, 3]
    assert data["document"]["pages"][1]["image"] == str((folder / "page-2.png").resolve())
    with_words = [s for s in data["ru"] if s["words"]]
    assert len(with_words) == len(data["ru"]) > 5 and not any(s.get("words") for s in data["en"])
    first = with_words[0]
    assert first["text"][first["words"][0]["start"] : first["words"][0]["end"]].isalpha()
    linked = sum(1 for link in data["alignment"] if link["ru"] and link["en"])
    assert linked >= len(data["en"]) * 0.8


@needs_tesseract
def test_cli_scan_option_reads_a_pdf_and_keeps_its_pages_in_the_cache(
    tmp_path: Path, cache_dir: Path
) -> None:
    pdf = tmp_path / "memo.pdf"
    Image.open(text_image(tmp_path / "memo.png")).save(pdf, "PDF", resolution=150)
    en = tmp_path / "memo.en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "out"
    args = ["process", "--scan", str(pdf), "--en", str(en), "--name", "memo-scan", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--cache-dir", str(cache_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "memo-scan.json").read_text(encoding="utf-8"))
    image = Path(data["document"]["pages"][0]["image"])
    assert image == (cache_dir / "pages" / "memo-scan" / "page-1.png").resolve() and image.is_file()
    assert all(s["words"] for s in data["ru"]) and len(data["ru"]) == 2


def test_no_tesseract_is_one_line_naming_the_debian_packages(tmp_path: Path) -> None:
    page = text_image(tmp_path / "page-1.png")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    proc = run_cli(
        "--scan", str(page), "--en", str(tmp_path / "en.txt"), "--out", str(tmp_path / "out"), env=env
    )
    assert "apt-get install tesseract-ocr tesseract-ocr-rus" in one_line_error(proc)


@needs_tesseract
def test_no_russian_language_data_is_one_line(tmp_path: Path) -> None:
    page = text_image(tmp_path / "page-1.png")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "tessdata").mkdir()
    env = {**os.environ, "TESSDATA_PREFIX": str(tmp_path / "tessdata")}
    proc = run_cli(
        "--scan", str(page), "--en", str(tmp_path / "en.txt"), "--out", str(tmp_path / "out"), env=env
    )
    line = one_line_error(proc)
    assert "'rus' language data" in line and "tesseract-ocr-rus" in line


def test_bad_missing_and_unpaired_pages_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "page-1.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10)
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    out = str(tmp_path / "out")
    assert f"{bad}: not a readable page image" in one_line_error(
        run_cli("--scan", str(bad), "--en", str(en), "--out", out)
    )
    missing = tmp_path / "page-9.png"
    assert f"{missing}: no such page file" in one_line_error(
        run_cli("--scan", str(missing), "--en", str(en), "--out", out)
    )
    assert "--en EN.txt" in one_line_error(run_cli("--scan", str(bad), "--out", out))
    alone = tmp_path / "pages"
    alone.mkdir()
    text_image(alone / "page-1.png")
    assert "no English file" in one_line_error(run_cli(str(alone), "--out", out))


def test_pages_are_in_natural_order_and_the_scanned_corpus_stays_archive_files(tmp_path: Path) -> None:
    names = ["page-10.png", "page-2.png", "page-1.png"]
    assert [p.name for p in sorted((tmp_path / n for n in names), key=natural_key)] == [
        "page-1.png",
        "page-2.png",
        "page-10.png",
    ]
    for name in names:
        text_image(tmp_path / name)
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    sources, problems = discover([tmp_path])
    assert problems == [] and len(sources) == 1
    assert sources[0].name == tmp_path.name and [p.name for p in sources[0].scan] == sorted(
        names, key=lambda n: int(n[5:-4])
    )
    corpus_scan("ted_talk_1")
    sources, problems = discover([SCANNED])
    assert problems == [] and sources and all(s.archive is not None and not s.scan for s in sources)
