"""Editor view: one focused OCR proposal at a time, in its paragraph, with the English beside it.

Keyboard first (as in Prodigy): A accept, X reject, S skip, E save the edit in the box,
Left / Right the previous / next proposal, P / N the previous / next undecided, U undo
(the editor's last action: an "accept all" is one). Each decision moves the focus to the
next undecided proposal. The focus is in the URL (``?proposal=``), so a reload resumes.
A table lists every proposal; click a row to jump to it. "Fix a word" corrects text
nobody proposed. A document read from a scan shows the scan's line above the diff, the
proposal's word outlined, and the whole page with every proposal's box (click one to open it)
(:mod:`ui.app_pages.scan_view`).
"""

from __future__ import annotations

import streamlit as st

from align.errors import InputError
from align.model import Action, TargetKind
from correct.proposals import DEFAULT_THRESHOLD
from correct.review.decisions import EDITOR, own_fix, proposal_decision
from correct.review.link_edits import counterpart
from correct.review.navigation import accept_all_above, next_open, proposals_in_reading_order, words
from correct.review.state import ProposalStatus
from ui.app_pages.common import (
    english_html,
    focus_cursor,
    move,
    navigation_keys,
    progress_ui,
    record,
    review_page,
    reviewer,
    undo,
)
from ui.app_pages.markup import Mark, highlighted, html_line, plain
from ui.app_pages.scan_view import page_view_ui, scan_crop_ui

store, doc, review = review_page("Editor: OCR proposals")
ordered = proposals_in_reading_order(review)
if not ordered:
    st.info("No OCR proposals in this document.")
    st.stop()

key = f"editor_focus:{doc}"
i = focus_cursor(key, "proposal", len(ordered))
p = ordered[i]
states = review.proposals
state = states[p.id]
me = reviewer()
is_open = [states[q.id].status == ProposalStatus.UNDECIDED for q in ordered]
after = next_open(is_open[:i] + [False] + is_open[i + 1 :], i)  # where a decision on this one leads
segment = review.result.segment(p.segment)
progress_ui(store, review, proposals=True)


def decide(action: Action, text: str | None = None) -> None:
    record(store, [proposal_decision(doc, p, action, me, text=text)], (key, after))


def save_edit() -> None:
    """Reads the box at click time (never the value of the previous run)."""
    decide(Action.EDIT, st.session_state[f"edit_text:{p.id}"])


card = st.container(border=True)
status = state.status + (f" by {state.reviewer}" if state.reviewer else "")
own = " · the editor's own fix" if p.producer == EDITOR else ""
where = (f" · page {segment.page}" if segment.page else "") + f" · {segment.id}"
card.markdown(
    html_line(
        (f"Proposal {i + 1} of {len(ordered)} · ", ""), (status, "b"),
        (f" · confidence {p.confidence:.2f}{own}{where}", ""),
    ),
    unsafe_allow_html=True,
)  # fmt: skip


def mark(q) -> Mark:
    """How a proposal shows in its paragraph: the focused one outlined, a decided one as decided."""
    s = states[q.id]
    shown = q.suggestion if s.status == ProposalStatus.UNDECIDED else s.replacement
    css = "focus" if q.id == p.id else s.status
    return Mark(q.start, q.end, css, replacement=shown, title=f"{q.confidence:.2f} · {', '.join(q.reasons)}")


marks = [mark(q) for q in ordered if q.segment == p.segment]
scan_crop_ui(card, store, review.result, p)  # the scan's line, where the document came from a scan
left, right = card.columns(2)
left.caption("Russian (OCR)")
left.markdown(highlighted(segment.text, marks), unsafe_allow_html=True)
right.caption("English (aligned)")
right.markdown(english_html(review, counterpart(review.links, segment.id)), unsafe_allow_html=True)
alternatives = f" (also: {', '.join(p.alternatives)})" if p.alternatives else ""
# A decided proposal shows the text the decision applies: after a re-import the proposer may suggest
# something else, and the row must not read as if the editor had accepted that.
applied = state.replacement if state.replacement is not None else p.suggestion
now_proposed = f" (now proposed: {p.suggestion})" if applied != p.suggestion else ""
card.markdown(
    html_line((p.original, "code"), (" → ", ""), (applied, "code"), (now_proposed + alternatives, ""),
              ("\n" + "; ".join(p.reasons), "i")),
    unsafe_allow_html=True,
)  # fmt: skip

keys = card.columns(4)
keys[0].button("Accept", shortcut="A", type="primary", on_click=decide, args=(Action.ACCEPT,))
keys[1].button("Reject", shortcut="X", on_click=decide, args=(Action.REJECT,))
keys[2].button("Skip", shortcut="S", on_click=move, args=(key, min(i + 1, len(ordered) - 1)))
keys[3].button("Undo", shortcut="U", on_click=undo, args=(store, doc, (TargetKind.PROPOSAL,)))
edit = card.columns([4, 1])
edit[0].text_input(
    "Your correction (E saves it; Enter is not needed)",
    value=state.replacement or p.suggestion,
    key=f"edit_text:{p.id}",
)
edit[1].button("Save edit", shortcut="E", on_click=save_edit)
navigation_keys(card, key, i, is_open)
page_view_ui(store, review, ordered, i, lambda n: move(key, n))

with st.expander("Fix a word nobody proposed"), st.form(f"own_fix:{segment.id}"):
    spans = words(segment.text)
    span = st.selectbox(
        "Word", spans, format_func=lambda s: f"{segment.text[s[0] : s[1]]}  (at {s[0]})", key="own_word"
    )
    text = st.text_input("Correction", key="own_text")
    if st.form_submit_button("Save fix") and span is not None:
        try:
            store.add_fix(doc, *own_fix(doc, segment, span, text, me))
            st.rerun()
        except InputError as exc:  # a bad choice, or a busy store: one line, never a traceback
            st.error(plain(str(exc)))

bulk = st.columns([2, 2, 3])
threshold = bulk[0].slider("Confidence at least", 0.5, 1.0, DEFAULT_THRESHOLD, 0.01, key="editor_threshold")
sure = accept_all_above(ordered, states, threshold)
bulk[1].metric("Undecided at or above it", len(sure))
bulk[2].button(
    f"Accept all {len(sure)} in the document (one undo takes them back)", disabled=not sure,
    on_click=record, args=(store, [proposal_decision(doc, q, Action.ACCEPT, me) for q in sure]),
)  # fmt: skip


def jump() -> None:
    rows = st.session_state[f"editor_table:{doc}"].selection.rows
    if rows:
        move(key, rows[0])


st.dataframe(
    [
        {"#": n, "page": review.result.segment(q.segment).page, "original": q.original,
         "suggestion": q.suggestion, "applied": states[q.id].replacement,
         "confidence": round(q.confidence, 2), "status": states[q.id].status}
        for n, q in enumerate(ordered, 1)
    ],
    hide_index=True, width="stretch", key=f"editor_table:{doc}", on_select=jump, selection_mode="single-row",
)  # fmt: skip
