"""Benchmark of OCR correction proposals against the development gold (../shared/gold).

Reports, per seed and at the default threshold:
- recall of the gold ``ocr_fixes``: top-1 (the proposals over the fix's span produce
  exactly the fix) and within alternatives (the fix is the suggestion or an alternative);
- precision of proposals at the threshold. A proposal is judged when it overlaps a gold
  fix: correct when applying it alone gives a text closer to the fix and its suggestion
  is a word of the fix. Seed 002's gold states it lists every OCR error, so there an
  unjudged proposal counts as wrong; seed 000's list is long but not exhaustive, so two
  numbers are given: ``precision`` (judged proposals only) and ``strict precision``
  (every unjudged proposal counted wrong), and the unjudged proposals are printed for
  inspection;
- character error rate before and after applying proposals at the threshold, on the
  gold ``corrected_paragraphs`` and, for seeds without them, on the paragraphs holding
  gold fixes with every gold fix applied (a gold-derived reference);
- lexicon load time and proposal time per seed.

Links: ``--links aligner`` (the real aligner, default), ``gold`` (links rebuilt from the
gold snippets: an upper bound for English evidence) or ``none``.

Usage: .venv/bin/python benchmarks/ocr_quality.py [--links gold] [--threshold X] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.ingest.document import Source, ingest  # noqa: E402
from align.ingest.segment import segment_sentences  # noqa: E402
from align.model import Link, Proposal, Segment  # noqa: E402
from benchmarks.ocr_gold import (  # noqa: E402
    LocatedFix,
    judge_overlapping,
    locate,
    squeeze,
)
from correct.exports.apply import apply_to_text  # noqa: E402
from correct.pipeline import Workbench  # noqa: E402
from correct.proposals import DEFAULT_THRESHOLD  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold"
EXHAUSTIVE = {"002_98cc284bed931188"}  # gold notes say only the listed fixes are OCR problems
SNIPPET_CHARS = 60  # a gold snippet's head (English) or tail (Russian) that finds its paragraph


Pair = tuple[str, str, str]  # (OCR text, reference text, text with the proposals applied)


def gold_links(gold: dict, ru: Sequence[Segment], en: Sequence[Segment]) -> tuple[Link, ...]:
    """Links rebuilt from gold snippets (English paragraph -> Russian paragraphs)."""
    links = []
    for item in gold["links"]:
        e = [s.id for s in en if squeeze(item["en"])[:SNIPPET_CHARS] in squeeze(s.text)]
        r = [s.id for s in ru for snip in item["ru"] if squeeze(snip)[-SNIPPET_CHARS:] in squeeze(s.text)]
        if e and r:
            links.append(Link(ru=tuple(dict.fromkeys(r)), en=tuple(e[:1]), score=1.0))
    return tuple(links)


def evaluate_seed(
    path: Path, workbench: Workbench, *, links_mode: str, threshold: float, verbose: bool
) -> dict:
    """The report of one seed: gold fixes found, recall, precision, CER before and after, timing (of the
    proposals with their meaning evidence, as ``Workbench.process`` makes them)."""
    gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
    doc, ru, en, _ = ingest(Source(archive=path))
    ru, en = segment_sentences(ru), segment_sentences(en)
    links = seed_links(gold, ru, en, links_mode, workbench)
    t0 = time.perf_counter()
    proposals = workbench.corrector.propose(ru, en, links, workbench.meaning_encoder())
    seconds = time.perf_counter() - t0
    shown = [p for p in proposals if p.confidence >= threshold]
    fixes = [(fx, locate(ru, fx["context"], fx["wrong"])) for fx in gold["ocr_fixes"]]
    located: list[LocatedFix] = [(fx, where) for fx, where in fixes if where is not None]
    judged = judge_overlapping(located, proposals)
    top1, top1_all, within = recall(located, proposals, threshold=threshold, verbose=verbose)
    tp, fp, unjudged = precision(shown, judged, verbose=verbose)
    strict_fp = fp + len(unjudged)
    out = {
        "seed": path.stem,
        "links": f"{links_mode} ({len(links)})",
        "gold fixes": len(fixes),
        "located": len(located),
        "recall top-1 @threshold": round(top1 / max(1, len(fixes)), 3),
        "recall top-1 (all emitted)": round(top1_all / max(1, len(fixes)), 3),
        "recall within alternatives": round(within / max(1, len(fixes)), 3),
        "proposals emitted": len(proposals),
        "proposals @threshold": len(shown),
        "correct / wrong / unjudged": f"{tp} / {fp} / {len(unjudged)}",
        "precision (judged)": round(tp / max(1, tp + fp), 3),
        "strict precision": round(tp / max(1, tp + strict_fp), 3),
        "seconds to propose": round(seconds, 3),
    }
    if path.stem in EXHAUSTIVE:
        out["precision (judged)"] = out["strict precision"]
    out.update(cer_report(gold, ru, shown, located))
    return out


def seed_links(
    gold: dict, ru: Sequence[Segment], en: Sequence[Segment], mode: str, workbench: Workbench
) -> tuple[Link, ...]:
    """The links the proposer gets: the aligner's, the gold's (an upper bound) or none."""
    if mode == "gold":
        return gold_links(gold, ru, en)
    if mode == "aligner":
        from align.alignment.document import align_document

        return align_document(ru, en, workbench.encoder)
    return ()


def recall(
    located: list[LocatedFix], proposals: Sequence[Proposal], *, threshold: float, verbose: bool
) -> tuple[int, int, int]:
    """Gold fixes the proposals restore: (top-1 of those at the threshold, top-1 of all emitted, top-1 of
    all emitted or the fix among the suggestion and alternatives of a proposal over its span)."""
    top1 = top1_all = within = 0
    for fx, (seg, gs, ge) in located:
        every = [p for p in proposals if p.segment == seg.id and p.start < ge and p.end > gs]
        over = [p for p in every if p.confidence >= threshold]
        target = squeeze(fx["fix"])
        if over and squeeze(apply_to_text(seg.text, over)[gs : ge + _delta(over)]) == target:
            top1 += 1
        hit = bool(every) and squeeze(apply_to_text(seg.text, every)[gs : ge + _delta(every)]) == target
        top1_all += hit
        if hit or any(
            squeeze(seg.text[gs : p.start] + alt + seg.text[p.end : ge]) == target
            for p in every
            for alt in (p.suggestion, *p.alternatives)
        ):
            within += 1
        elif verbose and not over:
            print(f"  MISSED {fx['wrong']!r} -> {fx['fix']!r}")
    return top1, top1_all, within


def precision(shown: list[Proposal], judged: dict[str, bool], *, verbose: bool) -> tuple[int, int, list]:
    """(right, wrong, unjudged proposals) among the proposals at the threshold."""
    tp = sum(1 for p in shown if judged.get(p.id) is True)
    fp = sum(1 for p in shown if judged.get(p.id) is False)
    unjudged = [p for p in shown if p.id not in judged]
    if verbose:
        for p in shown:
            if judged.get(p.id) is False:
                print(f"  WRONG {p.original!r} -> {p.suggestion!r} {p.confidence} {p.reasons}")
        for p in unjudged:
            print(f"  UNJUDGED {p.original!r} -> {p.suggestion!r} {p.confidence} {p.reasons}")
    return tp, fp, unjudged


def _delta(props: list[Proposal]) -> int:
    return sum(len(p.suggestion) - (p.end - p.start) for p in props)


def cer(a: str, ref: str) -> float:
    """Character error rate of ``a`` against ``ref``, whitespace runs counted as one space."""
    a, ref = " ".join(a.split()), " ".join(ref.split())
    return Levenshtein.distance(a, ref) / max(1, len(ref))


def cer_report(gold: dict, ru: Sequence[Segment], shown: list[Proposal], located: list[LocatedFix]) -> dict:
    """CER before/after applying the ``shown`` proposals, on gold corrected paragraphs, else on the
    paragraphs with every gold fix applied."""
    if gold.get("corrected_paragraphs"):
        pairs, kind = _corrected_paragraph_pairs(gold, ru, shown), "gold corrected paragraphs"
    else:
        pairs, kind = _gold_fixed_pairs(ru, shown, located), "paragraphs with gold fixes applied"
    n = sum(len(" ".join(r.split())) for _, r, _ in pairs) or 1
    before = sum(cer(o, r) * len(" ".join(r.split())) for o, r, _ in pairs) / n
    after = sum(cer(f, r) * len(" ".join(r.split())) for _, r, f in pairs) / n
    return {
        "CER reference": f"{kind} ({len(pairs)})",
        "CER before": round(before, 4),
        "CER after": round(after, 4),
    }


def _corrected_paragraph_pairs(gold: dict, ru: Sequence[Segment], shown: list[Proposal]) -> list[Pair]:
    """The pairs of each gold corrected paragraph found among the segments (the gold text as reference)."""
    pairs = []
    for cp in gold["corrected_paragraphs"]:
        seg = next(
            (s for s in ru if squeeze(s.text) in squeeze(cp["ocr"]) or squeeze(cp["ocr"]) in squeeze(s.text)),
            None,
        )
        if seg is None:
            continue
        fixed = apply_to_text(seg.text, [p for p in shown if p.segment == seg.id])
        pairs.append((cp["ocr"], cp["gold"], fixed))
    return pairs


def _gold_fixed_pairs(ru: Sequence[Segment], shown: list[Proposal], located: list[LocatedFix]) -> list[Pair]:
    """The pairs of each segment holding gold fixes, with every gold fix applied as reference."""
    by_seg = {s.id: s for s in ru}
    refs: dict[str, list[Proposal]] = {}
    for fx, (seg, gs, ge) in located:
        refs.setdefault(seg.id, []).append(
            Proposal(id="", segment=seg.id, start=gs, end=ge, original="", suggestion=fx["fix"])
        )
    pairs = []
    for sid, golds in refs.items():
        seg = by_seg[sid]
        ref = apply_to_text(seg.text, _disjoint(golds))
        fixed = apply_to_text(seg.text, [p for p in shown if p.segment == sid])
        pairs.append((seg.text, ref, fixed))
    return pairs


def _disjoint(props: list[Proposal]) -> list[Proposal]:
    """The gold fixes that overlap no earlier one: overlapping gold snippets must not apply twice."""
    kept: list[Proposal] = []
    for p in sorted(props, key=lambda p: p.start):
        if not kept or p.start >= kept[-1].end:
            kept.append(p)
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--links", choices=("aligner", "gold", "none"), default="aligner")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed fixes and wrong proposals")
    args = ap.parse_args()
    workbench = Workbench()
    t0 = time.perf_counter()
    _ = workbench.corrector.lexicon
    print(f"lexicon load: {time.perf_counter() - t0:.1f} s (threshold {args.threshold})")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        if not (GOLD / f"{path.stem}.json").exists():
            continue
        report = evaluate_seed(
            path, workbench, links_mode=args.links, threshold=args.threshold, verbose=args.verbose
        )
        print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
