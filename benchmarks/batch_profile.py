"""Where a batch worker's time goes, and docs/min, on real documents: ``--jobs 1`` against ``--jobs 2``.

Runs ``workbench batch`` over each input folder (default: the corpus's ``docs/``, ``planted/`` and
``scanned/`` folders, 30 documents each) once per job count, into fresh folders, and reads
back what every result records: the seconds of each pipeline stage (``config.timings``) and the
wall time, documents per minute and per-worker peak memory of ``run.json``. The stage shares say which
part of the pipeline a second core has to take over: the encoder runs its own BLAS threads, the
other stages are pure Python and use one core.

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
    rows, wall = [], 0.0
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
        "stage_seconds": {k: round(v, 2) for k, v in stages.most_common()},
        "stage_share": {k: round(v / busy, 3) for k, v in stages.most_common()} if busy else {},
        "peak_rss_mib": max((r.get("peak_rss_mib") or 0 for r in rows), default=0),
    }


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
    for r in runs:
        speedup = r["documents_per_minute"] / base if base else float("nan")
        shares = ", ".join(f"{k} {v:.0%}" for k, v in r["stage_share"].items() if v >= 0.01)
        print(
            f"--jobs {r['jobs']}: {r['documents']} documents in {r['wall_seconds']:.1f} s = "
            f"{r['documents_per_minute']:.1f} docs/min ({speedup:.2f}x); peak {r['peak_rss_mib']:.0f} MiB; "
            f"stage time: {shares}"
        )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
