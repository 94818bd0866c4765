"""The corpus benchmark's scoring on real corpus documents: one clean pair and one scanned archive file."""

from __future__ import annotations

import sys
from functools import partial

import pytest

from align.ingest.document import ingest
from benchmarks.corpus_documents import CorpusDocument, form_documents, gold_paragraphs
from benchmarks.corpus_scoring import score_document
from benchmarks.link_reliability import reliability
from benchmarks.peer_aligners import Peer, by_subprocess, run_peer

# Our F1 on the document each form picks, measured (docs 0.982, scanned 0.982) minus a margin
# for small changes of the aligner; a drop below this is a real loss on an unseen document.
F1_FLOOR = {"docs": 0.93, "scanned": 0.93}


def largest(form: str) -> CorpusDocument:
    """The form's document with the most gold links (the hardest regrouping that is still quick)."""
    documents = form_documents(form)
    if not documents:
        pytest.skip(f"no {form} documents: ../shared/corpus is not beside the repo")
    return max(documents, key=lambda d: len(d.gold["links"]))


def test_the_gold_paragraph_counts_are_the_docs_own():
    documents = form_documents("docs")
    if not documents:
        pytest.skip("../shared/corpus is not beside the repo")
    assert all(gold_paragraphs(d.gold) == d.gold["n_paragraphs"] for d in documents)


@pytest.mark.parametrize("form", ["docs", "scanned"])
def test_our_alignment_of_an_unseen_document_is_scored(form, workbench):
    document = largest(form)
    result = score_document(document, workbench)
    assert result.score.f1 >= F1_FLOOR[form], (document.name, result.score)
    assert result.score.gold_links == sum(len(e["ru"]) for e in document.gold["links"])
    # paragraph counts: both sides reported, the gold's from its snippets; ingest finds them all
    assert result.paragraphs == {
        side: {"ours": n, "gold": n} for side, n in gold_paragraphs(document.gold).items()
    }
    # ... and each where the gold's starts (the first paragraph's start is no boundary)
    assert (result.boundaries.precision, result.boundaries.recall) == (1.0, 1.0)
    assert result.boundaries.gold == gold_paragraphs(document.gold)["ru"] - 1
    # every judged link falls in one bin; on this document nearly all confident links are right
    table = reliability(result.judged)
    assert sum(row["all"]["links"] for row in table["bins"]) == len(result.judged) > 0
    assert table["trusted"]["share"] >= 0.9


def test_a_peer_reads_back_onto_our_segments():
    pytest.importorskip("galechurch", reason="the bench extra is not installed")
    _, ru, en, _ = ingest(largest("docs").source)
    run = run_peer(
        Peer("galechurch", partial(by_subprocess, python=sys.executable, script="run_galechurch.py")), ru, en
    )
    assert run.error is None
    assert [i for link in run.links for i in link.ru] == [s.id for s in ru]
    assert [i for link in run.links for i in link.en] == [s.id for s in en]


def test_a_peer_that_fails_is_reported_not_raised():
    _, ru, en, _ = ingest(largest("docs").source)
    missing = Peer("missing", partial(by_subprocess, python=sys.executable, script="no_such_peer.py"))
    run = run_peer(missing, ru, en)
    assert run.links is None and "no_such_peer.py" in run.error
