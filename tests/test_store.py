"""The review store: schema, import/re-import, the append-only log and what is derived from it."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest

from align.errors import InputError
from align.model import Decision
from align.serialize import read_result, write_result
from correct.exports.reviewed import audit_csv, audit_html, corrected_text, decisions_csv, tmx
from correct.review.decisions import link_decision, proposal_decision, undo_decision, verdict_decision
from correct.review.link_edits import merge, relink, split, unlink
from correct.review.migrations import SCHEMA_VERSION
from correct.review.navigation import accept_all_above, next_open
from correct.review.state import Progress, ProposalState, proposal_states
from correct.review.store import Store
from tests.test_store_data import DOC, tiny_result


def _p(result, i):
    return result.proposals[i]


def test_schema_is_versioned_wal_and_marked(store):
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Reopening an up-to-date store is a no-op, not a second migration.
    Store(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_refuses_missing_foreign_and_newer_databases(tmp_path):
    with pytest.raises(InputError, match="no such review database"):
        Store(tmp_path / "absent.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not a workbench review store"):
        Store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a workbench review store"):
        Store(junk)
    newer = Store(tmp_path / "newer.db", create=True)
    sqlite3.connect(newer.path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer"):
        Store(newer.path)


def test_import_roundtrips_the_result(store, tmp_path):
    # Through real JSON written by align.serialize, as `workbench import` reads it.
    path = write_result(tiny_result(), tmp_path / "tiny.json")
    assert store.result(DOC) == read_result(path)
    [summary] = store.documents()
    assert (summary.id, summary.title) == (DOC, "Tiny <b>doc</b>")
    assert summary.progress == Progress(proposals=3, proposals_decided=0, flags=2, flags_decided=0)


def test_decisions_derive_state_and_undo(store):
    r = store.result(DOC)
    store.decide([proposal_decision(DOC, _p(r, 0), "accept", "ann")])
    store.decide([proposal_decision(DOC, _p(r, 1), "edit", "bob", text="известно")])
    store.decide([proposal_decision(DOC, _p(r, 2), "reject", "ann")])
    review = store.review(DOC)
    assert review.proposals[_p(r, 0).id] == ProposalState("accepted", "точных", "ann", 1)
    assert review.proposals[_p(r, 1).id].status == "edited"
    assert review.proposals[_p(r, 2).id].status == "rejected"
    assert "точных данных" in corrected_text(review)
    assert "это известно" in corrected_text(review)

    # Ann undoes her last decision (the reject): only her decisions are touched.
    [undone] = store.undo_last(DOC, "ann")
    assert (undone.seq, undone.action) == (3, "reject")
    review = store.review(DOC)
    assert review.proposals[_p(r, 2).id].status == "undecided"
    assert review.proposals[_p(r, 1).id].status == "edited"
    assert review.progress.proposals_decided == 2
    # The log keeps everything, in order, with reviewer and time.
    log = store.decisions(DOC)
    assert [d.action for d in log] == ["accept", "edit", "reject", "undo"]
    assert all(d.at and d.reviewer for d in log)


def test_later_decision_wins_and_verdicts_keep_comments(store):
    r = store.result(DOC)
    flag = r.flags[0]
    store.decide([verdict_decision(DOC, flag, "ocr_error", "ann")])
    previous = store.review(DOC).flags[flag.id]
    store.decide(
        [
            verdict_decision(
                DOC, flag, "translation_error", "bob", previous=previous.verdict, comment="70 ≠ 20"
            )
        ]
    )
    state = store.review(DOC).flags[flag.id]
    assert (state.verdict, state.comment, state.reviewer) == ("translation_error", "70 ≠ 20", "bob")
    assert store.decisions(DOC)[-1].old == "ocr_error"
    rows = audit_csv(store.review(DOC))
    assert "translation_error" in rows and "70 ≠ 20" in rows


def test_log_is_append_only(store):
    r = store.result(DOC)
    store.decide([proposal_decision(DOC, _p(r, 0), "accept", "ann")])
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE decisions SET action = 'reject'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM decisions")


def test_bad_decisions_are_refused_and_nothing_of_the_batch_is_written(store):
    r = store.result(DOC)
    good = proposal_decision(DOC, _p(r, 0), "accept", "ann")
    bad = Decision(
        doc=DOC,
        target_kind="proposal",
        target="no-such-id",
        action="accept",
        old="a",
        new="b",
        reviewer="ann",
    )
    with pytest.raises(InputError, match="no proposal"):
        store.decide([good, bad])
    assert store.decisions(DOC) == []
    with pytest.raises(InputError, match="reviewer"):
        store.decide([proposal_decision(DOC, _p(r, 0), "accept", " ")])
    with pytest.raises(InputError, match="verdict"):
        verdict_decision(DOC, r.flags[0], "maybe", "ann")


def test_alignment_corrections_are_decisions_used_by_exports(store):
    r = store.result(DOC)
    links = r.alignment
    store.decide([link_decision(DOC, "merge", merge(links[1], links[2]), "ann")])
    review = store.review(DOC)
    assert len(review.links) == 2
    merged = review.links[1]
    assert merged.ru == (r.ru[1].id, r.ru[2].id) and merged.en == (r.en[1].id, r.en[2].id)
    store.decide([link_decision(DOC, "split", split(merged, 1, 1), "ann")])
    assert [(x.ru, x.en) for x in store.review(DOC).links] == [(x.ru, x.en) for x in links]
    store.decide([link_decision(DOC, "unlink", unlink(store.review(DOC).links[0]), "ann")])
    review = store.review(DOC)
    assert [(x.ru, x.en) for x in review.links[:2]] == [((r.ru[0].id,), ()), ((), (r.en[0].id,))]
    units = ET.fromstring(tmx(review).encode("utf-8")).findall(".//tu")
    assert len(units) == 2  # unmatched paragraphs make no translation unit
    # Relink the first Russian paragraph to the second English one: it leaves its old link.
    store.decide([link_decision(DOC, "relink", relink(review.links, [r.ru[0].id], [r.en[1].id]), "bob")])
    pairs = [(x.ru, x.en) for x in store.review(DOC).links]
    assert ((r.ru[0].id,), (r.en[1].id,)) in pairs and ((r.ru[1].id,), ()) in pairs
    # Undoing the merge makes the later corrections built on it inapplicable; they are reported.
    store.decide(
        [Decision(doc=DOC, target_kind="decision", target="1", action="undo", old="merge", reviewer="ann")]
    )
    review = store.review(DOC)
    assert [d.action for d in review.skipped] == ["split"]


def test_exports_escape_untrusted_text(store):
    review = store.review(DOC)
    html = audit_html(review)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;doc" in html
    assert "<script>" not in tmx(review)
    assert decisions_csv(review).startswith("seq,doc,target_kind")


def test_the_correction_memory_is_the_log_current_state(store):
    r = store.result(DOC)
    store.decide([proposal_decision(DOC, _p(r, 0), "accept", "ann")])
    (reject,) = store.decide([proposal_decision(DOC, _p(r, 1), "reject", "ann")])
    memory = store.memory()
    assert memory.is_rejected("нзвестно", "известно")
    assert memory.accepted == {("точяых", "точных"): 1}
    # Undo unlearns: the reject no longer counts.
    store.decide([undo_decision(reject, "ann")])
    assert not store.memory().is_rejected("нзвестно", "известно")
    # Decided again, only the decision in force counts: accept then reject is a rejection.
    store.decide([proposal_decision(DOC, _p(r, 0), "reject", "bob")])
    assert store.memory().accepted == {} and store.memory().is_rejected("точяых", "точных")
    # An edit equal to the suggestion is an accept, not a rejection.
    store.decide([proposal_decision(DOC, _p(r, 1), "edit", "ann", text="известно")])
    memory = store.memory()
    assert ("нзвестно", "известно") in memory.accepted and not memory.is_rejected("нзвестно", "известно")
    # An edit to other text teaches that text and turns the suggestion down.
    store.decide([proposal_decision(DOC, _p(r, 1), "edit", "ann", text="известное")])
    memory = store.memory()
    assert ("нзвестно", "известное") in memory.accepted and memory.is_rejected("нзвестно", "известно")


def test_the_focus_moves_to_the_next_undecided_and_accept_all_takes_the_confident_ones():
    r = tiny_result()
    assert next_open([True, False, True], 0) == 2
    assert next_open([True, False, False], 2) == 0  # none further: back to the first open one
    assert next_open([False, False], 1) == 1  # everything decided: stay
    states = proposal_states(r.proposals, [])
    assert [p.id for p in accept_all_above(r.proposals, states, 0.9)] == [
        r.proposals[0].id,
        r.proposals[1].id,
    ]


def test_audit_csv_keeps_verdict_reviewer_and_comment_in_their_own_columns(store):
    import csv
    import io

    flag = store.result(DOC).flags[0]
    store.decide([verdict_decision(DOC, flag, "translation_error", "bob", comment="70 ≠ 20")])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(audit_csv(store.review(DOC))))}
    assert (rows[flag.id]["verdict"], rows[flag.id]["reviewer"], rows[flag.id]["comment"]) == (
        "translation_error", "bob", "70 ≠ 20"
    )  # fmt: skip
    undecided = [r for k, r in rows.items() if k != flag.id]
    assert undecided and all(r["verdict"] == "" for r in undecided)


def test_one_undo_takes_back_one_action_and_a_page_undoes_only_its_own_kind(store):
    r = store.result(DOC)
    store.decide([verdict_decision(DOC, r.flags[0], "translation_error", "ann")])
    store.decide([proposal_decision(DOC, p, "accept", "ann") for p in r.proposals])  # "accept all"
    store.decide([verdict_decision(DOC, r.flags[1], "not_an_issue", "ann")])
    # The editor's undo skips the later verdict and takes back the whole "accept all".
    undone = store.undo_last(DOC, "ann", kinds=("proposal",))
    assert [d.target for d in undone] == [p.id for p in r.proposals]
    review = store.review(DOC)
    assert review.progress.proposals_decided == 0 and review.progress.flags_decided == 2
    assert [d.target for d in store.undo_last(DOC, "ann", kinds=("flag",))] == [r.flags[1].id]
    assert store.undo_last(DOC, "bob") == []


def test_an_editor_fixes_a_word_nobody_proposed(store):
    from correct.review.decisions import own_fix

    r = store.result(DOC)
    seg = r.ru[0]
    start = seg.text.index("войск")
    proposal, decision = own_fix(DOC, seg, (start, start + 5), "войска", "ann")
    store.add_fix(DOC, proposal, decision)
    review = store.review(DOC)
    assert review.proposals[proposal.id].replacement == "войска"
    assert "сколько войска у" in corrected_text(review)
    with pytest.raises(InputError, match="same as the text"):
        own_fix(DOC, seg, (start, start + 5), "войск", "ann")
