"""The development corpus by form (docs, scanned, seeds): each document's Source and its gold.

``../shared/corpus/README.md`` describes the corpus: ``docs/NAME/{ru,en}.txt`` are clean
paragraph pairs, ``scanned/NAME.txt`` the same texts typeset, scanned and read back by Tesseract
in the archive layout, and the two seeds are the archive documents the workbench was written
against (gold in ``../shared/gold``). Keeping the three forms apart shows what the OCR and the
archive layout cost, and keeps the seeds from hiding in a corpus mean.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from align.ingest.document import Source
from benchmarks.common import ROOT, load_gold, seed_files

CORPUS = ROOT.parent / "shared" / "corpus"
FORMS = ("docs", "scanned", "seeds")


@dataclass(frozen=True)
class CorpusDocument:
    """One document of one form, ready for the pipeline: what to ingest and the gold to score it on."""

    form: str  # "docs" | "scanned" | "seeds"
    name: str  # folder or file stem; the same name in docs/ and scanned/ is the same text
    source: Source
    gold: dict


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def form_documents(form: str, corpus: Path = CORPUS) -> list[CorpusDocument]:
    """Every document of ``form`` that has a gold file, in name order (none when the data is absent)."""
    if form in ("docs", "planted"):  # planted: the clean documents with discrepancies planted in the English
        folders = sorted(p for p in (corpus / form).glob("*/") if (p / "gold.json").exists())
        return [
            CorpusDocument(
                form, p.name, Source(ru=p / "ru.txt", en=p / "en.txt", name=p.name), _read(p / "gold.json")
            )
            for p in folders
        ]
    if form == "scanned":
        files = sorted(p for p in (corpus / "scanned").glob("*.txt") if p.with_suffix(".json").exists())
        return [CorpusDocument(form, p.stem, Source(archive=p), _read(p.with_suffix(".json"))) for p in files]
    if form == "seeds":
        seeds = [(p, load_gold(p.stem)) for p in seed_files()]
        return [
            CorpusDocument(form, p.stem, Source(archive=p), gold) for p, gold in seeds if gold is not None
        ]
    raise ValueError(f"unknown form {form!r}: expected one of {', '.join(FORMS)}")


def gold_paragraphs(gold: dict) -> dict[str, int]:
    """How many paragraphs the gold has on each side.

    English: one ``links`` entry per English paragraph. Russian: the distinct Russian snippets
    of the links plus ``ru_only`` (one snippet per Russian paragraph). On ``docs/`` this is the
    gold's own ``n_paragraphs``; the scanned and seed gold files only have the snippets.
    """
    russian = {ru for entry in gold["links"] for ru in entry["ru"]} | set(gold.get("ru_only", ()))
    return {"ru": len(russian), "en": len(gold["links"])}
