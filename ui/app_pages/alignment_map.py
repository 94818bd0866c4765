"""The alignment map of the Alignment page: the similarity band as a heatmap with the path on it.

Drawn with Altair (Vega-Lite, which Streamlit renders). Cells are the paragraph cosines that
processing kept around the path (:mod:`align.alignment.similarity_map`); the path's cells are
outlined, weak links in red; paragraphs without a counterpart are marked on the edge (Russian
ones left of column 1, English ones above row 1). Clicking a cell opens the link that holds its
Russian (or English) paragraph. Only a window of ``WINDOW`` paragraphs around the current link
is drawn, so a 500-page document stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import streamlit as st

from correct.review.state import Review

WINDOW = 60  # Russian paragraphs drawn on each side of the current link
WEAK = 0.5  # a link scored below this is drawn as weak (the confidence is a probability)


def _positions(review: Review) -> tuple[dict[str, int], dict[str, int]]:
    return (
        {s.id: i for i, s in enumerate(review.result.ru)},
        {s.id: i for i, s in enumerate(review.result.en)},
    )


def map_rows(review: Review, current: int) -> tuple[list[dict], list[dict]]:
    """(cells, path marks) in the window around link ``current``; 1-based paragraph numbers."""
    ru_at, en_at = _positions(review)
    link = review.links[current]
    centre = min((ru_at[s] for s in link.ru), default=None)
    if centre is None:  # an English-only link: centre on the Russian paragraph before it
        centre = max((ru_at[s] for x in review.links[:current] for s in x.ru), default=0)
    lo, hi = centre - WINDOW, centre + WINDOW
    cells = [
        {"ru": i + 1, "en": j + 1, "similarity": v}
        for i, j, v in review.result.similarity_map
        if lo <= i <= hi
    ]
    marks = []
    for n, x in enumerate(review.links):
        kind = "weak" if x.score < WEAK else "link"
        pairs = [(ru_at[a] + 1, en_at[b] + 1) for a in x.ru for b in x.en]
        pairs += [(ru_at[a] + 1, 0) for a in x.ru if not x.en]  # unmatched Russian: the left edge
        pairs += [(0, en_at[b] + 1) for b in x.en if not x.ru]  # unmatched English: the top edge
        kind = "unmatched" if not (x.ru and x.en) else kind
        marks += [{"ru": r, "en": e, "link": n + 1, "score": round(x.score, 3), "kind": kind}
                  for r, e in pairs if lo <= r <= hi or r == 0]  # fmt: skip
    return cells, marks


def link_at(review: Review, ru: int, en: int) -> int | None:
    """The index of the link holding Russian paragraph ``ru`` (else English ``en``), 1-based inputs."""
    ru_ids = {review.result.ru[ru - 1].id} if 0 < ru <= len(review.result.ru) else set()
    en_ids = {review.result.en[en - 1].id} if 0 < en <= len(review.result.en) else set()
    for wanted in (ru_ids, en_ids):
        for n, x in enumerate(review.links):
            if wanted & set(x.ru + x.en):
                return n
    return None


def alignment_map(review: Review, current: int, key: str, jump: Callable[[int], None]) -> None:
    """Draw the map; a click on a cell calls ``jump`` with the index of the link there."""
    if not review.result.similarity_map:
        st.caption("No alignment map: the result was made before maps were kept (process it again).")
        return
    cells, marks = map_rows(review, current)
    pick = alt.selection_point(name="cell", fields=["ru", "en"], on="click", nearest=True)
    x = alt.X("en:Q", title="English paragraph", scale=alt.Scale(zero=False))
    y = alt.Y("ru:Q", title="Russian paragraph", scale=alt.Scale(zero=False, reverse=True))
    heat = (
        alt.Chart(alt.Data(values=cells))
        .mark_square(size=60)
        .encode(
            x=x,
            y=y,
            color=alt.Color("similarity:Q", scale=alt.Scale(scheme="blues", domain=[0, 1])),
            tooltip=["ru:Q", "en:Q", "similarity:Q"],
        )  # fmt: skip
        .add_params(pick)
    )
    colours = alt.Scale(domain=["link", "weak", "unmatched"], range=["#111111", "#d62728", "#ff7f0e"])
    path = (
        alt.Chart(alt.Data(values=marks))
        .mark_square(size=60, filled=False, strokeWidth=1.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", scale=colours, title="path"),
            tooltip=["link:Q", "score:Q", "kind:N", "ru:Q", "en:Q"],
        )  # fmt: skip
    )

    def clicked() -> None:
        chosen = st.session_state[key].selection.get("cell") or []  # the cell nearest the click
        if chosen:
            n = link_at(review, int(chosen[0].get("ru", 0)), int(chosen[0].get("en", 0)))
            if n is not None:
                jump(n)

    st.altair_chart((heat + path).properties(height=420), key=key, on_select=clicked, width="stretch")
