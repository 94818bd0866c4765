"""Every page of the review app through streamlit.testing's AppTest, on a real store in tmp_path."""

from __future__ import annotations

import html
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from correct.review.store import Store
from tests.test_notices import partial_result
from tests.test_store_data import DOC, tiny_result

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    s = Store(tmp_path / "review.db", create=True)
    s.import_result(tiny_result())
    # The app reads its own arguments as `streamlit run ui/app.py -- --db FILE` passes them.
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(s.path), "--no-auth"])
    return s


def _signed_in(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["reviewer"] = "ann"
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, label: str, n: int = 0):
    return [b for b in at.button if b.label == label][n]


def _as_read(markdown: str) -> str:
    """A Markdown value as the reader sees it (``plain`` escapes every punctuation mark)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _html(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_asks_the_reviewer_name_once(store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [t.value for t in at.title] == ["Workbench review"]
    at.text_input(key="reviewer_name").input("ann")
    at.button[0].click().run()
    assert at.session_state["reviewer"] == "ann"
    assert [t.value for t in at.title] == ["Documents"]


def test_unusable_database_is_an_error_on_the_page(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(tmp_path / "absent.db")])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "no such review database" in at.error[0].value


def test_documents_page_lists_progress_and_filters(store):
    at = _signed_in()
    table = at.dataframe[0].value
    assert list(table["document"]) == [DOC]
    assert list(table["proposals decided"]) == ["0 / 3"]
    at.text_input(key="docs_query").input("no such title").run()
    assert at.dataframe[0].value.empty
    at.text_input(key="docs_query").input("TINY").run()
    at.selectbox(key="docs_status").select("done").run()
    assert at.dataframe[0].value.empty


def _focused(at: AppTest) -> str:
    """The card's first line: which proposal or flag has the focus, and its status."""
    return next(m.value for m in at.markdown if "of 3 ·" in m.value or " shown · " in m.value)


def test_editor_cards_accept_reject_edit_skip_undo_and_advance(store):
    at = _signed_in("editor")
    html = _html(at)
    # The paragraph shows its proposals as inline diffs, the focused one outlined; the English beside it.
    assert '<del class="focus"' in html and "точных" in html and "exact data" in html
    r = store.result(DOC)
    first, second, low = r.proposals  # reading order: "около" (low), "точяых" (first), "нзвестно" (second)
    assert "Proposal 1 of 3" in _focused(at)
    _button(at, "Reject").click().run()  # rejects "около" and moves on to the next undecided
    assert store.review(DOC).proposals[low.id].status == "rejected"
    assert "Proposal 2 of 3" in _focused(at) and at.query_params["proposal"] in ("2", ["2"])
    _button(at, "Accept").click().run()
    assert store.review(DOC).proposals[first.id].status == "accepted"
    assert "Proposal 3 of 3" in _focused(at)
    # An edit is saved from what is in the box now, without pressing Enter first.
    at.text_input(key=f"edit_text:{second.id}").set_value("известно!")
    _button(at, "Save edit").click().run()
    state = store.review(DOC).proposals[second.id]
    assert (state.status, state.replacement, state.reviewer) == ("edited", "известно!", "ann")
    _button(at, "Undo").click().run()
    assert store.review(DOC).proposals[second.id].status == "undecided"
    assert any("Undid: edited to известно!" in _as_read(t.proto.body) for t in at.toast)
    _button(at, "Previous").click().run()
    assert "Proposal 2 of 3" in _focused(at)
    assert not at.exception


def test_editor_accepts_all_above_a_confidence_in_one_undoable_step(store):
    at = _signed_in("editor")
    at.slider(key="editor_threshold").set_value(0.9).run()
    assert at.metric[0].value == "2"  # the preview: "точяых" 0.95 and "нзвестно" 0.90
    _button(at, "Accept all 2 in the document (one undo takes them back)").click().run()
    r = store.result(DOC)
    assert [store.review(DOC).proposals[p.id].status for p in r.proposals] == [
        "accepted",
        "accepted",
        "undecided",
    ]
    _button(at, "Undo").click().run()
    assert store.review(DOC).progress.proposals_decided == 0


def test_editor_fixes_a_word_nobody_proposed(store):
    at = _signed_in("editor")
    seg = store.result(DOC).ru[1]
    word = next(o for o in at.selectbox(key="own_word").options if o.startswith("человек"))
    at.selectbox(key="own_word").select(word)
    at.text_input(key="own_text").input("человека")
    at.button(key=f"FormSubmitter:own_fix:{seg.id}-Save fix").click().run()
    assert not at.exception, at.exception
    review = store.review(DOC)
    [own] = [p for p in review.result.proposals if p.producer == "editor"]
    assert (own.original, review.proposals[own.id].replacement) == ("человек", "человека")


def test_translator_cards_give_verdicts_by_key_with_a_comment_and_filter(store):
    at = _signed_in("translator")
    assert "<mark" in _html(at) and "70 тыс." in _html(at)
    assert "Russian: “70 тыс.” · English: “20 thous.”" in _focused(at)  # as the texts read, not 70000.0
    flag = store.result(DOC).flags[0]
    at.text_input(key=f"comment:{flag.id}").set_value("20 in the English")
    _button(at, "Translation error").click().run()
    state = store.review(DOC).flags[flag.id]
    assert (state.verdict, state.comment, state.reviewer) == ("translation_error", "20 in the English", "ann")
    assert "Flag 2 of 2" in _focused(at)  # moved on to the next undecided
    at.multiselect(key="flag_statuses").select("undecided").run()
    assert list(at.dataframe[0].value["kind"]) == ["weak_match"]
    at.multiselect(key="flag_statuses").unselect("undecided").select("translation_error").run()
    at.multiselect(key="flag_kinds").select("weak_match").run()
    assert any("No flag matches" in i.value for i in at.info)


def test_an_ocr_error_verdict_accepts_the_proposal_the_flag_names(tmp_path, monkeypatch):
    """A number flag an OCR proposal explains (values["proposal"]): "OCR error" also accepts the fix."""
    result = tiny_result()
    proposal = result.proposals[0]  # "точяых" -> "точных"
    flag = replace(result.flags[0], values={**result.flags[0].values, "proposal": [proposal.id]})
    s = Store(tmp_path / "review.db", create=True)
    s.import_result(replace(result, flags=(flag, *result.flags[1:])))
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(s.path), "--no-auth"])
    at = _signed_in("translator")
    _button(at, "OCR error").click().run()
    assert not at.exception, at.exception
    review = s.review(DOC)
    assert review.flags[flag.id].verdict == "ocr_error"
    assert (review.proposals[proposal.id].status, review.proposals[proposal.id].replacement) == (
        "accepted",
        "точных",
    )


def test_alignment_corrections_are_recorded(store):
    at = _signed_in("alignment")
    assert len(at.dataframe[0].value) == 3
    _button(at, "Merge with link 2").click().run()
    review = store.review(DOC)
    assert len(review.links) == 2 and review.decisions[-1].action == "merge"
    assert len(at.dataframe[0].value) == 2
    _button(at, "Unlink").click().run()
    assert [len(x.ru) + len(x.en) for x in store.review(DOC).links][:2] == [1, 1]


def test_the_alignment_map_draws_the_band_and_the_path_and_a_click_opens_its_link(tmp_path, monkeypatch):
    from ui.app_pages.alignment_map import link_at, map_rows

    result = tiny_result()
    cells = tuple((i, j, 0.9 if i == j else 0.2) for i in range(3) for j in range(3))
    s = Store(tmp_path / "review.db", create=True)
    weak = replace(result.alignment[2], score=0.3)
    s.import_result(replace(result, similarity_map=cells, alignment=(*result.alignment[:2], weak)))
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(s.path), "--no-auth"])
    at = _signed_in("alignment")
    assert len(at.get("vega_lite_chart")) == 1
    review = s.review(DOC)
    heat, path = map_rows(review, 0)
    assert len(heat) == 9 and [(m["ru"], m["en"], m["kind"]) for m in path] == [
        (1, 1, "link"),
        (2, 2, "link"),
        (3, 3, "weak"),
    ]
    assert link_at(review, 2, 2) == 1 and link_at(review, 0, 3) == 2


def test_exports_page_offers_downloads_reflecting_decisions(store):
    from correct.review.decisions import proposal_decision

    r = store.result(DOC)
    store.decide([proposal_decision(DOC, r.proposals[0], "accept", "bob")])
    at = _signed_in("exports")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[0] == "Corrected Russian text" and "Aligned bitext (TMX)" in labels
    assert "Audit report (XLSX)" in labels
    assert any("точных данных" in t.value for t in at.text)


@pytest.fixture
def two_documents(store) -> Store:
    """The store with a second document that is a partial translation (it carries a notice)."""
    store.import_result(partial_result())
    return store


def _on(page: str, doc: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["reviewer"] = "ann"
    at.session_state["doc"] = doc
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_a_partial_translation_is_marked_and_warned_on_its_pages(two_documents):
    [notice] = partial_result().notices
    table = _signed_in().dataframe[0].value
    assert dict(zip(table["document"], table["warning"], strict=True)) == {
        "partial": "partial translation",
        DOC: "",
    }
    for page in ("alignment", "translator"):
        assert [_as_read(w.value) for w in _on(page, "partial").warning] == [notice.message], page
        assert not _on(page, DOC).warning, page


def test_a_decided_proposal_shows_the_text_its_decision_applies_after_a_reimport(store):
    from correct.review.decisions import proposal_decision

    r = store.result(DOC)
    first = r.proposals[0]  # "точяых" -> "точных"
    store.decide([proposal_decision(DOC, first, "accept", "ann")])
    changed = replace(first, suggestion="тощных")  # re-processing now suggests something else
    store.import_result(replace(r, proposals=(changed, *r.proposals[1:])))
    at = _signed_in("editor")
    at.session_state[f"editor_focus:{DOC}"] = 1
    at.run()
    line = html.unescape(next(m.value for m in at.markdown if "now proposed" in html.unescape(m.value)))
    assert "<code>точных</code>" in line and "(now proposed: тощных)" in line


def test_the_overall_progress_follows_every_decision(store):
    at = _signed_in("editor")

    def overall() -> str:
        return next(p.proto.text for p in at.get("progress") if p.proto.text.startswith("All "))

    assert overall() == "All 1 documents: 0 of 3 proposals decided"
    _button(at, "Accept").click().run()
    assert overall() == "All 1 documents: 1 of 3 proposals decided"  # the cached count is not stale
    _button(at, "Undo").click().run()
    assert overall() == "All 1 documents: 0 of 3 proposals decided"
