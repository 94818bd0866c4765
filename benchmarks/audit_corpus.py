"""The discrepancy audit on the development corpus: false number flags, planted recall, OCR explanations.

Every document goes through ``Workbench.process`` with its defaults (the real aligner), then its flags
are scored (:func:`benchmarks.audit_evaluation.score_flags`):
- ``docs/``: the clean translations agree on their numbers, so every number flag, whatever its
  severity, counts against the target (<= 1 per 100 aligned pairs);
- ``planted/``: one number changed and one sentence removed in each English; recall of both;
- ``names``: a name and a negation planted in each clean English (:mod:`benchmarks.planted_names`);
- ``scanned/``: the number flags on OCR text; how many an OCR proposal explains (applied, it makes the
  Russian read the English value) and how many of those say so; and how many lie on a word the gold
  lists as an OCR error, and how many of those name the OCR as a cause.

Usage: python benchmarks/audit_corpus.py [--forms docs,planted,scanned] [--only NAME,...] [-v] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.audit.ocr_explained import explaining  # noqa: E402
from align.model import FlagKind, Result  # noqa: E402
from benchmarks.audit_evaluation import NormalisedText, overlaps, score_flags  # noqa: E402
from benchmarks.common import ROOT  # noqa: E402
from benchmarks.corpus_documents import form_documents  # noqa: E402
from benchmarks.planted_names import planted_variant  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402

FORMS = ("docs", "planted", "names", "scanned")  # names: planted_names.py, built from docs/
ALL_LEVEL = frozenset({"omission", "addition", "name", "negation"})  # scored by paragraph pair
OCR_WORDS = ("OCR",)  # a flag message that names the OCR as a cause


def explained_by_proposal(result: Result) -> tuple[int, int]:
    """(number flags an OCR proposal explains: applied, it makes the Russian read the English value
    (:mod:`align.audit.ocr_explained`), of those the ones that say OCR)."""
    texts = {seg.id: seg.text for seg in result.ru}
    explained = [
        f for f in result.flags if f.kind == FlagKind.NUMBER and explaining(f, result.proposals, texts)
    ]
    return len(explained), sum(any(w in f.message for w in OCR_WORDS) for f in explained)


def on_gold_ocr_fix(result: Result, gold: dict) -> tuple[int, int]:
    """(number flags over a word the gold lists as an OCR error, of those the ones that say OCR)."""
    text = NormalisedText(result.ru)
    located = [loc for fx in gold.get("ocr_fixes", ()) for loc in text.locate(fx["context"], min_chars=4)]
    hits = [f for f in result.flags if f.kind == FlagKind.NUMBER and overlaps(f, located, text, "ru")]
    return len(hits), sum(any(w in f.message for w in OCR_WORDS) for f in hits)


def document_row(name: str, gold: dict, result: Result, verbose: bool) -> dict:
    score = score_flags(gold, result.ru, result.en, result.alignment, result.flags, paragraph_level=ALL_LEVEL)
    numbers = [f for f in result.flags if f.kind == FlagKind.NUMBER]
    overlapped, said = explained_by_proposal(result)
    on_gold, gold_said = on_gold_ocr_fix(result, gold)
    if verbose:
        texts = {s.id: s.text for s in (*result.ru, *result.en)}
        for f in numbers:
            where = (f.ru_spans or f.en_spans)[:1]
            snippet = texts[where[0].segment][where[0].start : where[0].end] if where else ""
            print(f"  {name}: {f.severity} {snippet!r}: {f.message[:120]}", file=sys.stderr)
    return {
        "document": name,
        "pairs": score.aligned_pairs,
        "number flags": len(numbers),
        "false number flags": score.false.get(FlagKind.NUMBER, 0),
        "found": dict(score.found),
        "total": dict(score.total),
        "OCR-explained number flags": overlapped,
        "saying OCR": said,
        "number flags on gold OCR errors": on_gold,
        "of those saying OCR": gold_said,
        "missed": list(score.missed),
    }


def run_form(form: str, workbench: Workbench, only: set[str], verbose: bool) -> list[dict]:
    rows = []
    if form == "names":
        folder = Path(tempfile.mkdtemp(prefix="planted-names-"))
        documents = [v for d in form_documents("docs") if (v := planted_variant(d, folder))]
    else:
        documents = form_documents(form)
    for doc in documents:
        if only and doc.name not in only:
            continue
        rows.append(document_row(doc.name, doc.gold, workbench.process(doc.source), verbose))
    return rows


def summary(form: str, rows: Sequence[dict]) -> dict:
    pairs = sum(r["pairs"] for r in rows)
    found, total = Counter(), Counter()
    for r in rows:
        found.update(r["found"])
        total.update(r["total"])
    out = {
        "documents": len(rows),
        "aligned pairs": pairs,
        "number flags per 100 pairs": round(100 * sum(r["number flags"] for r in rows) / max(1, pairs), 2),
        "false number flags per 100 pairs": round(
            100 * sum(r["false number flags"] for r in rows) / max(1, pairs), 2
        ),
        "recall": {k: f"{found[k]}/{n} = {found[k] / n:.2f}" for k, n in sorted(total.items())},
    }
    if form == "scanned":
        out["OCR-explained number flags"] = sum(r["OCR-explained number flags"] for r in rows)
        out["of those saying OCR"] = sum(r["saying OCR"] for r in rows)
        out["number flags on gold OCR errors"] = sum(r["number flags on gold OCR errors"] for r in rows)
        out["of the gold's saying OCR"] = sum(r["of those saying OCR"] for r in rows)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--only", default="", help="comma-separated document names")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every number flag")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "audit_corpus.json")
    args = parser.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    cache = Path(tempfile.gettempdir()) / "workbench-corpus-cache"
    workbench = Workbench(PipelineConfig(threads=1, cache_dir=str(cache)))
    out = {}
    for form in args.forms.split(","):
        rows = run_form(form, workbench, only, args.verbose)
        if not rows:
            raise SystemExit(f"no {form} documents found (../shared/corpus beside the repo?)")
        out[form] = {"summary": summary(form, rows), "documents": rows}
        print(f"{form}: {json.dumps(out[form]['summary'], ensure_ascii=False)}")
        for r in rows:
            if r["number flags"] or r["missed"]:
                print(f"  {r['document']}: {r['number flags']} number flags, missed {r['missed']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
