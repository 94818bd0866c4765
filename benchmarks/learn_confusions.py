"""Count OCR character confusions from the gold fixes; write correct/proposals/data/confusions.json.

Every one-word gold fix of ``../shared/corpus/scanned`` and of the seeds (``ocr_fixes``: the OCR's
``wrong`` against the ``fix``) gives its character edits (:func:`correct.proposals.confusions.edit_ops`,
case aside), counted per document. Fixes of several words (joins, splits, phrases) and fixes to or from
an empty string are left out: their edits say where words break, not which letters look alike. The
letters and pairs of letters of the same documents' Russian (as ingest reads it) are counted beside them:
how often each could have been misread (:mod:`correct.proposals.channel`).

Usage: python benchmarks/learn_confusions.py [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.ingest.document import ingest  # noqa: E402
from benchmarks.corpus_documents import form_documents  # noqa: E402
from correct.proposals.confusion_table import TABLE, count_letters, per_document, write_table  # noqa: E402

EDGE_PUNCTUATION = ".,;:!?«»\"'()[]"


def word_pairs(fixes: Sequence[dict]) -> list[tuple[str, str]]:
    """(wrong, fix) of the one-word fixes, edge punctuation stripped."""
    out = []
    for fx in fixes:
        wrong, fix = fx["wrong"].strip(EDGE_PUNCTUATION), fx["fix"].strip(EDGE_PUNCTUATION)
        if (
            wrong
            and fix
            and len(wrong.split()) == 1
            and len(fix.split()) == 1
            and wrong.lower() != fix.lower()
        ):
            out.append((wrong, fix))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    documents = form_documents("scanned") + form_documents("seeds")
    if not documents:
        raise SystemExit("no corpus or seed gold found (../shared beside the repo?)")
    counts = per_document({d.name: word_pairs(d.gold["ocr_fixes"]) for d in documents})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    letters = count_letters(seg.text for d in documents for seg in ingest(d.source)[1])
    write_table(args.out, counts, "gold ocr_fixes of ../shared/corpus/scanned and the seeds", letters)
    total: Counter = sum(counts.values(), Counter())
    edits = sum(total.values())
    print(f"{len(documents)} documents, {edits} edits, {len(total)} kinds, {letters['']} characters")
    print("most common:")
    for op, n in total.most_common(15):
        print(f"  {op}: {n}")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
