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
from dataclasses import dataclass
from enum import StrEnum

from correct.proposals.channel import SCALE, channel_evidence
from correct.proposals.confusion_table import letter_counts
from correct.proposals.confusions import edit_ops, learned_bonus, typical_count


class CandidateSource(StrEnum):
    """Where a candidate fix came from: ranking weighs, and reasons explain, each differently."""

    LEXICON = "lexicon"  # a dictionary word near the token (SymSpell, one-edit forms)
    DOCUMENT = "document"  # a form the document itself uses often (names above all)
    ENGLISH = "english"  # a name or number of the linked English paragraph
    LOOKALIKE = "lookalike"  # Latin letters or digits read as the Cyrillic they resemble
    SPLIT = "split"  # two words run together, split
    JOIN = "join"  # a word broken by a space or letter-spaced, joined
    DELETE = "delete"  # a stray mark, deleted
    GRAMMAR = "grammar"  # another form or word that agreement rules ask for (grammar_errors.py)
    CASE = "case"  # the same word in the case its place in the sentence asks for (case_errors.py)


@dataclass(frozen=True)
class RankingConfig:
    """Weights of the ranking score and the confidence model.

    Score terms are in score units (one edit costs ``distance_weight``); confidence
    terms are probabilities added to the base before clipping.
    """

    # score lost per edit; checked leaving one document out (docs/ocr-proposals.md, "The noisy channel"):
    # right proposals at the threshold 0.522 / 0.531 / 0.530 for 1.5 / 2 / 2.5
    distance_weight: float = 2.0
    # score per Zipf unit of wordfreq frequency; checked the same way: 0.524 / 0.531 / 0.519 for
    # 0.25 / 0.35 / 0.5
    zipf_weight: float = 0.35
    # the document, English, learned, fit and misfit weights below were checked the same way (two values
    # around each): none does better than the value kept by more than 0.003 of the gold fixes (two
    # proposals), some do worse (docs/ocr-proposals.md)
    document_weight: float = 0.6  # score per doubling of the candidate's count in the document
    # a dictionary word's document counts mostly repeat what wordfreq says and over-rank frequent forms
    # (будет for буден): its document weight is divided by this
    dictionary_document_divisor: float = 3.0
    english_weight: float = 3.0  # score of matching a name or number of the linked English
    learned_weight: float = 1.0  # score per learned confusion (full weight at learned_full_factor x min)
    learned_min_count: int = 3  # accepted examples before a confusion affects ranking
    learned_full_factor: float = 4.0  # a confusion seen this many times learned_min_count weighs fully
    # score per nat of the noisy channel's log P(OCR word | fix) (channel.py): chosen on the scanned corpus,
    # leave one document out, refitting the confidence each time; right proposals at the threshold the rule
    # picks (precision 0.95): weight 0 0.496, 0.05 0.506, 0.1 0.531, 0.15 0.531, 0.2 0.522, 0.3 0.513,
    # 0.4 0.504 of the gold fixes. Of the two best, 0.1 keeps seed 000's judged precision (0.959; 0.948 at
    # 0.15: "Китал" -> "Китай" for "Китая") (docs/ocr-proposals.md, "The noisy channel")
    channel_weight: float = 0.1
    base_confidence: tuple[float, float, float] = (0.85, 0.62, 0.38)  # by edit distance 0, 1, 2+
    margin_bonus: float = 0.25  # added at a score margin of ``margin_scale`` over the runner-up
    margin_scale: float = 2.0  # score units: a margin this wide earns the whole margin_bonus
    tie_margin: float = 0.3  # score units: a best this close to its rival is a near tie, the editor chooses
    document_bonus: float = 0.15  # candidate frequent in the document
    document_min_count: int = 3  # occurrences in the document before it counts as frequent there
    english_bonus: float = 0.3  # candidate matches the English
    name_penalty: float = 0.25  # capitalised word the dictionaries lack, only lexicon evidence
    short_penalty: float = 0.15  # words of short_length letters or fewer (doubled for very_short_length)
    short_length: int = 3  # letters: a word this short has many dictionary neighbours
    very_short_length: int = 2  # letters: ... and this short, even more
    lookalike_bonus: float = 0.15  # Latin letters or digits inside a Russian word are an error for sure
    # added when the best fix is a typical OCR confusion and the runner-up is not (taken off in reverse)
    typical_bonus: float = 0.08
    rare_zipf: float = 3.0  # a lexicon-only fix rarer than this (Zipf) ...
    rare_penalty: float = 0.15  # ... for a word of rare_max_length letters or fewer loses this much
    rare_max_length: int = 8  # letters: longer words have few neighbours, a rare fix is still likely
    split_penalty: float = 0.1  # where a word boundary goes is less certain than a letter
    short_cap: float = 0.6  # most confidence for a short word with lexicon evidence only, or grammar alone
    fit_weight: float = 1.0  # score of agreeing with a neighbour (context.py)
    misfit_weight: float = 2.5  # score lost by breaking agreement: about one edit, a form rarely survives it
    fit_bonus: float = 0.08  # the best surely agrees (fit >= sure_fit) with a neighbour, the runner-up not
    sure_fit: float = 0.5  # share of the parses that must agree for the bonus
    inflection_penalty: float = 0.12  # a rival as near is another form of the same word: grammar must choose
    tie_score_gap: float = 1.0  # score units: a rival form further behind is no tie ("Ета" beside "Эта")
    used_bonus: float = 0.04  # per doubling of the count of a dictionary fix the document itself uses
    used_max_doublings: float = 3.0  # doublings used_bonus counts: at most 7 uses, then a form is common
    dominant_count: int = 20  # a document name this frequent is the document's subject ("Чжоу") ...
    dominant_bonus: float = 0.1  # ... so its garbled variants are more surely it
    misfit_penalty: float = 0.2  # the best breaks agreement with a neighbour
    min_confidence: float = 0.01  # confidence is clipped to [min, max]: the hand-set model is never
    max_confidence: float = 0.99  # certain either way


@dataclass(frozen=True)
class Candidate:
    """One possible fix of a suspect, with the evidence for it."""

    text: str  # replacement text, in the original's case pattern
    distance: int  # edits from the original (lexicon form)
    zipf: float = 0.0  # wordfreq frequency of the fix
    doc_count: int = 0  # times the fix occurs in the document
    english: str | None = None  # the English word or number that supports it
    sources: frozenset[CandidateSource] = frozenset()  # every source that proposed this text
    note: str = ""  # extra reason from its source
    lemmas: frozenset[str] = frozenset()  # dictionary lemmas (context.lemmas), for inflection ties
    fit: float = 0.0  # grammatical fit with the neighbours (context.py): (0, 1] agrees, -1 breaks, 0 unknown


Ranked = list[tuple[Candidate, float]]  # candidates with their scores, best first


def score(c: Candidate, original: str, config: RankingConfig, learned: Mapping[str, int]) -> float:
    """Ranking score of a candidate (higher is better)."""
    s = -config.distance_weight * c.distance + config.zipf_weight * c.zipf
    # the document's counts are evidence for its own (name) forms, less so for dictionary words
    weight = (
        config.document_weight
        if CandidateSource.DOCUMENT in c.sources
        else config.document_weight / config.dictionary_document_divisor
    )
    s += weight * math.log2(1 + c.doc_count)
    if c.english:
        s += config.english_weight
    s += config.fit_weight * c.fit if c.fit > 0 else config.misfit_weight * c.fit
    ops = edit_ops(original, c.text)  # once, for the learned bonus and the channel
    s += config.learned_weight * learned_bonus(
        ops, learned, config.learned_min_count, full_at=config.learned_full_factor
    )
    if config.channel_weight:  # how likely OCR was to garble the fix into the original
        channel = channel_evidence(original, c.text, learned, letter_counts(), ops)
        s += config.channel_weight * SCALE * channel
    return s


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per text (case-insensitive), pooling their evidence."""
    by_text: dict[str, Candidate] = {}
    for c in candidates:
        key = c.text.lower().replace("ё", "е")  # "ведёт" and "ведет" are one candidate
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
            lemmas=old.lemmas | c.lemmas,
            fit=max(old.fit, c.fit),
        )
    return list(by_text.values())


def rank(
    candidates: list[Candidate], original: str, config: RankingConfig, learned: Mapping[str, int]
) -> Ranked:
    """Candidates with scores, best first."""
    scored = [(c, score(c, original, config, learned)) for c in merge(candidates)]
    return sorted(scored, key=lambda cs: -cs[1])


def confidence(ranked: Ranked, original: str, name_like: bool, config: RankingConfig) -> float:
    """How likely the best candidate is the right fix, in [min_confidence, max_confidence].

    ``name_like``: the original is capitalised inside a sentence and unknown, so it may
    be a name the dictionaries lack. The terms are applied in a fixed order (caps come
    after the bonuses they limit).
    """
    p = _evidence_confidence(ranked, original, config)
    p += _context_adjustment(ranked, original, config)
    p = _doubt_adjustment(p, ranked[0][0], original, name_like, config)
    return round(max(config.min_confidence, min(config.max_confidence, p)), 3)


def _evidence_confidence(ranked: Ranked, original: str, config: RankingConfig) -> float:
    """Base by edit distance, the margin over the rivals, and the bonuses of independent evidence."""
    best, best_score = ranked[0]
    base = config.base_confidence[min(best.distance, len(config.base_confidence) - 1)]
    # rivals that break agreement are no rivals, but their low scores must not inflate the margin either
    rivals = [s for c, s in ranked[1:] if c.fit >= 0] if best.fit >= 0 else [s for _, s in ranked[1:]]
    margin = best_score - rivals[0] if rivals else config.margin_scale
    p = base + config.margin_bonus * max(0.0, min(1.0, margin / config.margin_scale))
    if rivals and margin < config.tie_margin:
        p -= config.margin_bonus  # a near tie: the editor should choose
    if best.doc_count >= config.document_min_count and CandidateSource.DOCUMENT in best.sources:
        p += config.document_bonus
        if best.doc_count >= config.dominant_count:
            p += config.dominant_bonus
    if best.english:
        p += config.english_bonus
    if CandidateSource.LOOKALIKE in best.sources:
        p += config.lookalike_bonus
    p += config.typical_bonus * typical_edge(ranked, original)
    return p


def _doubt_adjustment(
    p: float, best: Candidate, original: str, name_like: bool, config: RankingConfig
) -> float:
    """``p`` lowered, or capped, where the evidence for ``best`` is thin: a possible name, a rare or
    short word with only the lexicon for it, grammar alone, a split."""
    if name_like and not best.english and CandidateSource.DOCUMENT not in best.sources:
        p -= config.name_penalty
    lexicon_only = (
        best.sources == {CandidateSource.LEXICON} and not best.doc_count and best.zipf < config.rare_zipf
    )
    if lexicon_only and len(original) <= config.rare_max_length and not is_typical(best, original):
        p -= config.rare_penalty  # short, rare fix, nothing else for it: many such words exist
    if best.sources == {CandidateSource.GRAMMAR} and best.fit <= 0 and not is_typical(best, original):
        # only grammar says the original is wrong, nothing says this is the right word ("из можем")
        p = min(p, config.short_cap)
    if CandidateSource.SPLIT in best.sources:
        p -= config.split_penalty
    if len(original) <= config.short_length and best.sources & {
        CandidateSource.LEXICON,
        CandidateSource.DOCUMENT,
    }:
        p -= config.short_penalty * (2 if len(original) <= config.very_short_length else 1)
        if not best.english and not best.sources & {CandidateSource.DOCUMENT, CandidateSource.LOOKALIKE}:
            p = min(p, config.short_cap)  # short words have too many neighbours for a sure fix
    return p


def _context_adjustment(ranked: Ranked, original: str, config: RankingConfig) -> float:
    """Confidence from the neighbours (grammatical fit, inflection ties) and the document's own use."""
    best, p = ranked[0][0], 0.0
    if best.fit >= config.sure_fit and (len(ranked) == 1 or ranked[1][0].fit < config.sure_fit):
        p += config.fit_bonus
    elif best.fit < 0:
        p -= config.misfit_penalty
    if inflection_tie(ranked, original, config):
        p -= config.inflection_penalty
    elif best.doc_count and CandidateSource.LEXICON in best.sources and best.fit >= 0:
        p += config.used_bonus * min(config.used_max_doublings, math.log2(1 + best.doc_count))
    return p


def inflection_tie(ranked: Ranked, original: str, config: RankingConfig) -> bool:
    """Another form of the best's word is as near ("вопросо": вопрос / вопроса) and neither grammar nor
    a typical confusion ("кадри": и->ы) settled it: the ending is a guess, however frequent the form."""
    best = ranked[0][0]
    if not best.lemmas:
        return False
    best_typical = is_typical(best, original)
    best_score = ranked[0][1]
    return any(
        c.lemmas & best.lemmas and (not best_typical or is_typical(c, original))
        for c, s in ranked[1:]
        if c.fit >= 0
        and c.distance <= best.distance
        and s > best_score - config.tie_score_gap
        and not (best.fit >= config.sure_fit and c.fit <= 0)  # a rival form that fits at all still ties
    )


def typical_edge(ranked: Ranked, original: str) -> int:
    """+1 when only the best candidate is explained by typical confusions, -1 when only the runner-up is."""
    if len(ranked) < 2:
        return 0
    return int(is_typical(ranked[0][0], original)) - int(is_typical(ranked[1][0], original))


def is_typical(c: Candidate, original: str) -> bool:
    """Every edit from the original to the candidate is a typical OCR confusion."""
    ops = edit_ops(original, c.text)
    return bool(ops) and typical_count(ops) == len(ops)
