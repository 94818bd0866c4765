"""Fit the OCR proposals' confidence on the scanned corpus, leaving one document out; print the model.

Every document of ``../shared/corpus/scanned/`` goes through ``Workbench.process`` (the real aligner),
then the proposer runs again with every proposal kept (``min_emit`` 0, the hand-set confidence
choosing between overlapping proposals) and its evidence vector
(:func:`correct.proposals.document_proposals.propose_with_evidence`). A proposal is right when it restores a
gold fix (:func:`benchmarks.ocr_gold.judge`); one that overlaps no gold fix is judged against the clean
text (:func:`benchmarks.ocr_corpus.right_or_wrong`). Of the seeds, 002's gold lists every OCR error (an
unlisted proposal is wrong); 000's does not (an unlisted proposal is left out).

A logistic regression over the evidence (:data:`correct.proposals.evidence.FEATURES`, L2 with
``C``) is fitted once without each document and scores that document: the cross-validated
confidences. From them come the reliability table, precision and recall at each threshold, and the
threshold: the lowest at which cross-validated precision reaches ``--precision`` and stays there over the
next 0.05. The model fitted
on every document is printed as the ``ConfidenceModel`` to keep in ``correct/proposals/evidence.py``.

Usage: python benchmarks/fit_ocr_confidence.py [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT  # noqa: E402
from benchmarks.corpus_documents import form_documents  # noqa: E402
from benchmarks.ocr_corpus import clean_russian, markdown, reliability, right_or_wrong  # noqa: E402  # noqa: E402
from benchmarks.ocr_gold import judge_overlapping, locate  # noqa: E402
from benchmarks.ocr_quality import EXHAUSTIVE  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402
from correct.proposals import ProposalConfig  # noqa: E402
from correct.proposals.confusion_table import without  # noqa: E402
from correct.proposals.document_proposals import ProposerSettings, propose_with_evidence  # noqa: E402
from correct.proposals.evidence import FEATURES  # noqa: E402
from correct.proposals.memory import load_memory  # noqa: E402

# L2 strength of the logistic regression (sklearn's C; features are about 0..1). Cross-validated log
# loss on scanned/: C 0.1 0.529, 0.3 0.486, 1 0.454, 3 0.441, 10 0.438; recall at precision 0.95 was
# best at 3 (0.170 against 0.147 at 10), so 3.
C = 3.0
STABLE_OVER = 5  # thresholds (of 0.01) above the chosen one that must reach the precision too
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.5, 1.0, 0.01))
CACHE = Path(tempfile.gettempdir()) / "workbench-corpus-cache"


def collect(documents, workbench: Workbench) -> tuple[np.ndarray, ...]:
    """(evidence [proposals, features], right, document index, hand-set confidence [proposals]; gold
    fixes [documents])."""
    settings = ProposerSettings(min_emit=0.0, confidence=None)
    lexicon, memory = workbench.corrector.lexicon, load_memory(None)
    rows, labels, groups, fixes, hand = [], [], [], [], []
    for k, doc in enumerate(documents):
        result = workbench.process(doc.source)
        held_out = replace(settings, confusions=without([doc.name]))  # counts learned from the others
        scored = propose_with_evidence(
            result.ru, result.en, result.alignment, lexicon=lexicon, memory=memory, settings=held_out
        )
        located = [
            (fx, where)
            for fx in doc.gold["ocr_fixes"]
            if (where := locate(result.ru, fx["context"], fx["wrong"])) is not None
        ]
        proposals = tuple(p for p, _ in scored)
        if doc.form == "scanned":  # the clean text judges what the gold does not list
            judged = right_or_wrong(replace(result, proposals=proposals), located, clean_russian(doc.name))
        else:
            judged = judge_overlapping(located, proposals)
        exhaustive = doc.form == "scanned" or doc.name in EXHAUSTIVE
        for proposal, values in scored:
            if not exhaustive and proposal.id not in judged:
                continue  # seed 000's gold is not exhaustive: a proposal it does not judge is unknown
            rows.append(values)
            labels.append(judged.get(proposal.id) is True)
            groups.append(k)
            hand.append(proposal.confidence)
        fixes.append(len(doc.gold["ocr_fixes"]))
        print(f"{doc.name}: {len(scored)} proposals, {sum(labels[-len(scored) :])} right", file=sys.stderr)
    return np.array(rows, dtype=float), np.array(labels), np.array(groups), np.array(hand), np.array(fixes)


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000).fit(x, y)


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """P(right) of every proposal from the model fitted without its document."""
    out = np.zeros(len(y))
    for g in np.unique(groups):
        held = groups == g
        out[held] = fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return out


def at_thresholds(p: np.ndarray, y: np.ndarray, total_fixes: int) -> list[dict]:
    rows = []
    for t in THRESHOLDS:
        shown = p >= t
        right = int((shown & y).sum())
        rows.append(
            {
                "threshold": t,
                "shown": int(shown.sum()),
                "precision": round(right / max(1, int(shown.sum())), 3),
                "recall": round(right / max(1, total_fixes), 3),
            }
        )
    return rows


def chosen_threshold(rows: Sequence[dict], precision: float, window: int = STABLE_OVER) -> float:
    """The lowest threshold at which precision reaches ``precision`` there and at the next ``window``
    thresholds too: a single lucky point in a noisy stretch does not set the default."""
    for k, row in enumerate(rows):
        if all(r["precision"] >= precision for r in rows[k : k + window + 1]):
            return row["threshold"]
    return rows[-1]["threshold"]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--precision", type=float, default=0.95, help="precision the threshold must reach")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "fit_ocr_confidence.json")
    args = parser.parse_args(argv)
    documents = form_documents("scanned")[: args.limit] + form_documents("seeds")
    # the proposals of Workbench.process are not used: only its alignment; no fitted model is needed
    workbench = Workbench(
        PipelineConfig(threads=1, cache_dir=str(CACHE), proposals=ProposalConfig(confidence=None))
    )
    x, y, groups, hand, fixes = collect(documents, workbench)
    cv = cross_validated(x, y, groups)
    scanned = np.array([documents[g].form == "scanned" for g in groups])
    scanned_fixes = int(sum(f for d, f in zip(documents, fixes, strict=True) if d.form == "scanned"))
    table = at_thresholds(cv[scanned], y[scanned], scanned_fixes)
    threshold = chosen_threshold(table, args.precision)
    seeds = {
        d.name: at_thresholds(cv[groups == k], y[groups == k], int(fixes[k]))
        for k, d in enumerate(documents)
        if d.form == "seeds"
    }
    model = fit(x, y)
    weights = dict(zip(FEATURES, np.round(model.coef_[0], 4).tolist(), strict=True))
    bins = reliability([(float(c), bool(r)) for c, r in zip(cv[scanned], y[scanned], strict=True)])
    hand_bins = reliability([(float(c), bool(r)) for c, r in zip(hand[scanned], y[scanned], strict=True)])
    print(f"{len(y)} proposals ({int(scanned.sum())} on scanned/), {int(y.sum())} right\n")
    print("scanned/, cross-validated reliability\n\n" + markdown(bins))
    print("\nscanned/, the hand-set confidence, for comparison\n\n" + markdown(hand_bins))
    print("\nscanned/, cross-validated precision and recall\n\n" + markdown(table))
    print(f"\nthreshold for precision >= {args.precision} on scanned/: {threshold}")
    for name, rows in seeds.items():
        row = next(r for r in rows if r["threshold"] == threshold)
        print(f"seed {name}, cross-validated at {threshold}: {row} (judged proposals)")
    print(f"\nConfidenceModel(intercept={model.intercept_[0]:.4f}, weights=(")
    for name, w in weights.items():
        print(f"    {w},  # {name}")
    print("))")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    out = {"C": C, "threshold": threshold, "intercept": round(float(model.intercept_[0]), 4)}
    out |= {"weights": weights, "reliability": bins, "thresholds": table, "hand_set_reliability": hand_bins}
    out |= {"seeds": seeds, "proposals": len(y), "right": int(y.sum())}
    args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
