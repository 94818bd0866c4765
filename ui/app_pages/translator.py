"""Translator view: one focused flag at a time, its spans highlighted on both sides, given a verdict.

Keyboard first: 1 OCR error, 2 translation error, 3 not an issue (with the comment in the
box), Left / Right the previous / next flag, P / N the previous / next undecided, U undo
(the translator's last verdict, with the fix an "OCR error" verdict accepted). Each
verdict moves the focus to the next undecided flag. Flags are filtered by kind, severity
and status; the focus is in the URL (``?flag=``); click a row of the table to jump to it.
The flagged values are shown as the texts read them ("70 тыс." against "20 thous.").
"""

from __future__ import annotations

import streamlit as st

from align.model import TargetKind, Verdict
from correct.exports.audit_report import span_text
from correct.review.decisions import verdict_decisions
from correct.review.navigation import filter_flags, flag_status, next_open
from ui.app_pages.common import (
    focus_cursor,
    move,
    navigation_keys,
    progress_ui,
    record,
    review_page,
    reviewer,
    undo,
)
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
progress_ui(store, review, proposals=False)

filters = st.columns(3)
kinds = filters[0].multiselect("Kind", sorted({f.kind for f in flags}), key="flag_kinds")
severities = filters[1].multiselect("Severity", ["error", "warning", "note"], key="flag_severities")
statuses = filters[2].multiselect("Status", ["undecided", *Verdict], key="flag_statuses")
shown = filter_flags(review, kinds, severities, statuses)
if not shown:
    st.info("No flag matches these filters.")
    st.stop()

key = f"flag_focus:{doc}"
i = focus_cursor(key, "flag", len(shown))
flag = shown[i]
state = review.flags[flag.id]
is_open = [review.flags[f.id].verdict is None for f in shown]
after = next_open(is_open[:i] + [False] + is_open[i + 1 :], i)


def give(verdict: Verdict) -> None:
    """Record a verdict (with the comment typed in the box) and move to the next undecided flag."""
    comment = st.session_state.get(f"comment:{flag.id}", "")
    decisions = verdict_decisions(
        doc,
        flag,
        verdict,
        reviewer(),
        proposals=review.result.proposals,
        previous=state.verdict,
        comment=comment,
    )
    record(store, decisions, (key, after))


def side_html(segment_ids: tuple[str, ...], spans) -> str:
    parts = []
    for s in segment_ids:
        marks = [Mark(sp.start, sp.end, "flag") for sp in spans if sp.segment == s]
        parts.append(highlighted(review.result.segment(s).text, marks))
    return "".join(parts) or "<em>(nothing on this side)</em>"


def read_as(spans) -> str:
    return " … ".join(f"“{' '.join(span_text(review.result, s).split())}”" for s in spans) or "—"


card = st.container(border=True)
verdict_now = (
    [(VERDICT_LABELS[state.verdict], "b"), (f" by {state.reviewer}", "")]
    if state.verdict
    else [("undecided", "b")]
)
card.markdown(
    html_line(
        (f"Flag {i + 1} of {len(shown)} shown · {flag.severity.upper()} · {flag.kind} · ", ""), *verdict_now,
        (f" · “{state.comment}”" if state.comment else "", "i"),
        (f"\n{flag.message}\nRussian: {read_as(flag.ru_spans)} · English: {read_as(flag.en_spans)}", ""),
    ),
    unsafe_allow_html=True,
)  # fmt: skip
left, right = card.columns(2)
left.caption("Russian")
left.markdown(side_html(flag.ru, flag.ru_spans), unsafe_allow_html=True)
right.caption("English")
right.markdown(side_html(flag.en, flag.en_spans), unsafe_allow_html=True)

card.text_input("Comment (saved with the verdict)", value=state.comment, key=f"comment:{flag.id}")
keys = card.columns(4)
for n, verdict in enumerate(Verdict, 1):
    keys[n - 1].button(
        f"{VERDICT_LABELS[verdict]}", shortcut=str(n), on_click=give, args=(verdict,),
        type="primary" if state.verdict == verdict else "secondary",
    )  # fmt: skip
keys[3].button("Undo", shortcut="U", on_click=undo, args=(store, doc, (TargetKind.FLAG,)))
navigation_keys(card, key, i, is_open)


def jump() -> None:
    rows = st.session_state[f"flag_table:{doc}"].selection.rows
    if rows:
        move(key, rows[0])


st.dataframe(
    [
        {"#": n, "kind": f.kind, "severity": f.severity, "status": flag_status(review.flags[f.id]),
         "Russian": read_as(f.ru_spans), "English": read_as(f.en_spans), "message": f.message}
        for n, f in enumerate(shown, 1)
    ],
    hide_index=True, width="stretch", key=f"flag_table:{doc}", on_select=jump, selection_mode="single-row",
)  # fmt: skip
