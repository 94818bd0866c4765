"""End to end in headless Chromium: a real scan processed into a store, its line beside the fix.

`workbench process --scan` reads the corpus's two page images of a shop's product page with
Tesseract into a fresh store; the Editor shows the scan's line above the proposal's diff, and a
click on a box of the page view opens that proposal. Saves docs/screenshots/editor-scan.png for
the README. Uses Debian's chromium and tesseract (never `playwright install`); skipped without them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.scan_quality import archive_parts
from correct.review.navigation import proposals_in_reading_order
from correct.review.scan_boxes import proposal_spot
from correct.review.scan_crops import page_size
from correct.review.store import Store
from tests.test_e2e_browser import SCREENSHOTS, _settle, page, server  # noqa: F401 (fixtures)
from ui.cli import cli

pytestmark = pytest.mark.slow

SCANNED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scanned"
NAME = "wmt22_ecommerce_ru_73"
REVIEWER = "e2e-scan"


@pytest.fixture
def db(tmp_path) -> Path:
    """The corpus scan processed with `workbench process --scan ... --db`, the English from its archive."""
    pages = sorted((SCANNED / NAME).glob("page-*.png"))
    if not pages or shutil.which("tesseract") is None:
        pytest.skip(f"needs the scanned corpus ({SCANNED / NAME}) and tesseract with Russian")
    en = tmp_path / "en.txt"
    en.write_text(archive_parts(SCANNED / f"{NAME}.txt")[1], encoding="utf-8")
    path = tmp_path / "review.db"
    args = ["process", "--scan", *map(str, pages), "--en", str(en), "--name", NAME]
    out = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "out"), "--db", str(path)])
    assert out.exit_code == 0, out.output
    return path


def test_the_scan_beside_the_fix_and_the_page_view(page, db, server, tmp_path):  # noqa: F811
    review = Store(db).review(NAME)
    ordered = proposals_in_reading_order(review)
    spots = [proposal_spot(review.result, p) for p in ordered]
    assert spots and all(spots), "every proposal of a scan has its place on a page"
    focus = max(range(len(ordered)), key=lambda n: ordered[n].confidence)
    page.goto(f"{server}/editor?reviewer={REVIEWER}&doc={NAME}&proposal={focus + 1}")
    _crop_above_the_diff(page, focus, len(ordered), spots[focus].page.number)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editor-scan.png"))
    target = next(n for n in range(len(ordered)) if n != focus and spots[n].page == spots[focus].page)
    page.get_by_text("Show the whole page").click()
    chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
    chart.wait_for()
    page.wait_for_timeout(2000)  # Vega draws after the element appears
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "page-view.png"))
    origin, spot = chart.bounding_box(), spots[target]
    zoom = page_size(spot.page)[0] / spot.page.width
    x0, y0, x1, y1 = spot.words[0]
    page.mouse.click(origin["x"] + (x0 + x1) / 2 * zoom, origin["y"] + (y0 + y1) / 2 * zoom)
    page.get_by_text(re.compile(rf"^Proposal {target + 1} of {len(ordered)}")).wait_for()
    _settle(page)
    assert page.get_by_label("Your correction (E saves it; Enter is not needed)").input_value() == (
        ordered[target].suggestion
    )
    page.get_by_text(re.compile(r"^Proposal")).first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "after-click.png"))


def _crop_above_the_diff(tab, n: int, total: int, page_number: int) -> None:
    """The crop is an image the browser decoded, captioned with its page, above the Russian diff."""
    tab.get_by_text(re.compile(rf"^Proposal {n + 1} of {total}")).wait_for()
    _settle(tab)
    image = tab.locator('[data-testid="stImage"] img').first
    image.wait_for()
    tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert tab.get_by_text(f"Scan, page {page_number}").count() == 1
    diff = tab.locator(".wb-text .focus").first
    assert image.bounding_box()["y"] + image.bounding_box()["height"] <= diff.bounding_box()["y"]
    assert image.evaluate("img => img.naturalWidth") <= 900  # a line, not the whole page
