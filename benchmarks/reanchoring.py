"""Benchmark: do review decisions stay on the same text when the input file is edited and re-imported?

For each document (the seeds and ``../shared/corpus/scanned/``, archive layout) it processes the
file, imports it into a fresh review store and decides on everything: every proposal (accept,
reject or edit in turn), every flag (a verdict), and two alignment corrections (a merge and an
unlink). Then it edits the Russian side of the input file in one of four ways, re-processes the
file and re-imports it:

- ``header``: a few words added to the title line (every offset after it moves);
- ``paragraph``: one Russian paragraph removed;
- ``ocr_fix``: the most confident proposal applied in the source file (its word is gone);
- ``full_stop``: one "." deleted in the last Russian paragraph that has one.

The edits are exact replacements, so an oracle knows where every old character went. A decision's
text still exists when none of its characters was edited (a paragraph, for an alignment correction,
when it was not removed). Reported per edit, per document and in total:

- ``kept``: decisions whose text still exists and that the re-import placed (or carried);
- ``wrong``: placed decisions whose new target is not at the oracle's place for their text;
- ``expected``: decisions whose text still exists;
- ``by_id``: of those, how many an import by record id alone (before anchors) would have kept.

Target: kept / expected >= 0.99 and wrong = 0.

Usage: .venv/bin/python benchmarks/reanchoring.py [--limit N] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.ingest.document import Source  # noqa: E402
from align.model import Action, Decision, Result, Segment, TargetKind, Verdict  # noqa: E402
from correct.review.anchors import link_segment_ids  # noqa: E402
from correct.review.decisions import link_decision, proposal_decision, verdict_decision  # noqa: E402
from correct.review.link_edits import merge, unlink  # noqa: E402
from correct.review.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "scanned"
EDITS = ("header", "paragraph", "ocr_fix", "full_stop")
Range = tuple[int, int]  # raw offsets [start, end)


@dataclass(frozen=True)
class Edit:
    """Replace raw[start:end] by ``text``."""

    start: int
    end: int
    text: str

    def apply(self, raw: str) -> str:
        return raw[: self.start] + self.text + raw[self.end :]

    def moved(self, span: Range, whole: bool = False) -> Range | None:
        """Where an old range is after the edit; None when an edited character is in it
        (``whole``: a paragraph, gone only when the edit removes all of it)."""
        a, b = span
        shift = len(self.text) - (self.end - self.start)
        if b <= self.start:
            return span
        if a >= self.end:
            return (a + shift, b + shift)
        if whole and not (self.start <= a and b <= self.end):
            return (a if a < self.start else self.start, b + shift)
        return None


def make_edit(kind: str, raw: str, result: Result) -> Edit | None:
    """One of the EDITS, found from the result's own records (never from known strings); None when
    the document has nothing to edit that way (no proposal to apply, no full stop)."""
    if kind == "header":
        line_end = raw.index("\n", len(raw) - len(raw.lstrip()))
        return Edit(line_end, line_end, " (revised edition)")
    if kind == "paragraph":
        seg = result.ru[len(result.ru) // 2]
        end = seg.end + len(raw[seg.end :]) - len(raw[seg.end :].lstrip("\n"))
        return Edit(seg.start, end, "")
    if kind == "ocr_fix":
        if not result.proposals:
            return None
        p = max(result.proposals, key=lambda p: p.confidence)
        a, b = span_range(result.segment(p.segment), p.start, p.end)
        return Edit(a, b, p.suggestion)
    seg = next((s for s in reversed(result.ru) if "." in s.text), None)
    if seg is None:
        return None
    dot = seg.text.rindex(".")
    a, b = span_range(seg, dot, dot + 1)
    return Edit(a, b, "")


def span_range(seg: Segment, start: int, end: int) -> Range:
    a, b = seg.raw_offset(start), seg.raw_offset(end - 1)
    if a is None or b is None:
        raise ValueError(f"{seg.id}: span {start}-{end} was inserted by cleaning")
    return (a, b + 1)


def decide_everything(store: Store, result: Result) -> None:
    """Decisions on every proposal and flag, a merge and an unlink: what a full review leaves."""
    doc = result.document.id
    actions = (Action.ACCEPT, Action.REJECT, Action.EDIT)
    decisions = [
        proposal_decision(doc, p, actions[i % 3], "ann", text=p.suggestion.upper())
        for i, p in enumerate(result.proposals)
    ]
    verdicts = (Verdict.TRANSLATION_ERROR, Verdict.NOT_AN_ISSUE)
    decisions += [verdict_decision(doc, f, verdicts[i % 2], "bob") for i, f in enumerate(result.flags)]
    pairs = [x for x in result.alignment if x.ru and x.en]
    if len(pairs) >= 4:
        decisions.append(link_decision(doc, Action.MERGE, merge(pairs[1], pairs[2]), "ann"))
        decisions.append(link_decision(doc, Action.UNLINK, unlink(pairs[-1]), "ann"))
    store.decide(decisions)


def text_of(d: Decision, result: Result) -> list[tuple[Range, bool]]:
    """The raw ranges a decision's target covers in ``result`` (with ``whole`` for paragraphs)."""
    if d.target_kind == TargetKind.PROPOSAL:
        p = next(p for p in result.proposals if p.id == d.target)
        return [(span_range(result.segment(p.segment), p.start, p.end), False)]
    if d.target_kind == TargetKind.FLAG:
        f = next(f for f in result.flags if f.id == d.target)
        spans = [
            (span_range(result.segment(s.segment), s.start, s.end), False) for s in (*f.ru_spans, *f.en_spans)
        ]
        return spans + [((result.segment(s).start, result.segment(s).end), True) for s in _unspanned(f)]
    return [((result.segment(s).start, result.segment(s).end), True) for s in link_segment_ids(d)]


def where_now(d: Decision, result: Result) -> list[Range]:
    """The raw ranges of a placed decision's target in the new result (the same order as text_of)."""
    return [r for r, _ in text_of(d, result)]


def _unspanned(flag) -> list[str]:
    """The paragraphs a flag concerns beyond those of its spans (where a missing name should be)."""
    spanned = {s.segment for s in (*flag.ru_spans, *flag.en_spans)}
    return [s for s in (*flag.ru, *flag.en) if s not in spanned]


def score_edit(path: Path, kind: str, workbench, result: Result | None = None, verbose: bool = False) -> dict:
    """Process (unless ``result`` is given), review, edit, re-process and re-import one document;
    count kept and wrong decisions (``verbose``: print the decisions lost or misplaced)."""
    raw = path.read_text(encoding="utf-8")
    result = result or workbench.process(Source(archive=path))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "review.db", create=True)
        store.import_result(result)
        decide_everything(store, result)
        before = [d for d in store.decisions(result.document.id) if d.target_kind != TargetKind.DECISION]
        edit = make_edit(kind, raw, result)
        if edit is None:
            return {"doc": path.stem, "edit": kind, "decisions": len(before), "expected": 0, "kept": 0,
                    "wrong": 0, "carried": 0, "by_id": 0}  # fmt: skip
        edited = Path(tmp) / path.name
        edited.write_text(edit.apply(raw), encoding="utf-8")
        reprocessed = workbench.process(Source(archive=edited))
        report = store.import_result(reprocessed)
        after = {d.seq: d for d in store.decisions(result.document.id)}
        new_result = store.result(result.document.id)
    orphaned = {d.seq for d in report.orphaned}
    expected = kept = wrong = by_id = 0
    ids = (
        {p.id for p in reprocessed.proposals}
        | {f.id for f in reprocessed.flags}
        | set(reprocessed.segments_by_id)
    )
    for d in before:
        ranges = text_of(d, result)
        moved = [edit.moved(r, whole) for r, whole in ranges]
        if any(m is None for m in moved):
            continue
        expected += 1
        by_id += d.target in ids or (d.target_kind == TargetKind.LINK and set(link_segment_ids(d)) <= ids)
        if d.seq in orphaned or after[d.seq].target == "":
            if verbose:
                print(f"  lost #{d.seq} {d.action} {d.target_kind} {d.target}: {report.reasons.get(d.seq)}")
            continue
        kept += 1
        now = where_now(after[d.seq], new_result)
        # a paragraph is where it starts (its text may be edited); a span is its whole range
        moved = [m[0] if whole else m for m, (_, whole) in zip(moved, ranges, strict=True)]
        now = [n[0] if whole else n for n, (_, whole) in zip(now, ranges, strict=True)]
        if moved != now and verbose:
            print(f"  misplaced #{d.seq} {d.action} {d.target_kind} {d.target}: {moved} -> {now}")
        wrong += moved != now
    return {"doc": path.stem, "edit": kind, "decisions": len(before), "expected": expected, "kept": kept,
            "wrong": wrong, "carried": report.carried, "by_id": by_id}  # fmt: skip


def documents(limit: int | None) -> list[Path]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return seeds + corpus[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="corpus documents to use (default: all)")
    parser.add_argument("--json", type=Path, help="write the rows and totals here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each decision lost or misplaced")
    args = parser.parse_args()
    from correct.pipeline import PipelineConfig, Workbench

    workbench = Workbench(PipelineConfig(cache_dir="/tmp/workbench-corpus-cache"))
    rows = []
    for path in documents(args.limit):
        result = workbench.process(Source(archive=path))
        for kind in EDITS:
            row = score_edit(path, kind, workbench, result, args.verbose)
            rows.append(row)
            print(f"{row['doc']:28s} {kind:10s} {row['kept']:4d}/{row['expected']:<4d} kept, "
                  f"{row['wrong']} wrong, {row['carried']} carried, of {row['decisions']}")  # fmt: skip
    totals = {}
    for kind in (*EDITS, "all"):
        chosen = [r for r in rows if kind in ("all", r["edit"])]
        expected, kept = sum(r["expected"] for r in chosen), sum(r["kept"] for r in chosen)
        wrong, by_id = sum(r["wrong"] for r in chosen), sum(r["by_id"] for r in chosen)
        carried = sum(r["carried"] for r in chosen)
        totals[kind] = {"expected": expected, "kept": kept, "wrong": wrong, "share": kept / max(expected, 1),
                        "carried": carried, "by_id": by_id}  # fmt: skip
        print(f"{kind:10s} kept {kept}/{expected} = {kept / max(expected, 1):.4f}, wrong {wrong}, "
              f"carried {carried}; by id alone {by_id / max(expected, 1):.4f}")  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": rows, "totals": totals}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
