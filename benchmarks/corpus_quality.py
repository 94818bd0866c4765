"""Alignment quality on the development corpus, per document and per form, with peer aligners beside us.

The seeds are what the aligner was tuned on; ``../shared/corpus`` is 30 documents it was not
written against, each clean (``docs``) and through real OCR in the archive layout (``scanned``).
Every document goes through the workbench's ingest -> segment -> align; the peers (Vecalign's DP,
Gale-Church, Bertalign where it installs; :mod:`benchmarks.peer_aligners`) get the same segments.
Scores are link precision, recall and F1 over gold (English snippet, Russian snippet) pairs
(:func:`benchmarks.common.alignment_score`); per form the mean and the worst document. The
reliability table (:mod:`benchmarks.link_reliability`) bins our link confidences on docs + scanned
against the share of links that are right.

Usage: python benchmarks/corpus_quality.py [--forms docs,scanned,seeds] [--limit N] [--only NAME,...]
       [--encoder use|st:NAME] [--threads N] [--cache-dir DIR] [--no-peers] [--bertalign-python PY]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import ROOT, Score  # noqa: E402
from benchmarks.corpus_documents import FORMS, CorpusDocument, form_documents  # noqa: E402
from benchmarks.corpus_scoring import DocumentScore, score_document  # noqa: E402
from benchmarks.link_reliability import reliability  # noqa: E402
from benchmarks.paragraph_boundaries import BoundaryScore, pooled  # noqa: E402
from benchmarks.peer_aligners import available_peers  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402

OURS = "workbench"
RELIABILITY_FORMS = ("docs", "scanned")  # the seeds are what the confidences were tuned on


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", default=",".join(FORMS), help="comma-separated: docs, scanned, seeds")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per form")
    parser.add_argument("--only", default="", help="comma-separated document names (any form)")
    parser.add_argument("--encoder", default="use")
    # one thread: on this 2-core machine another job usually holds a core, and USE is then faster on one
    parser.add_argument("--threads", type=int, default=1, help="encoder threads (capped at the cores)")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-corpus-cache"
    )
    parser.add_argument("--no-peers", action="store_true", help="the workbench alone")
    parser.add_argument("--bertalign-python", help="an interpreter with bertalign, for its wrapper")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "corpus_quality.json")
    args = parser.parse_args(argv)
    args.forms = [f.strip() for f in args.forms.split(",") if f.strip()]
    unknown = sorted(set(args.forms) - set(FORMS))
    if unknown:
        parser.error(f"unknown form(s) {', '.join(unknown)}: expected {', '.join(FORMS)}")
    args.only = {n.strip() for n in args.only.split(",") if n.strip()}
    return args


def chosen_documents(forms: Sequence[str], limit: int | None, only: set[str]) -> list[CorpusDocument]:
    documents = []
    for form in forms:
        found = [d for d in form_documents(form) if not only or d.name in only]
        documents += found[:limit] if limit is not None else found
    return documents


def system_scores(result: DocumentScore) -> dict[str, Score | None]:
    """{aligner: its score on the document} (None: the peer failed there), ours first."""
    return {OURS: result.score, **{name: peer.score for name, peer in result.peers.items()}}


def form_summary(results: Sequence[DocumentScore]) -> dict[str, dict]:
    """Per aligner: mean precision, recall and F1 over the documents it aligned, the worst, the failures."""
    names = list(dict.fromkeys(name for r in results for name in system_scores(r)))
    summary = {}
    for name in names:
        done = [(r.name, s) for r in results if (s := system_scores(r).get(name)) is not None]
        worst = min(done, key=lambda item: item[1].f1, default=None)
        summary[name] = {
            "documents": len(done),
            "failed": len(results) - len(done),
            "precision": round(statistics.fmean(s.precision for _, s in done), 4) if done else None,
            "recall": round(statistics.fmean(s.recall for _, s in done), 4) if done else None,
            "f1": round(statistics.fmean(s.f1 for _, s in done), 4) if done else None,
            "worst": {"document": worst[0], "f1": round(worst[1].f1, 4)} if worst else None,
        }
    summary["paragraph_counts_exact"] = {
        side: sum(r.paragraphs[side]["ours"] == r.paragraphs[side]["gold"] for r in results)
        for side in ("ru", "en")
    }
    boundaries = pooled([r.boundaries for r in results])
    summary["ru_boundaries"] = {
        "precision": round(boundaries.precision, 4),
        "recall": round(boundaries.recall, 4),
        "matched": boundaries.matched,
        "ours": boundaries.ours,
        "gold": boundaries.gold,
    }
    return summary


def _f1(score: Score | None) -> str:
    return "failed" if score is None else f"{score.f1:.3f}"


def document_row(result: DocumentScore) -> str:
    """One Markdown row: paragraphs, Russian boundary P/R, our P/R/F1 and time, each peer's F1 and time."""
    ru, en, s, b = result.paragraphs["ru"], result.paragraphs["en"], result.score, result.boundaries
    peers = " | ".join(f"{_f1(peer.score)} ({peer.seconds:.1f} s)" for peer in result.peers.values())
    return (
        f"| {result.form} | {result.name} | {ru['ours']}/{ru['gold']} | {en['ours']}/{en['gold']} "
        f"| {b.precision:.3f} / {b.recall:.3f} "
        f"| {s.precision:.3f} / {s.recall:.3f} / **{s.f1:.3f}** | {result.seconds:.1f} s | {peers} |"
    )


def print_documents_header(peer_names: Sequence[str]) -> None:
    peers = "".join(f" {name} F1 (time) |" for name in peer_names)
    head = "| form | document | ru ours/gold | en ours/gold | ru bounds P / R | ours P / R / F1 | ours time |"
    print(head + peers)
    print("|---" * (7 + len(peer_names)) + "|")


def print_forms(summaries: dict[str, dict]) -> None:
    print("\n| form | aligner | documents | mean P | mean R | mean F1 | worst F1 (document) |")
    print("|---|---|---|---|---|---|---|")
    for form, summary in summaries.items():
        for name, s in summary.items():
            if name in ("paragraph_counts_exact", "ru_boundaries"):
                continue
            failed = f" ({s['failed']} failed)" if s["failed"] else ""
            if s["f1"] is None:
                print(f"| {form} | {name} | 0{failed} | | | | |")
                continue
            print(
                f"| {form} | {name} | {s['documents']}{failed} | {s['precision']:.3f} | {s['recall']:.3f} "
                f"| **{s['f1']:.3f}** | {s['worst']['f1']:.3f} ({s['worst']['document']}) |"
            )
    counts = [
        f"{form} ru {s['paragraph_counts_exact']['ru']}/{s[OURS]['documents']}, "
        f"en {s['paragraph_counts_exact']['en']}/{s[OURS]['documents']}"
        for form, s in summaries.items()
    ]
    print(f"\ndocuments whose paragraph counts are the gold's: {'; '.join(counts)}")


def print_boundaries(summaries: dict[str, dict]) -> None:
    """Russian paragraph-boundary precision and recall per form, pooled over its documents."""
    print("\n| form | ru boundaries pooled P | pooled R | matched / ours / gold |")
    print("|---|---|---|---|")
    for form, summary in summaries.items():
        b = BoundaryScore(**summary["ru_boundaries"])
        b = pooled([b])  # the shares again from the counts, not from the JSON's rounded ones
        counts = f"{b.matched} / {b.ours} / {b.gold}"
        print(f"| {form} | {b.precision:.3f} | {b.recall:.3f} | {counts} |")


def print_reliability(table: dict, unjudged: int) -> None:
    def cell(share: dict) -> str:
        return "" if not share["links"] else f"{share['share']:.1%} of {share['links']}"

    forms = " + ".join(RELIABILITY_FORMS)
    print(f"\nReliability of our link confidences ({forms}; {unjudged} links unjudged):\n")
    print("| confidence | right (all) | right (matched) | right (unmatched) |")
    print("|---|---|---|---|")
    for row in table["bins"]:
        print(f"| {row['bin']} | {cell(row['all'])} | {cell(row['matched'])} | {cell(row['unmatched'])} |")
    trusted = table["trusted"]
    print(f"\nlinks scored >= {trusted['at_least']}: {cell(trusted)} right")


def score_all(args: argparse.Namespace) -> tuple[list[DocumentScore], list[str], list[str]]:
    """Every chosen document through the workbench and the peers, a table row printed as each is done.

    Returns the results, the peers' names and one note per peer that could not run.
    """
    config = PipelineConfig(encoder=args.encoder, threads=args.threads, cache_dir=str(args.cache_dir))
    workbench = Workbench(config)
    if args.no_peers:
        peers, notes = [], ["peers: off (--no-peers)"]
    else:
        peers, notes = available_peers(workbench.encoder, args.bertalign_python)
    print(f"encoder: {args.encoder}, {args.threads} thread(s), cache {args.cache_dir}")
    print("\n".join(notes))
    documents = chosen_documents(args.forms, args.limit, args.only)
    print(f"{len(documents)} document(s); peers: {', '.join(p.name for p in peers) or 'none'}\n")
    print_documents_header([p.name for p in peers])
    results = []
    for document in documents:
        results.append(score_document(document, workbench, peers))
        print(document_row(results[-1]), flush=True)
    return results, [p.name for p in peers], notes


def summarise(results: Sequence[DocumentScore], forms: Sequence[str]) -> tuple[dict, dict]:
    """Per-form summaries and the reliability table (docs + scanned pooled), both printed."""
    summaries = {form: form_summary([r for r in results if r.form == form]) for form in forms}
    summaries = {form: s for form, s in summaries.items() if s.get(OURS)}
    print_forms(summaries)
    print_boundaries(summaries)
    pooled = [r for r in results if r.form in RELIABILITY_FORMS]
    table = reliability(j for r in pooled for j in r.judged)
    unjudged = sum(r.unjudged for r in pooled)
    if pooled:
        print_reliability(table, unjudged)
    return summaries, {"forms": list(RELIABILITY_FORMS), "unjudged": unjudged, **table}


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    t_start = time.perf_counter()
    results, peers, notes = score_all(args)
    summaries, table = summarise(results, args.forms)
    seconds = round(time.perf_counter() - t_start, 1)
    print(f"\ntotal time: {seconds} s (encoder loading included)")
    report = {
        "encoder": args.encoder,
        "threads": args.threads,
        "peers": peers,
        "notes": notes,
        "seconds": seconds,
        "forms": summaries,
        "reliability": table,
        "documents": [r.as_json() for r in results],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
