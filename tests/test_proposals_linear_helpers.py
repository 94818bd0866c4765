"""The proposer's look-backs and overlap bookkeeping, made linear, answer as the simple versions did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Proposal
from correct.proposals import english_evidence, proposer
from correct.proposals.case_errors import sentence_start
from correct.proposals.document_vocab import DocumentVocabulary, VocabularyConfig
from correct.proposals.latin_evidence import shape_distance
from correct.proposals.overlap import non_overlapping
from correct.proposals.tokens import Token, tokenize

TEXT = st.text(alphabet="аБ x.!?…:;\n\t,-—«»“”\"'()1", max_size=30)
_OLD_SENTENCE_END = re.compile(r"[.!?…]['\"»”)]*$")


def old_case_sentence_start(text: str, tok: Token, tokens: tuple[Token, ...], i: int) -> bool:
    before = text[: tok.start].rstrip(' \t"«(“-—–')
    if not before:
        return True
    if not _OLD_SENTENCE_END.search(before):
        return False
    previous = tokens[i - 1].text if i > 0 else ""
    return not (previous.islower() and len(previous) <= 3)


@given(TEXT, st.data())
@settings(max_examples=500, deadline=None)
def test_sentence_starts_agree_with_the_scans_of_the_whole_prefix(text, data):
    at = data.draw(st.integers(0, len(text)))
    tok = Token(at, at, "")
    before = text[:at].rstrip(' "«(')
    assert proposer._sentence_start(text, tok) == (not before or before[-1] in ".!?:;\n")
    before = text[:at].rstrip(" \"'(“")
    assert english_evidence._sentence_start(text, at) == (not before or before[-1] in ".!?:;")
    tokens = tokenize(text)
    for i, t in enumerate(tokens):
        assert sentence_start(text, t, tokens, i) == old_case_sentence_start(text, t, tokens, i), (text, i)


def _proposal(start: int, length: int, confidence: float) -> Proposal:
    return Proposal(
        id=f"s:{start}:{length}",
        segment="s",
        start=start,
        end=start + length,
        original="x" * length,
        suggestion="y",
        alternatives=(),
        confidence=confidence,
        reasons=(),
        producer="test",
    )


PROPOSALS = st.lists(
    st.builds(_proposal, st.integers(0, 30), st.integers(0, 6), st.sampled_from([0.3, 0.5, 0.9])), max_size=40
)


@given(PROPOSALS)
@settings(max_examples=500, deadline=None)
def test_non_overlapping_keeps_what_comparing_with_every_kept_proposal_kept(proposals):
    kept: list[Proposal] = []
    for p in sorted(proposals, key=lambda p: (p.confidence,), reverse=True):
        if all(p.end <= k.start or p.start >= k.end for k in kept):
            kept.append(p)
    assert non_overlapping(proposals) == kept


@given(st.text("вагкуоBayrktfu", max_size=9), st.text("Bayrktfuog", max_size=9), st.integers(0, 2))
@settings(max_examples=500, deadline=None)
def test_a_limited_shape_distance_is_exact_within_its_limit(read, word, limit):
    full, limited = shape_distance(read, word), shape_distance(read, word, limit)
    assert limited == full if full <= limit else limited > limit


@given(st.dictionaries(st.text("абвгд", min_size=1, max_size=6), st.integers(1, 30), max_size=30))
@settings(max_examples=300, deadline=None)
def test_frequent_near_finds_what_scanning_the_whole_vocabulary_found(counts):
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    vocab = DocumentVocabulary(counts=counts, spelling={w: w for w in counts}, numbers={})
    for word in [*counts, "абв", "гдд"]:
        for config in (VocabularyConfig(), VocabularyConfig(3, 4.0, 1)):
            own = counts.get(word, 0)
            floor = max(config.min_count, config.min_ratio * max(own, 1))
            choices = [
                w for w, n in counts.items() if n >= floor and w != word and abs(len(w) - len(word)) <= 2
            ]
            found = process.extract(
                word,
                choices,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=config.max_distance,
                limit=None,
            )
            expected = sorted(((w, counts[w], int(d)) for w, d, _ in found), key=lambda x: (x[2], -x[1]))
            assert vocab.frequent_near(word, config) == expected
