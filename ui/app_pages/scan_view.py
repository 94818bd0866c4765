"""The scan on the Editor page: the line crop above a proposal's diff, and the page view with its boxes.

The crop and the page picture come from :mod:`correct.review.scan_crops` (cut, drawn and cached
there); this module only places them. The page view is an Altair chart (Vega-Lite, which Streamlit
renders offline, as the alignment map is): the downscaled page as an image mark with one
rectangle per proposal word on it. Clicking a rectangle selects its proposal's number, and the
callback moves the Editor's focus there: Streamlit has no clickable image map of its own.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence

import altair as alt
import streamlit as st

from align.errors import InputError
from align.model import Proposal, Result
from correct.review.scan_boxes import page_marks, proposal_spot
from correct.review.scan_crops import crop_cache, line_crop, page_picture, page_size
from correct.review.state import ProposalStatus, Review
from correct.review.store import Store
from ui.app_pages.markup import plain

PAGE_VIEW = "Show the whole page (click a box to open its proposal)"
COLOURS = alt.Scale(
    domain=["focus", ProposalStatus.UNDECIDED, "decided"], range=["#1f6feb", "#e0a100", "#2e7d32"]
)


def scan_crop_ui(container, store: Store, result: Result, proposal: Proposal) -> None:
    """The scan's line around ``proposal``, its word outlined; nothing for a text-only document, a
    short note when the page image cannot be shown."""
    spot = proposal_spot(result, proposal)
    if spot is None:
        return
    try:
        png = line_crop(spot, crop_cache(store.path))
    except InputError as exc:
        container.caption(f"Scan not shown: {plain(str(exc))}")
        return
    container.image(png, caption=f"Scan, page {spot.page.number}")


def page_view_ui(store: Store, review: Review, ordered: Sequence[Proposal], i: int,
                 jump: Callable[[int], None]) -> None:  # fmt: skip
    """A toggle that shows the focused proposal's page with every proposal's boxes; a click on a box
    calls ``jump`` with that proposal's index in ``ordered``."""
    result = review.result
    spot = proposal_spot(result, ordered[i])
    if spot is None or not st.toggle(PAGE_VIEW, key="page_view"):
        return
    try:
        picture = page_picture(spot.page, crop_cache(store.path))
    except InputError as exc:
        st.caption(f"Page not shown: {plain(str(exc))}")
        return
    rows = [
        {"n": m.n + 1, "x0": m.box[0], "y0": m.box[1], "x1": m.box[2], "y1": m.box[3],
         "state": "focus" if m.n == i else _state(review, m.proposal),
         "fix": f"{ordered[m.n].original} → {ordered[m.n].suggestion}"}
        for m in page_marks(result, ordered, spot.page.number)
    ]  # fmt: skip
    key = f"page_view:{review.result.document.id}:{spot.page.number}"

    def clicked() -> None:
        chosen = st.session_state[key].selection.get("box") or []
        if chosen and chosen[0].get("n"):
            jump(int(chosen[0]["n"]) - 1)

    chart = _page_chart(spot.page, picture, rows)
    st.altair_chart(chart, key=key, on_select=clicked, width="content", theme=None)


def _state(review: Review, proposal: str) -> str:
    status = review.proposals[proposal].status
    return ProposalStatus.UNDECIDED if status == ProposalStatus.UNDECIDED else "decided"


def _page_chart(page, picture: bytes, rows: list[dict]) -> alt.LayerChart:
    """The page image under its boxes, in the page's own pixel coordinates (y downwards)."""
    width, height = page_size(page)
    url = "data:image/jpeg;base64," + base64.b64encode(picture).decode("ascii")
    x = alt.X("x0:Q", scale=alt.Scale(domain=[0, page.width], nice=False, zero=True), axis=None)
    y = alt.Y("y0:Q", scale=alt.Scale(domain=[0, page.height], nice=False, reverse=True), axis=None)
    image = (
        alt.Chart(alt.Data(values=[{"x0": 0, "y0": 0, "x1": page.width, "y1": page.height, "url": url}]))
        .mark_image(aspect=False)  # spans the scales' corners, so it lies exactly under the boxes
        .encode(x=x, x2="x1:Q", y=y, y2="y1:Q", url="url:N")
    )
    pick = alt.selection_point(name="box", fields=["n"], on="click")
    boxes = (
        alt.Chart(alt.Data(values=rows))
        .mark_rect(fillOpacity=0.15, strokeWidth=2, cursor="pointer")
        .encode(
            x=x,
            x2="x1:Q",
            y=y,
            y2="y1:Q",
            color=alt.Color("state:N", scale=COLOURS, legend=None),
            stroke=alt.Color("state:N", scale=COLOURS, legend=None),
            tooltip=[alt.Tooltip("n:Q", title="proposal"), alt.Tooltip("fix:N", title="fix")],
        )  # fmt: skip
        .add_params(pick)
    )
    # autosize "none": the plot is exactly width x height (Streamlit's default "fit" takes 20 px off it)
    size = {"width": width, "height": height, "padding": 0, "autosize": alt.AutoSizeParams(type="none")}
    return (image + boxes).properties(**size).configure_view(stroke=None)
