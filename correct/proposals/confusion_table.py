"""Character confusions counted from data: how often OCR wrote ``a`` where the text has ``b``.

``data/confusions.json`` is written by ``benchmarks/learn_confusions.py`` from the gold OCR fixes of
the development corpus (``../shared/corpus/scanned``) and of the seeds, one count table per document
so that a fit can leave a document out (:func:`without`). The proposer adds the editors' accepted
fixes (``memory.py``) to these counts: both feed ranking's learned-confusion term and the evidence of
the confidence model.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from correct.proposals.confusions import count_confusions

TABLE = Path(__file__).with_name("data") / "confusions.json"
SCHEMA = "workbench.confusions/1"


def per_document(fixes: Mapping[str, Iterable[tuple[str, str]]]) -> dict[str, Counter]:
    """Confusion counts "a>b" per document from its (wrong, fix) word pairs."""
    return {name: count_confusions(list(pairs)) for name, pairs in fixes.items()}


def write_table(path: Path, documents: Mapping[str, Counter], source: str) -> None:
    data = {
        "schema": SCHEMA,
        "source": source,
        "documents": {name: dict(sorted(c.items())) for name, c in sorted(documents.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@cache
def _documents(path: Path = TABLE) -> dict[str, Counter]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: schema {data.get('schema')!r}, expected {SCHEMA!r}")
    return {name: Counter(counts) for name, counts in data["documents"].items()}


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
