"""Benchmark: the round trip of a key press on the Editor page, in a real browser.

Seed 000 (about 360 proposals) is processed, imported into a fresh review store and opened
with `workbench review` in Debian's headless Chromium (Playwright). The editor presses A
(accept) ``--presses`` times; each round trip is the time from the key press until the card
shows the next proposal (the decision is in the store by then). Prints the median, the
90th percentile and the slowest, and checks that every press made exactly one decision.

Target (issue 15): median <= 0.5 s on this machine.

Usage: .venv/bin/python benchmarks/review_speed.py [--presses 20] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.ingest.document import Source  # noqa: E402
from correct.review.store import Store  # noqa: E402

SEED = ROOT / "seeds" / "000_4ec9cd2bec5d79c1.txt"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def review_command(db: Path, port: int) -> list[str]:
    """`workbench review` on loopback without sign-in, as this benchmark and the browser tests run it."""
    return [
        sys.executable,
        "-m",
        "ui.cli",
        "review",
        "--db",
        str(db),
        "--port",
        str(port),
        "--headless",
        "--no-auth",
    ]


def _serve(db: Path, port: int) -> subprocess.Popen:
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    proc = subprocess.Popen(review_command(db, port), cwd=ROOT, start_new_session=True, **quiet)
    for _ in range(180):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the review server did not start")


def measure(db: Path, doc: str, presses: int) -> list[float]:
    """Seconds from each A press until the card moved on."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = _serve(db, port)
    store = Store(db)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/editor?reviewer=bench&doc={doc}")
            page.get_by_text(re.compile(r"^Proposal 1 of \d+")).wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            times = []
            for k in range(presses):
                t0 = time.perf_counter()
                page.keyboard.press("a")
                page.get_by_text(re.compile(rf"^Proposal {k + 2} of \d+")).wait_for(timeout=60_000)
                times.append(time.perf_counter() - t0)
            browser.close()
        assert len(store.decisions(doc)) == presses, "one decision per key press"
        return times
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from correct.pipeline import PipelineConfig, Workbench

    result = Workbench(PipelineConfig(cache_dir="/tmp/workbench-corpus-cache")).process(Source(archive=SEED))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "review.db"
        Store(db, create=True).import_result(result)
        times = sorted(measure(db, result.document.id, args.presses))
    row = {
        "presses": len(times),
        "proposals": len(result.proposals),
        "median_s": round(statistics.median(times), 3),
        "p90_s": round(times[int(0.9 * (len(times) - 1))], 3),
        "max_s": round(times[-1], 3),
    }
    print(
        f"key press round trip over {row['presses']} presses ({row['proposals']} proposals): median "
        f"{row['median_s']} s, p90 {row['p90_s']} s, max {row['max_s']} s (target: median <= 0.5 s)"
    )
    if args.json:
        args.json.write_text(json.dumps(row, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
