"""Documents page: every document with its review progress; search and filter, then open one."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from correct.review.store import DocumentSummary
from ui.app_pages.common import document_ui, open_document, open_store_or_stop
from ui.app_pages.markup import plain


def filter_documents(
    documents: Sequence[DocumentSummary], query: str = "", status: str = "all"
) -> list[DocumentSummary]:
    """This page's search (id or title, case-insensitive) and status filter (all, open, done)."""
    q = query.strip().casefold()
    return [
        d
        for d in documents
        if (not q or q in d.id.casefold() or q in d.title.casefold())
        and (status == "all" or (status == "done") == d.progress.done)
    ]


store = open_store_or_stop()
st.title("Documents")
document_ui(store)
left, right = st.columns([3, 1])
query = left.text_input("Search id or title", key="docs_query")
status = right.selectbox("Show", ["all", "open", "done"], key="docs_status")
shown = filter_documents(store.documents(), query, status)


def open_row() -> None:
    """A click on a row opens that document in the Editor."""
    rows = st.session_state["docs_table"].selection.rows
    if rows:
        open_document(shown[rows[0]].id)
        st.session_state.open_editor = True


st.dataframe(
    [
        {
            "document": d.id,
            "title": d.title,
            "proposals decided": f"{d.progress.proposals_decided} / {d.progress.proposals}",
            "flags decided": f"{d.progress.flags_decided} / {d.progress.flags}",
            "done": d.progress.done,
            "warning": ", ".join(n.kind.replace("_", " ") for n in d.notices),
            "imported": d.imported_at,
        }
        for d in shown
    ],
    hide_index=True,
    width="stretch",
    key="docs_table",
    on_select=open_row,
    selection_mode="single-row",
)
if st.session_state.pop("open_editor", False):
    st.switch_page("app_pages/editor.py")
st.caption(f"{len(shown)} document(s). Click a row, or choose the document in the sidebar, then a view.")
for d in shown:
    if st.button(f"Review {plain(d.id)}", key=f"open_{d.id}", on_click=open_document, args=(d.id,)):
        st.switch_page("app_pages/editor.py")
