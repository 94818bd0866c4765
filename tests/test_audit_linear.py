"""The number check's indexes (issue 17) answer as the scans they replace did, on random small inputs.

Each test runs the new, linear code and the old brute force on the same input: matching equal
quantities, pairing leftovers, which quantities lie in which sentence, bracket or unmatched
sentence, years after matched dates, document numbers one OCR digit apart, and the OCR proposals that
explain a number flag.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from align.audit import audit_document, number_matching
from align.audit.number_matching import (
    _match_by_index,
    _match_by_scan,
    _pair_by_index,
    _pair_by_scan,
    confusable_spellings,
    digit_confusion,
    digits,
    match,
    same_value,
)
from align.audit.numbers import YEAR_GAP, Found, _year_of_matched_date, sentence_leftovers
from align.audit.ocr_explained import LOCAL_MAX_CHARS, ProposalIndex, _agrees, _near
from align.audit.span_index import OffsetIndex, SpanIndex
from align.audit.units import Piece, UnitPair
from align.language.quantities import Quantity, QuantityKind, extract_quantities
from align.model import Link, Proposal, Segment, Span

KINDS = [QuantityKind.COUNT, QuantityKind.YEAR, QuantityKind.DATE, QuantityKind.TIME, QuantityKind.PERCENT]
KINDS += [QuantityKind.DOCNO, QuantityKind.RATIO]
BASES = [0.0, 1, 2, 3, 5, 7, 8, 10, 12, 17, 20, 70, 100, 105, 1000, 1935, 1955, 25348, 1e6, -3, 0.5]
# around the edges of the tests: float rounding (1e-9 relative) and the 10 % of converted units
FACTORS = [1.0, 1.0, 1.0, 1 + 1e-10, 1 + 5e-10, 1 + 2e-9, 1.05, 1.0999, 1.1001, 0.9, 0.89, 1.3]

INFINITE = [float("inf"), float("-inf"), float("nan")]  # never parsed, but equal() must still agree
values = st.builds(lambda b, f: b * f, st.sampled_from(BASES), st.sampled_from(FACTORS))


@st.composite
def quantities(draw, infinite: bool = False) -> Quantity:
    numbers = st.one_of(values, st.sampled_from(INFINITE)) if infinite else values
    return Quantity(
        kind=draw(st.sampled_from(KINDS)),
        value=draw(values),
        start=0,
        end=1,
        text="x",
        alternatives=tuple(draw(st.lists(numbers, max_size=2))),
        mantissa=draw(st.one_of(st.none(), st.sampled_from(BASES + (INFINITE if infinite else [])))),
        approximate=tuple(draw(st.lists(numbers, max_size=2))),
        abbrev_after=draw(st.booleans()),
    )


def founds(segment: str, max_size: int = 30, infinite: bool = False):
    """Distinct found quantities (each at its own offset, as extraction makes them)."""
    return st.lists(quantities(infinite), max_size=max_size).map(
        lambda qs: [Found(q, segment, 3 * i, 3 * i + 2) for i, q in enumerate(qs)]
    )


@given(founds("r"), founds("e"))
@settings(max_examples=600, deadline=None)
def test_the_equal_index_matches_as_the_scan_does(ru, en):
    assert _match_by_index(ru, en) == _match_by_scan(ru, en)


@given(founds("r", 12, infinite=True), founds("e", 12, infinite=True))
@settings(max_examples=300, deadline=None)
def test_infinite_readings_match_as_the_scan_matches_them(ru, en):
    assert _match_by_index(ru, en) == _match_by_scan(ru, en)


@given(founds("r"), founds("e"))
@settings(max_examples=600, deadline=None)
def test_leftovers_pair_up_as_the_scan_pairs_them(ru, en):
    assert _pair_by_index(ru, en) == _pair_by_scan(ru, en)


@given(st.integers(-50, 100_000), st.integers(-50, 100_000))
@settings(max_examples=1000, deadline=None)
def test_confusable_spellings_are_what_digit_confusion_accepts(a, b):
    assert (digits(b) in confusable_spellings(a)) == (digit_confusion(a, b) is not None)


def test_the_index_meets_the_edges_of_equality():
    a = [
        Found(Quantity(QuantityKind.COUNT, v, 0, 1, "x"), "r", i, i + 1) for i, v in enumerate([1e6, 7, 1955])
    ]
    near = [1e6 * (1 + 2e-9), 1e6 * (1 + 5e-10), 1956, 1955, 7]  # 2e-9 is too far, 5e-10 is equal
    e = [Found(Quantity(QuantityKind.YEAR, v, 0, 1, "x"), "e", i, i + 1) for i, v in enumerate(near)]
    assert _match_by_index(a, e) == _match_by_scan(a, e) == ([], [e[0], e[2]])


spans = st.tuples(st.sampled_from("ab"), st.integers(0, 60), st.integers(0, 15)).map(
    lambda t: (t[0], t[1], t[1] + t[2])
)
items = spans.map(lambda t: SimpleNamespace(segment=t[0], start=t[1], end=t[2]))


@given(st.lists(spans, max_size=12), st.lists(items, max_size=20))
@settings(max_examples=500, deadline=None)
def test_span_index_covers_what_any_span_contains(found_spans, found_items):
    index = SpanIndex(found_spans)
    for f in found_items:
        naive = any(s == f.segment and a <= f.start and f.end <= b for s, a, b in found_spans)
        assert index.covers(f) == naive


@given(st.lists(items, max_size=25), st.lists(spans, max_size=6), st.data())
@settings(max_examples=500, deadline=None)
def test_offset_index_finds_the_live_items_inside_pieces(found_items, piece_spans, data):
    alive = data.draw(st.lists(st.booleans(), min_size=len(found_items), max_size=len(found_items)))
    pieces = [Piece(s, a, b, "") for s, a, b in piece_spans]
    naive = [
        j
        for j, f in enumerate(found_items)
        if alive[j] and any(p.segment == f.segment and p.start <= f.start and f.end <= p.end for p in pieces)
    ]
    assert OffsetIndex(found_items).inside(pieces, alive) == naive


def _inside(f: Found, pieces) -> bool:
    return any(p.segment == f.segment and p.start <= f.start and f.end <= p.end for p in pieces)


def naive_sentence_leftovers(pairs, ru_all, en_all):
    """The loop link_number_flags ran before issue 17."""
    left_ru, left_en = list(ru_all), list(en_all)
    for pair in pairs:
        in_ru = [f for f in left_ru if _inside(f, pair.ru)]
        in_en = [f for f in left_en if _inside(f, pair.en)]
        r, e = match(in_ru, in_en)
        left_ru = [f for f in left_ru if f not in in_ru or f in r]
        left_en = [f for f in left_en if f not in in_en or f in e]
    return left_ru, left_en


pieces = st.tuples(st.integers(0, 100), st.integers(0, 30)).map(lambda t: Piece("s", t[0], t[0] + t[1], ""))
pairs = st.lists(st.tuples(st.lists(pieces, max_size=2), st.lists(pieces, max_size=2)), max_size=8)


@given(st.lists(quantities(), max_size=30), st.lists(quantities(), max_size=30), pairs)
@settings(max_examples=400, deadline=None)
def test_sentence_matching_leaves_what_the_old_loop_left(ru_q, en_q, unit_pairs):
    ru = [Found(q, "s", 3 * i, 3 * i + 2) for i, q in enumerate(ru_q)]
    en = [Found(q, "s", 3 * i, 3 * i + 2) for i, q in enumerate(en_q)]
    view = SimpleNamespace(sentence_pairs=[UnitPair(tuple(r), tuple(e), 1.0) for r, e in unit_pairs])
    assert sentence_leftovers(view, ru, en) == naive_sentence_leftovers(view.sentence_pairs, ru, en)


def naive_year_of_matched_date(f: Found, found: list[Found], unmatched: list[Found]) -> bool:
    if f.q.kind != QuantityKind.YEAR:
        return False
    return any(
        d.q.kind == QuantityKind.DATE
        and d.segment == f.segment
        and 0 <= f.start - d.end <= YEAR_GAP
        and d not in unmatched
        for d in found
    )


dated = st.tuples(
    st.sampled_from([QuantityKind.DATE, QuantityKind.YEAR, QuantityKind.COUNT]),
    st.sampled_from("ab"),
    st.integers(0, 40),
    st.integers(1, 6),
    st.booleans(),
)


@given(st.lists(dated, max_size=25))
@settings(max_examples=500, deadline=None)
def test_years_after_matched_dates_as_the_scan_found_them(rows):
    found = [Found(Quantity(k, 1.0, 0, 1, "x"), s, a, a + n) for k, s, a, n, _ in rows]
    unmatched = [f for f, row in zip(found, rows, strict=True) if row[4]]
    fast = _year_of_matched_date(found, unmatched)
    assert [fast(f) for f in found] == [naive_year_of_matched_date(f, found, unmatched) for f in found]


def _one_pair(ru_text: str, en_text: str, sentence_pairs: tuple = ()) -> tuple:
    ru = Segment("d/ru@0", "ru", ru_text, 0, len(ru_text))
    en = Segment("d/en@0", "en", en_text, 0, len(en_text))
    return ru, en, Link((ru.id,), (en.id,), 0.9, sentences=sentence_pairs)


def test_a_huge_line_is_matched_with_a_linear_number_of_comparisons(monkeypatch):
    # one "sentence" of 3,000 numbers a side, the English in reverse order: the scan compared each
    # Russian number with every English one left (4.5 million tests of equality)
    n = 3000
    ru_text = ", ".join(f"{i} человек" for i in range(1000, 1000 + n))
    en_text = ", ".join(f"{i} people" for i in reversed(range(1000, 1000 + n))).replace(
        "3999 people", "3990 people"
    )
    calls = Counter()
    counted = number_matching.equal

    def equal(a, b):
        calls["equal"] += 1
        return counted(a, b)

    monkeypatch.setattr(number_matching, "equal", equal)
    ru, en, link = _one_pair(ru_text, en_text)
    flags = [f for f in audit_document("d", [ru], [en], [link]) if f.kind == "number"]
    assert [(f.values["ru"], f.values["en"]) for f in flags] == [([3999.0], [3990.0])]
    assert calls["equal"] < 10 * n


proposal_rows = st.lists(
    st.tuples(st.sampled_from("ab"), st.integers(0, 60), st.integers(0, 12)), max_size=20
)


@given(proposal_rows, st.lists(spans, max_size=8))
@settings(max_examples=500, deadline=None)
def test_the_proposals_near_a_flag_are_those_the_scan_found(rows, flag_spans):
    proposals = [Proposal(f"p{i}", s, a, a + n, "x" * n, "y") for i, (s, a, n) in enumerate(rows)]
    index = ProposalIndex(proposals)
    for segment, start, end in flag_spans:
        span = Span(segment, start, end)
        assert index.near(span) == [p for p in proposals if p.segment == span.segment and _near(p, span)]


def test_a_huge_paragraph_is_read_around_the_fix_as_the_whole_text_reads():
    # the 2000th of 4000 sentences says "279,3 млрл"; the proposal makes it "млрд" = 279.3 billion
    sentences = [
        f"В {1900 + i % 100} году было {i} тыс. тонн и 2 с половиной млн рублей." for i in range(4000)
    ]
    sentences[2000] = "Бюджет составил 279,3 млрл рублей."
    text = " ".join(sentences)
    at = text.index("млрл")
    p = Proposal("p", "s", at, at + 4, "млрл", "млрд")
    span = Span("s", text.index("279,3"), text.index("279,3") + 5)
    assert len(text) > LOCAL_MAX_CHARS
    for wanted in ({279.3e9}, {279.3e6}, {279.3}):
        whole = any(
            q.start < max(span.end, p.end)
            and q.end > min(span.start, p.start)
            and any(same_value(r, w) for r in q.readings() for w in wanted)
            for q in extract_quantities(text[:at] + "млрд" + text[at + 4 :], "ru")
        )
        assert _agrees(p, span, text, wanted) == whole
    assert _agrees(p, span, text, {279.3e9})
