"""The audit against the development gold: seeds ingested for real, links rebuilt from gold snippets.

The gold links isolate the audit from alignment errors; ``test_process_fills_flags`` then checks
the same discrepancies come out of the full pipeline with the real aligner.
"""

from __future__ import annotations

import pytest

from align.audit import audit_document
from align.ingest.document import Source, ingest
from align.ingest.segment import segment_sentences
from align.model import FlagKind, Severity
from benchmarks.audit_evaluation import gold_links, score_flags
from tests.conftest import SEEDS, gold_for

SEED_002 = SEEDS / "002_98cc284bed931188.txt"
SEED_000 = SEEDS / "000_4ec9cd2bec5d79c1.txt"


def audited(seed):
    doc, ru, en, _removed = ingest(Source(archive=seed))
    ru, en = segment_sentences(ru), segment_sentences(en)
    gold = gold_for(seed)
    links = gold_links(gold, ru, en)
    flags = audit_document(doc.id, ru, en, links)
    return gold, ru, en, links, flags


@pytest.fixture(scope="module")
def seed_002():
    return audited(SEED_002)


@pytest.fixture(scope="module")
def seed_000():
    return audited(SEED_000)


def test_every_number_and_omission_discrepancy_of_002_is_flagged(seed_002):
    gold, ru, en, links, flags = seed_002
    score = score_flags(gold, ru, en, links, flags)
    for kind in ("number", "omission"):
        assert score.found.get(kind, 0) == score.total[kind], (kind, score.missed)


def test_the_two_number_discrepancies_of_002(seed_002):
    _gold, _ru, _en, _links, flags = seed_002
    numbers = {(tuple(f.values["ru"]), tuple(f.values["en"])): f for f in flags if f.kind == FlagKind.NUMBER}
    assert numbers[((2,), (3,))].severity == Severity.ERROR  # двойное / three-to-one
    assert "OCR reading 3 as 8" in numbers[((25848,), (25348,))].message  # the misread continuation header


def test_no_equivalent_number_pair_is_flagged(seed_002, seed_000):
    for gold, ru, en, links, flags in (seed_002, seed_000):
        assert score_flags(gold, ru, en, links, flags).equivalent_flagged == 0


def test_seventy_against_twenty_thousand_is_flagged_in_000(seed_000):
    gold, ru, en, links, flags = seed_000
    (flag,) = [f for f in flags if f.kind == FlagKind.NUMBER and f.values.get("ru") == [70000]]
    assert flag.values["en"] == [20000] and "one explanation is OCR reading 2 as 7" in flag.message
    assert score_flags(gold, ru, en, links, flags).found == {"number": 1}


def test_few_unexplained_number_flags_on_agreeing_text(seed_000):
    """000 agrees almost everywhere: unexplained number flags stay under 5 per 100 aligned pairs."""
    gold, ru, en, links, flags = seed_000
    score = score_flags(gold, ru, en, links, flags)
    assert score.false.get(FlagKind.NUMBER, 0) <= 0.05 * score.aligned_pairs, score


def test_li_fuchun_misread_as_tu_chun_is_flagged_but_garbled_zhou_enlai_is_not_a_warning(seed_000):
    _gold, _ru, _en, _links, flags = seed_000
    names = [f for f in flags if f.kind == FlagKind.NAME and f.values.get("ru")]
    assert any(f.values["ru"] == ["Ту-чунь"] and f.severity == Severity.WARNING for f in names)
    assert not any("Энь-лай" in f.values["ru"][0] and f.severity == Severity.WARNING for f in names)


def test_process_fills_flags(seed_results):
    """The full pipeline (real aligner) flags the 70/20 and 25848/25348 numbers."""
    by_values = {
        stem: {
            (tuple(f.values.get("ru", [])), tuple(f.values.get("en", [])))
            for f in r.flags
            if f.kind == FlagKind.NUMBER
        }
        for stem, r in seed_results.items()
    }
    assert ((70000,), (20000,)) in by_values[SEED_000.stem]
    assert ((25848,), (25348,)) in by_values[SEED_002.stem]
    assert ((2,), (3,)) in by_values[SEED_002.stem]
