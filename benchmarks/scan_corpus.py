"""The scanned corpus read from its page images: Tesseract's pages cached on disk, the gold moved onto them.

``../shared/corpus/scanned/NAME/page-K.png`` are the page images the archive file ``scanned/NAME.txt``
was read from. Read again here (``align.ingest.scan``: Tesseract, one process per core), every word keeps
the engine's confidence, which the archive text has lost. The pages of a document take 5-30 s to read,
so each document's ``OcrPage`` records are kept as JSON (``CACHE/scan-ocr/NAME.json``), keyed by the page
files' names and sizes and Tesseract's language and page segmentation: a second run reads no page.

The gold ``ocr_fixes`` (context, wrong, fix) were made on the archive file's OCR text, and this run
reads some words differently. As ``benchmarks/scan_quality.py`` moves its snippets, the two OCR texts
(here the clean Russian segments of each path, where the fixes are located) are aligned character by
character (Levenshtein opcodes, whitespace removed) and each fix's context and wrong are carried to the
same place in this run's text. A fix whose wrong this run reads as the fix, or
whose place it lacks, is no error of this text and is left out.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from align.alignment.document import align_document
from align.embedding.encoders import available_cores
from align.ingest.document import ingest
from align.ingest.ocr_pages import OcrPage, OcrWord, ingest_ocr
from align.ingest.scan.document import scan_images
from align.ingest.scan.files import page_files
from align.ingest.scan.tesseract import LANGUAGE, PAGE_SEGMENTATION, ocr_pages
from align.ingest.segment import segment_sentences
from align.model import Document, Link, Page, Segment
from benchmarks.common import squeezed_text
from benchmarks.corpus_documents import CORPUS, CorpusDocument
from benchmarks.ocr_gold import squeeze
from benchmarks.scan_quality import archive_parts
from correct.pipeline import Workbench

CACHE = Path(tempfile.gettempdir()) / "workbench-corpus-cache" / "scan-ocr"
CACHE_FORMAT = "scan-ocr/1"


@dataclass(frozen=True)
class ScanDocument:
    """A scanned corpus document read from its page images and aligned, with the gold moved onto it."""

    document: Document
    ru: tuple[Segment, ...]  # with their words' confidences
    en: tuple[Segment, ...]
    links: tuple[Link, ...]
    fixes: list[dict]  # the gold ocr_fixes still wrong in this text, context and wrong as this text reads
    gold_fixes: int  # the archive gold's fixes, for comparison


def has_pages(document: CorpusDocument) -> bool:
    """The document's page images are in the corpus."""
    return (CORPUS / "scanned" / document.name / "page-1.png").exists()


def cached_pages(document: CorpusDocument, cache: Path = CACHE, jobs: int = 2) -> list[OcrPage]:
    """Tesseract's pages of a scanned corpus document, from the cache when its key matches."""
    files = page_files(CORPUS / "scanned" / document.name)
    key = {
        "format": CACHE_FORMAT,
        "language": LANGUAGE,
        "psm": PAGE_SEGMENTATION,
        "files": [[f.name, f.stat().st_size] for f in files],
    }
    path = cache / f"{document.name}.json"
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["key"] == key:
            return [_page_from_json(p) for p in stored["pages"]]
    with tempfile.TemporaryDirectory(prefix="scan-corpus-") as work:
        pages = ocr_pages(scan_images(tuple(files), Path(work)), jobs=jobs)
    cache.mkdir(parents=True, exist_ok=True)
    stored = {"key": key, "pages": [asdict(p) for p in pages]}
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return pages


def _page_from_json(page: dict) -> OcrPage:
    p = page["page"]
    words = tuple(
        OcrWord(w["text"], tuple(w["box"]), w["confidence"], w["line"], w["block"]) for w in page["words"]
    )
    return OcrPage(Page(p["number"], p["image"], p["width"], p["height"]), words)


def character_map(a: str, b: str) -> list[int]:
    """For each character of ``a``, the index of the character of ``b`` at its place (Levenshtein opcodes;
    a character ``b`` lacks maps to where it would stand), as ``scan_quality.scan_gold`` maps snippets."""
    to_b = [0] * len(a)
    for op in Levenshtein.opcodes(a, b):
        for k in range(op.src_end - op.src_start):
            to_b[op.src_start + k] = op.dest_start + (k if op.tag in ("equal", "replace") else 0)
    return to_b


def move_fixes(fixes: Sequence[dict], archive_ru: str, scan_ru: str) -> list[dict]:
    """The gold fixes with context and wrong as ``scan_ru`` reads them; those it reads right, or lacks,
    left out."""
    a, _ = squeezed_text(archive_ru)
    b, keep_b = squeezed_text(scan_ru)
    to_b = character_map(a, b)

    def span(first: int, last: int) -> str:
        lo, hi = to_b[first], to_b[last]
        return scan_ru[keep_b[lo] : keep_b[hi] + 1] if lo <= hi < len(b) else ""

    moved = []
    for fx in fixes:
        ctx, wrong = squeeze(fx["context"]), squeeze(fx["wrong"])
        at, inner = a.find(ctx), ctx.find(wrong)
        if at < 0 or inner < 0 or not wrong:
            continue  # not in the archive text either: a miss on both paths
        first = at + inner
        new_wrong = span(first, first + len(wrong) - 1)
        if not new_wrong or squeeze(new_wrong) == squeeze(fx["fix"]):
            continue
        moved.append({**fx, "context": span(at, at + len(ctx) - 1), "wrong": new_wrong})
    return moved


def scan_document(document: CorpusDocument, workbench: Workbench, work: Path) -> ScanDocument:
    """Read a scanned corpus document from its (cached) pages, ingest and align it as the pipeline does;
    ``work``: a folder for the English part's file."""
    pages = cached_pages(document, jobs=available_cores())  # Tesseract processes, one thread each
    _, archive_en = archive_parts(Path(document.source.archive))
    en_path = work / f"{document.name}.en.txt"
    en_path.write_text(archive_en, encoding="utf-8")
    label = str(CORPUS / "scanned" / document.name)
    doc, ru, en, _ = ingest_ocr(pages, en_path, label, name=document.name)
    ru, en = segment_sentences(ru), segment_sentences(en)
    links = align_document(ru, en, workbench.encoder, workbench.config.align)
    # the fixes were located in the archive path's clean segments: map those onto this run's clean segments
    _, archive_segments, _, _ = ingest(document.source)
    archive_text = "\n\n".join(s.text for s in archive_segments)
    fixes = move_fixes(document.gold["ocr_fixes"], archive_text, "\n\n".join(s.text for s in ru))
    return ScanDocument(doc, ru, en, tuple(links), fixes, len(document.gold["ocr_fixes"]))
