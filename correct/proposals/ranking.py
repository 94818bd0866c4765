"""Rank the candidate fixes of a suspect and say how sure we are.

Ranking is edit distance first, then frequency (wordfreq), then the document's
own counts and the English: on the seeds distance-then-frequency gave 67 % top-1
and adding document words 75 %. A flat cheap cost for "confusable" letters made
ranking worse, so typical confusions only explain; confusions learned from
accepted corrections (memory) do lower the cost once seen often enough.

Confidence is a hand-set additive model, clipped to [0.01, 0.99]: distance sets the
base, a clear margin over the runner-up and independent evidence (document,
English) raise it, capitalised words the dictionaries lack (possible names) and
very short words lower it. Its default threshold was chosen on the development
seeds for precision >= 0.9 (see docs/ocr-proposals.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from correct.proposals.confusions import describe_ops, edit_ops, learned_bonus, typical_count


@dataclass(frozen=True)
class RankingConfig:
    """Weights of the ranking score and the confidence model."""

    distance_weight: float = 2.0  # score lost per edit
    zipf_weight: float = 0.35  # score per Zipf unit of wordfreq frequency
    document_weight: float = 0.6  # score per doubling of the candidate's count in the document
    english_weight: float = 3.0  # score of matching a name or number of the linked English
    learned_weight: float = 1.0  # score per learned confusion (full weight at 4x learned_min_count)
    learned_min_count: int = 3  # accepted examples before a confusion affects ranking
    base_confidence: tuple[float, float, float] = (0.85, 0.62, 0.38)  # by edit distance 0, 1, 2+
    margin_bonus: float = 0.25  # added at a score margin of ``margin_scale`` over the runner-up
    margin_scale: float = 2.0
    document_bonus: float = 0.15  # candidate frequent in the document
    english_bonus: float = 0.3  # candidate matches the English
    name_penalty: float = 0.25  # capitalised word the dictionaries lack, only lexicon evidence
    short_penalty: float = 0.15  # words of 3 letters or fewer (doubled for 2 letters)
    lookalike_bonus: float = 0.15  # Latin letters or digits inside a Russian word are an error for sure
    typical_bonus: float = (
        0.08  # best fix is a typical OCR confusion and the runner-up is not (or vice versa)
    )
    rare_zipf: float = 3.0  # a lexicon-only fix rarer than this (Zipf) ...
    rare_penalty: float = 0.15  # ... for a word of 8 letters or fewer loses this much
    split_penalty: float = 0.1  # where a word boundary goes is less certain than a letter
    short_cap: float = 0.6  # most confidence for a short word with lexicon evidence only


@dataclass(frozen=True)
class Candidate:
    """One possible fix of a suspect, with the evidence for it."""

    text: str  # replacement text, in the original's case pattern
    distance: int  # edits from the original (lexicon form)
    zipf: float = 0.0  # wordfreq frequency of the fix
    doc_count: int = 0  # times the fix occurs in the document
    english: str | None = None  # the English word or number that supports it
    sources: frozenset[str] = field(
        default_factory=frozenset
    )  # lexicon | document | english | lookalike | ...
    note: str = ""  # extra reason from its source


def score(c: Candidate, original: str, config: RankingConfig, learned: Mapping[str, int]) -> float:
    """Ranking score of a candidate (higher is better)."""
    s = -config.distance_weight * c.distance + config.zipf_weight * c.zipf
    # the document's counts are evidence for its own (name) forms; for dictionary words they
    # mostly repeat what wordfreq says and over-rank frequent forms (будет for буден)
    weight = config.document_weight if "document" in c.sources else config.document_weight / 3
    s += weight * math.log2(1 + c.doc_count)
    if c.english:
        s += config.english_weight
    s += config.learned_weight * learned_bonus(edit_ops(original, c.text), learned, config.learned_min_count)
    return s


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per text (case-insensitive), pooling their evidence."""
    by_text: dict[str, Candidate] = {}
    for c in candidates:
        key = c.text.lower()
        old = by_text.get(key)
        if old is None:
            by_text[key] = c
            continue
        by_text[key] = Candidate(
            text=old.text if old.text[:1].isupper() or not c.text[:1].isupper() else c.text,
            distance=min(old.distance, c.distance),
            zipf=max(old.zipf, c.zipf),
            doc_count=max(old.doc_count, c.doc_count),
            english=old.english or c.english,
            sources=old.sources | c.sources,
            note=old.note or c.note,
        )
    return list(by_text.values())


def rank(
    candidates: list[Candidate], original: str, config: RankingConfig, learned: Mapping[str, int]
) -> list[tuple[Candidate, float]]:
    """Candidates with scores, best first."""
    scored = [(c, score(c, original, config, learned)) for c in merge(candidates)]
    return sorted(scored, key=lambda cs: -cs[1])


def confidence(
    ranked: list[tuple[Candidate, float]], original: str, name_like: bool, config: RankingConfig
) -> float:
    """How likely the best candidate is the right fix, in [0.01, 0.99]."""
    best, best_score = ranked[0]
    base = config.base_confidence[min(best.distance, len(config.base_confidence) - 1)]
    margin = best_score - ranked[1][1] if len(ranked) > 1 else config.margin_scale
    p = base + config.margin_bonus * max(0.0, min(1.0, margin / config.margin_scale))
    if len(ranked) > 1 and margin < 0.3:
        p -= config.margin_bonus  # a near tie: the editor should choose
    if best.doc_count >= 3 and "document" in best.sources:
        p += config.document_bonus
    if best.english:
        p += config.english_bonus
    if "lookalike" in best.sources:
        p += config.lookalike_bonus
    p += config.typical_bonus * _typical_edge(ranked, original)
    if name_like and not best.english and "document" not in best.sources:
        p -= config.name_penalty
    lexicon_only = best.sources == {"lexicon"} and not best.doc_count and best.zipf < config.rare_zipf
    if lexicon_only and len(original) <= 8 and not _is_typical(best, original):
        p -= config.rare_penalty  # short, rare fix, nothing else for it: many such words exist
    if "split" in best.sources:
        p -= config.split_penalty
    if len(original) <= 3 and best.sources & {"lexicon", "document"}:
        p -= config.short_penalty * (2 if len(original) <= 2 else 1)
        if not best.english and not best.sources & {"document", "lookalike"}:
            p = min(p, config.short_cap)  # short words have too many neighbours for a sure fix
    return round(max(0.01, min(0.99, p)), 3)


def _typical_edge(ranked: list[tuple[Candidate, float]], original: str) -> int:
    """+1 when only the best candidate is explained by typical confusions, -1 when only the runner-up is."""
    if len(ranked) < 2:
        return 0
    return int(_is_typical(ranked[0][0], original)) - int(_is_typical(ranked[1][0], original))


def _is_typical(c: Candidate, original: str) -> bool:
    """Every edit from the original to the candidate is a typical OCR confusion."""
    ops = edit_ops(original, c.text)
    return bool(ops) and typical_count(ops) == len(ops)


def reasons(best: Candidate, original: str, learned: Mapping[str, int]) -> tuple[str, ...]:
    """Human-readable reasons for the best candidate."""
    out = []
    if best.note:
        out.append(best.note)
    ops = edit_ops(original, best.text)
    if ops and best.sources & {"lexicon", "document", "english", "lookalike"}:
        known = "known word" if best.sources & {"lexicon", "lookalike"} else "document word"
        if best.sources == {"english"}:
            known = "name in the English"
        out.append(f"{known}, {describe_ops(ops, learned)}")
    if best.doc_count:
        out.append(f"'{best.text}' occurs {best.doc_count} times in this document")
    if best.english:
        out.append(f"matches '{best.english}' in the English")
    if typical_count(ops) == 0 and ops and not best.english and not best.doc_count:
        out.append("no typical OCR confusion involved")
    return tuple(out)
