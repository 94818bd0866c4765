"""A second source for a number fix the English suggests: only then may ``apply`` make it by default.

A Russian number one digit from the English one ("1355" / "June 1955") is usually an OCR error, but a
translation can be wrong too: one seed's Russian says "70 тыс." where the English says "20 thous.",
and there the Russian is right. So the English alone only proposes; the fix is applied by default
when something independent of the translation agrees:
- the digit edit is one OCR is known to make (the learned confusion counts, ``confusion_table.py``);
- the number is a year that cannot be right (before ``MIN_YEAR`` or after ``MAX_YEAR``, beside "год");
- the document writes the English number elsewhere in its Russian.

The candidates themselves come from here too (:func:`number_candidates`): the English's numbers one
digit from the Russian one, or a long number the document repeats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from align.audit.ocr_explained import ENGLISH_ONLY_MARK
from align.model import Flag, FlagKind, Proposal
from correct.proposals.confusions import edit_ops
from correct.proposals.document_vocab import DocumentVocabulary
from correct.proposals.english_evidence import EnglishEvidence
from correct.proposals.ranking import Candidate, CandidateSource
from correct.proposals.tokens import Token

LONG_NUMBER = 5  # digits: a number this long (a telegram number) may be fixed by one the document repeats
MIN_YEAR, MAX_YEAR = 1000, 2100  # a four-digit year outside these is a misreading
MIN_DIGIT_CONFUSIONS = 3  # times the data saw the digit edit before it counts as one OCR makes
_YEAR_WORD = re.compile(r"\s*(?:год|году|года|годом|годе|г\.|гг\.)", re.IGNORECASE)


def second_source(
    original: str, fix: str, text_after: str, *, learned: Mapping[str, int], document_count: int
) -> str | None:
    """Why a number fix from the English is more than the English's word, or None.

    ``text_after``: the segment text right after the number; ``document_count``: times the Russian
    document writes ``fix``.
    """
    ops = edit_ops(original, fix)
    if len(ops) == 1:
        a, b = ops[0]
        seen = learned.get(f"{a}>{b}", 0)
        if seen >= MIN_DIGIT_CONFUSIONS:
            return f"OCR often reads {b} as {a} ({seen} times in the data)"
    if len(original) == 4 and _YEAR_WORD.match(text_after) and not MIN_YEAR <= int(original) <= MAX_YEAR:
        return f"{original} cannot be a year"
    if document_count:
        return f"the document writes {fix} elsewhere ({document_count} times)"
    return None


ENGLISH_ONLY = (
    f"{ENGLISH_ONLY_MARK}, and a translation can be wrong too: "
    "not applied by default; accept it after checking the scan"
)


def english_only_cap(
    conf: float,
    original: str,
    best: Candidate,
    text_after: str,
    *,
    learned: Mapping[str, int],
    document_count: int,
    cap: float,
) -> tuple[float, str]:
    """(confidence, reason) of a proposal: a number fix from the English without a second source is
    capped at ``cap`` (below the default threshold); other proposals pass unchanged with no reason."""
    if not original.isdigit() or CandidateSource.ENGLISH not in best.sources:
        return conf, ""
    why = second_source(original, best.text, text_after, learned=learned, document_count=document_count)
    if why:
        return conf, f"a second source besides the English: {why}"
    return min(conf, cap), ENGLISH_ONLY


def link_number_flags(proposals: Sequence[Proposal], flags: Sequence[Flag]) -> tuple[Proposal, ...]:
    """Proposals from the English alone, each with the id of the audit's number flag over its span, so
    that the editor who sees the fix and the translator who sees the flag judge one discrepancy."""
    out = []
    for p in proposals:
        if ENGLISH_ONLY in p.reasons:
            ids = [
                f.id
                for f in flags
                if f.kind == FlagKind.NUMBER
                and any(s.segment == p.segment and s.start < p.end and s.end > p.start for s in f.ru_spans)
            ]
            if ids:
                p = replace(p, reasons=(*p.reasons, f"the audit flags it: {ids[0]}"))
        out.append(p)
    return tuple(out)


def number_candidates(
    tok: Token, evidence: EnglishEvidence | None, segment_numbers: set[str], vocab: DocumentVocabulary
) -> list[Candidate]:
    """A number one digit from an English number the Russian lacks ("1355" -> "1955"; or one digit of it
    lost: "195 году" for "1985"), or, for long numbers (five digits or more, such as telegram numbers),
    from one the document repeats. An added digit is not read back ("129" is no "12")."""
    out = []
    if evidence is not None and tok.text not in evidence.numbers:
        for number in evidence.numbers:
            if number not in segment_numbers and _one_digit_edit(number, tok.text):
                out.append(Candidate(number, 1, english=number, sources=frozenset({CandidateSource.ENGLISH})))
    if not out and len(tok.text) >= LONG_NUMBER and vocab.count(tok.text) == 1:
        for number, count in vocab.numbers.items():
            if count >= 2 and _one_digit_apart(number, tok.text):
                note = f"'{number}' occurs {count} times in this document"
                out.append(
                    Candidate(
                        number, 1, doc_count=count, sources=frozenset({CandidateSource.DOCUMENT}), note=note
                    )
                )
    return out if len(out) == 1 else []  # two numbers fit: no evidence for either


def _one_digit_edit(english: str, russian: str) -> bool:
    """One digit different, or one of the English's lost in the Russian (of two digits or more)."""
    if len(english) == len(russian):
        return _one_digit_apart(english, russian)
    return (
        len(russian) >= 2
        and len(english) == len(russian) + 1
        and any(english[:k] + english[k + 1 :] == russian for k in range(len(english)))
    )


def _one_digit_apart(a: str, b: str) -> bool:
    """Same length, one digit different: the commonest OCR error in a number ("1355" for "1955")."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
