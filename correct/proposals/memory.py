"""Correction memory: what editors accepted and rejected, kept in a JSON file between runs.

Decisions feed back into proposals: a rejected (original, suggestion) pair is
not proposed again in the same corpus; an accepted one adds its suggestion to a
corpus lexicon (a name the dictionaries lack becomes known and a candidate) and
its character edits to the confusion counts that ranking learns from.

API for the review app and other callers::

    learn(decisions, proposals, path)                           # editors' proposal decisions
    record_decision(path, original, suggestion, accepted=True)   # one decision, atomic write
    memory = load_memory(path)                                  # CorrectionMemory (empty if no file)

File format (``workbench.memory/1``)::

    {"schema": "workbench.memory/1",
     "accepted": [[original, suggestion, count], ...],
     "rejected": [[original, suggestion, count], ...]}

Lexicon words and confusion counts are derived from ``accepted`` on load, so the
file holds only decisions. Writes go to a temporary file renamed over the old one
under an exclusive lock, so concurrent writers never lose or corrupt a decision.
"""

from __future__ import annotations

import fcntl
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from align.atomic import write_text_atomic
from align.errors import InputError
from align.model import Action, Decision, Proposal, TargetKind
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


def record_decision(path: Path, original: str, suggestion: str, accepted: bool) -> CorrectionMemory:
    """Add one editor decision to the memory file (created if absent) and return the new memory.

    ``original`` is the OCR text, ``suggestion`` the text the editor saw proposed
    (for an edit, record the edited value as accepted and the proposal as rejected).
    """
    path = Path(path)
    key = (normalise(original), normalise(suggestion))
    with _locked(path):
        memory = load_memory(path)
        accepted_d, rejected_d = dict(memory.accepted), dict(memory.rejected)
        target = accepted_d if accepted else rejected_d
        target[key] = target.get(key, 0) + 1
        new = CorrectionMemory(accepted=accepted_d, rejected=rejected_d)
        _write_atomic(path, new)
    return new


def learn(decisions: Sequence[Decision], proposals: Iterable[Proposal], memory_path: Path | None) -> int:
    """Feed editors' proposal decisions to the memory; returns how many were recorded.

    Accepts teach the fix, rejects teach what not to propose again, and an edit
    teaches the editor's text while turning the proposal down (as ``record_decision``
    asks). Undo does not unlearn: the memory only counts, and one stray count is
    outweighed by later decisions.
    """
    if memory_path is None:
        return 0
    by_id = {p.id: p for p in proposals}
    recorded = 0
    for d in decisions:
        p = by_id.get(d.target) if d.target_kind == TargetKind.PROPOSAL else None
        if p is None:
            continue
        if d.action in (Action.ACCEPT, Action.EDIT):
            record_decision(memory_path, p.original, d.new or "", accepted=True)
        if d.action in (Action.REJECT, Action.EDIT):
            record_decision(memory_path, p.original, p.suggestion, accepted=False)
        recorded += 1
    return recorded


def _write_atomic(path: Path, memory: CorrectionMemory) -> None:
    data = {
        "schema": SCHEMA,
        "accepted": [[o, s, n] for (o, s), n in sorted(memory.accepted.items())],
        "rejected": [[o, s, n] for (o, s), n in sorted(memory.rejected.items())],
    }
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<path>.lock`` for one read-modify-write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
