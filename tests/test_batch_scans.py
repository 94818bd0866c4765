"""A batch re-runs a scan when one of its pages changes, and sends remote workers absolute page paths."""

from __future__ import annotations

import os
from pathlib import Path

from align.ingest.document import Source
from correct.batch.engines import absolute_paths
from correct.batch.task import DocumentTask, input_sha256
from correct.pipeline import PipelineConfig


def test_the_input_hash_of_a_scan_covers_every_page(tmp_path: Path) -> None:
    pages = [tmp_path / "page-1.png", tmp_path / "page-2.png"]
    for k, page in enumerate(pages):
        page.write_bytes(b"page %d" % k)
    (tmp_path / "en.txt").write_text("English.", encoding="utf-8")
    source = Source(scan=tuple(pages), en=tmp_path / "en.txt")
    before = input_sha256(source, "doc")
    assert input_sha256(source, "doc") == before
    pages[1].write_bytes(b"page 2, rescanned")
    assert input_sha256(source, "doc") != before
    assert input_sha256(Source(scan=(pages[1], pages[0]), en=tmp_path / "en.txt"), "doc") != before


def test_remote_tasks_get_absolute_page_paths(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = Source(scan=(Path("scan/page-1.png"),), en=Path("scan/en.txt"), images=Path("pages"))
    task = DocumentTask(
        id="scan", source=source, output=Path("out/scan.json"), input_sha256="", settings_sha256=""
    )
    (remote,), _config = absolute_paths([task], PipelineConfig())
    assert remote.source.scan == (Path(os.path.abspath("scan/page-1.png")),)
    assert remote.source.scan[0].is_absolute() and remote.source.en.is_absolute()
    assert remote.source.images == Path(os.path.abspath("pages"))
