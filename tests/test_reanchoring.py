"""Decisions stay on their text when the input file is edited and re-imported (benchmarks/reanchoring.py).

Seed 002 is processed, fully reviewed (every proposal, every flag, a merge and an unlink), edited in
four ways (a title change, a paragraph removed, an OCR fix made in the source, a full stop deleted),
re-processed and re-imported. An oracle that knows each edit says where every decision's text went.
"""

from __future__ import annotations

import pytest

from benchmarks.reanchoring import EDITS, score_edit
from tests.conftest import SEEDS


@pytest.mark.parametrize("kind", EDITS)
def test_reimport_after_an_edit_keeps_every_decision_whose_text_remains(kind, workbench):
    row = score_edit(SEEDS / "002_98cc284bed931188.txt", kind, workbench)
    assert row["expected"] >= 30, row
    assert (row["kept"], row["wrong"]) == (row["expected"], 0), row
    if kind == "ocr_fix":  # the fixed word's decision has no text left: it is reported, not moved
        assert row["expected"] == row["decisions"] - 1, row
