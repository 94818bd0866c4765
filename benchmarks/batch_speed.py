"""Batch throughput: documents per minute and paragraphs per second with 1 and 2 jobs, the time of an
unchanged re-run, and peak memory per worker, on a synthetic corpus cut from the seeds.

    python benchmarks/batch_speed.py [--docs 200] [--jobs 1 2] [--seed 7] [--json FILE]

Targets (issue 7): --jobs 2 gives >= 1.7x the throughput of --jobs 1 on 2 cores; an unchanged re-run
takes < 5 % of the first run's time; each worker stays below 1.5 GiB. Each run starts from an empty
output folder (its embedding cache included), so no run profits from another's work.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from align.ingest.discover import discover  # noqa: E402
from benchmarks.synthetic_corpus import write_corpus  # noqa: E402
from correct.batch.run import BatchConfig, run_batch  # noqa: E402
from correct.pipeline import PipelineConfig, available_cores  # noqa: E402

TARGET_SPEEDUP = 1.7
TARGET_RERUN_SHARE = 0.05
TARGET_WORKER_MIB = 1.5 * 1024


def timed_run(sources, out: Path, jobs: int, encoder: str) -> dict:
    """One batch run into ``out``; its wall time, throughput and peak memory per worker."""
    config = PipelineConfig(encoder=encoder, cache_dir=str(out / ".cache"))
    started = time.perf_counter()
    outcome = run_batch(sources, out, config, BatchConfig(jobs=jobs))
    wall = time.perf_counter() - started
    totals = outcome.report["totals"]
    per_worker: dict[str, float] = {}
    for row in outcome.rows:
        if row.status == "done" and row.peak_rss_mib:
            per_worker[row.worker] = max(per_worker.get(row.worker, 0.0), row.peak_rss_mib)
    paragraphs = sum(row.paragraphs for row in outcome.rows if row.status == "done")
    return {
        "jobs": jobs,
        "load_average_1min_after": round(os.getloadavg()[0], 2),  # other work on the machine skews ratios
        "wall_seconds": round(wall, 2),
        "processed": totals["done"],
        "unchanged": totals["unchanged"],
        "failed": totals["failed"],
        "documents_per_minute": round(totals["done"] / wall * 60, 2),
        "paragraphs_per_second": round(paragraphs / wall, 2),
        "peak_rss_mib_per_worker": sorted(per_worker.values(), reverse=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="synthetic documents (default 200)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to compare")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    summary = measure(args.docs, args.jobs, seed=args.seed, encoder=args.encoder)
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")


def measure(docs: int, jobs_counts: list[int], *, seed: int, encoder: str) -> dict:
    """Runs with each job count on a fresh corpus of ``docs`` documents, then an unchanged re-run of
    the last: the measurements, and the speedup, re-run share and peak memory they give."""
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(sorted((ROOT / "seeds").glob("*.txt")), corpus, docs, seed)
        sources, problems = discover([corpus])
        assert not problems, problems
        print(f"{len(sources)} documents; {available_cores()} cores available", flush=True)
        runs = []
        for jobs in jobs_counts:
            runs.append(timed_run(sources, Path(tmp) / f"jobs{jobs}", jobs, encoder))
            print(json.dumps(runs[-1]), flush=True)
        last = runs[-1]
        rerun = timed_run(sources, Path(tmp) / f"jobs{last['jobs']}", last["jobs"], encoder)
        print(json.dumps(rerun), flush=True)

    speedup, share, peak = _against_targets(runs, rerun)
    return {
        "documents": len(sources),
        "runs": runs,
        "unchanged_rerun": rerun,
        "speedup": round(speedup, 2),
        "rerun_share": round(share, 4),
        "peak_rss_mib_per_worker": peak,
    }


def _against_targets(runs: list[dict], rerun: dict) -> tuple[float, float, float]:
    """(throughput of the last run over the first, re-run time over the last run's, peak MiB of a worker):
    the three numbers the targets are about."""
    base, best = runs[0], runs[-1]
    speedup = (
        best["documents_per_minute"] / base["documents_per_minute"] if base["documents_per_minute"] else 0
    )
    share = rerun["wall_seconds"] / best["wall_seconds"]
    peak = max(mib for run in runs for mib in run["peak_rss_mib_per_worker"])
    return speedup, share, peak


def print_summary(summary: dict) -> None:
    """The runs as a table, then each target with its verdict."""
    runs, rerun = summary["runs"], summary["unchanged_rerun"]
    base, best = runs[0], runs[-1]
    speedup, share, peak = _against_targets(runs, rerun)
    print()
    print(f"{'jobs':>4} {'wall s':>8} {'docs/min':>9} {'para/s':>8} {'peak MiB/worker':>16}")
    for run in runs:
        peaks = "/".join(f"{mib:.0f}" for mib in run["peak_rss_mib_per_worker"])
        print(
            f"{run['jobs']:>4} {run['wall_seconds']:>8.1f} {run['documents_per_minute']:>9.1f} "
            f"{run['paragraphs_per_second']:>8.1f} {peaks:>16}"
        )
    verdict = {True: "ok", False: "MISSED"}
    print(
        f"speedup jobs {best['jobs']} / jobs {base['jobs']}: {speedup:.2f}x "
        f"(target >= {TARGET_SPEEDUP}x: {verdict[speedup >= TARGET_SPEEDUP]})"
    )
    print(
        f"unchanged re-run: {rerun['wall_seconds']:.2f} s = {share:.1%} of the first run "
        f"(target < {TARGET_RERUN_SHARE:.0%}: {verdict[share < TARGET_RERUN_SHARE]})"
    )
    print(
        f"peak memory per worker: {peak:.0f} MiB (target < {TARGET_WORKER_MIB:.0f}: "
        f"{verdict[peak < TARGET_WORKER_MIB]})"
    )


if __name__ == "__main__":
    main()
