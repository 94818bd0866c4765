"""Proposals for a whole document: its resources built once, its segments' proposals, overlaps resolved.

Pure: takes the loaded lexicon and the memory as values (``Corrector`` in ``__init__`` owns loading
them). The per-token work is :func:`correct.proposals.proposer.segment_found`; a large document's
tokens are cut into parts run on several cores (:mod:`correct.proposals.parallel`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from align.model import Link, Proposal, Segment
from correct.proposals.case_errors import continued_segments
from correct.proposals.document_vocab import DocumentVocabulary
from correct.proposals.english_windows import EnglishWindows
from correct.proposals.evidence import with_meaning
from correct.proposals.lexicon import Lexicon
from correct.proposals.meaning import Encode, meaning_reason, meaning_shifts
from correct.proposals.memory import CorrectionMemory
from correct.proposals.number_evidence import ENGLISH_ONLY
from correct.proposals.overlap import non_overlapping
from correct.proposals.parallel import PARALLEL_MIN_CHARS, run_parts, token_parts
from correct.proposals.proposer import Scored, segment_found
from correct.proposals.settings import DocumentResources, ProposerSettings
from correct.proposals.short_confusions import substitutions
from correct.proposals.tokens import Token, tokenize


def propose_document(
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    *,
    lexicon: Lexicon,
    memory: CorrectionMemory,
    settings: ProposerSettings,
    processes: int = 1,
    encode: Encode | None = None,
) -> tuple[Proposal, ...]:
    """Every proposal for the Russian segments: segments in order, best first within each.

    ``links`` tie Russian to English segments: a linked English paragraph is evidence
    for names and numbers, and with ``encode`` (the encoder the confidence was fitted with) for the
    meaning of any fix (:mod:`correct.proposals.meaning`).
    """
    scored = propose_with_evidence(
        ru, en, links, lexicon=lexicon, memory=memory, settings=settings, processes=processes, encode=encode
    )
    return tuple(p for p, _ in scored)


def propose_with_evidence(
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    *,
    lexicon: Lexicon,
    memory: CorrectionMemory,
    settings: ProposerSettings,
    processes: int = 1,
    encode: Encode | None = None,
) -> list[Scored]:
    """:func:`propose_document` with each proposal's evidence vector (for fitting the confidence).

    ``processes``: cores to use; a document of more than ``PARALLEL_MIN_CHARS`` Russian characters
    is cut into that many parts of equal token counts (:mod:`correct.proposals.parallel`). With
    ``encode`` every suspect's proposal is made first, its meaning evidence added and its confidence
    recomputed; then those below ``min_emit`` are dropped and overlaps resolved. Without it a proposal
    below ``min_emit`` is dropped as soon as it is made.
    """
    counts: list[int] = []  # tokens per segment; the tokens themselves are made again per part
    vocab = DocumentVocabulary.build(t for seg in ru for t in _counted(tokenize(seg.text), counts))
    learned = memory.confusions() + Counter(settings.confusions)
    # with the meaning to come, a proposal is dropped below min_emit only once it is known
    inner = replace(settings, min_emit=0.0) if encode is not None else settings
    continued = continued_segments(ru, links)
    resources = DocumentResources(lexicon, vocab, memory, learned, inner, substitutions(learned), continued)
    large = sum(len(seg.text) for seg in ru) > PARALLEL_MIN_CHARS
    parts = token_parts(counts, processes if large else 1)

    def work(part: int) -> list[tuple[int, list[Scored]]]:
        # English evidence and tokens are made as each segment comes and dropped after: a 30 MB
        # document's tokens (0.3 GiB) and linked English (0.45 GiB) are never all held at once
        english = EnglishWindows(ru, en, links)
        return [
            (k, segment_found(ru[k], tokenize(ru[k].text), english.get(ru[k].id), resources, (lo, hi)))
            for k, lo, hi in parts[part]
        ]

    found: list[list[Scored]] = [[] for _ in ru]
    for part in run_parts(work, len(parts), processes):
        for k, scored in part:
            found[k].extend(scored)
    if encode is not None:
        shifts = meaning_shifts([p for scored in found for p, _ in scored], ru, en, links, encode)
        found = _with_meaning(found, shifts, settings)
    out: list[Scored] = []
    for scored in found:
        emitted = [(p, v) for p, v in scored if p.confidence >= settings.min_emit]
        values = {id(p): v for p, v in emitted}
        kept = [(p, values[id(p)]) for p in non_overlapping(p for p, _ in emitted)]
        out.extend(sorted(kept, key=lambda pe: -pe[0].confidence))
    return out


def _with_meaning(
    found: list[list[Scored]], meaning: Sequence[float | None], settings: ProposerSettings
) -> list[list[Scored]]:
    """Every proposal with its ``meaning`` evidence (one per proposal, in order), and the fitted
    confidence recomputed from it (the hand-set one, ``confidence=None``, does not read it); a number
    fix from the English alone stays capped (``number_evidence.english_only_cap``). A clear shift is told
    in the reasons, so that the editor sees why the English moved the confidence."""
    shifts = iter(meaning)
    out = []
    for scored in found:
        again = []
        for p, v in scored:
            shift = next(shifts)
            values = with_meaning(v, shift)
            told = meaning_reason(shift)
            p = replace(p, reasons=(*p.reasons, told)) if told else p
            if settings.confidence is not None:
                conf = round(settings.confidence.probability(values), 3)
                if ENGLISH_ONLY in p.reasons:
                    conf = min(conf, settings.english_number_cap)
                p = replace(p, confidence=conf)
            again.append((p, values))
        out.append(again)
    return out


def _counted(tokens: Sequence[Token], counts: list[int]) -> Iterator[Token]:
    """The tokens, their number appended to ``counts``."""
    counts.append(len(tokens))
    yield from tokens
