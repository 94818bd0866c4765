"""Re-importing into the review store: decisions are placed on the same text by their anchors."""

from __future__ import annotations

import sqlite3

from correct.exports.reviewed import corrected_text
from correct.review.decisions import link_decision, proposal_decision, verdict_decision
from correct.review.link_edits import merge
from correct.review.state import ProposalState
from tests.test_store_data import DOC, RU, reprocessed, tiny_result


def _p(result, i):
    return result.proposals[i]


def test_reimport_carries_decisions_whose_records_processing_dropped(store):
    # Re-processing no longer proposes the first fix nor raises the weak-match flag, but their
    # text is still there: the records the reviewers decided on are kept, with the decisions.
    r = store.result(DOC)
    store.decide(
        [
            proposal_decision(DOC, _p(r, 0), "accept", "ann"),
            proposal_decision(DOC, _p(r, 1), "accept", "ann"),
            verdict_decision(DOC, r.flags[0], "translation_error", "bob"),
            verdict_decision(DOC, r.flags[1], "not_an_issue", "bob"),
        ]
    )
    report = store.import_result(reprocessed(tiny_result()))
    assert report.reimport
    assert (report.orphaned, report.kept, report.carried) == ((), 4, 2)
    review = store.review(DOC)
    assert review.proposals[_p(r, 0).id].status == "accepted"
    assert review.proposals[_p(r, 1).id].status == "accepted"
    assert review.flags[r.flags[0].id].verdict == "translation_error"
    [kept_flag] = [f for f in review.result.flags if f.producer == "review.kept"]
    assert (kept_flag.kind, review.flags[kept_flag.id].verdict) == ("weak_match", "not_an_issue")
    assert len(store.decisions(DOC)) == 4  # nothing is deleted from the log
    assert store.imports(DOC)[0]["orphaned"] == []


def test_reimport_after_a_header_change_keeps_every_decision_on_the_same_text(store):
    r = store.result(DOC)
    store.decide(
        [
            proposal_decision(DOC, _p(r, 0), "accept", "ann"),
            proposal_decision(DOC, _p(r, 1), "edit", "ann", text="известно!"),
            verdict_decision(DOC, r.flags[0], "translation_error", "bob"),
            link_decision(DOC, "merge", merge(r.alignment[1], r.alignment[2]), "ann"),
        ]
    )
    report = store.import_result(tiny_result(shift=7))  # seven characters added to the title
    assert (report.orphaned, report.kept, report.carried) == ((), 4, 0)
    review = store.review(DOC)
    new = review.result
    assert {p.id for p in new.proposals}.isdisjoint(p.id for p in r.proposals)  # every id moved
    assert review.proposals[new.proposals[0].id] == ProposalState("accepted", "точных", "ann", 1)
    assert review.proposals[new.proposals[1].id].replacement == "известно!"
    assert review.flags[new.flags[0].id].verdict == "translation_error"
    assert [len(x.ru) for x in review.links] == [1, 2]  # the merge still applies
    assert "точных данных" in corrected_text(review)


def test_reimport_reports_a_decision_whose_text_was_fixed_in_the_source(store):
    r = store.result(DOC)
    store.decide(
        [
            proposal_decision(DOC, _p(r, 0), "accept", "ann"),
            verdict_decision(DOC, r.flags[0], "translation_error", "bob"),
        ]
    )
    fixed = tuple(t.replace("точяых", "точных") for t in RU)
    report = store.import_result(tiny_result(fixed))
    [lost] = report.orphaned
    assert (lost.seq, lost.target, report.kept) == (1, _p(r, 0).id, 1)
    assert "no longer in the document" in report.reasons[1]
    review = store.review(DOC)
    assert review.flags[review.result.flags[0].id].verdict == "translation_error"
    assert all(s.status == "undecided" for s in review.proposals.values())
    # The log keeps it: a later import where the text is back places it again.
    report = store.import_result(tiny_result())
    assert (report.orphaned, report.kept) == ((), 2)
    assert store.review(DOC).proposals[_p(r, 0).id].status == "accepted"


def test_decisions_made_before_anchors_are_anchored_at_their_next_import(store):
    r = store.result(DOC)
    store.decide(
        [
            proposal_decision(DOC, _p(r, 0), "accept", "ann"),
            verdict_decision(DOC, r.flags[0], "not_an_issue", "bob"),
        ]
    )
    with sqlite3.connect(store.path) as conn:  # as a store of schema 3 left them: no anchors
        conn.execute("DELETE FROM anchors")
    report = store.import_result(tiny_result(shift=5))
    assert (report.orphaned, report.kept) == ((), 2)
    review = store.review(DOC)
    assert review.proposals[review.result.proposals[0].id].status == "accepted"
    assert review.flags[review.result.flags[0].id].verdict == "not_an_issue"
