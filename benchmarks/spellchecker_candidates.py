"""Would pyspellchecker add OCR fixes our candidate pool lacks? Measured on the gold fixes (issue 13.5).

For every gold OCR fix of one Cyrillic word into another (``../shared/corpus/scanned`` and the seeds),
whether the fix is among the candidates of: our pool (the lexicon's SymSpell neighbours within 2 edits
and its one-edit dictionary forms, :mod:`correct.proposals.lexicon`), pyspellchecker with its own
Russian word list, and pyspellchecker with our frequency list (the 150k indexed words) loaded into it.
A source that only finds fixes the pool already holds adds no recall. pyspellchecker is no longer a
dependency (this measurement is why): ``pip install pyspellchecker`` to run it again.

Usage: python benchmarks/spellchecker_candidates.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_documents import form_documents  # noqa: E402
from correct.proposals.lexicon import Lexicon  # noqa: E402

WORD = re.compile(r"[а-яё]+")


def word_fixes(form: str) -> list[tuple[str, str]]:
    """(wrong, fix) of every gold fix of one lower-case Cyrillic word into another."""
    pairs = []
    for document in form_documents(form):
        for fix in document.gold.get("ocr_fixes", []):
            wrong, right = fix["wrong"].lower(), fix["fix"].lower()
            if WORD.fullmatch(wrong) and WORD.fullmatch(right) and wrong != right:
                pairs.append((wrong, right))
    return pairs


def measure(pairs: list[tuple[str, str]], lexicon: Lexicon, checkers: dict) -> dict[str, object]:
    found = {"pool": 0, **{name: 0 for name in checkers}, **{f"{name} beyond pool": 0 for name in checkers}}
    seconds = dict.fromkeys(checkers, 0.0)
    for wrong, right in pairs:
        pool = {w for w, _ in lexicon.neighbours(wrong)} | set(lexicon.dictionary_edits(wrong))
        found["pool"] += right in pool
        for name, checker in checkers.items():
            t0 = time.perf_counter()
            candidates = checker.candidates(wrong) or set()
            seconds[name] += time.perf_counter() - t0
            found[name] += right in candidates
            found[f"{name} beyond pool"] += right in candidates and right not in pool
    return {"fixes": len(pairs), **found, **{f"{k} seconds": round(v, 1) for k, v in seconds.items()}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-lexicon")
    args = parser.parse_args(argv)
    try:
        from spellchecker import SpellChecker
    except ImportError:
        print("pyspellchecker is not installed (no longer a dependency): pip install pyspellchecker")
        return
    lexicon = Lexicon.load(cache_dir=args.cache_dir)
    ours = SpellChecker(language=None, distance=2)
    ours.word_frequency.load_json(lexicon.indexed_counts())
    checkers = {"pyspellchecker ru": SpellChecker(language="ru", distance=2), "pyspellchecker ours": ours}
    for form in ("scanned", "seeds"):
        print(form, measure(word_fixes(form), lexicon, checkers))


if __name__ == "__main__":
    main()
