"""OCR word confidence as evidence (issue 18): the proposals' confidence fitted with and without it.

A word the engine was unsure of is more likely wrong. The evidence ``engine_doubt`` (1 - the lowest
Tesseract confidence of the words a proposal's span overlaps) and ``engine_unknown`` (a text input,
no confidences) exist only on the scan path, so the fit data are the documents of
``fit_ocr_confidence.py`` (``scanned/NAME.txt`` and the seeds, archive path) plus the scanned documents
read from their page images (:mod:`benchmarks.scan_corpus`, scan path). Three models, each fitted
leave-one-document-out (a document read both ways is left out on both):

- ``archive data``: no engine evidence, fitted on the archive path only (the recipe of the model shipped
  before);
- ``without``: no engine evidence, fitted on both paths;
- ``with``: the engine evidence too, fitted on both paths.

Each held-out model then runs the proposer on its document as ``workbench process`` does (it chooses
between overlapping proposals, ``min_emit`` 0.2) and the result is scored as ``benchmarks/ocr_corpus.py``
scores it (:func:`benchmarks.ocr_corpus.score_result`): precision and top-1 recall at the default
threshold, top-1 and top-5 recall of everything emitted, WER before and after ``apply``, reliability.
The cross-validated log loss and average precision of the fit's own proposals (the hand-set confidence
choosing between overlaps, as in ``fit_ocr_confidence.py``) are given beside, and for the scan path the
log-loss difference with - without the engine evidence with a 95 % interval (documents resampled).

Usage: python benchmarks/engine_confidence.py [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT  # noqa: E402
from benchmarks.confidence_inputs import PATHS, FitDocument  # noqa: E402
from benchmarks.fit_ocr_confidence import Collected, collect, fit, load_documents  # noqa: E402
from benchmarks.ocr_corpus import clean_russian, markdown, pooled, rates, reliability, score_result  # noqa: E402
from correct.proposals import CAP_MARGIN, DEFAULT_THRESHOLD  # noqa: E402
from correct.proposals.confusion_table import without  # noqa: E402
from correct.proposals.document_proposals import ProposerSettings, propose_document  # noqa: E402
from correct.proposals.evidence import FEATURES, ConfidenceModel  # noqa: E402
from correct.proposals.memory import load_memory  # noqa: E402

ENGINE = ("engine_doubt", "engine_unknown")
BOOTSTRAP = 2000  # resamples of the documents for the interval of a difference
ENGINE_BINS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.01)  # edges of the engine confidence bins
VARIANTS = {  # name -> (the engine evidence used, the paths fitted on)
    "archive data": (False, ("archive",)),
    "without": (False, PATHS),
    "with": (True, PATHS),
}


def held_out_models(
    docs: Sequence[FitDocument], data: Collected, engine: bool, paths: Sequence[str]
) -> dict[str, ConfidenceModel]:
    """Document name -> the model fitted without it (on the rows of ``paths``), zero weight on the engine
    evidence when ``engine`` is false."""
    x = data.x.copy()
    if not engine:  # constant columns: fit gives them weight 0
        x[:, [FEATURES.index(name) for name in ENGINE]] = 0.0
    train = np.array([docs[k].path in paths for k in data.doc], dtype=bool)
    names = np.array([docs[k].name for k in data.doc])
    models = {}
    for name in sorted({d.name for d in docs}):
        rows = train & (names != name)
        models[name] = fit(x[rows], data.y[rows])
    return models


def held_out(
    models: dict[str, ConfidenceModel], docs: Sequence[FitDocument], data: Collected
) -> tuple[np.ndarray, np.ndarray]:
    """(P(right), log loss) of each of the fit's proposals under the model fitted without its document."""
    p = np.array([models[docs[k].name].probability(tuple(v)) for k, v in zip(data.doc, data.x, strict=True)])
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return p, -np.where(data.y, np.log(p), np.log(1 - p))


def fit_metrics(p: np.ndarray, loss: np.ndarray, docs: Sequence[FitDocument], data: Collected) -> dict:
    """Path -> mean log loss and average precision of the fit's proposals on scanned/."""
    from sklearn.metrics import average_precision_score

    out = {}
    for path in PATHS:
        rows = data.rows(docs, "scanned", path)
        if rows.any():
            ap = average_precision_score(data.y[rows], p[rows])
            out[path] = {"log loss": round(float(loss[rows].mean()), 4), "AP": round(float(ap), 4)}
    return out


def paired_difference(
    a: np.ndarray, b: np.ndarray, groups: np.ndarray, rng: np.random.Generator, draws: int = BOOTSTRAP
) -> tuple[float, float, float]:
    """Mean of ``a - b`` over proposals and its 95 % interval, documents resampled with replacement (the
    proposals of one document are not independent)."""
    names = np.unique(groups)
    sums = np.array([(a - b)[groups == g].sum() for g in names])
    counts = np.array([(groups == g).sum() for g in names])
    means = []
    for _ in range(draws):
        pick = rng.integers(0, len(names), len(names))
        means.append(sums[pick].sum() / counts[pick].sum())
    lo, hi = np.percentile(means, [2.5, 97.5])
    return round(float((a - b).mean()), 4), round(float(lo), 4), round(float(hi), 4)


def end_to_end(docs: Sequence[FitDocument], models: dict[str, ConfidenceModel], lexicon) -> dict:
    """Path -> the pooled ``score_result`` counts of the scanned documents proposed with held-out models."""
    reports: dict[str, list[dict]] = {path: [] for path in PATHS}
    memory = load_memory(None)
    cap = min(ProposerSettings.english_number_cap, DEFAULT_THRESHOLD - CAP_MARGIN)  # as Corrector sets it
    for doc in docs:
        if doc.form != "scanned":
            continue  # no clean text to score the seeds' WER on
        settings = ProposerSettings(
            confidence=models[doc.name], confusions=without([doc.name]), english_number_cap=cap
        )
        r = doc.result
        proposals = propose_document(
            r.ru, r.en, r.alignment, lexicon=lexicon, memory=memory, settings=settings
        )
        result = replace(r, proposals=proposals)
        report = score_result(result, {"ocr_fixes": doc.fixes}, clean_russian(doc.name), DEFAULT_THRESHOLD)
        reports[doc.path].append(report)
    return {path: pooled(found) for path, found in reports.items() if found}


def by_engine_confidence(docs: Sequence[FitDocument], data: Collected) -> list[dict]:
    """The fit's proposals on the scan path by the engine's confidence in their words: how many, how
    many right."""
    rows = data.rows(docs, "scanned", "scan")
    confidence = 1 - data.x[rows, FEATURES.index("engine_doubt")]
    right = data.y[rows]
    out = []
    for lo, hi in zip(ENGINE_BINS, ENGINE_BINS[1:], strict=False):
        held = (confidence >= lo) & (confidence < hi)
        share = round(float(right[held].mean()), 3) if held.any() else None
        out.append(
            {
                "engine confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "proposals": int(held.sum()),
                "share right": share,
            }
        )
    return out


def summary_row(variant: str, path: str, total: dict, metrics: dict) -> dict:
    r = rates(total)
    return {
        "model": variant,
        "path": path,
        "gold fixes": total["fixes"],
        f"shown >= {DEFAULT_THRESHOLD}": total["shown"],
        "precision": r["precision"],
        "recall top-1": r["recall top-1"],
        "top-1 all": r["recall top-1 all"],
        "top-5 all": r["recall top-5 all"],
        "WER after / before": round(total["errors_after"] / max(1, total["errors_before"]), 3),
        "log loss (fit proposals)": metrics[path]["log loss"],
        "AP (fit proposals)": metrics[path]["AP"],
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "engine_confidence.json")
    args = parser.parse_args(argv)
    docs, workbench = load_documents(args.limit, scan=True)
    lexicon = workbench.corrector.lexicon
    data = collect(docs, lexicon)
    rows, bins, losses = [], {}, {}
    for variant, (engine, paths) in VARIANTS.items():
        models = held_out_models(docs, data, engine, paths)
        p, losses[variant] = held_out(models, docs, data)
        metrics = fit_metrics(p, losses[variant], docs, data)
        for path, total in end_to_end(docs, models, lexicon).items():
            rows.append(summary_row(variant, path, total, metrics))
            bins[f"{variant}, {path}"] = reliability(total["confidences"])
        print(f"{variant}: {rows[-2:]}", file=sys.stderr, flush=True)
    scan = data.rows(docs, "scanned", "scan")
    groups = data.groups(docs)[scan]
    gain = paired_difference(losses["with"][scan], losses["without"][scan], groups, np.random.default_rng(0))
    print("leave-one-document-out, scanned/\n\n" + markdown(rows))
    print(f"\nscan path, log loss with - without the engine evidence: {gain[0]} (95 % interval {gain[1:]})")
    engine_bins = by_engine_confidence(docs, data)
    print("\nthe fit's proposals on the scan path by the engine's confidence\n\n" + markdown(engine_bins))
    for name, table in bins.items():
        print(f"\nreliability, {name}\n\n{markdown(table)}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    out = {"threshold": DEFAULT_THRESHOLD, "summary": rows, "reliability": bins, "log loss gain": gain}
    out["by engine confidence"] = engine_bins
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
