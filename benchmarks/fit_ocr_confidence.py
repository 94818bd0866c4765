"""Fit the OCR proposals' confidence on the scanned corpus, leaving one document out; print the model.

Every document of ``../shared/corpus/scanned/`` goes through ``Workbench.process`` (the real aligner),
then the proposer runs again with every proposal kept (``min_emit`` 0) and its evidence vector
(:func:`correct.proposals.document_proposals.propose_with_evidence`), twice: with the hand-set
confidence choosing between overlapping proposals, then with a model fitted on that pass without the
document choosing, as the shipped proposer does (:func:`collect_as_shipped`). A proposal is right when
it restores a gold fix (:func:`benchmarks.ocr_gold.judge`); one that overlaps no gold fix is judged
against the clean text (:func:`benchmarks.ocr_corpus.right_or_wrong`). Of the seeds, 002's gold lists
every OCR error (an unlisted proposal is wrong); 000's does not (an unlisted proposal is left out).

A logistic regression over the evidence (:data:`correct.proposals.evidence.FEATURES`, L2 with
``C``) is fitted once without each document and scores that document: the cross-validated
confidences. From them come the reliability table, precision and recall at each threshold, and the
threshold: the lowest at which cross-validated precision reaches ``--precision`` and stays there over the
next 0.05. The model fitted
on every document is printed as the ``ConfidenceModel`` to keep in ``correct/proposals/evidence.py``.

These are text inputs, with no engine word confidences: the engine evidence (``engine_doubt`` 0,
``engine_unknown`` 1) is constant, so its weights come out 0 and the intercept carries it. ``--scan``
also reads the scanned documents from their page images (:mod:`benchmarks.scan_corpus`), a document
read both ways being left out as one; ``benchmarks/engine_confidence.py`` measures what that evidence
brings (it was not kept: docs/ocr-proposals.md).

Usage: python benchmarks/fit_ocr_confidence.py [--limit N] [--scan] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT  # noqa: E402
from benchmarks.confidence_inputs import PATHS, FitDocument, fit_documents  # noqa: E402
from benchmarks.corpus_documents import form_documents  # noqa: E402
from benchmarks.ocr_corpus import calibration_test, markdown, reliability  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402
from correct.proposals import ProposalConfig  # noqa: E402
from correct.proposals.confusion_table import without  # noqa: E402
from correct.proposals.document_proposals import ProposerSettings, propose_with_evidence  # noqa: E402
from correct.proposals.evidence import FEATURES, ConfidenceModel, with_meaning  # noqa: E402
from correct.proposals.memory import load_memory  # noqa: E402

# L2 strength of the logistic regression (sklearn's C; features are about 0..1). Cross-validated log
# loss on scanned/: C 0.1 0.529, 0.3 0.486, 1 0.454, 3 0.441, 10 0.438; recall at precision 0.95 was
# best at 3 (0.170 against 0.147 at 10), so 3.
C = 3.0
STABLE_OVER = 5  # thresholds (of 0.01) above the chosen one that must reach the precision too
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.5, 1.0, 0.01))
CACHE = Path(tempfile.gettempdir()) / "workbench-corpus-cache"


@dataclass(frozen=True)
class Collected:
    """Every judged proposal of the fit documents: its evidence, whether it is right, where it is from."""

    x: np.ndarray  # evidence [proposals, FEATURES]
    y: np.ndarray  # right [proposals]
    doc: np.ndarray  # index of its FitDocument [proposals]

    def groups(self, docs: Sequence[FitDocument]) -> np.ndarray:
        """Leave-one-document-out groups: a document read on both paths is one group."""
        names = sorted({d.name for d in docs})
        return np.array([names.index(docs[k].name) for k in self.doc], dtype=int)

    def rows(self, docs: Sequence[FitDocument], form: str, path: str) -> np.ndarray:
        """Mask of the proposals of documents of this form read on this path."""
        return np.array([docs[k].form == form and docs[k].path == path for k in self.doc], dtype=bool)


def collect(
    docs: Sequence[FitDocument], lexicon, encode=None, choosers: Sequence[ConfidenceModel] | None = None
) -> Collected:
    """Every proposal of every document (``min_emit`` 0), with its evidence (the meaning from ``encode``,
    the aligner's encoder), judged; seed 000's unjudged proposals left out. Of overlapping proposals the
    more confident is kept: by the hand-set confidence, or with ``choosers`` (one model per document,
    fitted without it) by the fitted one, as the shipped proposer chooses."""
    settings = ProposerSettings(min_emit=0.0, confidence=None)
    memory = load_memory(None)
    rows, labels, where = [], [], []
    for k, doc in enumerate(docs):
        held_out = replace(settings, confusions=without([doc.name]))  # counts learned from the others
        if choosers is not None:
            held_out = replace(held_out, confidence=choosers[k])
        result = doc.result
        scored = propose_with_evidence(
            result.ru,
            result.en,
            result.alignment,
            lexicon=lexicon,
            memory=memory,
            settings=held_out,
            encode=encode,
        )
        judged = doc.judged([p for p, _ in scored])
        kept = [(p, v) for p, v in scored if doc.exhaustive or p.id in judged]
        for proposal, values in kept:
            rows.append(values)
            labels.append(judged.get(proposal.id) is True)
            where.append(k)
        right = sum(labels[len(labels) - len(kept) :])
        print(f"{doc.name} ({doc.path}): {len(kept)} proposals, {right} right", file=sys.stderr)
    return Collected(np.array(rows, dtype=float), np.array(labels, dtype=bool), np.array(where, dtype=int))


def fit(x: np.ndarray, y: np.ndarray) -> ConfidenceModel:
    """The logistic regression of ``y`` on ``x`` as a ConfidenceModel.

    A feature constant over the data (the engine evidence, where every input is text) gets weight 0:
    the data cannot say what it weighs, and the intercept carries it. Left to the solver, it came out
    -0.11 with the intercept 0.11 higher, which would have raised every scan's confidence unmeasured.
    """
    from sklearn.linear_model import LogisticRegression

    x, y = np.vstack([x, withheld(x)]), np.concatenate([y, y])
    varies = np.ptp(x, axis=0) > 0
    halves = np.full(len(y), 0.5)  # each proposal counts once in all, so C means what it meant before
    model = LogisticRegression(C=C, max_iter=2000).fit(x[:, varies], y, sample_weight=halves)
    weights = np.zeros(x.shape[1])
    weights[varies] = model.coef_[0]
    return ConfidenceModel(float(model.intercept_[0]), tuple(float(w) for w in weights))


def withheld(x: np.ndarray) -> np.ndarray:
    """The rows as they are without the meaning evidence (no English, or another encoder): ``meaning`` 0,
    ``meaning_unknown`` 1. Fitted beside the rows as they are, so that ``meaning_unknown`` carries what
    the meaning adds on average and a confidence stays a probability where the meaning is not known."""
    return np.array([with_meaning(tuple(row), None) for row in x], dtype=float).reshape(x.shape)


def probabilities(model: ConfidenceModel, x: np.ndarray) -> np.ndarray:
    """``model.probability`` of every row of ``x``."""
    return 1.0 / (1.0 + np.exp(-(model.intercept + x @ np.array(model.weights))))


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """P(right) of every proposal from the model fitted without its document."""
    out = np.zeros(len(y))
    for g, model in held_out_models(x, y, groups).items():
        held = groups == g
        out[held] = probabilities(model, x[held])
    return out


def held_out_models(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[int, ConfidenceModel]:
    """For each group, the model fitted without it."""
    return {int(g): fit(x[groups != g], y[groups != g]) for g in np.unique(groups)}


def collect_as_shipped(docs: Sequence[FitDocument], lexicon, encode=None) -> Collected:
    """The proposals as the shipped proposer keeps them: collected once with the hand-set confidence
    choosing between overlapping proposals, a model fitted without each document, then collected again
    with that model choosing in that document. Fitted on the first pass alone, the confidence never saw
    the choice it makes at run time: the shipped reliability table was less kind than the cross-validated
    one (docs/ocr-proposals.md)."""
    first = collect(docs, lexicon, encode)
    groups = first.groups(docs)
    models = held_out_models(first.x, first.y, groups)
    names = sorted({d.name for d in docs})
    return collect(docs, lexicon, encode, [models[names.index(d.name)] for d in docs])


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


def load_documents(limit: int | None = None, *, scan: bool = False) -> tuple[list[FitDocument], Workbench]:
    """The fit documents (scanned/ and the seeds on the archive path, scanned/ on the scan path) and the
    workbench that aligned them (its lexicon is the proposer's)."""
    documents = form_documents("scanned")[:limit] + form_documents("seeds")
    # the proposals of Workbench.process are not used: only its alignment; no fitted model is needed
    workbench = Workbench(
        PipelineConfig(threads=1, cache_dir=str(CACHE), proposals=ProposalConfig(confidence=None))
    )
    return fit_documents(documents, workbench, scan=scan), workbench


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--precision", type=float, default=0.95, help="precision the threshold must reach")
    parser.add_argument(
        "--scan", action="store_true", help="also fit on scanned/ read from its page images (engine evidence)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "fit_ocr_confidence.json")
    args = parser.parse_args(argv)
    docs, workbench = load_documents(args.limit, scan=args.scan)
    data = collect_as_shipped(docs, workbench.corrector.lexicon, workbench.meaning_encoder())
    x, y = data.x, data.y
    cv = cross_validated(x, y, data.groups(docs))
    out: dict = {"C": C, "proposals": len(y), "right": int(y.sum())}
    print(f"{len(y)} proposals, {int(y.sum())} right\n")
    for path in PATHS:
        rows = data.rows(docs, "scanned", path)
        if not rows.any():
            continue
        fixes = sum(len(d.fixes) for d in docs if d.form == "scanned" and d.path == path)
        table = at_thresholds(cv[rows], y[rows], fixes)
        bins = reliability([(float(c), bool(r)) for c, r in zip(cv[rows], y[rows], strict=True)])
        threshold = chosen_threshold(table, args.precision)
        print(f"scanned/, {path} path ({int(rows.sum())} proposals, {fixes} gold fixes), cross-validated")
        print("\n" + markdown(bins) + "\n\n" + markdown(table))
        test = calibration_test(bins)
        print(f"\nHosmer-Lemeshow over {test['bins']} bins: {test['statistic']}, p {test['p']}")
        print(f"\nthreshold for precision >= {args.precision}: {threshold}\n")
        out[path] = {"threshold": threshold, "reliability": bins, "thresholds": table, "fixes": fixes}
        out[path]["calibration test"] = test
    out["seeds"] = _seeds(docs, data, cv, out["archive"]["threshold"])
    model = fit(x, y)
    out |= {"intercept": round(model.intercept, 4)}
    out["weights"] = dict(zip(FEATURES, np.round(model.weights, 4).tolist(), strict=True))
    print(f"\nConfidenceModel(intercept={model.intercept:.4f}, weights=(")
    for name, w in out["weights"].items():
        print(f"    {w},  # {name}")
    print("))")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


def _seeds(docs: Sequence[FitDocument], data: Collected, cv: np.ndarray, threshold: float) -> dict:
    """Each seed's cross-validated precision and recall at each threshold; printed at ``threshold``."""
    seeds = {}
    for k, d in enumerate(docs):
        if d.form == "seeds":
            rows = data.doc == k
            seeds[d.name] = at_thresholds(cv[rows], data.y[rows], len(d.fixes))
            row = next(r for r in seeds[d.name] if r["threshold"] == threshold)
            print(f"seed {d.name}, cross-validated at {threshold}: {row} (judged proposals)")
    return seeds


if __name__ == "__main__":
    main()
