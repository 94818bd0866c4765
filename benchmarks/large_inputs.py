"""The two large inputs of issue 17, run as a user runs them: ``workbench process`` in a fresh process.

* ``file``: a 30 MB pair, seed 000's Russian and English sides each repeated until the two files hold
  ``--mb`` megabytes (identical copies, as the issue built it: the embedding memo embeds each text
  once, so this measures what the rest of the pipeline holds and writes per paragraph);
* ``paragraph``: one paragraph a side of ``--chars`` characters in all (``scaling_shapes``'s shape
  ``paragraph``: every copy's sentences tagged, so that no text repeats).

Reported: wall time, the child's peak resident memory (``wait4``'s rusage, the whole process), the
result's size, and the stage times the result records. The lexicon cache is built by a one-page
warm-up run first, so the figures are of the document, not of a first run on the machine.

    python benchmarks/large_inputs.py [--cases file paragraph] [--mb 30] [--chars 2000000] [--json F]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scaling_shapes import build  # noqa: E402

SEED = ROOT / "seeds" / "000_4ec9cd2bec5d79c1.txt"
WORKBENCH = Path(sys.executable).with_name("workbench")
TARGET_MIB = 1536
TARGET_PARAGRAPH_SECONDS = 60


def repeated_file(seed: Path, megabytes: float) -> tuple[str, str]:
    """(Russian, English): the seed's sides, paragraphs intact, repeated to ``megabytes`` in all."""
    ru, en = build(seed, "paragraphs", 1)
    copies = math.ceil(megabytes * 1e6 / (len(ru.encode()) + len(en.encode())))
    return "\n".join([ru] * copies), "\n".join([en] * copies)


def one_paragraph(seed: Path, chars: int) -> tuple[str, str]:
    """(Russian, English): one paragraph a side, ``chars`` characters in all (rounded up to a copy)."""
    ru, en = build(seed, "paragraph", 1)
    return build(seed, "paragraph", math.ceil(chars / (len(ru) + len(en))))


def run(ru_text: str, en_text: str, folder: Path, cache: Path) -> dict:
    """``workbench process --ru --en`` on the pair in a child process: seconds, peak MiB, result size."""
    ru_path, en_path, out = folder / "doc.ru.txt", folder / "doc.en.txt", folder / "out"
    ru_path.write_text(ru_text, encoding="utf-8")
    en_path.write_text(en_text, encoding="utf-8")
    command = [str(WORKBENCH), "process", "--ru", str(ru_path), "--en", str(en_path), "--name", "doc"]
    command += ["--out", str(out), "--cache-dir", str(cache)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stdout, stderr = child.stdout.read(), child.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"workbench process failed:\n{stderr[-3000:]}")
    result = out / "doc.json"
    return {
        "input_bytes": len(ru_text.encode()) + len(en_text.encode()),
        "chars": len(ru_text) + len(en_text),
        "seconds": round(seconds, 1),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),
        "json_bytes": result.stat().st_size,
        "timings": _timings(result),
        "summary": stdout.strip().splitlines()[-1] if stdout.strip() else "",
    }


def _timings(result: Path) -> dict:
    """The stage seconds the result records, read from its "config" line (one record per line)."""
    with result.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith('"config":'):
                return _find(json.loads("{" + line.rstrip().rstrip(",") + "}"), "timings") or {}
    return {}


def _find(value, key: str):
    if isinstance(value, dict):
        if key in value:
            return value[key]
        return next((f for v in value.values() if (f := _find(v, key)) is not None), None)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=["file", "paragraph"], choices=["file", "paragraph"])
    parser.add_argument("--mb", type=float, default=30.0, help="size of the repeated-seed pair")
    parser.add_argument("--chars", type=int, default=2_000_000, help="characters of the one-paragraph pair")
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    report = {}
    with tempfile.TemporaryDirectory(prefix="large-") as tmp:
        folder, cache = Path(tmp), Path(tmp) / "cache"
        run(*build(args.seed, "paragraphs", 1), folder, cache)  # warm-up: builds the lexicon cache
        for case in args.cases:
            shutil.rmtree(folder / "out", ignore_errors=True)
            for stale in cache.glob("embeddings-*"):  # the document's embeddings are not cached before
                stale.unlink()
            texts = (
                repeated_file(args.seed, args.mb) if case == "file" else one_paragraph(args.seed, args.chars)
            )
            report[case] = run(*texts, folder, cache)
            r = report[case]
            size = f"{r['input_bytes'] / 1e6:6.1f} MB, {r['chars'] / 1e6:5.2f} M chars"
            peak = f"peak {r['peak_mib']:6.0f} MiB (target {TARGET_MIB})"
            print(f"{case:>9}: {size}, {r['seconds']:7.1f} s, {peak}, result {r['json_bytes'] / 1e6:6.1f} MB")
            print(f"           stages {r['timings']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
