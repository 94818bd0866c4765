"""What every page shares: the store handle, the reviewer's name, the current document, the styles.

``st.cache_resource`` holds only the store (one per server process, shared by
every session); ``st.session_state`` holds the reviewer's name, the current
document, each page's focus and filters, and decisions waiting for a busy store.
The reviewer, the document and the focus are also kept in the URL
(``st.query_params``), so that a reload resumes where the reviewer was.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import streamlit as st

from align.errors import InputError
from align.model import Decision, TargetKind
from correct.review.navigation import next_open
from correct.review.state import Progress, Review
from correct.review.store import Store, StoreBusy
from correct.review.users import Role, may_decide
from ui.app_pages.markup import highlighted, plain

FOCUS_PARAMS = ("proposal", "flag", "link")  # the URL parameters of each page's focused item

STYLE = """<style>
.wb-text { font-size: 1.05rem; line-height: 1.7; white-space: pre-wrap; }
.wb-text del { background: #fde2e1; color: #8a1c1c; }
.wb-text ins { background: #d9f2dd; color: #14532d; text-decoration: none; }
.wb-text .undecided { outline: 2px solid #f5c542; }
.wb-text .focus { outline: 3px solid #1f6feb; outline-offset: 1px; border-radius: 2px; }
.wb-text .rejected { background: #eee; color: #555; text-decoration: underline dotted; }
.wb-text mark { background: #ffe08a; padding: 0 2px; }
.wb-text sup { color: #666; font-size: 0.7em; }
</style>"""


def app_args() -> argparse.Namespace:
    """The app's own arguments (after ``--`` on the streamlit command line)."""
    parser = argparse.ArgumentParser(prog="ui/app.py", add_help=False)
    parser.add_argument("--db", default="out/workbench.db")
    parser.add_argument("--no-auth", action="store_true")  # `workbench review --no-auth` (loopback only)
    parser.add_argument("--oidc", action="store_true")  # `workbench review --oidc`: st.login
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
        st.error(plain(str(exc)))
        st.stop()


def reviewer_ui() -> bool:
    """Ask for the reviewer's name once per session (or take it from the URL); True once it is known."""
    if not st.session_state.get("reviewer") and st.query_params.get("reviewer", "").strip():
        st.session_state.reviewer = st.query_params["reviewer"].strip()
    if st.session_state.get("reviewer"):
        st.query_params["reviewer"] = st.session_state.reviewer
        st.sidebar.text(f"Reviewing as {st.session_state.reviewer}")
        return True
    st.title("Workbench review")
    with st.form("reviewer_form"):
        name = st.text_input("Your name (recorded with every decision)", key="reviewer_name")
        if st.form_submit_button("Start reviewing") and name.strip():
            st.session_state.reviewer = name.strip()
            st.query_params["reviewer"] = name.strip()
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
        wanted = st.query_params.get("doc")
        st.session_state.doc = wanted if wanted in ids else ids[0]

    def chosen() -> None:
        st.session_state.doc = st.session_state.doc_select
        for param in FOCUS_PARAMS:  # a position in the previous document means nothing in this one
            st.query_params.pop(param, None)

    st.sidebar.selectbox(
        "Document", ids, index=ids.index(st.session_state.doc), key="doc_select", on_change=chosen
    )
    st.query_params["doc"] = st.session_state.doc
    return st.session_state.doc


def review_page(title: str) -> tuple[Store, str, Review]:
    """How a review page starts: the store, the title, the document chosen in the sidebar, its
    document-level warnings (a partial translation) and its review; the page stops (with a hint)
    when the database has no document."""
    store = open_store_or_stop()
    st.title(title)
    save_pending(store)
    doc = document_ui(store)
    if doc is None:
        st.stop()
    review = store.review(doc)
    for notice in review.result.notices:
        st.warning(plain(notice.message), icon=":material/warning:")
    return store, doc, review


def open_document(doc: str) -> None:
    """Button callback: make ``doc`` the current document."""
    st.session_state.doc = doc


def current_role() -> Role:
    """The signed-in user's role; a single reviewer without sign-in (``--no-auth``) may do everything."""
    user = st.session_state.get("user")
    return user.role if user is not None else Role.ADMIN


def record(store: Store, decisions: list[Decision], advance: tuple[str, int] | None = None) -> None:
    """Button callback: append decisions to the store at once (the log is all the proposer learns from),
    then move the page's focus (``advance``: the focus key and the index to go to).

    When the store stays busy past its bounded wait (a long import), the decisions are kept in the
    session and saved on the next interaction: a click is never lost.
    """
    role = current_role()
    if not may_decide(role, [d.target_kind for d in decisions]):
        st.error(f"Your role ({role}) cannot make this decision; ask an admin for another role.")
        return
    decisions = [replace(d, reviewer=reviewer()) for d in decisions]  # always the session's identity
    try:
        made = store.decide(decisions)
    except StoreBusy as exc:
        st.session_state.setdefault("pending", []).extend(decisions)
        st.session_state.busy = str(exc)
        return
    except InputError as exc:
        st.error(plain(str(exc)))
        return
    st.toast(f"Saved: {plain(describe(made))}")
    if advance:
        move(*advance)


def save_pending(store: Store) -> None:
    """Save decisions a busy store could not take earlier; say so while it is still busy."""
    pending = st.session_state.get("pending") or []
    if pending:
        try:
            made = store.decide(pending)
        except StoreBusy:
            st.warning(
                f"The review store is busy (an import is running). {len(pending)} decision(s) are kept "
                "here and will be saved at your next click.",
                icon=":material/hourglass_top:",
            )
            return
        st.session_state.pending = []
        st.toast(f"Saved {len(made)} decision(s) that were waiting for the store")


def describe(decisions: list[Decision]) -> str:
    """What decisions did, in a reviewer's words (for the toasts)."""
    if not decisions:
        return "nothing"
    d = decisions[0]
    readable = (d.new or "").replace("_", " ")  # a verdict: "translation error"
    what = {"accept": f"accepted {d.new}", "reject": "rejected", "edit": f"edited to {d.new}"}.get(
        d.action, f"{d.action} {readable}".strip()
    )
    more = f" and {len(decisions) - 1} more" if len(decisions) > 1 else ""
    return f"{what}{more}"


def undo(store: Store, doc: str, kinds: tuple[TargetKind, ...] = ()) -> None:
    """Button callback: undo this reviewer's last action on the document, among this page's kinds."""
    try:
        undone = store.undo_last(doc, reviewer(), kinds)
    except InputError as exc:
        st.error(plain(str(exc)))
        return
    st.toast(f"Undid: {plain(describe(undone))}" if undone else "Nothing of yours to undo on this page")


def focus_cursor(name: str, param: str, size: int) -> int:
    """The page's focused item: kept in the session and in the URL (``?<param>=`` 1-based), clamped."""
    if name not in st.session_state:
        try:
            st.session_state[name] = int(st.query_params.get(param, 1)) - 1
        except ValueError:
            st.session_state[name] = 0
    i = cursor(name, size)
    st.query_params[param] = str(i + 1)
    return i


def navigation_keys(container, key: str, i: int, is_open: list[bool]) -> None:
    """The card's moves: ← → the previous / next item, P N the previous / next undecided one."""
    nav = container.columns(4)
    nav[0].button("Previous", shortcut="Left", on_click=move, args=(key, i - 1), disabled=i == 0)
    nav[1].button("Next", shortcut="Right", on_click=move, args=(key, i + 1), disabled=i == len(is_open) - 1)
    before = [j for j in range(i) if is_open[j]]
    nav[2].button("Previous undecided", shortcut="P", on_click=move, args=(key, (before or [i])[-1]))
    nav[3].button("Next undecided", shortcut="N", on_click=move, args=(key, next_open(is_open, i)))


@st.cache_data(show_spinner=False, max_entries=100_000)
def _progress(path: str, doc: str, version: str) -> Progress:
    """A document's progress, derived again only when its version (import, newest decision) changes:
    the overall bar then costs one query and the changed document, not every document's review."""
    return open_store(path).review(doc).progress


def progress_ui(store: Store, review: Review, proposals: bool) -> None:
    """Progress bars: this document's proposals (or flags) decided, and all documents'."""
    p = review.progress
    done, total = (p.proposals_decided, p.proposals) if proposals else (p.flags_decided, p.flags)
    what = "proposals" if proposals else "flags"
    columns = st.columns(2)
    columns[0].progress(
        done / total if total else 1.0, text=f"This document: {done} of {total} {what} decided"
    )
    everything = [_progress(str(store.path), doc, v) for doc, v in store.versions().items()]
    done_all = sum(x.proposals_decided if proposals else x.flags_decided for x in everything)
    total_all = sum(x.proposals if proposals else x.flags for x in everything)
    columns[1].progress(
        done_all / total_all if total_all else 1.0,
        text=f"All {len(everything)} documents: {done_all} of {total_all} {what} decided",
    )


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
