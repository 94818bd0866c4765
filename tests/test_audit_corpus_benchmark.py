"""The corpus audit benchmark on one planted document: its planted number and omission are found."""

from __future__ import annotations

import pytest

from benchmarks.audit_corpus import document_row, summary
from benchmarks.corpus_documents import form_documents


def test_a_planted_document_has_its_discrepancies_found(workbench):
    documents = {d.name: d for d in form_documents("planted")}
    if not documents:
        pytest.skip("no planted documents: ../shared/corpus is not beside the repo")
    doc = documents["wmt21_kp_235534"]  # a number changed ("27" -> "22") and a sentence removed
    row = document_row(doc.name, doc.gold, workbench.process(doc.source), verbose=False)
    assert row["total"] == {"number": 1, "omission": 1}
    assert row["found"] == row["total"], row["missed"]
    out = summary("planted", [row])
    assert out["recall"] == {"number": "1/1 = 1.00", "omission": "1/1 = 1.00"}
    assert out["aligned pairs"] == row["pairs"] > 0
