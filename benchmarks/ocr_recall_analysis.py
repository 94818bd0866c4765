"""Where the OCR proposals' recall is lost on the scanned corpus: every gold fix, classed by why it is missed.

Every document of ``../shared/corpus/scanned/`` goes through ``Workbench.process`` with its defaults, as
``benchmarks/ocr_corpus.py`` runs it, and each gold fix is located and judged as there
(:func:`benchmarks.ocr_gold.locate`, :func:`benchmarks.ocr_quality.recall`). The proposer then runs
again over each segment with nothing dropped (``min_emit`` 0, overlaps kept, every candidate listed as an
alternative; the confusion counts learned without the document), which shows the candidates a suspect
had. Each gold fix falls in one class:

- ``found top-1`` / ``found top-5``: restored by the emitted proposals, or among their top 5 (not lost);
- ``a never suspect``: no token of it is a suspect, nothing proposes over it (a real word, a known name);
- ``b no candidate``: a suspect, the fix no candidate; names the source that could have made it;
- ``c ranked out``: a candidate, not in the emitted top 5 (below ``min_emit``, behind 5 rivals, overlap);
- ``d not locatable``: the gold context is not in the text, or only punctuation differs.

Usage: python benchmarks/ocr_recall_analysis.py [--examples N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.model import Proposal, Result, Segment  # noqa: E402
from benchmarks.common import ROOT  # noqa: E402
from benchmarks.corpus_documents import form_documents  # noqa: E402
from benchmarks.ocr_corpus import markdown  # noqa: E402
from benchmarks.ocr_gold import PUNCT, locate, squeeze  # noqa: E402
from benchmarks.ocr_quality import recall  # noqa: E402
from correct.pipeline import PipelineConfig, Workbench  # noqa: E402
from correct.proposals.confusion_table import without  # noqa: E402
from correct.proposals.confusions import edit_ops  # noqa: E402
from correct.proposals.detect import token_kind  # noqa: E402
from correct.proposals.document_proposals import DocumentResources, ProposerSettings  # noqa: E402
from correct.proposals.document_vocab import DocumentVocabulary  # noqa: E402
from correct.proposals.english_windows import EnglishWindows  # noqa: E402
from correct.proposals.memory import load_memory  # noqa: E402
from correct.proposals.proposer import segment_found  # noqa: E402
from correct.proposals.short_confusions import substitutions  # noqa: E402
from correct.proposals.tokens import tokenize  # noqa: E402

CLASSES = (
    "found top-1",
    "found top-5",
    "a never suspect",
    "b no candidate",
    "c ranked out",
    "d not locatable",
)
EVERY_CANDIDATE = 200  # alternatives kept in the instrumented run: every candidate a suspect had
MIN_LEARNED = 2  # a character edit seen this often in the learned counts is a known look-alike confusion
SEVERAL = " (in a span of several words)"  # marks the detail of a word missed inside a longer gold span
CACHE = Path(tempfile.gettempdir()) / "workbench-corpus-cache"


def document_type(name: str) -> str:
    """The corpus's kind of document: "ted_talk", "wmt21", "wmt22", "wmt23" (the name's prefix)."""
    return "ted_talk" if name.startswith("ted_talk") else name.split("_")[0]


def bare(text: str) -> str:
    """Text without whitespace and punctuation, for "differs only by punctuation"."""
    return "".join(c for c in squeeze(text) if c not in PUNCT)


@dataclass(frozen=True)
class Instrumented:
    """One processed document with everything the proposer found in it, nothing dropped."""

    result: Result  # Workbench.process with its defaults: the emitted proposals
    found: dict[str, list[Proposal]]  # segment id -> every proposal (min_emit 0, overlaps kept)
    # the document's vocabulary, lexicon, settings, and the confusion counts learned without it
    res: DocumentResources
    english: dict[str, str]  # segment id -> its linked English text

    @classmethod
    def run(cls, result: Result, lexicon, name: str) -> Instrumented:
        settings = ProposerSettings(
            min_emit=0.0, max_alternatives=EVERY_CANDIDATE, confusions=without([name])
        )
        memory = load_memory(None)
        vocab = DocumentVocabulary.build(t for seg in result.ru for t in tokenize(seg.text))
        learned = memory.confusions() + Counter(settings.confusions)
        res = DocumentResources(lexicon, vocab, memory, learned, settings, substitutions(learned))
        windows = EnglishWindows(result.ru, result.en, result.alignment)
        found = {
            seg.id: [p for p, _ in segment_found(seg, tokenize(seg.text), windows.get(seg.id), res)]
            for seg in result.ru
        }
        en = {s.id: s.text for s in result.en}
        english = {r: " ".join(en[e] for e in link.en) for link in result.alignment for r in link.ru}
        return cls(result, found, res, english)


def _restores(seg: Segment, span: tuple[int, int], fix: str, p: Proposal, alt: str) -> bool:
    """``alt`` put in place of ``p`` gives the gold fix over its span (as ``recall`` checks)."""
    gs, ge = span
    return squeeze(seg.text[gs : p.start] + alt + seg.text[p.end : ge]) == squeeze(fix)


def possible_source(wrong: str, fix: str, english: str, learned, lexicon) -> str:
    """The candidate source that could have made ``fix`` of ``wrong``."""
    w, f = wrong.strip(PUNCT), fix.strip(PUNCT)
    if len(w.split()) > 1:
        return "join" if len(f.split()) == 1 else "several words"
    if len(f.split()) > 1:
        return "split"
    if re.search(r"[A-Za-z]", f):
        return "English Latin" if f.lower() in english.lower() else "Latin, not in the English"
    if re.search(r"\d", f):
        return "English digits" if f in english else "digits, not in the English"
    d = DamerauLevenshtein.distance(w.lower(), f.lower())
    known = "" if lexicon.in_dictionary(f.lower().replace("ё", "е")) else ", fix not in dictionary"
    ops = edit_ops(w, f)
    if ops and all(learned.get(f"{a}>{b}", 0) >= MIN_LEARNED for a, b in ops):
        return f"look-alike confusions ({d} edits{known})"
    if d > 2:
        return "more than 2 edits"
    return f"lexicon edit {d}{known}"


def never_suspect_reason(tokens, lexicon) -> str:
    """Why no token of a span is a suspect."""
    if not tokens:
        return "no word (a mark)"
    if any(t.text.isdigit() for t in tokens):
        return "a number"
    if any(len(t.text) <= 1 for t in tokens):
        return "a single letter"
    if all(lexicon.in_dictionary(t.norm) for t in tokens):
        return "real word" if len(tokens) == 1 else "real words"
    return "a known name or abbreviation"


def _core(text: str, a: int, b: int) -> tuple[int, int]:
    """The span ``a:b`` of ``text`` without the marks at its ends (all of it when it is only marks)."""
    lo, hi = a, b
    while lo < hi and not text[lo].isalnum():
        lo += 1
    while hi > lo and not text[hi - 1].isalnum():
        hi -= 1
    return (lo, hi) if lo < hi else (a, b)


def word_fixes(seg: Segment, gs: int, ge: int, fix: str) -> list[tuple[int, int, str]]:
    """A gold fix word for word: [(start, end, fixed word)] of the words it changes, marks off both ends.

    A span of several words is missed when any of its words is, so each is classed alone; a span whose
    word count the fix changes (a join, a split, a garbled run) stays one piece.
    """
    spans = [(gs + m.start(), gs + m.end()) for m in re.finditer(r"\S+", seg.text[gs:ge])]
    fixed = fix.split()
    if len(spans) != len(fixed):
        return [(gs, ge, fix)]
    out = []
    for (a, b), f in zip(spans, fixed, strict=True):
        lo, hi = _core(seg.text, a, b)
        core = f.strip(PUNCT) or f
        if seg.text[lo:hi] != core:
            out.append((lo, hi, core if (lo, hi) != (a, b) else f))
    return out


def classify(fx: dict, where, doc: Instrumented) -> tuple[str, str]:
    """(class, detail) of one gold fix; ``where`` is its location (:func:`locate`) or None.

    A span of several words takes the class of its worst word (never suspect, then no candidate, then
    ranked out); when every word is restored but the span is not, its punctuation is what differs.
    """
    if where is None:
        return "d not locatable", "context not in the text"
    if bare(fx["wrong"]) == bare(fx["fix"]):
        return "d not locatable", "punctuation only"
    seg, gs, ge = where
    _, top1_all, within = recall([(fx, where)], doc.result.proposals, threshold=1.01, verbose=False)
    if top1_all or within:
        return ("found top-1" if top1_all else "found top-5"), ""
    pieces = word_fixes(seg, gs, ge, fx["fix"])
    several = len(pieces) > 1 or len(seg.text[gs:ge].split()) > 1
    worst = max((classify_word(seg, piece, doc) for piece in pieces), key=lambda cd: CLASSES.index(cd[0]))
    if worst[0].startswith("found"):
        return "d not locatable", "words restored, punctuation differs"
    return worst[0], worst[1] + (SEVERAL if several else "")


def classify_word(seg: Segment, piece: tuple[int, int, str], doc: Instrumented) -> tuple[str, str]:
    """(class, detail) of one word's fix ``piece`` (start, end, fixed word) in ``seg``."""
    gs, ge, fix = piece
    fx, where = {"fix": fix}, (seg, gs, ge)
    _, top1_all, within = recall([(fx, where)], doc.result.proposals, threshold=1.01, verbose=False)
    if top1_all or within:
        return ("found top-1" if top1_all else "found top-5"), ""
    over = [p for p in doc.found[seg.id] if p.start < ge and p.end > gs]
    shown = ProposerSettings().max_alternatives
    for p in over:
        alts = (p.suggestion, *p.alternatives)
        rank = next((k for k, a in enumerate(alts) if _restores(seg, (gs, ge), fix, p, a)), None)
        if rank is None:
            continue
        if p.confidence < ProposerSettings().min_emit:
            return "c ranked out", "below min_emit"
        if rank > shown:
            return "c ranked out", f"behind {shown + 1} rivals"
        return "c ranked out", "lost to an overlapping proposal"
    tokens = [t for t in tokenize(seg.text) if t.start < ge and t.end > gs]
    res = doc.res
    kinds = [token_kind(t, seg.text, res.lexicon, res.vocab, res.settings.vocabulary) for t in tokens]
    if over or any(k is not None for k in kinds):
        english = doc.english.get(seg.id, "")
        return "b no candidate", possible_source(seg.text[gs:ge], fix, english, res.learned, res.lexicon)
    return "a never suspect", never_suspect_reason(tokens, res.lexicon)


def analyse(workbench: Workbench) -> list[dict]:
    """One row per gold fix of every scanned document: document, type, class, detail, wrong, fix."""
    rows = []
    for cdoc in form_documents("scanned"):
        result = workbench.process(cdoc.source)
        doc = Instrumented.run(result, workbench.corrector.lexicon, cdoc.name)
        for fx in cdoc.gold["ocr_fixes"]:
            where = locate(result.ru, fx["context"], fx["wrong"])
            kind, detail = classify(fx, where, doc)
            rows.append(
                {"document": cdoc.name, "type": document_type(cdoc.name), "class": kind}
                | {"detail": detail, "wrong": fx["wrong"], "fix": fx["fix"]}
            )
        print(f"{cdoc.name}: {len(cdoc.gold['ocr_fixes'])} fixes", file=sys.stderr, flush=True)
    return rows


def class_table(rows: Sequence[dict]) -> list[dict]:
    """Counts and shares per class, overall and per document type."""
    types = sorted({r["type"] for r in rows})
    out = []
    for c in CLASSES:
        n = sum(r["class"] == c for r in rows)
        line = {"class": c, "fixes": n, "share": f"{n / max(1, len(rows)):.3f}"}
        for t in types:
            of_type = [r for r in rows if r["type"] == t]
            k = sum(r["class"] == c for r in of_type)
            line[f"{t} ({len(of_type)})"] = f"{k} ({k / max(1, len(of_type)):.2f})"
        out.append(line)
    return out


def detail_table(rows: Sequence[dict]) -> list[dict]:
    """Counts per (class, detail) of the missed fixes, largest first, with how many are a word inside a
    gold span of several words."""
    counts: Counter = Counter()
    several: Counter = Counter()
    for r in rows:
        if not r["class"].startswith("found"):
            key = (r["class"], r["detail"].removesuffix(SEVERAL))
            counts[key] += 1
            several[key] += r["detail"].endswith(SEVERAL)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"class": c, "detail": d, "fixes": n, "in several-word spans": several[(c, d)]}
        for (c, d), n in ordered
    ]


def examples(rows: Sequence[dict], n: int) -> dict[str, list[str]]:
    """Up to ``n`` examples per missed class, spread over the details and documents."""
    out = {}
    for c in CLASSES[2:]:
        of_class = [r for r in rows if r["class"] == c]
        spread = sorted(range(len(of_class)), key=lambda k: (k % 7, k))  # across documents, deterministic
        picked = [of_class[k] for k in spread[:n]]
        out[c] = [f"{r['wrong']!r} -> {r['fix']!r} ({r['detail']}; {r['document']})" for r in picked]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10, help="examples per class")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "ocr_recall_analysis.json")
    args = parser.parse_args(argv)
    workbench = Workbench(PipelineConfig(threads=1, cache_dir=str(CACHE)))
    rows = analyse(workbench)
    print(f"{len(rows)} gold fixes\n\n{markdown(class_table(rows))}\n\n{markdown(detail_table(rows))}")
    for c, lines in examples(rows, args.examples).items():
        print(f"\n{c}:\n" + "\n".join(f"- {line}" for line in lines))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
