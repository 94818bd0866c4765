"""The documents the OCR confidence is fitted on, aligned once, and how their proposals are judged.

Each is one corpus document read one way (``path``): ``archive``, the archive-layout file through
``Workbench.process`` (the scanned corpus's ``scanned/NAME.txt`` and the seeds: a text input, so no word
confidences), or ``scan``, the scanned document's page images through Tesseract
(:mod:`benchmarks.scan_corpus`: every word with the engine's confidence, the gold moved onto this text).
The same document read both ways is one document for leave-one-document-out (``name``).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align.model import Proposal, Result
from benchmarks.corpus_documents import CorpusDocument
from benchmarks.ocr_corpus import clean_russian, right_or_wrong
from benchmarks.ocr_gold import LocatedFix, judge_overlapping, locate
from benchmarks.ocr_quality import EXHAUSTIVE
from benchmarks.scan_corpus import has_pages, scan_document
from correct.pipeline import Workbench

PATHS = ("archive", "scan")


@dataclass(frozen=True)
class FitDocument:
    """One document read one way, aligned, with the gold fixes of that text."""

    name: str  # the corpus name: the same for both paths
    form: str  # "scanned" | "seeds"
    path: str  # "archive" | "scan"
    result: Result  # ingest and alignment (its proposals are not used)
    fixes: list[dict]  # gold ocr_fixes of this text (context, wrong, fix)

    @property
    def exhaustive(self) -> bool:
        """The gold lists every OCR error: a proposal it does not list is judged wrong (or, on the scanned
        corpus, by the clean text); else such a proposal is left out."""
        return self.form == "scanned" or self.name in EXHAUSTIVE

    def located(self) -> list[LocatedFix]:
        """The gold fixes found in the text, with where they are."""
        out = []
        for fx in self.fixes:
            where = locate(self.result.ru, fx["context"], fx["wrong"])
            if where is not None:
                out.append((fx, where))
        return out

    def judged(self, proposals: Sequence[Proposal]) -> dict[str, bool]:
        """Proposal id -> right, for the proposals the gold (or the clean text) judges."""
        located = self.located()
        if self.form == "scanned":  # the clean text judges what the gold does not list
            with_proposals = replace(self.result, proposals=tuple(proposals))
            return right_or_wrong(with_proposals, located, clean_russian(self.name))
        return judge_overlapping(located, proposals)


def fit_documents(
    documents: Sequence[CorpusDocument], workbench: Workbench, *, scan: bool = True
) -> list[FitDocument]:
    """Every document on the archive path, then (``scan``) every scanned one with page images on the scan
    path; the workbench's own proposals are not used (only its alignment)."""
    out = []
    for doc in documents:
        result = workbench.process(doc.source)
        out.append(FitDocument(doc.name, doc.form, "archive", result, list(doc.gold["ocr_fixes"])))
    if not scan:
        return out
    with tempfile.TemporaryDirectory(prefix="fit-scan-") as work:
        for doc in documents:
            if doc.form != "scanned" or not has_pages(doc):
                continue
            read = scan_document(doc, workbench, Path(work))
            result = Result(document=read.document, ru=read.ru, en=read.en, alignment=read.links)
            out.append(FitDocument(doc.name, doc.form, "scan", result, read.fixes))
            print(f"{doc.name}: scan path, {len(read.fixes)} of {read.gold_fixes} fixes", file=sys.stderr)
    return out
