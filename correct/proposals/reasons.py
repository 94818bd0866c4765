"""Human-readable reasons for a proposal's suggestion: what the editor weighs before accepting it.

Each reason names a piece of evidence the ranking used (a dictionary or document
word and the edits to it, the document's count, the English, agreement), so an
editor can check it rather than trust a number.
"""

from __future__ import annotations

from collections.abc import Mapping

from correct.proposals.confusions import describe_ops, edit_ops, typical_count
from correct.proposals.detect import SuspectKind
from correct.proposals.ranking import Candidate, CandidateSource, RankingConfig

# The first reason of every proposal: what made its span suspect.
KIND_REASONS: dict[SuspectKind, str] = {
    SuspectKind.UNKNOWN: "not a known Russian word",
    SuspectKind.VARIANT: "rare variant of a frequent name of this document",
    SuspectKind.NAME: "a name that the English or the document spells otherwise",
    SuspectKind.LOOKALIKE: "Latin letters or digits inside a Russian word",
    SuspectKind.BROKEN: "word broken in two",
    SuspectKind.NUMBER: "number absent from the English",
    SuspectKind.SPACED: "letter-spaced word",
    SuspectKind.STRAY: "stray symbol",
    SuspectKind.CAPITAL: "a name in lower case",
    SuspectKind.CASE: "a word in the wrong case for its place in the sentence",
    SuspectKind.CONFUSED: "a short word or mark that OCR often makes of a common word",
    SuspectKind.AGREEMENT: "a known word that breaks grammatical agreement with its neighbour",
    SuspectKind.PRONOUN: "a short word that is no function word, before a verb",
    SuspectKind.PREPOSITION: "a preposition before a word it cannot govern",
}

# sources that propose a word (not a join, a split, a deletion or a grammatical form): the edits
# from the original to it are worth spelling out
_WORD_SOURCES = frozenset(
    {CandidateSource.LEXICON, CandidateSource.DOCUMENT, CandidateSource.ENGLISH, CandidateSource.LOOKALIKE}
)


def reasons(
    best: Candidate, original: str, learned: Mapping[str, int], config: RankingConfig
) -> tuple[str, ...]:
    """Human-readable reasons for the best candidate, for the editor who decides on it."""
    out = []
    if best.note:
        out.append(best.note)
    ops = edit_ops(original, best.text)
    if ops and best.sources & _WORD_SOURCES:
        known = (
            "known word"
            if best.sources & {CandidateSource.LEXICON, CandidateSource.LOOKALIKE}
            else "document word"
        )
        if best.sources == {CandidateSource.ENGLISH}:
            known = "name in the English"
        out.append(f"{known}, {describe_ops(ops, learned)}")
    if best.doc_count:
        out.append(f"'{best.text}' occurs {best.doc_count} times in this document")
    if best.english:
        out.append(f"matches '{best.english}' in the English")
    if best.fit >= config.sure_fit:
        out.append("agrees grammatically with the neighbouring word")
    if typical_count(ops) == 0 and ops and not best.english and not best.doc_count:
        out.append("no typical OCR confusion involved")
    return tuple(out)
