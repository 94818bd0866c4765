"""Scans in (issue 18): link F1 from the page images against the archive file's OCR, and OCR time per page.

For each chosen ``../shared/corpus/scanned/`` document (three kinds: a TED talk, a news article, a
shop's product page), the same alignment runs twice:
- the archive path: ``scanned/NAME.txt`` ingested as an archive-layout file (Russian OCR + English),
  exactly as ``benchmarks/corpus_scoring.py`` scores it;
- the scan path: the page images ``scanned/NAME/page-K.png`` read by Tesseract here
  (``align.ingest.scan``), with the archive's English part written to a file of its own.
Both are scored by :func:`benchmarks.common.alignment_score` on the document's gold. The gold's Russian
snippets are OCR text of the archive file; this run's Tesseract reads some words differently, so each
snippet is moved to the same place in this run's text (a character alignment of the two OCR texts,
:func:`scan_gold`), and the scorer is unchanged. Target: the scan path's F1 within 0.02 of the archive's.

OCR time per page is measured three ways, on the same pages each time: one Tesseract process
at a time with its default OpenMP threads (one per core), one at a time with one thread, and one
process per core with one thread each (what ``ingest_scan`` does).

Usage: python benchmarks/scan_quality.py [--only NAME,...] [--threads N] [--cache-dir DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.alignment.document import align_document  # noqa: E402
from align.embedding.encoders import available_cores  # noqa: E402
from align.ingest.decode import read_text  # noqa: E402
from align.ingest.layout import find_parts, split_blocks  # noqa: E402
from align.ingest.ocr_pages import OcrPage, ingest_ocr, pages_text  # noqa: E402
from align.ingest.scan.document import scan_images  # noqa: E402
from align.ingest.scan.files import page_files  # noqa: E402
from align.ingest.scan.tesseract import ocr_pages  # noqa: E402
from align.ingest.segment import segment_sentences  # noqa: E402
from benchmarks.common import ROOT, Score, alignment_score, squeezed_text  # noqa: E402
from benchmarks.corpus_documents import CORPUS, CorpusDocument, form_documents  # noqa: E402
from benchmarks.corpus_scoring import score_document  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402

DOCUMENTS = ("ted_talk_1", "wmt21_lgng_99319", "wmt22_ecommerce_ru_73")  # a talk, news, a product page
TARGET = 0.02  # the scan path's F1 may be this much below the archive path's
TIMING_PAGES = 6  # pages timed each way: Tesseract's default threads take up to 20 s a page on a busy machine


def archive_parts(archive: Path) -> tuple[str, str]:
    """(Russian part, English part) of an archive-layout file, as raw text."""
    raw, _ = read_text(archive)
    blocks = split_blocks(raw)
    parts = find_parts(blocks)
    return raw[blocks[parts.ru_start].start : blocks[parts.en_start].start], raw[
        blocks[parts.en_start].start :
    ]


def scan_gold(gold: dict, archive_ru: str, scan_ru: str) -> tuple[dict, int]:
    """``gold`` with each Russian snippet replaced by the scan text at the same place; (gold, snippets
    that changed).

    The two OCR texts are aligned character by character (Levenshtein opcodes, whitespace removed); a
    snippet's first and last characters in the archive text map to the scan text, and the text between
    becomes the snippet. Text the scan lacks shrinks the snippet, down to nothing: then it stays as
    it was and counts as a miss, as it should.
    """
    a, _ = squeezed_text(archive_ru)
    b, keep_b = squeezed_text(scan_ru)
    to_b: list[int | None] = [None] * len(a)
    for op in Levenshtein.opcodes(a, b):
        for k in range(op.src_end - op.src_start):  # a deleted character maps to where it would stand
            to_b[op.src_start + k] = op.dest_start + (k if op.tag in ("equal", "replace") else 0)
    changed = 0

    def moved(snippet: str) -> str:
        nonlocal changed
        needle, _ = squeezed_text(snippet)
        at = a.find(needle)
        if at < 0 or not needle:
            return snippet
        first, last = to_b[at], to_b[at + len(needle) - 1]
        if first is None or last is None or last < first or last >= len(b):
            return snippet
        text = scan_ru[keep_b[first] : keep_b[last] + 1]
        changed += squeezed_text(text)[0] != needle
        return text

    links = [{**entry, "ru": [moved(r) for r in entry["ru"]]} for entry in gold["links"]]
    return {**gold, "links": links, "ru_only": [moved(r) for r in gold.get("ru_only", ())]}, changed


def scan_score(document: CorpusDocument, pages: list[OcrPage], en_path: Path, workbench: Workbench) -> dict:
    """Align the scan's pages to the English as the pipeline does and score the links on the moved gold."""
    _doc, ru, en, _ = ingest_ocr(pages, en_path, str(CORPUS / "scanned" / document.name), name=document.name)
    ru, en = segment_sentences(ru), segment_sentences(en)
    links = align_document(ru, en, workbench.encoder, workbench.config.align)
    scan_raw, _ = pages_text(pages)
    archive_ru, _ = archive_parts(Path(document.source.archive))
    gold, changed = scan_gold(document.gold, archive_ru, scan_raw)
    raw = {"ru": scan_raw, "en": en_path.read_text(encoding="utf-8")}
    score = alignment_score(links, ru, en, raw, gold)
    return {"score": score, "snippets_changed": changed, "ru_paragraphs": len(ru)}


def ocr_timings(images_by_doc: dict, cores: int) -> dict[str, float]:
    """Seconds per page over the documents' first pages, for each way of running Tesseract."""
    images = [image for images in images_by_doc.values() for image in images][:TIMING_PAGES]
    ways = {
        "1 process, Tesseract's default threads": {"jobs": 1, "threads": None},
        "1 process, 1 thread": {"jobs": 1, "threads": 1},
        f"{cores} processes, 1 thread each": {"jobs": cores, "threads": 1},
    }
    seconds = {}
    for name, how in ways.items():
        t0 = time.perf_counter()
        ocr_pages(images, **how)
        seconds[name] = round((time.perf_counter() - t0) / len(images), 3)
    return seconds


def run(documents: Sequence[CorpusDocument], workbench: Workbench, work: Path) -> tuple[list[dict], dict]:
    """Rows of the per-document table, and the OCR timings."""
    cores = available_cores()
    images_by_doc = {
        d.name: scan_images(tuple(page_files(CORPUS / "scanned" / d.name)), work) for d in documents
    }
    rows = []
    for document in documents:
        images = images_by_doc[document.name]
        t0 = time.perf_counter()
        pages = ocr_pages(images, jobs=cores)
        per_page = (time.perf_counter() - t0) / len(images)
        en_path = work / f"{document.name}.en.txt"
        en_path.write_text(archive_parts(Path(document.source.archive))[1], encoding="utf-8")
        archive: Score = score_document(document, workbench).score
        scanned = scan_score(document, pages, en_path, workbench)
        score: Score = scanned["score"]
        rows.append(
            {
                "document": document.name,
                "pages": len(images),
                "ocr s/page": round(per_page, 2),
                "archive F1": round(archive.f1, 3),
                "scan F1": round(score.f1, 3),
                "scan - archive": round(score.f1 - archive.f1, 3),
                "within target": "yes" if score.f1 >= archive.f1 - TARGET else "NO",
                "snippets moved": scanned["snippets_changed"],
                "ru paragraphs": scanned["ru_paragraphs"],
            }
        )
    return rows, ocr_timings(images_by_doc, cores)


def markdown(rows: Sequence[dict]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(str(r[k]) for k in head) + " |" for r in rows])


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(DOCUMENTS), help="comma-separated scanned document names")
    parser.add_argument("--threads", type=int, default=1, help="encoder threads")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-corpus-cache"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "scan_quality.json")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    by_name = {d.name: d for d in form_documents("scanned")}
    documents = [
        by_name[n] for n in only if n in by_name and (CORPUS / "scanned" / n / "page-1.png").exists()
    ]
    if not documents:
        raise SystemExit(
            "no scanned documents with page images found (../shared/corpus/scanned beside the repo?)"
        )
    workbench = Workbench(PipelineConfig(threads=args.threads, cache_dir=str(args.cache_dir)))
    with tempfile.TemporaryDirectory(prefix="scan-quality-") as work:
        rows, timings = run(documents, workbench, Path(work))
    print(markdown(rows))
    print(f"\nOCR seconds per page ({TIMING_PAGES} pages each way)\n")
    print(markdown([{"how": k, "s/page": v} for k, v in timings.items()]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    out = {"target": TARGET, "documents": rows, "ocr_seconds_per_page": timings}
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
