"""Benchmark of the discrepancy audit against the development gold (../shared/gold).

Reports, per seed and for each source of links:
- recall by gold discrepancy type (a gold discrepancy is found when a flag of an answering
  kind overlaps its Russian or English snippet);
- flags by kind, "false" flags by kind (matching no gold discrepancy and no gold OCR fix:
  a flag on an OCR-misread number or name is a true disagreement of the two texts) and false
  flags per 100 aligned pairs;
- number flags on the gold ``equivalent_numbers`` pairs (target: 0);
- audit time (measured on a shared, loaded machine: noisy).

Links: ``--links gold`` (rebuilt from the gold snippets: the audit alone), ``aligner`` (the real
aligner with the bundled encoder: what a user gets) or ``both`` (default).

Usage: .venv/bin/python benchmarks/audit_quality.py [--links gold|aligner|both] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.audit import AuditConfig, audit_document  # noqa: E402
from align.ingest.document import Source, ingest  # noqa: E402
from align.ingest.segment import segment_sentences  # noqa: E402
from align.model import FlagKind  # noqa: E402
from benchmarks.audit_evaluation import Score, gold_links, score_flags  # noqa: E402

SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"
TARGET_TYPES = ("number", "omission")  # gold discrepancy types the recall target is about


def aligner_links(ru, en, encoder_name: str):
    from align.alignment.config import AlignConfig
    from align.alignment.document import align_document
    from correct.pipeline import PipelineConfig, Workbench

    workbench = _workbench_cache.setdefault(encoder_name, Workbench(PipelineConfig(encoder=encoder_name)))
    return align_document(ru, en, workbench.encoder, AlignConfig())


_workbench_cache: dict = {}


def run(seed: Path, links_from: str, encoder: str, verbose: bool) -> tuple[Score, float, list]:
    gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
    doc, ru, en, _removed = ingest(Source(archive=seed))
    ru, en = segment_sentences(ru), segment_sentences(en)
    links = gold_links(gold, ru, en) if links_from == "gold" else aligner_links(ru, en, encoder)
    t0 = time.perf_counter()
    flags = audit_document(doc.id, ru, en, links, AuditConfig())
    elapsed = time.perf_counter() - t0
    score = score_flags(gold, ru, en, links, flags)
    if verbose:
        seg = {s.id: s for s in (*ru, *en)}
        for f in flags:
            where = f.ru_spans[:1] or f.en_spans[:1]
            text = seg[where[0].segment].text[where[0].start : where[0].end][:60] if where else ""
            print(f"    {f.severity:7} {f.kind:10} {text!r}: {f.message[:110]}")
    return score, elapsed, flags


def per_100(n: int, pairs: int) -> str:
    return f"{100 * n / pairs:.1f}" if pairs else "n/a"


def report(label: str, score: Score, elapsed: float) -> None:
    recall = ", ".join(f"{k} {score.found.get(k, 0)}/{n}" for k, n in sorted(score.total.items()))
    flags = ", ".join(f"{k} {n} ({score.false.get(k, 0)} false)" for k, n in sorted(score.flags.items()))
    false100 = ", ".join(f"{k} {per_100(n, score.aligned_pairs)}" for k, n in sorted(score.false.items()))
    print(f"{label}: {score.aligned_pairs} aligned pairs, audit {elapsed:.2f} s")
    print(f"  recall by type: {recall}")
    print(f"  flags by kind: {flags}")
    print(f"  false flags per 100 aligned pairs: {false100}")
    print(f"  number flags on equivalent-number pairs: {score.equivalent_flagged}")
    for missed in score.missed:
        print(f"  missed {missed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", choices=("gold", "aligner", "both"), default="both")
    parser.add_argument("--encoder", default="use", help="encoder for --links aligner (default: use)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every flag")
    args = parser.parse_args()
    if not GOLD.exists():
        sys.exit(f"gold data not found at {GOLD}")
    sources = ("gold", "aligner") if args.links == "both" else (args.links,)
    for links_from in sources:
        found, total, false, pairs, equivalent = Counter(), Counter(), Counter(), 0, 0
        for seed in sorted(SEEDS.glob("*.txt")):
            if not (GOLD / f"{seed.stem}.json").exists():
                continue
            score, elapsed, _flags = run(seed, links_from, args.encoder, args.verbose)
            report(f"[{links_from} links] {seed.stem}", score, elapsed)
            found.update(score.found)
            total.update(score.total)
            false.update(score.false)
            pairs += score.aligned_pairs
            equivalent += score.equivalent_flagged
        target_found = sum(found[k] for k in TARGET_TYPES)
        target_total = sum(total[k] for k in TARGET_TYPES)
        print(
            f"[{links_from} links] ALL: recall on number+omission {target_found}/{target_total}"
            f" = {target_found / max(1, target_total):.2f}; false number flags per 100 aligned pairs"
            f" {per_100(false[FlagKind.NUMBER], pairs)};"
            f" all false flags per 100 {per_100(sum(false.values()), pairs)};"
            f" equivalent pairs flagged {equivalent}\n"
        )


if __name__ == "__main__":
    main()
