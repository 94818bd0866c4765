"""Editor view: a Russian paragraph with its OCR proposals as inline diffs, the English beside it.

Accept, reject or edit each proposal, accept all above a confidence, move to
the next or previous paragraph with undecided proposals, undo. Shortcuts:
N / P next / previous undecided, A / X accept / reject the first undecided
proposal, U undo.
"""

from __future__ import annotations

import streamlit as st

from align.model import Action
from correct.review.decisions import proposal_decision
from correct.review.link_edits import counterpart
from correct.review.navigation import (
    accept_all_above,
    next_undecided,
    paragraphs_with_proposals,
    proposals_of,
)
from correct.review.state import ProposalStatus
from ui.app_pages.common import (
    cursor,
    english_html,
    move,
    record,
    review_page,
    reviewer,
    undo,
)
from ui.app_pages.markup import Mark, highlighted, html_line

store, doc, review = review_page("Editor: OCR proposals")
paragraphs = paragraphs_with_proposals([s.id for s in review.result.ru], review.result.proposals)
if not paragraphs:
    st.info("No OCR proposals in this document.")
    st.stop()

key = f"editor_cursor:{doc}"
i = cursor(key, len(paragraphs))
segment = review.result.segment(paragraphs[i])
proposals = proposals_of(review, segment.id)
states = review.proposals
undecided = [p for p in proposals if states[p.id].status == ProposalStatus.UNDECIDED]
prev_i = next_undecided(paragraphs, review.result.proposals, states, i, -1)
next_i = next_undecided(paragraphs, review.result.proposals, states, i, +1)
me = reviewer()

nav = st.columns([1.3, 1.3, 1.3, 1.3, 2.5])
nav[0].button("Previous undecided", shortcut="P", on_click=move, args=(key, prev_i), disabled=prev_i == i)
nav[1].button("Next undecided", shortcut="N", on_click=move, args=(key, next_i), disabled=next_i == i)
nav[2].button("Previous paragraph", on_click=move, args=(key, i - 1), disabled=i == 0)
nav[3].button("Next paragraph", on_click=move, args=(key, i + 1), disabled=i == len(paragraphs) - 1)
progress = review.progress
nav[4].caption(
    f"Paragraph {i + 1} of {len(paragraphs)} with proposals · "
    f"{progress.proposals_decided} of {progress.proposals} proposals decided in the document"
)

marks = [
    Mark(
        p.start,
        p.end,
        states[p.id].status,
        label=str(n),
        replacement=p.suggestion
        if states[p.id].status == ProposalStatus.UNDECIDED
        else states[p.id].replacement,
        title=f"{p.confidence:.2f} · {', '.join(p.reasons)}",
    )
    for n, p in enumerate(proposals, 1)
]
left, right = st.columns(2)
left.markdown(
    html_line((f"Russian · {segment.id}" + (f" · page {segment.page}" if segment.page else ""), "i")),
    unsafe_allow_html=True,
)
left.markdown(highlighted(segment.text, marks), unsafe_allow_html=True)
right.caption("English (aligned)")
right.markdown(english_html(review, counterpart(review.links, segment.id)), unsafe_allow_html=True)

st.divider()
for n, p in enumerate(proposals, 1):
    state = states[p.id]
    row = st.columns([4, 1, 1, 3, 1])
    alternatives = f" (also: {', '.join(p.alternatives)})" if p.alternatives else ""
    row[0].markdown(
        html_line(
            (f"{n}. ", "b"), (p.original, "code"), (" → ", ""), (p.suggestion, "code"),
            (f"{alternatives} · confidence {p.confidence:.2f}\n{', '.join(p.reasons)} · ", ""),
            (state.status, "b"), (f" by {state.reviewer}" if state.reviewer else "", ""),
        ),
        unsafe_allow_html=True,
    )  # fmt: skip
    row[1].button(
        "Accept", key=f"accept:{p.id}", on_click=record,
        args=(store, review, [proposal_decision(doc, p, Action.ACCEPT, me)]),
        disabled=state.status == ProposalStatus.ACCEPTED,
    )  # fmt: skip
    row[2].button(
        "Reject", key=f"reject:{p.id}", on_click=record,
        args=(store, review, [proposal_decision(doc, p, Action.REJECT, me)]),
        disabled=state.status == ProposalStatus.REJECTED,
    )  # fmt: skip
    edited = row[3].text_input(
        "Own correction",
        value=state.replacement or p.suggestion,
        key=f"text:{p.id}",
        label_visibility="collapsed",
    )
    row[4].button(
        "Save edit", key=f"edit:{p.id}", on_click=record,
        args=(store, review, [proposal_decision(doc, p, Action.EDIT, me, text=edited)]),
    )  # fmt: skip

st.divider()
bulk = st.columns([2, 2, 2, 2])
if undecided:
    bulk[0].button(
        "Accept first undecided", shortcut="A",
        on_click=record, args=(store, review, [proposal_decision(doc, undecided[0], Action.ACCEPT, me)]),
    )  # fmt: skip
    bulk[1].button(
        "Reject first undecided", shortcut="X",
        on_click=record, args=(store, review, [proposal_decision(doc, undecided[0], Action.REJECT, me)]),
    )  # fmt: skip
threshold = bulk[2].slider("Confidence at least", 0.0, 1.0, 0.9, 0.05, key="editor_threshold")
sure = accept_all_above(proposals, states, threshold)
bulk[2].button(
    f"Accept all {len(sure)} in this paragraph", disabled=not sure, on_click=record,
    args=(store, review, [proposal_decision(doc, p, Action.ACCEPT, me) for p in sure]),
)  # fmt: skip
bulk[3].button("Undo my last decision", shortcut="U", on_click=undo, args=(store, doc))
