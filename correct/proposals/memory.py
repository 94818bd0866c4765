"""Correction memory: what editors accepted and rejected, as the proposer uses it.

Decisions feed back into proposals: a rejected (original, suggestion) pair is
not proposed again in the same corpus; an accepted one adds its suggestion to a
corpus lexicon (a name the dictionaries lack becomes known and a candidate) and
its character edits to the confusion counts that ranking learns from.

The review store's decision log is the one record of decisions, and the memory is
derived from its current state (:mod:`correct.review.learning`). For runs without a
store, ``workbench memory export`` writes it to a file, read here::

    {"schema": "workbench.memory/1",
     "accepted": [[original, suggestion, count], ...],
     "rejected": [[original, suggestion, count], ...]}

Lexicon words and confusion counts are derived from ``accepted`` on load.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from align.atomic import write_text_atomic
from align.errors import InputError
from correct.proposals.confusions import count_confusions
from correct.proposals.tokens import normalise

SCHEMA = "workbench.memory/1"


@dataclass(frozen=True)
class CorrectionMemory:
    """Decisions so far, with what they teach: corpus words and confusion counts."""

    accepted: dict[tuple[str, str], int] = field(default_factory=dict)  # (original, suggestion) -> times
    rejected: dict[tuple[str, str], int] = field(default_factory=dict)

    def is_rejected(self, original: str, suggestion: str) -> bool:
        """An editor rejected this fix before (compared in lexicon form, case-insensitive)."""
        return (normalise(original), normalise(suggestion)) in self.rejected

    def corpus_words(self) -> Counter:
        """Words editors accepted as fixes: they extend the lexicon."""
        words: Counter = Counter()
        for (_, suggestion), n in self.accepted.items():
            for w in suggestion.split():
                words[w] += n
        return words

    def merged(self, other: CorrectionMemory) -> CorrectionMemory:
        """Both memories' counts added (a store's and a file's, say)."""
        return CorrectionMemory(
            accepted=dict(Counter(self.accepted) + Counter(other.accepted)),
            rejected=dict(Counter(self.rejected) + Counter(other.rejected)),
        )

    def sha256(self) -> str:
        """A digest of the content: batch results made with another memory are stale."""
        return hashlib.sha256(_to_json(self).encode()).hexdigest()

    def confusions(self) -> Counter:
        """Character confusion counts "a>b" learned from accepted fixes."""
        pairs = [pair for pair, n in self.accepted.items() for _ in range(n)]
        return count_confusions(pairs)


def load_memory(path: Path | None) -> CorrectionMemory:
    """The memory in ``path``; empty when path is None or the file does not exist yet."""
    if path is None or not Path(path).exists():
        return CorrectionMemory()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            raise ValueError(f"schema {data.get('schema')!r}, expected {SCHEMA!r}")
        return CorrectionMemory(
            accepted={(o, s): int(n) for o, s, n in data.get("accepted", ())},
            rejected={(o, s): int(n) for o, s, n in data.get("rejected", ())},
        )
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a correction memory file ({exc}); move it aside or fix it") from exc


@dataclass(frozen=True)
class FileMemory:
    """A memory file as a memory source, read afresh on each call (an absent file is an empty memory)."""

    path: Path

    def load(self) -> CorrectionMemory:
        return load_memory(self.path)


def write_memory(path: Path, memory: CorrectionMemory) -> Path:
    """Write the memory file atomically (a temporary file renamed over the old one)."""
    _write_atomic(Path(path), memory)
    return Path(path)


def _to_json(memory: CorrectionMemory) -> str:
    data = {
        "schema": SCHEMA,
        "accepted": [[o, s, n] for (o, s), n in sorted(memory.accepted.items())],
        "rejected": [[o, s, n] for (o, s), n in sorted(memory.rejected.items())],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _write_atomic(path: Path, memory: CorrectionMemory) -> None:
    write_text_atomic(path, _to_json(memory))
