"""Documents page: every document with its review progress; search and filter, then open one."""

from __future__ import annotations

import streamlit as st

from correct.review.store import filter_documents
from ui.app_pages.common import document_ui, open_document, open_store_or_stop

store = open_store_or_stop()
st.title("Documents")
document_ui(store)
left, right = st.columns([3, 1])
query = left.text_input("Search id or title", key="docs_query")
status = right.selectbox("Show", ["all", "open", "done"], key="docs_status")
shown = filter_documents(store.documents(), query, status)
st.dataframe(
    [
        {
            "document": d.id,
            "title": d.title,
            "proposals decided": f"{d.progress.proposals_decided} / {d.progress.proposals}",
            "flags decided": f"{d.progress.flags_decided} / {d.progress.flags}",
            "done": d.progress.done,
            "imported": d.imported_at,
        }
        for d in shown
    ],
    hide_index=True,
    width="stretch",
)
st.caption(f"{len(shown)} document(s). Choose the document to review in the sidebar, then a view.")
for d in shown:
    if st.button(f"Review {d.id}", key=f"open_{d.id}", on_click=open_document, args=(d.id,)):
        st.switch_page("app_pages/editor.py")
