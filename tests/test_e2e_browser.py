"""End to end in a real headless Chromium: `workbench review` on a fresh database, driven by Playwright.

The editor reviews seed 000 by keyboard alone: A accepts, X rejects, an edit is typed and saved
with E (Enter never pressed), U undoes, and a reload resumes at the same proposal. The
translator gives the "70 тыс." against "20 thous." flag a verdict with key 2. After each step
the test checks the store and the corrected text `workbench export --db` gives. It saves a
screenshot of each view to docs/screenshots/ for the README. Uses Debian's chromium (never
`playwright install`); skipped when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.serialize import write_result
from benchmarks.review_speed import free_port, review_command
from correct.exports.reviewed import corrected_text
from correct.review.navigation import proposals_in_reading_order
from correct.review.store import Store
from tests.test_store_data import DOC as TINY
from tests.test_store_data import tiny_result
from ui.cli import cli

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
SEED = "000_4ec9cd2bec5d79c1"
EDITOR = "e2e-editor"


def _wait_until(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture
def db(tmp_path, seed_results) -> Path:
    """A fresh database with seed 000 and the tiny document, loaded through `workbench import`."""
    paths = [write_result(seed_results[SEED], tmp_path / f"{SEED}.json")]
    paths.append(write_result(tiny_result(), tmp_path / f"{TINY}.json"))
    path = tmp_path / "review.db"
    out = CliRunner().invoke(cli, ["import", *map(str, paths), "--db", str(path)])
    assert out.exit_code == 0, out.output
    return path


@pytest.fixture
def server(db, tmp_path) -> Iterator[str]:
    """`workbench review` on 127.0.0.1 and a free port; always stopped, whatever the test did."""
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        review_command(db, port), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until(lambda: _healthy(url) or proc.poll() is not None, "the review server", timeout=90)
        assert proc.poll() is None, (tmp_path / "server.log").read_text()
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        log.close()


@pytest.fixture
def page(server):
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found: install Debian's chromium (`make browser`) to run the browser test"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(server)
            yield page
        finally:
            browser.close()


def _settle(page) -> None:
    """Wait for Streamlit to finish the rerun a click started."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30_000)


def _open(page, view: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]', has_text=view).click()
    page.get_by_role("heading", name=view).first.wait_for()
    _settle(page)


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_review_in_the_browser(page, db, server):
    store = Store(db)
    _sign_in(page)
    _review_by_keyboard(page, store, db, server)
    _download_the_corrected_text(page, store)
    page.goto(f"{server}/alignment?reviewer={EDITOR}&doc={SEED}")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    _settle(page)
    _shot(page, "alignment")
    _open_a_link_from_the_map(page)
    _verdict_by_key(page, store, server)


def _sign_in(page) -> None:
    """The reviewer name is asked once per session."""
    page.get_by_label("Your name (recorded with every decision)").fill(EDITOR)
    page.get_by_role("button", name="Start reviewing").click()
    page.get_by_role("heading", name="Documents").wait_for()
    page.locator('[data-testid="stDataFrame"]').wait_for()
    _settle(page)
    assert page.get_by_text("Deploy", exact=True).count() == 0  # the toolbar is minimal
    _shot(page, "documents")


def _exported(db: Path) -> str:
    """The corrected text as `workbench export DOC --db FILE --format text` writes it."""
    out = CliRunner().invoke(cli, ["export", SEED, "--db", str(db), "--format", "text"])
    assert out.exit_code == 0, out.output
    return out.output


def _key(page, key: str, store: Store, decisions: int) -> None:
    page.keyboard.press(key)
    _wait_until(lambda: len(store.decisions(SEED)) == decisions, f"decision {decisions} after {key}")
    _settle(page)


def _focused(page, n: int) -> None:
    page.get_by_text(re.compile(rf"^Proposal {n} of \d+")).wait_for()


def _review_by_keyboard(page, store: Store, db: Path, server: str) -> None:
    """Editor, keyboard only: accept, reject, edit without Enter, undo, reload."""
    from playwright.sync_api import expect

    page.goto(f"{server}/editor?reviewer={EDITOR}&doc={SEED}")
    _focused(page, 1)
    _settle(page)
    ordered = proposals_in_reading_order(store.review(SEED))
    first, second, third = ordered[:3]
    _key(page, "a", store, 1)  # accept; the focus moves to the next undecided
    _focused(page, 2)
    review = store.review(SEED)
    assert review.proposals[first.id].status == "accepted" and review.decisions[-1].reviewer == EDITOR
    assert _exported(db) == corrected_text(review) and _applied(review, first) in _exported(db)
    _key(page, "x", store, 2)  # reject
    _focused(page, 3)
    assert store.review(SEED).proposals[second.id].status == "rejected"
    _settle(page)
    box = page.get_by_label("Your correction (E saves it; Enter is not needed)")
    expect(box).to_have_count(1, timeout=30_000)  # the previous card's box goes when its rerun ends
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(third.suggestion + "ь")
    page.keyboard.press("Tab")  # leave the box (no Enter), then E saves what it holds
    _settle(page)
    _key(page, "e", store, 3)
    state = store.review(SEED).proposals[third.id]
    assert (state.status, state.replacement) == ("edited", third.suggestion + "ь")
    assert third.suggestion + "ь" in _exported(db)
    _focused(page, 4)
    _shot(page, "editor")
    _key(page, "u", store, 4)  # undo the edit
    review = store.review(SEED)
    assert review.proposals[third.id].status == "undecided" and review.decisions[-1].action == "undo"
    assert third.suggestion + "ь" not in _exported(db)
    page.reload()  # the reviewer, the document and the focus come back from the URL
    _focused(page, 4)
    assert page.get_by_label("Your name (recorded with every decision)").count() == 0


def _open_a_link_from_the_map(page) -> None:
    """A click in the middle of the alignment map opens the link of the cell there."""
    page.get_by_text(re.compile(r"^Link 1 of \d+")).wait_for()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    page.wait_for_timeout(2000)  # Vega draws after the element appears
    box = chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.45)
    page.get_by_text(re.compile(r"^Link (?!1 of)\d+ of \d+")).wait_for()


def _applied(review, proposal) -> str:
    """The accepted proposal's paragraph as corrected (it holds the suggestion)."""
    segment = review.result.segment(proposal.segment)
    return segment.text[: proposal.start] + proposal.suggestion + segment.text[proposal.end :]


def _download_the_corrected_text(page, store: Store) -> None:
    """Exports: the downloaded corrected text is the library's."""
    _open(page, "Exports")
    with page.expect_download() as download:
        page.get_by_role("button", name="Corrected Russian text").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text == corrected_text(store.review(SEED))
    _shot(page, "exports")


def _verdict_by_key(page, store: Store, server: str) -> None:
    """Translator: key 2 (translation error) on the number flag "70 тыс." against "20 thous."."""
    review = store.review(SEED)
    n, flag = next(
        (n, f) for n, f in enumerate(review.result.flags, 1)
        if f.kind == "number" and f.values.get("ru") == [70000.0] and f.values.get("en") == [20000.0]
    )  # fmt: skip
    page.goto(f"{server}/translator?reviewer={EDITOR}&doc={SEED}&flag={n}")
    page.get_by_text(re.compile(rf"^Flag {n} of \d+ shown")).wait_for()
    _settle(page)
    _shot(page, "translator")
    before = len(store.decisions(SEED))
    page.keyboard.press("2")
    _wait_until(lambda: len(store.decisions(SEED)) == before + 1, "the verdict")
    _settle(page)
    verdict = store.decisions(SEED)[-1]
    assert (verdict.action, verdict.new, verdict.target, verdict.reviewer) == (
        "verdict", "translation_error", flag.id, EDITOR,
    )  # fmt: skip
    # A translation error is not an OCR error: the fix "70" -> "20" stays undecided, the text keeps 70.
    explained = flag.values["proposal"][0]
    assert store.review(SEED).proposals[explained].status == "undecided"
