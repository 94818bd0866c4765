"""Batch runs on worker processes and on a Dask cluster, and a run killed mid-way that resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.ingest.discover import discover
from benchmarks.synthetic_corpus import CorpusConfig, write_corpus
from correct.batch.run import BatchConfig, run_batch
from tests.conftest import ROOT, SEED_FILES

SMALL = CorpusConfig(min_paragraphs=3, max_paragraphs=6)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Eight small documents cut from the seeds (some written as ru/en pairs)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(SEED_FILES, folder, docs=8, rng=3, config=SMALL)
    return folder


@pytest.fixture(scope="module")
def inline_results(corpus, tmp_path_factory, workbench) -> dict[str, dict]:
    """The corpus processed in this process: what every engine must reproduce."""
    out = tmp_path_factory.mktemp("inline")
    run_batch(discover([corpus])[0], out, batch=BatchConfig(jobs=1), workbench=workbench)
    return results_in(out)


def results_in(out: Path) -> dict[str, dict]:
    """Result JSONs by document id, without what differs from run to run (timings, batch stamp)."""
    results = {}
    for path in out.glob("*.json"):
        if path.name == "run.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("config")
        results[path.stem] = data
    return results


def assert_same_results(found: dict, expected: dict) -> None:
    """Equal records; scores may differ in the 4th decimal (matrix products summed in another order
    when the encoder runs on a different number of threads)."""
    assert found.keys() == expected.keys()

    def same(a, b, where: str) -> None:
        if isinstance(a, float) or isinstance(b, float):
            assert a == pytest.approx(b, abs=2e-3), where
        elif isinstance(a, dict) and isinstance(b, dict):
            assert a.keys() == b.keys(), where
            for key in a:
                same(a[key], b[key], f"{where}.{key}")
        elif isinstance(a, list) and isinstance(b, list):
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                same(x, y, f"{where}[{i}]")
        else:
            assert a == b, where

    for doc in expected:
        same(found[doc], expected[doc], doc)


def test_worker_processes_reproduce_the_inline_results(corpus, inline_results, tmp_path):
    out = tmp_path / "out"
    outcome = run_batch(discover([corpus])[0], out, batch=BatchConfig(jobs=2, engine="local"))
    assert outcome.report["totals"]["done"] == 8 and not outcome.failed
    assert_same_results(results_in(out), inline_results)
    workers = {row.worker for row in outcome.rows}
    assert all(str(os.getpid()) not in worker for worker in workers)  # the work ran in worker processes
    assert all(row.peak_rss_mib and row.peak_rss_mib > 0 for row in outcome.rows)


@pytest.mark.slow
def test_dask_local_cluster_reproduces_the_inline_results(corpus, inline_results, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install '.[dask]'")
    out = tmp_path / "out"
    outcome = run_batch(discover([corpus])[0], out, batch=BatchConfig(jobs=2, engine="dask"))
    assert outcome.report["totals"]["done"] == 8 and not outcome.failed
    assert outcome.report["engine"] == "dask"
    assert_same_results(results_in(out), inline_results)


@pytest.mark.slow
def test_a_killed_run_resumes_without_redoing_finished_documents(corpus, inline_results, tmp_path):
    psutil = pytest.importorskip("psutil", reason="psutil (a dask dependency) finds the worker processes")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "ui.cli", "batch", str(corpus), "--out", str(out), "--jobs", "2"]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not any(p.name != "run.json" for p in out.glob("*.json")):
            assert run.poll() is None, "the batch ended before its first document landed"
            assert time.monotonic() < deadline, "no document finished within 5 minutes"
            time.sleep(0.02)
        workers = psutil.Process(run.pid).children(recursive=True)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, f"worker processes outlived the killed batch: {alive}"
    finished = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json") if p.name != "run.json"}
    assert 0 < len(finished) < 8, "the kill should land mid-run"

    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["status"] == "complete"
    assert report["totals"]["unchanged"] == len(finished) and report["totals"]["done"] == 8 - len(finished)
    for name, mtime in finished.items():
        assert (out / name).stat().st_mtime_ns == mtime, f"{name} was redone"
    assert_same_results(results_in(out), inline_results)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
