"""End to end in a real headless Chromium: `workbench review` on a fresh database, driven by Playwright.

An editor accepts one OCR proposal of seed 000 and rejects another, a translator gives a
verdict on a flag, and the test checks the database and the exported corrected text. It
saves a screenshot of each view to docs/screenshots/ for the README. Uses Debian's
chromium (never `playwright install`); skipped when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.serialize import write_result
from correct.exports.reviewed import corrected_text
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    command = [sys.executable, "-m", "ui.cli", "review", "--db", str(db), "--port", str(port), "--headless"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
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


def test_review_in_the_browser(page, db):
    store = Store(db)
    _sign_in(page)
    review = _accept_one_and_reject_one(page, store)
    _download_the_corrected_text(page, store, review)
    _open(page, "Alignment")
    page.locator('[data-testid="stDataFrame"]').wait_for()
    _shot(page, "alignment")
    _give_a_verdict(page, store)


def _sign_in(page) -> None:
    """The reviewer name is asked once per session."""
    page.get_by_label("Your name (recorded with every decision)").fill(EDITOR)
    page.get_by_role("button", name="Start reviewing").click()
    page.get_by_role("heading", name="Documents").wait_for()
    page.locator('[data-testid="stDataFrame"]').wait_for()
    _settle(page)
    _shot(page, "documents")


def _accept_one_and_reject_one(page, store: Store):
    """Editor: accept the first proposal of the first paragraph, reject one in the next open paragraph."""
    from playwright.sync_api import expect

    _open(page, "Editor")
    accept_button = page.get_by_role("button", name="Accept", exact=True).first
    accept_button.click()
    _wait_until(lambda: len(store.decisions(SEED)) == 1, "the accept decision")
    expect(accept_button).to_be_disabled()  # the page has re-run with the decision
    page.get_by_role("button", name="Next undecided").click()
    page.get_by_text(re.compile(r"Paragraph 2 of \d+")).wait_for()
    _settle(page)
    page.get_by_role("button", name="Reject", exact=True).first.click()
    _wait_until(lambda: len(store.decisions(SEED)) == 2, "the reject decision")
    _settle(page)
    _shot(page, "editor")

    review = store.review(SEED)
    accept, reject = review.decisions
    assert (accept.action, reject.action) == ("accept", "reject")
    assert accept.reviewer == reject.reviewer == EDITOR
    assert accept.target != reject.target
    assert review.proposals[accept.target].status == "accepted"
    assert review.proposals[reject.target].status == "rejected"
    return review


def _download_the_corrected_text(page, store: Store, review) -> None:
    """Exports: the downloaded corrected text is the library's, with the accepted fix applied."""
    accept, reject = review.decisions
    _open(page, "Exports")
    with page.expect_download() as download:
        page.get_by_role("button", name="Corrected Russian text").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text == corrected_text(store.review(SEED))
    accepted = next(p for p in review.result.proposals if p.id == accept.target)
    rejected = next(p for p in review.result.proposals if p.id == reject.target)
    paragraphs = text.split("\n\n")
    accepted_paragraph = [s.id for s in review.result.ru].index(accepted.segment)
    assert accepted.suggestion in paragraphs[accepted_paragraph]
    rejected_segment = review.result.segment(rejected.segment)
    rejected_paragraph = [s.id for s in review.result.ru].index(rejected.segment)
    assert rejected_segment.text[rejected.start : rejected.end] in paragraphs[rejected_paragraph]
    _shot(page, "exports")


def _give_a_verdict(page, store: Store) -> None:
    """Translator: a verdict with a comment on the tiny document's number flag (70 against 20)."""
    page.locator('[data-testid="stSelectbox"]', has_text="Document").click()
    page.get_by_role("option", name=TINY).click()
    _settle(page)
    _open(page, "Translator")
    page.get_by_text("Translation error", exact=True).click()
    page.get_by_label("Comment").fill("the English says 20 thousand")
    page.get_by_role("button", name="Save verdict").click()
    _wait_until(lambda: len(store.decisions(TINY)) == 1, "the verdict")
    _settle(page)
    _shot(page, "translator")
    [verdict] = store.decisions(TINY)
    assert (verdict.action, verdict.new, verdict.comment) == (
        "verdict",
        "translation_error",
        "the English says 20 thousand",
    )
    assert verdict.target == tiny_result().flags[0].id and verdict.reviewer == EDITOR
