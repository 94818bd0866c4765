"""OCR proposals on the scanned development corpus: recall, precision, reliability and WER per document.

``../shared/corpus/scanned/`` holds 30 documents read by Tesseract, each with gold ``ocr_fixes``
that list every wrong word (punctuation aside), and the clean Russian in ``docs/NAME/ru.txt``.
Every document goes through ``Workbench.process`` with its defaults (the real aligner), then:
- recall of the gold fixes: top-1 at the default threshold, top-1 of all emitted proposals, and
  within the alternatives (suggestion or one of the ``max_alternatives``: top-5) of all emitted;
- precision at the default threshold: a proposal is right when it covers a gold fix's ``wrong``
  in its ``context`` and suggests the fix (:func:`benchmarks.ocr_gold.judge`); a proposal
  overlapping no gold fix is judged against the clean text (:func:`benchmarks.ocr_gold.judge_unlisted`:
  the gold leaves out words that ingest rejoined across a line break);
- a reliability table: emitted proposals binned by confidence against the share right;
- word error rate of the Russian before and after ``workbench apply`` with its defaults
  (:func:`correct.exports.apply.chosen_changes` at ``DEFAULT_THRESHOLD``), against the clean text;
- seconds per document (the whole pipeline and the proposal stage).

Usage: python benchmarks/ocr_corpus.py [--limit N] [--only NAME,...] [--threads N] [--cache-dir DIR]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.model import Result  # noqa: E402
from benchmarks.common import ROOT  # noqa: E402
from benchmarks.corpus_documents import CORPUS, CorpusDocument, form_documents  # noqa: E402
from benchmarks.ocr_gold import (  # noqa: E402
    LocatedFix,
    clean_vocabulary,
    judge_overlapping,
    judge_unlisted,
    locate,
)
from benchmarks.ocr_quality import recall  # noqa: E402
from correct.exports.apply import chosen_changes, corrected_segments  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402
from correct.proposals import DEFAULT_THRESHOLD  # noqa: E402

BIN_WIDTH = 0.1  # reliability bins of confidence
BIN_MIN = 20  # proposals a bin needs before its calibration is judged (the target)
PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")  # the gold leaves punctuation-only differences out


def words(text: str) -> list[str]:
    """The words of ``text`` for WER: split on whitespace, punctuation stripped from both ends."""
    return [w for w in (PUNCTUATION.sub("", t) for t in text.split()) if w]


def word_errors(hypothesis: str, reference: str) -> tuple[int, int]:
    """(word-level edit distance of ``hypothesis`` to ``reference``, words in the reference)."""
    hyp, ref = words(hypothesis), words(reference)
    return Levenshtein.distance(hyp, ref), len(ref)


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate: substitutions, insertions and deletions over the reference's words."""
    errors, n = word_errors(hypothesis, reference)
    return errors / max(1, n)


def clean_russian(name: str, corpus: Path = CORPUS) -> str:
    """The clean Russian of a scanned document (``docs/NAME/ru.txt``)."""
    return (corpus / "docs" / name / "ru.txt").read_text(encoding="utf-8")


def score_result(result: Result, gold: dict, clean: str, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """The OCR report of one processed scanned document against its gold fixes and clean text.

    Counts, not rates, where totals are pooled: ``fixes``, ``top1``, ``top1_all``, ``within``,
    ``shown``, ``right``; ``errors_before``/``errors_after`` are word edits against the ``words`` of
    ``clean``. ``confidences`` lists (confidence, right) of every emitted proposal.
    """
    ru, proposals = result.ru, result.proposals
    fixes = [(fx, locate(ru, fx["context"], fx["wrong"])) for fx in gold["ocr_fixes"]]
    located: list[LocatedFix] = [(fx, where) for fx, where in fixes if where is not None]
    judged = right_or_wrong(result, located, clean)
    top1, top1_all, within = recall(located, proposals, threshold=threshold, verbose=False)
    shown = [p for p in proposals if p.confidence >= threshold]
    before_text = "\n\n".join(s.text for s in ru)
    after_text = "\n\n".join(corrected_segments(result, chosen_changes(result, threshold)))
    before, n = word_errors(before_text, clean)
    after, _ = word_errors(after_text, clean)
    return {
        "fixes": len(fixes),
        "located": len(located),
        "top1": top1,
        "top1_all": top1_all,
        "within": within,
        "emitted": len(proposals),
        "shown": len(shown),
        "right": sum(1 for p in shown if judged.get(p.id) is True),
        "words": n,
        "errors_before": before,
        "errors_after": after,
        "confidences": [(round(p.confidence, 4), judged.get(p.id) is True) for p in proposals],
    }


def right_or_wrong(result: Result, located: list[LocatedFix], clean: str) -> dict[str, bool]:
    """Every proposal of ``result``: right or wrong by its gold fix, or by the clean text where the gold
    lists none (:func:`benchmarks.ocr_gold.judge_unlisted`)."""
    judged = judge_overlapping(located, result.proposals)
    words = clean_vocabulary(clean)
    for p in result.proposals:
        if p.id not in judged:
            judged[p.id] = judge_unlisted(p, result.segment(p.segment), words)
    return judged


def rates(counts: dict) -> dict:
    """The rates of a document's (or the pooled) counts."""
    return {
        "recall top-1": round(counts["top1"] / max(1, counts["fixes"]), 3),
        "recall top-1 all": round(counts["top1_all"] / max(1, counts["fixes"]), 3),
        "recall top-5 all": round(counts["within"] / max(1, counts["fixes"]), 3),
        "precision": round(counts["right"] / max(1, counts["shown"]), 3),
        "WER before": round(counts["errors_before"] / max(1, counts["words"]), 4),
        "WER after": round(counts["errors_after"] / max(1, counts["words"]), 4),
    }


def pooled(reports: Sequence[dict]) -> dict:
    """The counts of every document summed (``confidences`` concatenated)."""
    keys = [k for k in reports[0] if isinstance(reports[0][k], int | float) and k != "name"]
    total = {k: round(sum(r[k] for r in reports), 4) for k in keys}
    total["confidences"] = [c for r in reports for c in r["confidences"]]
    return total


def reliability(confidences: Sequence[tuple[float, bool]], width: float = BIN_WIDTH) -> list[dict]:
    """Confidence bins of ``width``: proposals, mean confidence, share right, and whether the two agree
    within 0.1 (judged only for bins of at least ``BIN_MIN`` proposals, else None)."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for conf, right in confidences:
        bins.setdefault(min(int(conf / width), int(round(1 / width)) - 1), []).append((conf, right))
    rows = []
    for k in sorted(bins):
        items = bins[k]
        mean = sum(c for c, _ in items) / len(items)
        share = sum(1 for _, r in items if r) / len(items)
        ok = abs(mean - share) <= 0.1 if len(items) >= BIN_MIN else None
        rows.append(
            {
                "bin": f"{k * width:.1f}-{(k + 1) * width:.1f}",
                "proposals": len(items),
                "mean confidence": round(mean, 3),
                "share right": round(share, 3),
                "calibrated": ok,
            }
        )
    return rows


def calibration_test(rows: Sequence[dict]) -> dict:
    """Hosmer-Lemeshow over the reliability bins judged (``BIN_MIN`` proposals or more): the sum over bins
    of ((share right - mean confidence) / its standard error)^2, against chi-squared with one degree of
    freedom per bin (the confidences are not fitted on these proposals: cross-validated, or a held-out run).

    A bin of 40 proposals at 0.55 has a standard error of 0.08, so a perfectly calibrated confidence misses
    the issue's 0.1 in such a bin one time in five: a small p says the table is off by more than chance.
    """
    from scipy.stats import chi2

    judged = [r for r in rows if r["calibrated"] is not None and 0.0 < r["mean confidence"] < 1.0]
    statistic = sum(
        (r["share right"] - r["mean confidence"]) ** 2
        / (r["mean confidence"] * (1 - r["mean confidence"]) / r["proposals"])
        for r in judged
    )
    p = float(chi2.sf(statistic, len(judged))) if judged else 1.0
    return {"statistic": round(statistic, 2), "bins": len(judged), "p": round(p, 3)}


def markdown(rows: Sequence[dict]) -> str:
    """A Markdown table of dicts sharing their keys."""
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(str(r[k]) for k in head) + " |" for r in rows]
    return "\n".join(lines)


def document_row(name: str, report: dict) -> dict:
    """One line of the per-document table."""
    return {
        "document": name,
        "fixes": report["fixes"],
        "emitted": report["emitted"],
        "shown": report["shown"],
        **rates(report),
        "seconds": report["seconds"],
        "propose s": report["propose seconds"],
    }


def run(documents: Sequence[CorpusDocument], workbench: Workbench) -> list[dict]:
    """Process and score every document; each report gains its name and timings."""
    reports = []
    for doc in documents:
        t0 = time.perf_counter()
        result = workbench.process(doc.source)
        seconds = time.perf_counter() - t0
        report = score_result(result, doc.gold, clean_russian(doc.name))
        report.update(
            name=doc.name,
            seconds=round(seconds, 2),
            **{"propose seconds": result.config["timings"]["propose"]},
        )
        reports.append(report)
        print(f"{doc.name}: {json.dumps(rates(report))} {seconds:.1f} s", file=sys.stderr, flush=True)
    return reports


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N documents")
    parser.add_argument("--only", default="", help="comma-separated document names")
    # one thread: on this 2-core machine another job usually holds a core, and USE is then faster on one
    parser.add_argument("--threads", type=int, default=1, help="encoder threads")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-corpus-cache"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "ocr_corpus.json")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    documents = [d for d in form_documents("scanned") if not only or d.name in only][: args.limit]
    if not documents:
        raise SystemExit("no scanned documents found (../shared/corpus/scanned beside the repo?)")
    config = PipelineConfig(threads=args.threads, cache_dir=str(args.cache_dir))
    reports = run(documents, Workbench(config))
    total = pooled(reports)
    rows = [document_row(r["name"], r) for r in reports]
    rows.append(document_row("**total**", total))
    table = reliability(total["confidences"])
    worse = [r["name"] for r in reports if r["errors_after"] > r["errors_before"]]
    test = calibration_test(table)
    print(f"threshold {DEFAULT_THRESHOLD}\n\n{markdown(rows)}\n\nreliability\n\n{markdown(table)}")
    print(f"\nHosmer-Lemeshow over {test['bins']} bins: {test['statistic']}, p {test['p']}")
    print(f"\ndocuments with WER after > before: {', '.join(worse) or 'none'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    out = {"threshold": DEFAULT_THRESHOLD, "total": {**rates(total), "seconds": total["seconds"]}}
    out |= {"reliability": table, "calibration test": test, "worse": worse, "documents": rows[:-1]}
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
