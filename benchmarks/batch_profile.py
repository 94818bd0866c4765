"""Where a batch worker's time goes, and docs/min, on real documents: ``--jobs 1`` against ``--jobs 2``.

Runs ``workbench batch`` over each input folder (default: the corpus's ``docs/``, ``planted/`` and
``scanned/`` folders, 30 documents each) once per job count, into fresh folders, and reads
back what every result records: the seconds of each pipeline stage (``config.timings``) and the
wall time, documents per minute and per-worker peak memory of ``run.json``. The stage shares say which
part of the pipeline a second core has to take over: the encoder runs its own BLAS threads, the
other stages are pure Python and use one core.

Two rates are printed. ``docs/min`` is over the wall time of the runs, worker start-up (loading the
encoder and the lexicon index, a few seconds per run) included: over three folders of 30 short documents
that start-up is a large share. ``processing docs/min`` is over the time the workers spent on documents
after their first (which loads the encoder and the lexicon): per run the busiest worker's summed document
seconds (``run.json``'s ``seconds`` per row), the rate a batch over an archive of thousands of documents
approaches once the start-up is paid.

    python benchmarks/batch_profile.py [INPUT ...] [--jobs 1 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_INPUTS = [CORPUS / "docs", CORPUS / "planted", CORPUS / "scanned"]


def run(inputs: list[Path], jobs: int, out: Path) -> dict:
    """One batch run per input (the corpus folders reuse document names, so each gets its own output
    folder); the totals over them, the per-stage seconds summed over documents, the worker peaks."""
    rows, wall, busy_wall, warm = [], 0.0, 0.0, 0
    for k, folder in enumerate(inputs):
        target = out / f"{k}-{folder.name}"
        command = [sys.executable, "-m", "ui.cli", "batch", str(folder), "--out", str(target)]
        command += ["--jobs", str(jobs), "--cache-dir", str(out / "cache")]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 2):
            raise SystemExit(f"batch failed ({done.returncode}):\n{done.stderr[-2000:]}")
        report = json.loads((target / "run.json").read_text(encoding="utf-8"))
        rows += report["documents"]
        wall += report["totals"]["wall_seconds"]
        seconds, after_first = busiest_worker_seconds(report["documents"])
        busy_wall, warm = busy_wall + seconds, warm + after_first
    stages: Counter[str] = Counter()
    for row in rows:
        if row.get("status") == "done":
            result = json.loads(Path(row["output"]).read_text(encoding="utf-8"))
            stages.update(result["config"].get("timings", {}))
    busy = sum(stages.values())
    documents = sum(r.get("status") == "done" for r in rows)
    return {
        "jobs": jobs,
        "documents": documents,
        "failed": sum(r.get("status") == "failed" for r in rows),
        "wall_seconds": round(wall, 2),
        "documents_per_minute": round(documents / (wall / 60), 1) if wall else None,
        "processing_seconds": round(busy_wall, 2),
        "processing_documents_per_minute": round(warm / (busy_wall / 60), 1) if busy_wall else None,
        "stage_seconds": {k: round(v, 2) for k, v in stages.most_common()},
        "stage_share": {k: round(v / busy, 3) for k, v in stages.most_common()} if busy else {},
        "peak_rss_mib": max((r.get("peak_rss_mib") or 0 for r in rows), default=0),
    }


def busiest_worker_seconds(rows: list[dict]) -> tuple[float, int]:
    """(the summed seconds of the worker that spent the most on documents after its first one, the
    documents all workers did after their first): the run's length without its start-up, the workers
    running side by side. Rows come in plan order, the order the workers take them."""
    per_worker: Counter[str] = Counter()
    seen: set[str] = set()
    after_first = 0
    for row in rows:
        if row.get("status") != "done":
            continue
        worker = row.get("worker", "")
        if worker in seen:
            per_worker[worker] += row.get("seconds", 0.0)
            after_first += 1
        seen.add(worker)
    return max(per_worker.values(), default=0.0), after_first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="batch-profile-") as tmp:
        for jobs in args.jobs:
            runs.append(run(args.inputs, jobs, Path(tmp) / f"jobs{jobs}"))
            print(json.dumps(runs[-1]), flush=True)
    base = runs[0]["documents_per_minute"]
    base_processing = runs[0]["processing_documents_per_minute"]
    for r in runs:
        speedup = r["documents_per_minute"] / base if base else float("nan")
        processing = r["processing_documents_per_minute"]
        shares = ", ".join(f"{k} {v:.0%}" for k, v in r["stage_share"].items() if v >= 0.01)
        print(
            f"--jobs {r['jobs']}: {r['documents']} documents in {r['wall_seconds']:.1f} s = "
            f"{r['documents_per_minute']:.1f} docs/min ({speedup:.2f}x); "
            f"processing {processing:.1f} docs/min ({processing / base_processing:.2f}x); "
            f"peak {r['peak_rss_mib']:.0f} MiB; "
            f"stage time: {shares}"
        )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
