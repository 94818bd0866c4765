"""The audit's look-backs and claims bookkeeping, made linear, answer as the simple versions did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.language.name_candidates import SENTENCE_START, _is_initial
from align.language.quantity_kinds import Claims


class NaiveClaims:
    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))


spans = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(st.tuples(st.booleans(), spans), max_size=40))
@settings(max_examples=400, deadline=None)
def test_claims_agree_with_the_naive_list(steps):
    fast, slow = Claims(), NaiveClaims()
    for take, (start, end) in steps:
        assert fast.free(start, end) == slow.free(start, end), (steps, start, end)
        if take:
            fast.take(start, end)
            slow.take(start, end)


@given(st.text(alphabet="аБ x.!?:;\n,-«(1", max_size=30), st.data())
@settings(max_examples=400, deadline=None)
def test_sentence_start_agrees_with_the_regex_over_the_whole_prefix(text, data):
    start = data.draw(st.integers(0, len(text)))
    assert _is_initial(text, start) == bool(SENTENCE_START.search(text[:start]))


def test_a_long_paragraph_finds_every_sentence_start():
    # 650 000 characters: the whole-prefix regex took minutes here (timings live in benchmarks/)
    text = "Слово и Имя. " * 50_000
    assert sum(_is_initial(text, i) for i in range(0, len(text), 13)) == 50_000
