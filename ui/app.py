"""The review app: editors approve OCR fixes, translators judge flags, several people at once.

Run through `workbench review --db FILE` (``streamlit run ui/app.py -- --db FILE``).
This file only declares the pages and signs the reviewer in once per session
(:mod:`ui.app_pages.signin`); the pages call ``correct.review.store`` /
``correct.review.decisions`` and render.
"""

from __future__ import annotations

import streamlit as st

from ui.app_pages.common import STYLE, open_store_or_stop
from ui.app_pages.signin import who_ui

PAGES = [
    st.Page("app_pages/documents.py", title="Documents", icon=":material/folder_open:", default=True),
    st.Page("app_pages/editor.py", title="Editor", icon=":material/spellcheck:", url_path="editor"),
    st.Page(
        "app_pages/translator.py", title="Translator", icon=":material/translate:", url_path="translator"
    ),
    st.Page("app_pages/alignment.py", title="Alignment", icon=":material/link:", url_path="alignment"),
    st.Page("app_pages/exports.py", title="Exports", icon=":material/download:", url_path="exports"),
]

st.set_page_config(page_title="Workbench review", page_icon=":material/rate_review:", layout="wide")
st.markdown(STYLE, unsafe_allow_html=True)
page = st.navigation(PAGES)
if who_ui(open_store_or_stop()):
    page.run()
