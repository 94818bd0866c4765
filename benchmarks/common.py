"""Helpers shared by the benchmarks: the seeds, their gold files, and the gold alignment score.

Gold alignment score (``../shared/gold/README.md``): gold links are pairs
(English snippet, Russian snippet); an aligned pair of the system links every
gold English snippet in its English paragraphs to every gold Russian snippet
in its Russian paragraphs. Snippets are placed by position, not by text, so
the score does not depend on cleaning or segmentation: each snippet is found
in the raw input (whitespace ignored) and belongs to the segment that holds
its last character (a snippet that starts with the tail of the previous
paragraph, to be unique, names the paragraph where it ends).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.model import Link, Segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"
SPACE = re.compile(r"\s+")


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def load_gold(stem: str) -> dict | None:
    """The gold JSON of a seed, or None when ``../shared/gold`` is not beside the repo."""
    path = GOLD / f"{stem}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    true_positives: int
    system_links: int
    gold_links: int


def gold_links(gold: dict) -> set[tuple[str, str]]:
    """(English snippet, Russian snippet) of every gold link."""
    return {(entry["en"], ru) for entry in gold["links"] for ru in entry["ru"]}


def squeezed_text(raw: str) -> tuple[str, list[int]]:
    """``raw`` without whitespace, and the raw offset of each kept character."""
    keep = [k for k, ch in enumerate(raw) if not ch.isspace()]
    return "".join(raw[k] for k in keep), keep


def place_snippets(snippets: Iterable[str], raw: str, segments: Sequence[Segment]) -> dict[str, str]:
    """Snippet -> id of the segment holding its last character (snippets found nowhere are left out).

    When a snippet occurs several times in ``raw``, the occurrence inside this
    language's segments is taken.
    """
    squeezed, keep = squeezed_text(raw)
    spans = sorted((s.start, s.end, s.id) for s in segments)
    placed: dict[str, str] = {}
    for snippet in snippets:
        needle = SPACE.sub("", snippet)
        at = squeezed.find(needle)
        while at >= 0:
            last = keep[at + len(needle) - 1]
            owner = next((sid for start, end, sid in spans if start <= last < end), None)
            if owner is not None:
                placed[snippet] = owner
                break
            at = squeezed.find(needle, at + 1)
    return placed


def snippets_by_segment(
    snippets: Iterable[str], raw: str, segments: Sequence[Segment]
) -> dict[str, list[str]]:
    """Segment id -> the snippets placed in it (:func:`place_snippets` turned around)."""
    held: dict[str, list[str]] = {}
    for snippet, sid in place_snippets(snippets, raw, segments).items():
        held.setdefault(sid, []).append(snippet)
    return held


NOTHING = ""  # the other end of a pair for a snippet left unmatched (``count_unmatched``)


def alignment_score(
    links: Sequence[Link],
    ru: Sequence[Segment],
    en: Sequence[Segment],
    raw: dict[str, str],
    gold: dict,
    *,
    count_unmatched: bool = False,
) -> Score:
    """Link precision, recall and F1 of ``links`` against ``gold``; ``raw``: decoded input by language.

    ``count_unmatched``: also score what should stay unmatched. The gold scorer places only snippets
    with a counterpart, so a Russian paragraph without one may be glued to a neighbour at no cost;
    counted, every snippet left alone makes the pair (snippet, nothing) and one glued into a matched
    link a wrong pair with each snippet of the other side (the objective the aligner is fitted on).
    """
    truth = gold_links(gold)
    ru_only = set(gold.get("ru_only", ())) if count_unmatched else set()
    if count_unmatched:
        truth |= {(e["en"], NOTHING) for e in gold["links"] if not e["ru"]} | {(NOTHING, r) for r in ru_only}
    ru_in = snippets_by_segment({r for _, r in truth if r} | ru_only, raw["ru"], ru)
    en_in = snippets_by_segment({e["en"] for e in gold["links"]}, raw["en"], en)
    alone = [NOTHING] if count_unmatched else []
    system: set[tuple[str, str]] = set()
    for link in links:
        en_snips = [s for sid in link.en for s in en_in.get(sid, ())] or alone
        ru_snips = [s for sid in link.ru for s in ru_in.get(sid, ())] or alone
        system.update((e, r) for e in en_snips for r in ru_snips if e or r)
    hits = len(system & truth)
    precision = hits / len(system) if system else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, hits, len(system), len(truth))


def raw_texts(source: dict[str, str], encoding: dict[str, str]) -> dict[str, str]:
    """The decoded input per language, as the segments' offsets index it."""
    out = {}
    for lang, path in source.items():
        out[lang] = Path(path).read_bytes().decode(encoding.get(path, "utf-8"))
    return out
