"""The evidence for a proposal's best fix as numbers, and the fitted model that turns it into a probability.

The ranking (:mod:`correct.proposals.ranking`) says which candidate is best; whether the best is
right is a separate question, answered by a logistic model over what the proposer already knows:
how far the fix is from the OCR, how frequent it is, how clearly it beats its rivals, and who
else supports it (the document, the English, a look-alike letter, grammar), and how sure the OCR engine
was of the words (where the input gives word confidences: a scan, an OCR file). The model's weights are
fitted on the scanned development corpus and the seeds by ``benchmarks/fit_ocr_confidence.py``, leaving one
document out, so a confidence is the share of such proposals that were right (docs/ocr-proposals.md).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, takewhile

from align.model import Word
from correct.proposals.channel import channel_evidence
from correct.proposals.confusion_table import letter_counts
from correct.proposals.confusions import edit_ops, learned_bonus
from correct.proposals.detect import SuspectKind
from correct.proposals.ranking import CandidateSource, Ranked, RankingConfig, inflection_tie, typical_edge

LEARNED_FULL = 10.0  # confusions seen this often in the data count as fully explained
LONG_WORD = 15  # letters from which a word is as long as the "length" evidence counts
MARGIN_CAP = 4.0  # score units: a lead over the runner-up beyond this says nothing more (one edit is 2)

# The names of the evidence vector, in order; every value is about 0..1 or a small count.
FEATURES = (
    "distance_1",  # the fix is one edit from the OCR
    "distance_2",  # two or more
    "zipf",  # wordfreq Zipf frequency of the fix / 7
    "zipf_lead",  # (its Zipf - the runner-up's) / 7, in -1..1; 0 without a runner-up
    "original_zipf",  # Zipf frequency of the OCR word / 7 (0 for a non-word, and for a case fix)
    "length",  # letters of the OCR word / 15, at most 1: a long word has few neighbours to be confused with
    "document_count",  # log2(1 + times the document writes the fix) / 5
    "margin",  # score lead over the best rival that does not break agreement / MARGIN_CAP
    "alone",  # no rival at all
    "english",  # the linked English writes it (a name or number)
    "from_document",  # proposed as one of the document's own frequent forms
    "lookalike",  # Latin letters or digits restored to Cyrillic
    "broken",  # two pieces of a word broken by a space or hyphen, joined
    "spaced",  # a letter-spaced word ("Р О Щ И Н"), joined
    "split",  # two words run together, split
    "deleted",  # a stray mark, deleted
    "grammar_only",  # only agreement rules propose it
    "typical",  # +1 only the best is explained by typical OCR confusions, -1 only the runner-up
    "learned",  # how much of the fix's edits the learned confusion counts explain (0..1)
    "channel",  # log P(OCR word | fix) / 10 from the learned counts and letter counts (channel.py), <= 0
    "fits",  # agrees with a neighbour (share of parses)
    "misfits",  # breaks agreement with a neighbour
    "inflection_tie",  # another form of the same word is as near: the ending is a guess
    "name_like",  # capitalised, unknown, inside a sentence: maybe a name the dictionaries lack
    "short",  # the OCR word has at most 3 letters
    "number",  # a number absent from the English
    "confused",  # a short word or lone mark a frequent misreading makes of a common one (short_confusions.py)
    "confused_mark",  # ... a lone mark ("©" for "с" or "о"): which letter is the risk, not whether one is
    "case",  # only the case changes (case_errors.py)
    "case_opens_paragraph",  # ... of the paragraph's first word (nothing before it but quotes, brackets)
    "case_inside",  # ... a capital inside a sentence written small ("мы Должны"; case_errors.py)
    "meaning",  # how much nearer the fix is than the OCR word to the linked English (meaning.py), -2..2
    "meaning_unknown",  # no English to compare with, or no encoder (meaning 0)
    "engine_doubt",  # 1 - the OCR engine's lowest word confidence over the span (0 where unknown)
    "engine_unknown",  # the segment's words carry no engine confidence there (a text input)
)
MEANING = FEATURES.index("meaning")
MEANING_UNKNOWN = FEATURES.index("meaning_unknown")


def evidence(
    ranked: Ranked,
    original: str,
    kind: SuspectKind,
    name_like: bool,
    config: RankingConfig,
    *,
    learned: Mapping[str, int],
    engine: float | None = None,
    opens_paragraph: bool = False,
    original_zipf: float = 0.0,
) -> tuple[float, ...]:
    """The evidence vector (:data:`FEATURES`) of the best candidate of ``ranked`` for ``original``.

    ``learned``: confusion counts "a>b" (the letter counts of the channel are the shipped table's);
    ``engine``: the OCR engine's confidence in the span's words (None: the input gave none);
    ``opens_paragraph``: the span is the paragraph's first word; ``original_zipf``: the OCR word's own."""
    best, sources = ranked[0][0], ranked[0][0].sources
    spaced = kind == SuspectKind.SPACED  # its spaces ("Р О Щ И Н") are the typist's: no channel evidence
    margin, rivals = _margin(ranked)
    values = {
        "distance_1": float(best.distance == 1),
        "distance_2": float(best.distance >= 2),
        "zipf": best.zipf / 7.0,
        "zipf_lead": max(-1.0, min(1.0, (best.zipf - ranked[1][0].zipf) / 7.0)) if len(ranked) > 1 else 0.0,
        "original_zipf": 0.0 if kind == SuspectKind.CASE else original_zipf / 7.0,  # the same word there
        # a case fix changes no letter: a long word has no fewer neighbours to be confused with there
        "length": 0.0 if kind == SuspectKind.CASE else min(len(original), LONG_WORD) / LONG_WORD,
        "document_count": math.log2(1 + best.doc_count) / 5.0,
        "margin": max(0.0, margin) / MARGIN_CAP,
        "alone": float(not rivals),
        "english": float(bool(best.english)),
        "from_document": float(CandidateSource.DOCUMENT in sources),
        "lookalike": float(CandidateSource.LOOKALIKE in sources),
        "broken": float(kind == SuspectKind.BROKEN),
        "spaced": float(spaced),
        "split": float(CandidateSource.SPLIT in sources),
        "deleted": float(CandidateSource.DELETE in sources),
        "grammar_only": float(sources == {CandidateSource.GRAMMAR}),
        "typical": float(typical_edge(ranked, original)),
        "learned": _learned_share(original, best.text, learned),
        "channel": 0.0 if spaced else channel_evidence(original, best.text, learned, letter_counts()),
        "fits": max(0.0, best.fit),
        "misfits": float(best.fit < 0),
        "inflection_tie": float(inflection_tie(ranked, original, config)),
        "name_like": float(name_like),
        "short": float(len(original) <= 3),
        "number": float(kind == SuspectKind.NUMBER),
        "confused": float(kind == SuspectKind.CONFUSED),
        "confused_mark": float(kind == SuspectKind.CONFUSED and not any(ch.isalpha() for ch in original)),
        "case": float(kind == SuspectKind.CASE),
        "case_opens_paragraph": float(kind == SuspectKind.CASE and opens_paragraph),
        "case_inside": float(kind == SuspectKind.CASE and original[1:].islower() and best.text[:1].islower()),
        "meaning": 0.0,  # set for the whole document at once, with the encoder (with_meaning)
        "meaning_unknown": 1.0,
        "engine_doubt": 0.0 if engine is None else 1.0 - engine,
        "engine_unknown": float(engine is None),
    }
    return tuple(values[name] for name in FEATURES)


def _margin(ranked: Ranked) -> tuple[float, int]:
    """The best's score lead over the best rival that does not break agreement (all rivals count when the
    best breaks it too), capped at MARGIN_CAP, and how many such rivals there are."""
    best, best_score = ranked[0]
    rivals = [s for c, s in ranked[1:] if c.fit >= 0] if best.fit >= 0 else [s for _, s in ranked[1:]]
    return (min(MARGIN_CAP, best_score - rivals[0]) if rivals else MARGIN_CAP), len(rivals)


def with_meaning(values: tuple[float, ...], shift: float | None) -> tuple[float, ...]:
    """The evidence vector with its ``meaning`` set to ``shift`` (``meaning.meaning_shifts``; None: no
    English to compare with, which ``meaning_unknown`` says)."""
    out = list(values)
    out[MEANING], out[MEANING_UNKNOWN] = (0.0, 1.0) if shift is None else (shift, 0.0)
    return tuple(out)


def span_words(words: Sequence[Word], start: int, end: int) -> list[Word]:
    """The OCR ``words`` (in text order) that ``[start, end)`` overlaps; an empty span (an insertion)
    takes the word it stands in. Bisected: a huge paragraph has hundreds of thousands of words."""
    k = bisect_left(words, start + 1, key=lambda w: w.end)  # the first word ending after ``start``
    stop = max(end, start + 1)
    return list(takewhile(lambda w: w.start < stop, islice(words, k, None)))


def engine_confidence(words: Sequence[Word], start: int, end: int) -> float | None:
    """The lowest engine confidence of the OCR ``words`` (in text order) that ``[start, end)`` overlaps;
    None when none of them has one (a text input has no words at all).

    The lowest, because one word the engine doubted is enough for a span to hold a misreading (a join of
    "го ду" is as doubtful as its worse half).
    """
    return min(
        (w.confidence for w in span_words(words, start, end) if w.confidence is not None), default=None
    )


def word_boxes(words: Sequence[Word], start: int, end: int) -> tuple[tuple[int, int, int, int, int], ...]:
    """(page, x0, y0, x1, y1) of each OCR word ``[start, end)`` overlaps: where a proposal is on the scan."""
    return tuple((w.page, *w.box) for w in span_words(words, start, end))


def _learned_share(original: str, fixed: str, learned: Mapping[str, int]) -> float:
    """Per edit, min(1, count / LEARNED_FULL) of the confusion; averaged over the edits (0 for none)."""
    ops = edit_ops(original, fixed)
    if not ops:
        return 0.0
    return learned_bonus(ops, learned, 1, full_at=LEARNED_FULL) / len(ops)


@dataclass(frozen=True)
class ConfidenceModel:
    """P(the best fix is right) = sigmoid(intercept + weights . evidence)."""

    intercept: float
    weights: tuple[float, ...]  # one per FEATURES name

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


# Fitted by benchmarks/fit_ocr_confidence.py: logistic regression (C 3) on the proposals the proposer
# makes on the 30 documents of ../shared/corpus/scanned and the two seeds, judged against their gold
# ocr_fixes (seed 000's unjudged proposals left out). Leave-one-document-out figures: docs/ocr-proposals.md.
# Refitted (same recipe, `python benchmarks/fit_ocr_confidence.py`) for issue 13's wider candidate pool:
# one-edit dictionary forms beside the index's for lower-case words, more Latin look-alike shapes
# (docs/ocr-proposals.md, "Where the recall is lost"), and again with the meaning evidence (meaning.py),
# every proposal fitted twice, with its meaning and with it withheld (``fit_ocr_confidence.withheld``, half
# weight each), so that ``meaning_unknown`` keeps a text without English calibrated: cross-validated
# recall at the threshold 0.214 -> 0.268 at precision 0.954 -> 0.959 (docs/ocr-proposals.md,
# "Evidence from the meaning").
# The engine evidence has weight 0: fitted with the scanned documents read from their page images too
# (benchmarks/engine_confidence.py), it changed the cross-validated log loss by -0.0003 (95 % interval
# -0.0025..0.0019) and traded recall for precision at 0.9, no gain, so it was left out and every input
# scores as before (docs/ocr-proposals.md, "OCR word confidence as evidence").
# Refitted (same command) for the round of docs/ocr-proposals.md "The noisy channel": least-cost edit
# alignment and recounted confusions, `length` 0 for a case fix, the OCR's ё kept, the `channel` and
# `confused_mark` evidence, the channel in the ranking, English J read as Й and Ж too, and the proposals
# collected as the shipped proposer keeps them (its fitted confidence choosing between overlaps:
# collect_as_shipped). At the threshold 0.82: 436 shown, precision 0.952, right proposals 0.531 of the
# gold fixes (before: 0.84, 361 / 0.953 / 0.440); Hosmer-Lemeshow p 0.72 over the ten bins.
# Refitted again (same command) for docs/ocr-proposals.md "Capitals inside a sentence, ...": the
# `case_inside` evidence, paragraphs the English keeps apart, Latin readings an edit further, digit runs
# inside words and lost digits, names whose capital was misread. At the threshold 0.83: 448 shown,
# precision 0.951, right proposals 0.545 of the gold fixes; Hosmer-Lemeshow p 0.31.
OCR_CONFIDENCE = ConfidenceModel(
    intercept=-1.2904,
    weights=(
        -0.8663,  # distance_1
        -1.5372,  # distance_2
        3.1039,  # zipf
        2.0521,  # zipf_lead
        -2.608,  # original_zipf
        2.9483,  # length
        1.6264,  # document_count
        2.4077,  # margin
        -0.4967,  # alone
        2.786,  # english
        1.7361,  # from_document
        1.1426,  # lookalike
        0.831,  # broken
        0.1967,  # spaced
        -0.7259,  # split
        1.0009,  # deleted
        0.0496,  # grammar_only
        0.5382,  # typical
        1.4408,  # learned
        1.9707,  # channel
        1.0831,  # fits
        -2.113,  # misfits
        -0.5047,  # inflection_tie
        -1.6576,  # name_like
        -0.2732,  # short
        -1.6024,  # number
        -0.8311,  # confused
        -2.7327,  # confused_mark
        -0.4579,  # case
        2.0894,  # case_opens_paragraph
        0.968,  # case_inside
        1.1103,  # meaning
        0.243,  # meaning_unknown
        0.0,  # engine_doubt: measured, not kept (above)
        0.0,  # engine_unknown
    ),
)
