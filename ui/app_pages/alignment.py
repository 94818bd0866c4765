"""Alignment view: the alignment map, the paragraph pairs with their scores, and corrections.

The map (:mod:`ui.app_pages.alignment_map`) shows where the two sides stop corresponding;
click a cell, or a row of the table, to open that link. A wrong link is corrected by
merging, splitting, unlinking or relinking. Corrections are decisions: the exports use the
corrected alignment. Keys: N / P next / previous link, U undo. The link is in the URL.
"""

from __future__ import annotations

import streamlit as st

from align.errors import InputError
from align.model import Action, TargetKind
from correct.review.decisions import link_decision
from correct.review.link_edits import merge, relink, split, unlink
from ui.app_pages.alignment_map import alignment_map
from ui.app_pages.common import (
    english_html,
    focus_cursor,
    move,
    record,
    review_page,
    reviewer,
    undo,
)
from ui.app_pages.markup import plain

PREVIEW = 90  # characters of each side shown in the table

store, doc, review = review_page("Alignment")
links, result = review.links, review.result
if not links:
    st.info("This document has no alignment.")
    st.stop()
if review.skipped:
    st.warning(
        f"{len(review.skipped)} alignment correction(s) no longer apply "
        "(an earlier correction was undone, or the document was re-imported): "
        + ", ".join(f"#{d.seq} {d.action}" for d in review.skipped)
    )


def preview(ids: tuple[str, ...]) -> str:
    text = " ".join(result.segment(s).text for s in ids)
    return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"


def preview_one(segment_id: str) -> str:
    return preview((segment_id,))


key = f"link_cursor:{doc}"
i = focus_cursor(key, "link", len(links))
alignment_map(review, i, f"map:{doc}", lambda n: move(key, n))


def jump() -> None:
    rows = st.session_state[f"link_table:{doc}"].selection.rows
    if rows:
        move(key, rows[0])


st.dataframe(
    [
        {
            "#": n,
            "type": f"{len(x.ru)}-{len(x.en)}",
            "score": round(x.score, 3),
            "ru": preview(x.ru),
            "en": preview(x.en),
        }
        for n, x in enumerate(links, 1)
    ],
    hide_index=True,
    width="stretch",
    height=300,
    key=f"link_table:{doc}",
    on_select=jump,
    selection_mode="single-row",
)

nav = st.columns([1, 1, 1, 3])
nav[0].button("Previous link", shortcut="P", on_click=move, args=(key, i - 1), disabled=i == 0)
nav[1].button("Next link", shortcut="N", on_click=move, args=(key, i + 1), disabled=i == len(links) - 1)
weakest = min(range(len(links)), key=lambda n: links[n].score)
nav[2].button("Weakest link", on_click=move, args=(key, weakest))
link = links[i]
nav[3].caption(f"Link {i + 1} of {len(links)} · {len(link.ru)}-{len(link.en)} · score {link.score:.3f}")

left, right = st.columns(2)
left.caption("Russian")
left.markdown(english_html(review, link.ru), unsafe_allow_html=True)
right.caption("English")
right.markdown(english_html(review, link.en), unsafe_allow_html=True)

me = reviewer()
st.divider()
ops = st.columns(4)
if i + 1 < len(links):
    ops[0].button(
        f"Merge with link {i + 2}", on_click=record,
        args=(store, [link_decision(doc, Action.MERGE, merge(link, links[i + 1]), me)]),
    )  # fmt: skip
if link.ru and link.en:
    ops[1].button(
        "Unlink",
        on_click=record,
        args=(store, [link_decision(doc, Action.UNLINK, unlink(link), me)]),
    )
if len(link.ru) + len(link.en) > 1:
    with ops[2].popover("Split"):
        ru_at = st.number_input("Russian paragraphs in the first part", 0, len(link.ru), min(1, len(link.ru)))
        en_at = st.number_input("English paragraphs in the first part", 0, len(link.en), min(1, len(link.en)))
        if st.button("Split here"):
            try:
                change = split(link, int(ru_at), int(en_at))
            except InputError as exc:
                st.error(plain(str(exc)))
            else:
                record(store, [link_decision(doc, Action.SPLIT, change, me)])
                st.rerun()
with ops[3].popover("Relink"):
    ru_ids = st.multiselect(
        "Russian", [s.id for s in result.ru], default=list(link.ru), format_func=preview_one
    )
    en_ids = st.multiselect(
        "English", [s.id for s in result.en], default=list(link.en), format_func=preview_one
    )
    if st.button("Link these"):
        record(store, [link_decision(doc, Action.RELINK, relink(links, ru_ids, en_ids), me)])
        st.rerun()
st.button("Undo", shortcut="U", on_click=undo, args=(store, doc, (TargetKind.LINK,)))
