"""What every page shares: the store handle, the reviewer's name, the current document, the styles.

``st.cache_resource`` holds only the store (one per server process, shared by
every session); ``st.session_state`` holds only the reviewer's name, the current
document and each page's cursor and filters.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

from align.errors import InputError
from align.model import Decision
from correct.review.state import Review
from correct.review.store import Store
from ui.app_pages.markup import highlighted

STYLE = """<style>
.wb-text { font-size: 1.05rem; line-height: 1.7; white-space: pre-wrap; }
.wb-text del { background: #fde2e1; color: #8a1c1c; }
.wb-text ins { background: #d9f2dd; color: #14532d; text-decoration: none; }
.wb-text .undecided { outline: 2px solid #f5c542; }
.wb-text .rejected { background: #eee; color: #555; text-decoration: underline dotted; }
.wb-text mark { background: #ffe08a; padding: 0 2px; }
.wb-text sup { color: #666; font-size: 0.7em; }
</style>"""


def app_args() -> argparse.Namespace:
    """The app's own arguments (after ``--`` on the streamlit command line)."""
    parser = argparse.ArgumentParser(prog="ui/app.py", add_help=False)
    parser.add_argument("--db", default="out/workbench.db")
    return parser.parse_known_args(sys.argv[1:])[0]


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Store:
    """One Store per database per server process (it opens a connection per call: thread-safe)."""
    return Store(Path(path))


def open_store_or_stop() -> Store:
    """The store, or an error on the page (never a traceback) when the database is unusable."""
    try:
        return open_store(app_args().db)
    except InputError as exc:
        st.error(str(exc))
        st.stop()


def reviewer_ui() -> bool:
    """Ask for the reviewer's name once per session; True once it is known."""
    if st.session_state.get("reviewer"):
        st.sidebar.text(f"Reviewing as {st.session_state.reviewer}")
        return True
    st.title("Workbench review")
    with st.form("reviewer_form"):
        name = st.text_input("Your name (recorded with every decision)", key="reviewer_name")
        if st.form_submit_button("Start reviewing") and name.strip():
            st.session_state.reviewer = name.strip()
            st.rerun()
    return False


def reviewer() -> str:
    return st.session_state.reviewer


def document_ui(store: Store) -> str | None:
    """The document being reviewed, chosen in the sidebar (kept across the pages of one session).

    The choice lives in ``session_state.doc``, not in the widget's own key: Streamlit
    forgets a widget's state when another page is shown.
    """
    ids = store.document_ids()
    if not ids:
        st.info(
            "The database has no documents yet: load results with `workbench import RESULT.json --db FILE`."
        )
        return None
    if st.session_state.get("doc") not in ids:
        st.session_state.doc = ids[0]

    def chosen() -> None:
        st.session_state.doc = st.session_state.doc_select

    st.sidebar.selectbox(
        "Document", ids, index=ids.index(st.session_state.doc), key="doc_select", on_change=chosen
    )
    return st.session_state.doc


def review_page(title: str) -> tuple[Store, str, Review]:
    """How a review page starts: the store, the title, the document chosen in the sidebar, its
    document-level warnings (a partial translation) and its review; the page stops (with a hint)
    when the database has no document."""
    store = open_store_or_stop()
    st.title(title)
    doc = document_ui(store)
    if doc is None:
        st.stop()
    review = store.review(doc)
    for notice in review.result.notices:
        st.warning(notice.message, icon=":material/warning:")
    return store, doc, review


def open_document(doc: str) -> None:
    """Button callback: make ``doc`` the current document."""
    st.session_state.doc = doc


def record(store: Store, review: Review, decisions: list[Decision]) -> None:
    """Button callback: append decisions to the store at once (the log is all the proposer learns from)."""
    try:
        made = store.decide(decisions)
    except InputError as exc:
        st.error(str(exc))
        return
    st.toast(f"Saved {len(made)} decision(s)")


def undo(store: Store, doc: str, count: int = 1) -> None:
    """Button callback: undo this reviewer's last decision(s) on the document."""
    undone = store.undo_last(doc, reviewer(), count)
    st.toast(f"Undid {len(undone)} decision(s)" if undone else "Nothing of yours to undo")


def cursor(name: str, size: int) -> int:
    """A page's position in a list, kept in session state and clamped to the list."""
    i = min(max(st.session_state.get(name, 0), 0), max(size - 1, 0))
    st.session_state[name] = i
    return i


def move(name: str, to: int) -> None:
    """Button callback: set a cursor."""
    st.session_state[name] = to


def english_html(review: Review, segment_ids: tuple[str, ...]) -> str:
    """Segments as escaped paragraphs (the other side of a pair)."""
    texts = [highlighted(review.result.segment(s).text, ()) for s in segment_ids]
    return "".join(texts) or "<em>(no aligned paragraph)</em>"
