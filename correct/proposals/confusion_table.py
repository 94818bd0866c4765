"""Character confusions counted from data: how often OCR wrote ``a`` where the text has ``b``.

``data/confusions.json`` is written by ``benchmarks/learn_confusions.py`` from the gold OCR fixes of
the development corpus (``../shared/corpus/scanned``) and of the seeds, one count table per document
so that a fit can leave a document out (:func:`without`). The proposer adds the editors' accepted
fixes (``memory.py``) to these counts: both feed ranking's learned-confusion term and the evidence of
the confidence model. Beside them the table keeps how often each letter and pair of letters occurs in
the Russian text the counts come from (``letters``, over ``characters`` characters): how often OCR *could*
have misread a letter, the denominator of the noisy-channel evidence (:mod:`correct.proposals.channel`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from correct.proposals.confusions import count_confusions

TABLE = Path(__file__).with_name("data") / "confusions.json"
SCHEMA = "workbench.confusions/2"


def per_document(fixes: Mapping[str, Iterable[tuple[str, str]]]) -> dict[str, Counter]:
    """Confusion counts "a>b" per document from its (wrong, fix) word pairs."""
    return {name: count_confusions(list(pairs)) for name, pairs in fixes.items()}


def write_table(path: Path, documents: Mapping[str, Counter], source: str, letters: Counter) -> None:
    """Write the per-document counts and the ``letters`` of their text (one and two letters, lower case;
    the empty string counts every character)."""
    data = {
        "schema": SCHEMA,
        "source": source,
        "letters": dict(sorted(letters.items())),
        "documents": {name: dict(sorted(c.items())) for name, c in sorted(documents.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@cache
def _read(path: Path = TABLE) -> dict:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: schema {data.get('schema')!r}, expected {SCHEMA!r}")
    return data


@cache
def _documents(path: Path = TABLE) -> dict[str, Counter]:
    return {name: Counter(counts) for name, counts in _read(path).get("documents", {}).items()}


@cache
def letter_counts(path: Path = TABLE) -> Counter:
    """How often each letter and pair of letters occurs in the text the counts were learned from ("" is
    the number of characters); empty without the table."""
    return Counter(_read(path).get("letters", {}))


def count_letters(texts: Iterable[str]) -> Counter:
    """Letters and pairs of letters of ``texts`` (lower case), and under "" their characters."""
    out: Counter = Counter()
    for text in texts:
        low = text.lower()
        out[""] += len(low)
        out.update(low)
        out.update(low[i : i + 2] for i in range(len(low) - 1))
    return out


def learned_confusions() -> Counter:
    """The counts of every document of the table together (what the workbench ships with)."""
    return without(())


def without(names: Iterable[str]) -> Counter:
    """The counts of the table leaving the documents ``names`` out (for leave-one-document-out fits)."""
    skip = set(names)
    total: Counter = Counter()
    for name, counts in _documents().items():
        if name not in skip:
            total.update(counts)
    return total
