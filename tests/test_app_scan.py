"""The Editor page on a scanned document through AppTest: the line crop above the diff, the page view.

A text-only document looks as before (no image, no note); a scan whose page image is gone gets a
one-line note instead of the crop, never an error. Clicking a box of the page view is tested in the
browser (tests/test_e2e_scan.py): AppTest cannot click inside a chart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from correct.review.store import Store
from tests.scan_samples import scan_result, write_page
from tests.test_store_data import tiny_result

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


def _editor(tmp_path, monkeypatch, result) -> AppTest:
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(result)
    monkeypatch.setattr(sys, "argv", [APP, "--db", str(store.path), "--no-auth"])
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["reviewer"] = "ann"
    at.run()
    at.switch_page("app_pages/editor.py").run()
    assert not at.exception, at.exception
    return at


def _notes(at: AppTest) -> list[str]:
    """The page's notes as the reader sees them (``plain`` escapes every punctuation mark)."""
    return [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption if "not shown" in c.value]


def test_the_editor_shows_the_scans_line_above_the_diff(tmp_path, monkeypatch):
    at = _editor(tmp_path, monkeypatch, scan_result(write_page(tmp_path / "page-1.png")))
    assert len(at.image) == 1 and at.image[0].captions == ["Scan, page 1"]
    assert (tmp_path / ".cache" / "scan-crops").is_dir()  # the crop is cached beside the store
    assert not _notes(at)
    at.toggle(key="page_view").set_value(True).run()
    assert len(at.get("vega_lite_chart")) == 1 and not at.exception


def test_a_text_only_document_looks_as_before(tmp_path, monkeypatch):
    at = _editor(tmp_path, monkeypatch, tiny_result())
    assert len(at.image) == 0 and not _notes(at)
    assert not [t for t in at.toggle if t.key == "page_view"]  # no page view without pages


def test_a_missing_page_image_gives_a_short_note(tmp_path, monkeypatch):
    at = _editor(tmp_path, monkeypatch, scan_result(tmp_path / "gone" / "page-1.png"))
    assert len(at.image) == 0 and not at.error
    assert _notes(at) == [f"Scan not shown: {tmp_path / 'gone' / 'page-1.png'}: the page image is not there "
                          "(moved or deleted since processing?)"]  # fmt: skip
    at.toggle(key="page_view").set_value(True).run()
    assert len(at.get("vega_lite_chart")) == 0 and not at.exception


def _exports(tmp_path, monkeypatch, result) -> AppTest:
    at = _editor(tmp_path, monkeypatch, result)
    at.switch_page("app_pages/exports.py").run()
    assert not at.exception, at.exception
    return at


def _download_labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_the_exports_page_offers_the_corrected_ocr_of_a_scan(tmp_path, monkeypatch):
    at = _exports(tmp_path, monkeypatch, scan_result(write_page(tmp_path / "page-1.png")))
    labels = _download_labels(at)
    for label in ("ALTO v4", "PAGE 2019", "hOCR", "Searchable PDF"):
        assert any(label in x for x in labels), labels
    text_only = _exports(tmp_path / "text", monkeypatch, tiny_result())
    assert not any("OCR" in x or "PDF" in x for x in _download_labels(text_only))
