"""Text is text, in the real browser: payloads in every user-controlled string inject nothing.

OCR text, the English, the document id and title, a proposal's reasons, a flag's message, a
notice and a reviewer's comment each carry Markdown and HTML payloads (images that would
fetch from a host, ``javascript:`` links, bold, line breaks that end an HTML block). Every page
is opened in Debian's Chromium; no request may leave for another host, and no image, link or
bold text from a payload may appear in the page.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import replace

import pytest

from align.model import Notice, NoticeKind
from correct.review.decisions import verdict_decision
from correct.review.store import Store
from tests.test_e2e_browser import _settle, page, server  # noqa: F401  (fixtures)
from tests.test_store_data import tiny_result

pytestmark = pytest.mark.slow

LEAK = "http://127.0.0.1:9"  # nothing listens there; any request to it is an injection
PAYLOAD = (
    f"\r\r![leak]({LEAK}/md.png) [click](javascript:alert(1)) **BOLDED** "
    f"<img src={LEAK}/html.png onerror=alert(1)>\u2028\u2029![leak2]({LEAK}/md2.png)"
)
EVIL_ID = f"[x](javascript:alert(1)) **BOLDED** ![p]({LEAK}/id.png)"


def _evil_result():
    r = tiny_result()
    ru = tuple(replace(s, text=s.text + PAYLOAD) for s in r.ru)
    en = tuple(replace(s, text=s.text + PAYLOAD) for s in r.en)
    flags = tuple(replace(f, message=f.message + PAYLOAD) for f in r.flags)
    proposals = tuple(replace(p, reasons=(PAYLOAD,)) for p in r.proposals)
    document = replace(r.document, id=EVIL_ID, metadata={"title": "Title" + PAYLOAD})
    notice = Notice(NoticeKind.PARTIAL_TRANSLATION, "Notice" + PAYLOAD)
    return replace(r, document=document, ru=ru, en=en, flags=flags, proposals=proposals, notices=(notice,))


@pytest.fixture
def db(tmp_path):
    store = Store(tmp_path / "review.db", create=True)
    result = _evil_result()
    store.import_result(result)
    store.decide([verdict_decision(EVIL_ID, result.flags[0], "translation_error", "ann", comment=PAYLOAD)])
    return store.path


def test_no_page_injects_anything_or_fetches_from_another_host(page, server):  # noqa: F811
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    doc = urllib.parse.quote(EVIL_ID, safe="")
    for view in ("", "editor", "translator", "alignment", "exports"):
        page.goto(f"{server}/{view}?reviewer=tester&doc={doc}")
        page.locator('[data-testid="stMain"]').wait_for()
        _settle(page)
        # the payload is there, as text: wait for it, so the checks below run on the rendered page
        page.wait_for_function("document.documentElement.outerHTML.includes('BOLDED')", timeout=30_000)
        page.wait_for_timeout(500)
        assert page.locator(f'img[src^="{LEAK}"]').count() == 0, view
        assert page.locator('a[href^="javascript"]').count() == 0, view
        assert page.locator("strong", has_text="BOLDED").count() == 0, view
    assert [u for u in requests if u.startswith(LEAK)] == []
