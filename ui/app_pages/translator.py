"""Translator view: flags side by side with their spans highlighted, each given a verdict.

Flags are filtered by kind, severity and status; a verdict (OCR error / translation error /
not an issue) takes a comment. Shortcuts: N / P next / previous flag.
"""

from __future__ import annotations

import streamlit as st

from align.model import Verdict
from correct.review.decisions import verdict_decisions
from correct.review.navigation import filter_flags, flag_status
from ui.app_pages.common import cursor, move, record, review_page, reviewer, undo
from ui.app_pages.markup import Mark, highlighted, html_line

VERDICT_LABELS = {
    "ocr_error": "OCR error",
    "translation_error": "Translation error",
    "not_an_issue": "Not an issue",
}

store, doc, review = review_page("Translator: discrepancy flags")
flags = review.result.flags
if not flags:
    st.info("No flags in this document.")
    st.stop()

filters = st.columns(3)
kinds = filters[0].multiselect("Kind", sorted({f.kind for f in flags}), key="flag_kinds")
severities = filters[1].multiselect("Severity", ["error", "warning", "note"], key="flag_severities")
statuses = filters[2].multiselect("Status", ["undecided", *Verdict], key="flag_statuses")
shown = filter_flags(review, kinds, severities, statuses)
if not shown:
    st.info("No flag matches these filters.")
    st.stop()

key = f"flag_cursor:{doc}"
i = cursor(key, len(shown))
flag = shown[i]
state = review.flags[flag.id]

nav = st.columns([1, 1, 4])
nav[0].button("Previous flag", shortcut="P", on_click=move, args=(key, i - 1), disabled=i == 0)
nav[1].button("Next flag", shortcut="N", on_click=move, args=(key, i + 1), disabled=i == len(shown) - 1)
nav[2].caption(
    f"Flag {i + 1} of {len(shown)} shown · "
    f"{review.progress.flags_decided} of {len(flags)} decided in the document"
)

st.subheader(f"{flag.severity.upper()} · {flag.kind}")
st.text(flag.message)  # st.text never interprets markup
if flag.values:
    st.text(" · ".join(f"{side}: {', '.join(map(str, vals))}" for side, vals in flag.values.items()))


def side_html(segment_ids: tuple[str, ...], spans) -> str:
    parts = []
    for s in segment_ids:
        marks = [Mark(sp.start, sp.end, "flag") for sp in spans if sp.segment == s]
        parts.append(highlighted(review.result.segment(s).text, marks))
    return "".join(parts) or "<em>(nothing on this side)</em>"


left, right = st.columns(2)
left.caption("Russian")
left.markdown(side_html(flag.ru, flag.ru_spans), unsafe_allow_html=True)
right.caption("English")
right.markdown(side_html(flag.en, flag.en_spans), unsafe_allow_html=True)

st.divider()
current = (
    [(VERDICT_LABELS[state.verdict], "b"), (f" by {state.reviewer}", "")]
    if state.verdict
    else [("undecided", "b")]
)
st.markdown(
    html_line(("Verdict: ", ""), *current, (f" · “{state.comment}”" if state.comment else "", "i")),
    unsafe_allow_html=True,
)
with st.form(f"verdict:{flag.id}", clear_on_submit=False):
    options = list(Verdict)
    verdict = st.radio(
        "Verdict",
        options,
        index=options.index(state.verdict) if state.verdict else None,
        format_func=VERDICT_LABELS.get,
        horizontal=True,
    )
    comment = st.text_input("Comment", value=state.comment)
    if st.form_submit_button("Save verdict"):
        if verdict is None:
            st.warning("Choose a verdict first.")
        else:
            # "OCR error" on a flag an OCR proposal explains also accepts that proposal
            decisions = verdict_decisions(
                doc,
                flag,
                verdict,
                reviewer(),
                proposals=review.result.proposals,
                previous=state.verdict,
                comment=comment,
            )
            record(store, review, decisions)
            st.rerun()
st.button("Undo my last decision", on_click=undo, args=(store, doc))

st.divider()
st.dataframe(
    [
        {
            "#": n,
            "kind": f.kind,
            "severity": f.severity,
            "status": flag_status(review.flags[f.id]),
            "message": f.message,
        }
        for n, f in enumerate(shown, 1)
    ],
    hide_index=True,
    width="stretch",
)
