"""Proposals for a whole document: detect suspects, gather candidates, rank, keep the confident.

Pure: takes the loaded lexicon and the memory as values. ``Corrector`` in
``__init__`` owns loading them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from align.model import Link, Proposal, Segment
from correct.proposals.candidates import (
    capital_candidates,
    document_candidates,
    english_candidates,
    english_supports,
    lexicon_candidates,
    lookalike_candidates,
    number_candidates,
    split_candidates,
)
from correct.proposals.context import capital_misfit, grammar_fit, lemmas, neighbours
from correct.proposals.detect import Suspect, broken_pairs, letter_spaced, stray_symbols, token_kind
from correct.proposals.document_vocab import DocumentVocabulary, VocabularyConfig
from correct.proposals.english_evidence import EnglishEvidence, english_for_segments
from correct.proposals.grammar_errors import (
    agreement_candidates,
    governors,
    preposition_candidates,
    pronoun_candidates,
)
from correct.proposals.lexicon import Lexicon
from correct.proposals.memory import CorrectionMemory
from correct.proposals.overlap import non_overlapping
from correct.proposals.ranking import Candidate, RankingConfig, confidence, rank, reasons
from correct.proposals.tokens import Token, normalise, tokenize

PRODUCER = "ocr_proposals.v2"  # v2: grammatical context (context.py, grammar_errors.py)


@dataclass(frozen=True)
class ProposerSettings:
    """What ``propose_document`` needs besides the data (a part of ProposalConfig)."""

    vocabulary: VocabularyConfig = field(default_factory=VocabularyConfig)
    ranking: RankingConfig = field(default_factory=RankingConfig)
    min_emit: float = 0.2  # proposals below this confidence are not emitted at all
    max_alternatives: int = 4  # alternatives shown beside the suggestion


def propose_document(
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    lexicon: Lexicon,
    memory: CorrectionMemory,
    settings: ProposerSettings,
) -> tuple[Proposal, ...]:
    """Every proposal for the Russian segments: segments in order, best first within each."""
    tokens = {seg.id: tokenize(seg.text) for seg in ru}
    vocab = DocumentVocabulary.build(t for toks in tokens.values() for t in toks)
    english = english_for_segments(ru, en, links)
    learned = memory.confusions()
    out: list[Proposal] = []
    for seg in ru:
        props = propose_segment(
            seg, tokens[seg.id], lexicon, vocab, english.get(seg.id), memory, learned, settings
        )
        out.extend(sorted(props, key=lambda p: -p.confidence))
    return tuple(out)


def propose_segment(
    seg: Segment,
    tokens: tuple[Token, ...],
    lexicon: Lexicon,
    vocab: DocumentVocabulary,
    evidence: EnglishEvidence | None,
    memory: CorrectionMemory,
    learned: Mapping[str, int],
    settings: ProposerSettings,
) -> list[Proposal]:
    """Non-overlapping proposals of one segment (the more confident wins an overlap)."""
    found = _layout_proposals(seg, tokens, lexicon, memory, learned, settings)
    numbers = {t.text for t in tokens if t.text.isdigit()}
    for i, tok in enumerate(tokens):
        kind = token_kind(tok, seg.text, lexicon, vocab, settings.vocabulary)
        capital = capital_candidates(tok, lexicon, vocab, settings.vocabulary.min_count)
        if capital:
            suspect = Suspect("capital", (tok,))
            found.extend(_proposals(seg, suspect, capital, False, memory, learned, settings))
            continue
        if kind is None:
            found.extend(_grammar_proposals(seg, tokens, i, lexicon, vocab, memory, learned, settings))
        if kind is None or (kind != "number" and english_supports(tok, evidence)):
            continue
        cands = _candidates(kind, tok, lexicon, vocab, evidence, numbers, settings)
        start = _sentence_start(seg.text, tok)
        name_like = tok.is_capitalised and not lexicon.is_known(tok.norm) and not start
        cands = _in_context(cands, seg.text, tokens, i, start, lexicon, vocab)
        found.extend(_proposals(seg, Suspect(kind, (tok,)), cands, name_like, memory, learned, settings))
    return non_overlapping(found)


def _layout_proposals(seg, tokens, lexicon, memory, learned, settings) -> list[Proposal]:
    """Words broken by a space or hyphen, letter-spaced words and stray marks."""
    found: list[Proposal] = []
    for suspect, joined in broken_pairs(seg.text, tokens, lexicon):
        cand = Candidate(
            joined,
            1,
            zipf=lexicon.zipf(joined.lower()),
            sources=frozenset({"join"}),
            note="a word broken by a space or hyphen",
        )
        found.extend(_proposals(seg, suspect, [cand], False, memory, learned, settings))
    for start, end, joined in letter_spaced(seg.text):
        spaced = Suspect("spaced", (Token(start, end, seg.text[start:end]),))
        known = lexicon.is_known(joined.lower(), capitalised=True)
        cand = Candidate(
            joined, 0 if known else 1, sources=frozenset({"join"}), note="letter-spaced word joined"
        )
        found.extend(_proposals(seg, spaced, [cand], False, memory, learned, settings))
    for start, end in stray_symbols(seg.text):
        stray = Suspect("stray", (Token(start, end, seg.text[start:end]),))
        cand = Candidate("", 0, sources=frozenset({"delete"}), note="a mark no typescript has (scan noise)")
        found.extend(_proposals(seg, stray, [cand], False, memory, learned, settings))
    return found


def _grammar_proposals(seg, tokens, i, lexicon, vocab, memory, learned, settings) -> list[Proposal]:
    """Real-word errors grammar exposes (grammar_errors.py): a wrong form, a garbled pronoun."""
    tok = tokens[i]
    cands = pronoun_candidates(tok, seg.text, tokens, i, lexicon)
    kind = "pronoun"
    if not cands:
        cands, kind = preposition_candidates(tok, seg.text, tokens, i, lexicon), "preposition"
    if not cands and (not tok.is_capitalised or _sentence_start(seg.text, tok)):  # names may not decline
        cands = agreement_candidates(tok, governors(seg.text, tokens, i, lexicon), lexicon, vocab)
        kind = "agreement"
    if not cands:
        return []
    return _proposals(seg, Suspect(kind, (tok,)), cands, False, memory, learned, settings)


def _in_context(cands, text, tokens, i, start, lexicon, vocab) -> list[Candidate]:
    """Candidates with their fit to the neighbouring words and the token's capitals, and their lemmas."""
    around = neighbours(text, tokens, i, i, lexicon)
    out = []
    for c in cands:
        usual = vocab.spelling.get(normalise(c.text))
        misfit = capital_misfit(tokens[i].text, c.text, start, lexicon, usual)
        fit = -1.0 if misfit else grammar_fit(c.text, around, lexicon)
        out.append(replace(c, fit=fit, lemmas=lemmas(c.text, lexicon)))
    return out


def _candidates(kind, tok, lexicon, vocab, evidence, numbers, settings) -> list[Candidate]:
    if kind == "number":
        return number_candidates(tok, evidence, numbers, vocab)
    if kind == "lookalike":
        return lookalike_candidates(tok, lexicon, vocab)
    cands = document_candidates(tok, lexicon, vocab, settings.vocabulary)
    cands += english_candidates(tok, evidence, vocab)
    if kind == "unknown":
        cands += lexicon_candidates(tok, lexicon, vocab)
        if not any(c.distance <= 1 for c in cands):
            cands += split_candidates(tok, lexicon)
    return cands


def _proposals(seg, suspect: Suspect, cands, name_like, memory, learned, settings) -> list[Proposal]:
    original = seg.text[suspect.start : suspect.end]
    cands = [c for c in cands if c.text != original and not memory.is_rejected(original, c.text)]
    if not cands:
        return []
    ranked = rank(cands, original, settings.ranking, learned)
    conf = confidence(ranked, original, name_like, settings.ranking)
    if conf < settings.min_emit:
        return []
    best = ranked[0][0]
    return [
        Proposal(
            id=f"{seg.id}:{suspect.start}:{original}",
            segment=seg.id,
            start=suspect.start,
            end=suspect.end,
            original=original,
            suggestion=best.text,
            alternatives=tuple(c.text for c, _ in ranked[1 : 1 + settings.max_alternatives]),
            confidence=conf,
            reasons=(f"{suspect.kind}: " + _kind_reason(suspect.kind), *reasons(best, original, learned)),
            producer=PRODUCER,
        )
    ]


def _sentence_start(text: str, tok: Token) -> bool:
    """The token opens a sentence (so a capital says nothing about it being a name)."""
    before = text[: tok.start].rstrip(' "«(')
    return not before or before[-1] in ".!?:;\n"


def _kind_reason(kind: str) -> str:
    return {
        "unknown": "not a known Russian word",
        "variant": "rare variant of a frequent name of this document",
        "name": "a name that the English or the document spells otherwise",
        "lookalike": "Latin letters or digits inside a Russian word",
        "broken": "word broken in two",
        "number": "number absent from the English",
        "spaced": "letter-spaced word",
        "stray": "stray symbol",
        "capital": "a name in lower case",
        "agreement": "a known word that breaks grammatical agreement with its neighbour",
        "pronoun": "a short word that is no function word, before a verb",
        "preposition": "a preposition before a word it cannot govern",
    }[kind]
