"""The scanned-corpus OCR benchmark's scoring: WER on a hand-solved pair, then one real scanned document."""

from __future__ import annotations

import pytest

from benchmarks.corpus_documents import form_documents
from benchmarks.ocr_corpus import (
    calibration_test,
    clean_russian,
    pooled,
    rates,
    reliability,
    score_result,
    wer,
    word_errors,
)


def test_wer_counts_word_edits_over_the_reference_words():
    # "мама мыла раму" -> "мaма мыла, раму рамку": one substitution (Latin a), one insertion;
    # the comma is punctuation and no error. 2 edits over 3 reference words.
    assert word_errors("мaма мыла, раму рамку", "мама мыла раму.") == (2, 3)
    assert wer("мaма мыла, раму рамку", "мама мыла раму.") == pytest.approx(2 / 3)
    assert wer("мыла раму", "мама мыла раму") == pytest.approx(1 / 3)  # one deletion
    assert wer("Мама мыла раму", "мама мыла раму") == pytest.approx(1 / 3)  # case counts
    assert wer("", "мама") == 1.0 and wer("мама", "мама") == 0.0


def test_reliability_bins_judge_only_full_bins():
    confidences = [(0.95, True)] * 18 + [(0.95, False)] * 2 + [(0.55, False)] * 3
    rows = {r["bin"]: r for r in reliability(confidences)}
    assert rows["0.9-1.0"]["proposals"] == 20 and rows["0.9-1.0"]["share right"] == 0.9
    assert rows["0.9-1.0"]["calibrated"] is True
    assert rows["0.5-0.6"]["calibrated"] is None  # 3 proposals: too few to judge


def test_the_calibration_test_tells_noise_from_a_miss():
    # 40 proposals at 0.55, 20 right: 0.05 off, under one standard error (0.079)
    near = reliability([(0.55, True)] * 20 + [(0.55, False)] * 20)
    assert calibration_test(near)["p"] > 0.5
    # 40 at 0.95, 20 right: far more than chance
    far = reliability([(0.95, True)] * 20 + [(0.95, False)] * 20)
    assert calibration_test(far)["p"] < 0.001 and calibration_test(far)["bins"] == 1
    assert calibration_test(reliability([(0.95, True)] * 3))["bins"] == 0  # too few to judge


def test_a_small_scanned_document_scores_in_range(workbench):
    documents = form_documents("scanned")
    if not documents:
        pytest.skip("no scanned documents: ../shared/corpus is not beside the repo")
    # the document with the fewest gold fixes among those with at least ten: quick, yet something to score
    doc = min(
        (d for d in documents if len(d.gold["ocr_fixes"]) >= 10), key=lambda d: len(d.gold["ocr_fixes"])
    )
    report = score_result(workbench.process(doc.source), doc.gold, clean_russian(doc.name))
    assert report["located"] == report["fixes"] >= 10  # every gold fix is found in the OCR segments
    assert report["top1"] <= report["top1_all"] <= report["within"] <= report["fixes"]
    assert 0 <= report["right"] <= report["shown"] <= report["emitted"] == len(report["confidences"])
    r = rates(pooled([report]))
    assert all(0.0 <= v <= 1.0 for v in r.values())
    assert 0.0 < r["WER before"] < 0.8  # Tesseract gets most words right
    assert r["WER after"] <= r["WER before"]  # the defaults of `workbench apply` make no document worse
