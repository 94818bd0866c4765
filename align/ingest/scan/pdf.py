"""PDF pages: rendered at 300 dpi with pypdfium2, and read from their text layer where they have one.

Every page is rendered into the run's page folder, because the review app shows crops of the scan
beside a fix whether the words came from Tesseract or from the PDF. A page whose text layer holds
real text (an OCR'd archive PDF, a born-digital one) keeps that text: it is what the publisher read,
and re-reading it with Tesseract would only add errors. Its character boxes are in PDF points from
the bottom-left corner; they are turned into the rendered image's pixels from the top-left, so that a
crop lands on the word. PDFium knows lines but not paragraphs: they come from the lines' pitch
(``align.ingest.scan.layout``), as for Tesseract's words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from align.errors import InputError
from align.ingest.ocr_pages import OcrWord
from align.ingest.scan.images import PageImage, rendered_path, save_png
from align.ingest.scan.layout import page_layout

POINTS_PER_INCH = 72
MIN_TEXT_LAYER_LETTERS = 20  # fewer letters on a page: a stray label or page number, OCR the image instead
LINE_BREAKS = "\r\n"
HYPHENS = (0x02, 0xAD)  # PDFium's mark for a hyphen it found at a line end, and the soft hyphen


@dataclass(frozen=True)
class _Char:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the rendered image's pixels
    breaks_line: bool  # a line break PDFium put in (or the PDF holds) after the previous character


def pdf_pages(path: Path, first: int, pages_dir: Path, dpi: int = 300) -> list[PageImage]:
    """Every page of the PDF at ``path`` rendered to ``pages_dir``, numbered from ``first``.

    A page with a text layer carries its words (``PageImage.words``); the others are left for OCR.
    InputError naming the file when PDFium cannot open it (not a PDF, damaged, password-protected).
    """
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path}: cannot open the PDF ({exc})") from None
    try:
        if len(document) == 0:
            raise InputError(f"{path}: the PDF has no pages")
        return [_page(document[k], first + k, pages_dir, dpi) for k in range(len(document))]
    finally:
        document.close()


def _page(page: pdfium.PdfPage, number: int, pages_dir: Path, dpi: int) -> PageImage:
    scale = dpi / POINTS_PER_INCH
    image = page.render(scale=scale).to_pil()
    out = save_png(image, rendered_path(pages_dir, number)).resolve()
    words = text_layer_words(page, scale) if page.get_rotation() == 0 else None
    page.close()
    return PageImage(number, out, image.width, image.height, dpi=dpi, words=words)


def text_layer_words(page: pdfium.PdfPage, scale: float) -> tuple[OcrWord, ...] | None:
    """The words of the page's text layer with pixel boxes at ``scale``; None when it has no real text."""
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, page.get_cropbox(), scale)
    finally:
        textpage.close()
    if sum(c.text.isalpha() for c in chars) < MIN_TEXT_LAYER_LETTERS:
        return None
    words = [
        OcrWord(text, box, None, line=k) for k, line in enumerate(_lines(chars)) for text, box in _words(line)
    ]
    return page_layout(tuple(words), engine_blocks=False)


def _chars(textpage: pdfium.PdfTextPage, cropbox: tuple, scale: float) -> list[_Char]:
    """The page's characters in PDFium's reading order, line breaks folded into the next character."""
    left, bottom, right, top = cropbox
    width, height = (right - left) * scale, (top - bottom) * scale
    chars: list[_Char] = []
    pending_break = False
    for k in range(textpage.count_chars()):
        text = _char_text(pdfium_c.FPDFText_GetUnicode(textpage, k))
        if text in LINE_BREAKS:
            pending_break = True
            continue
        x0, y0, x1, y1 = textpage.get_charbox(k)
        box = (
            min(max((x0 - left) * scale, 0.0), width),
            min(max((top - y1) * scale, 0.0), height),
            min(max((x1 - left) * scale, 0.0), width),
            min(max((top - y0) * scale, 0.0), height),
        )
        chars.append(_Char(text, box, pending_break))
        pending_break = False
    return chars


def _char_text(code: int) -> str:
    """One UTF-16 unit of PDFium's text as a character: a line-end hyphen as "-" (so that cleaning
    rejoins the word as in an archive file), other control characters and halves of a surrogate pair
    (outside the alphabets of these documents) as a space, so that they never reach the result JSON."""
    if code in HYPHENS:
        return "-"
    if code in (0x0D, 0x0A):
        return chr(code)
    if code < 0x20 or 0xD800 <= code < 0xE000:
        return " "
    return chr(code)


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters cut into lines at PDFium's breaks, and where the text jumps to another height."""
    lines: list[list[_Char]] = []
    for char in chars:
        if lines and not char.breaks_line and (char.text.isspace() or not _jumps(lines[-1], char)):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [line for line in lines if any(not c.text.isspace() for c in line)]


def _jumps(line: list[_Char], char: _Char) -> bool:
    """True when ``char`` lies wholly above or below the line so far (a comma's box alone is too small
    to judge by, so the whole line's height is)."""
    if not any(not c.text.isspace() for c in line):
        return False
    top, bottom = _span(line)
    middle = (char.box[1] + char.box[3]) / 2
    return not top <= middle <= bottom


def _span(line: list[_Char]) -> tuple[float, float]:
    visible = [c for c in line if not c.text.isspace()]
    return min(c.box[1] for c in visible), max(c.box[3] for c in visible)


def _words(line: list[_Char]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The whitespace-separated words of a line, each with the pixel box around its characters."""
    words: list[tuple[str, tuple[int, int, int, int]]] = []
    run: list[_Char] = []
    for char in [*line, _Char(" ", (0, 0, 0, 0), False)]:
        if not char.text.isspace():
            run.append(char)
            continue
        if run:
            box = (
                math.floor(min(c.box[0] for c in run)),
                math.floor(min(c.box[1] for c in run)),
                math.ceil(max(c.box[2] for c in run)),
                math.ceil(max(c.box[3] for c in run)),
            )
            words.append(("".join(c.text for c in run), box))
            run = []
    return words
