"""Who is reviewing: sign-in against the store's users, or a typed name with ``--no-auth``.

With sign-in (the default; required beyond the loopback address by `workbench review`), the
reviewer recorded with every decision is the signed-in user, never a text box or the URL.
An admin also gets "Revert a decision" in the sidebar: anyone's decision, logged as the
admin's undo.
"""

from __future__ import annotations

import streamlit as st

from align.errors import InputError
from correct.review.store import Store
from correct.review.users import Role
from ui.app_pages.common import app_args, reviewer_ui
from ui.app_pages.markup import plain


def who_ui(store: Store) -> bool:
    """True once the reviewer is known: signed in, or named (``--no-auth``)."""
    if app_args().no_auth:
        return reviewer_ui()
    if app_args().oidc and st.session_state.get("user") is None:
        return _oidc_ui(store)
    user = st.session_state.get("user")
    if user is not None:
        st.session_state.reviewer = user.name
        st.query_params.pop("reviewer", None)  # the identity is the session's, not the URL's
        st.sidebar.text(f"Signed in as {user.name} ({user.role})")
        st.sidebar.button("Sign out", on_click=_sign_out)
        if user.role == Role.ADMIN:
            _revert_ui(store, user)
        return True
    st.title("Workbench review: sign in")
    with st.form("sign_in"):
        name = st.text_input("User name", key="sign_in_name")
        password = st.text_input("Password", type="password", key="sign_in_password")
        if st.form_submit_button("Sign in"):
            try:
                st.session_state.user = store.accounts.sign_in(name.strip(), password)
            except InputError as exc:
                st.error(plain(str(exc)))
            else:
                st.rerun()
    return False


def _oidc_ui(store: Store) -> bool:
    """Sign-in through the organisation's provider (st.login); the e-mail must be a user of the store."""
    if not st.user.get("is_logged_in", False):  # absent when no provider has answered yet
        st.title("Workbench review: sign in")
        st.button("Sign in with your organisation", on_click=st.login)
        return False
    email = str(st.user.get("email") or "")
    user = store.accounts.find(email)
    if user is None:
        st.error(plain(f"{email} is not a reviewer of this store; ask an admin to run "
                       f"`workbench users add {email} --role editor --no-password`"))  # fmt: skip
        st.button("Sign out", on_click=st.logout)
        return False
    st.session_state.user = user
    st.rerun()
    return False


def _sign_out() -> None:
    for key in ("user", "reviewer"):
        st.session_state.pop(key, None)
    if app_args().oidc:
        st.logout()


def _revert_ui(store: Store, admin) -> None:
    doc = st.session_state.get("doc")
    if not doc:
        return
    with st.sidebar.form("revert"):
        seq = st.number_input("Revert decision # (anyone's, in this document)", min_value=1, step=1)
        if st.form_submit_button("Revert"):
            try:
                store.accounts.revert(doc, int(seq), admin)
                st.toast(f"Reverted decision #{int(seq)}")
            except InputError as exc:
                st.error(plain(str(exc)))
