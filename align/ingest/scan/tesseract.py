"""Page images through the Tesseract CLI: its TSV output as ``OcrPage`` records, pages in parallel.

The CLI (Debian's ``tesseract-ocr`` and ``tesseract-ocr-rus``) rather than a binding: it is the one
interface every Tesseract 4 and 5 has, and a page is one process, so pages run in parallel without
sharing an engine. Tesseract's own OpenMP threads spin when a core is busy: on 2 cores a corpus page
took 1.8 s with Tesseract's default threads, 0.6 s with ``OMP_THREAD_LIMIT=1`` and 0.28 s with two such
processes at once (``benchmarks/scan_quality.py``), so each process gets one thread and the pages
share the cores.

Tesseract's lines and paragraphs are then checked against the words' boxes
(``align.ingest.scan.layout``): its paragraph numbers miss blank lines and cut some lines in two.

TSV columns (Tesseract's ``tsv`` config): level, page_num, block_num, par_num, line_num, word_num, left,
top, width, height, conf, text; level 5 rows are words, conf is 0..100 and -1 where there is none.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from align.errors import InputError
from align.ingest.ocr_pages import OcrPage, OcrWord
from align.ingest.scan.images import PageImage
from align.ingest.scan.layout import page_layout
from align.model import Page

LANGUAGE = "rus"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-rus"
WORD_LEVEL = "5"
# Tesseract's page segmentation mode 6, "a single uniform block of text": its default (3, automatic)
# takes parts of typewritten lines for pictures and drops them ("Иногда лед в айсбергах," lost from a
# line): 3 of the 30 scanned corpus documents came 0.03-0.07 link F1 below the archive's OCR, with 6 none.
# Pages in several columns would need 3 back; archive typescripts are one column.
PAGE_SEGMENTATION = 6
PAGE_TIMEOUT_SECONDS = 600  # a 300 dpi A4 page takes 2-10 s on one core; far longer is a hung process


def tesseract_binary(language: str = LANGUAGE) -> str:
    """The path of the tesseract program, checked to have ``language``'s trained data.

    InputError naming the Debian packages when the program or the language is missing: the one step
    a user must take, said in one line.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        raise InputError(f"Tesseract is not installed, so scans cannot be read: {INSTALL}")
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"Tesseract ({binary}) does not run ({exc}): {INSTALL}") from None
    # the list goes to stdout in Tesseract 4 and 5 (to stderr in 3): read both, skip the heading line
    known = {line.strip() for line in (listed.stdout + "\n" + listed.stderr).splitlines()[1:]}
    missing = [lang for lang in language.split("+") if lang not in known]
    if missing:
        raise InputError(f"Tesseract has no {'+'.join(missing)!r} language data: {INSTALL}")
    return binary


def run_tesseract(
    binary: str,
    image: PageImage,
    *,
    language: str = LANGUAGE,
    threads: int | None = 1,
    timeout: float = PAGE_TIMEOUT_SECONDS,
) -> str:
    """Tesseract's TSV for one page image; InputError naming the image when Tesseract fails on it.

    ``threads``: Tesseract's OpenMP threads (``OMP_THREAD_LIMIT``); None leaves Tesseract its default.
    """
    command = [binary, str(image.path), "stdout", "-l", language]
    command += ["--psm", str(PAGE_SEGMENTATION)]
    if image.dpi:
        command += ["--dpi", str(image.dpi)]  # a rendered PDF page: no need to guess the resolution
    command.append("tsv")
    env = dict(os.environ) if threads is None else {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"{image.path}: Tesseract took longer than {timeout:g} s on this page") from None
    except OSError as exc:
        raise InputError(f"{image.path}: Tesseract did not start ({exc}): {INSTALL}") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit code {done.returncode}"
        raise InputError(f"{image.path}: Tesseract could not read this page ({reason})")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str, page: Page) -> OcrPage:
    """The words of Tesseract's TSV for one page, in its reading order.

    ``line`` and ``block`` are running indexes on the page, of (block_num, par_num, line_num) and of
    (block_num, par_num): Tesseract numbers lines within a paragraph and paragraphs within a block,
    and a paragraph is what a blank line marks in an archive file.
    """
    lines: dict[tuple[str, str, str], int] = {}
    blocks: dict[tuple[str, str], int] = {}
    words: list[OcrWord] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != WORD_LEVEL or not text:
            continue
        paragraph = (row["block_num"], row["par_num"])
        block = blocks.setdefault(paragraph, len(blocks))
        line = lines.setdefault((*paragraph, row["line_num"]), len(lines))
        left, top = int(row["left"]), int(row["top"])
        box = (left, top, left + int(row["width"]), top + int(row["height"]))
        conf = float(row["conf"])
        confidence = None if conf < 0 else min(conf / 100, 1.0)
        words.append(OcrWord(text, box, confidence, line=line, block=block))
    return OcrPage(page, tuple(words))


def ocr_pages(
    images: Sequence[PageImage], *, language: str = LANGUAGE, jobs: int = 1, threads: int | None = 1
) -> list[OcrPage]:
    """One ``OcrPage`` per image, in order: text-layer pages as they are, the others through Tesseract.

    ``jobs`` Tesseract processes run at once, each with ``threads`` OpenMP threads (see the module
    docstring for why one thread per process). Tesseract is looked up only when a page needs it.
    """

    binary = tesseract_binary(language) if any(image.words is None for image in images) else ""

    def read(image: PageImage) -> OcrPage:
        page = Page(image.number, str(image.path), image.width, image.height)
        if image.words is not None:
            return OcrPage(page, image.words)
        tsv = run_tesseract(binary, image, language=language, threads=threads)
        return OcrPage(page, page_layout(parse_tsv(tsv, page).words))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(read, images))
