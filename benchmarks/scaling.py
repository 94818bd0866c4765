"""Time and peak memory per stage as a document grows: 1x, 4x, 16x, 64x a seed, in three shapes.

Each (shape, scale) runs in a fresh process (``--case``), so that peak memory is the document's and
not an earlier one's. The encoder and the lexicons are loaded before the clock starts; a stage's
peak memory is the process's resident high-water mark during the stage (reset through
``/proc/self/clear_refs`` as each stage starts). For each stage and shape the exponent b of
time ~ size^b is fitted by least squares on log-log over the scales of 4x and more (at 1x fixed costs
dominate), with the last step's slope beside it; the target is b <= 1.1 everywhere. Shapes: see
:mod:`benchmarks.scaling_shapes`.

    python benchmarks/scaling.py [--scales 1 4 16 64] [--shapes paragraphs paragraph lines] [--json F]
    python benchmarks/scaling.py --case paragraph 64      # one case, JSON on stdout
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scaling_shapes import SHAPES, write_pair  # noqa: E402

SEED = ROOT / "seeds" / "000_4ec9cd2bec5d79c1.txt"
MIN_FIT_SECONDS = 0.2  # a stage this fast at the largest scale has no exponent worth reporting
TARGET = 1.1


def _memory_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


class StagePeaks:
    """Peak resident memory (MiB) of each stage, from the kernel's high-water mark."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = {}
        self._stage: str | None = None

    @staticmethod
    def reset() -> None:
        # the high-water mark := the current RSS; not Linux, or not allowed: peaks count from the start
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")

    def start(self, stage: str | None) -> None:
        if self._stage is not None:
            self.peaks[self._stage] = round(_memory_kib("VmHWM:") / 1024, 1)
        self._stage = stage
        self.reset()


def run_case(shape: str, scale: int, seed: Path, threads: int | None) -> dict:
    """Process one synthetic document in this process; its sizes, stage times and peaks."""
    from align.serialize import write_result
    from correct.pipeline import PipelineConfig, Workbench

    workbench = Workbench(PipelineConfig(threads=threads))
    with tempfile.TemporaryDirectory(prefix="scaling-") as tmp:
        workbench.process(write_pair(seed, "paragraphs", 1, Path(tmp)))  # loading is not the document's cost
        source = write_pair(seed, shape, scale, Path(tmp))
        chars = {"ru": len(source.ru.read_text(encoding="utf-8")), "en": len(source.en.read_text("utf-8"))}
        baseline = round(_memory_kib("VmRSS:") / 1024, 1)
        peaks = StagePeaks()
        peaks.reset()
        started = time.perf_counter()
        result = workbench.process(source, progress=peaks.start)
        peaks.start("write")
        t0 = time.perf_counter()
        out = write_result(result, Path(tmp) / "result.json")
        write_seconds = time.perf_counter() - t0
        peaks.start(None)
        total = time.perf_counter() - started
        json_bytes = out.stat().st_size
    seconds = {**result.config["timings"], "write": round(write_seconds, 4)}
    return {
        "shape": shape,
        "scale": scale,
        "chars": chars,
        "paragraphs": {"ru": len(result.ru), "en": len(result.en)},
        "sentences": {
            "ru": sum(len(s.sentences) for s in result.ru),
            "en": sum(len(s.sentences) for s in result.en),
        },
        "flags": len(result.flags),
        "proposals": len(result.proposals),
        "json_bytes": json_bytes,
        "seconds": round(total, 3),
        "baseline_mib": baseline,
        "peak_mib": max(peaks.peaks.values()),
        "stages": {name: {"seconds": seconds[name], "peak_mib": peaks.peaks.get(name)} for name in seconds},
    }


def exponent(sizes: list[float], values: list[float]) -> float | None:
    """Least-squares slope of log(value) on log(size); None with fewer than two usable points."""
    points = [(s, v) for s, v in zip(sizes, values, strict=True) if v > 0]
    if len({s for s, _ in points}) < 2:
        return None
    x, y = np.log(np.array(points, dtype=float)).T
    return float(np.polyfit(x, y, 1)[0])


def fit(cases: list[dict]) -> dict:
    """Per shape and stage: exponent over the scales >= 4 (all, if fewer), the last step's slope."""
    out: dict = {}
    for shape in sorted({c["shape"] for c in cases}):
        rows = sorted((c for c in cases if c["shape"] == shape), key=lambda c: c["scale"])
        fitted = [c for c in rows if c["scale"] >= 4] if sum(c["scale"] >= 4 for c in rows) >= 2 else rows
        sizes = [c["chars"]["ru"] + c["chars"]["en"] for c in fitted]
        fits = {}
        for stage in [*rows[-1]["stages"], "total", "json_bytes", "memory"]:
            values = [_value(c, stage) for c in fitted]
            if stage in rows[-1]["stages"] and rows[-1]["stages"][stage]["seconds"] < MIN_FIT_SECONDS:
                fits[stage] = {"exponent": None, "last_step": None, "seconds_at_largest": values[-1]}
                continue
            last = exponent(sizes[-2:], values[-2:]) if len(values) >= 2 else None
            fits[stage] = {"exponent": _round(exponent(sizes, values)), "last_step": _round(last)}
        out[shape] = fits
    return out


def _value(case: dict, stage: str) -> float:
    if stage == "total":
        return case["seconds"]
    if stage == "json_bytes":
        return case["json_bytes"]
    if stage == "memory":  # what the document added to the loaded process
        return max(case["peak_mib"] - case["baseline_mib"], 1.0)
    return case["stages"][stage]["seconds"]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def run_all(shapes: list[str], scales: list[int], seed: Path, threads: int | None, timeout: int) -> list:
    cases = []
    for shape in shapes:
        for scale in scales:
            command = [sys.executable, __file__, "--case", shape, str(scale), "--seed", str(seed)]
            if threads:
                command += ["--threads", str(threads)]
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
            if done.returncode != 0:
                print(f"{shape} {scale}x failed:\n{done.stderr[-2000:]}", file=sys.stderr, flush=True)
                continue
            case = json.loads(done.stdout.strip().splitlines()[-1])
            cases.append(case)
            print(_case_line(case), flush=True)
    return cases


def _case_line(c: dict) -> str:
    stages = " ".join(f"{k} {v['seconds']:.2f}s/{v['peak_mib']:.0f}M" for k, v in c["stages"].items())
    size = c["chars"]["ru"] + c["chars"]["en"]
    return (
        f"{c['shape']:>10} {c['scale']:>3}x {size / 1e6:6.2f}M chars {c['seconds']:7.1f}s "
        f"peak {c['peak_mib']:6.0f} MiB json {c['json_bytes'] / 1e6:6.1f} MB | {stages}"
    )


def print_fits(fits: dict) -> bool:
    """The exponent table; True when every fitted exponent meets the target."""
    ok = True
    print(f"\nexponent b of time ~ size^b (fit over scales >= 4; last step in brackets); target <= {TARGET}")
    for shape, stages in fits.items():
        cells = []
        for stage, f in stages.items():
            if f["exponent"] is None:
                cells.append(f"{stage} -")
                continue
            ok &= stage == "json_bytes" or f["exponent"] <= TARGET
            cells.append(f"{stage} {f['exponent']:.2f} [{f['last_step']:.2f}]")
        print(f"{shape:>10}: " + ", ".join(cells))
    print("every exponent within the target" if ok else "SOME EXPONENT ABOVE THE TARGET")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", nargs=2, metavar=("SHAPE", "SCALE"), help="run one case, print JSON")
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 4, 16, 64])
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed document to grow")
    parser.add_argument("--threads", type=int, help="encoder threads (default: the cores)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per case")
    parser.add_argument("--json", type=Path, help="also write the cases and fits here")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case[0], int(args.case[1]), args.seed, args.threads)))
        return
    cases = run_all(args.shapes, args.scales, args.seed, args.threads, args.timeout)
    fits = fit(cases)
    print_fits(fits)
    if args.json:
        args.json.write_text(json.dumps({"cases": cases, "fits": fits}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
