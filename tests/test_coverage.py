"""Alignment coverage and the partial-translation notice: hand-solved shares, both gates, the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from align.alignment.coverage import CoverageConfig, coverage, coverage_notices
from align.model import Link, NoticeKind, Segment
from tests.conftest import ROOT

CORPUS_DOCS = ROOT.parent / "shared" / "corpus" / "docs"


def segments(lang: str, lengths: list[int]) -> tuple[Segment, ...]:
    """Segments of the given text lengths, ids ``d/<lang>@<i>``."""
    return tuple(Segment(f"d/{lang}@{i}", lang, "x" * n, 0, n) for i, n in enumerate(lengths))


RU = segments("ru", [10, 20, 30, 40])
EN = segments("en", [10, 20, 30, 40])
# ru0-en0 and ru1+ru2-en1 are matched; ru3 and en2 are unmatched links; en3 is in no link at all.
LINKS = (
    Link((RU[0].id,), (EN[0].id,), 0.9),
    Link((RU[1].id, RU[2].id), (EN[1].id,), 0.8),
    Link((RU[3].id,), (), 0.0),
    Link((), (EN[2].id,), 0.0),
)


def test_shares_count_characters_of_segments_outside_two_sided_links():
    sides = coverage(LINKS, RU, EN)
    assert (sides["ru"].unmatched_paragraphs, sides["ru"].unmatched_chars) == (1, 40)
    assert sides["ru"].unmatched_share == pytest.approx(0.4)
    assert sides["ru"].matched_share == pytest.approx(0.6)
    # en2 (30) is an unmatched link, en3 (40) is named by no link: both lie outside two-sided links.
    assert (sides["en"].unmatched_paragraphs, sides["en"].unmatched_chars) == (2, 70)
    assert sides["en"].unmatched_share == pytest.approx(0.7)
    assert sides["en"].matched_share == pytest.approx(0.3)


def test_an_empty_side_has_no_share():
    sides = coverage((), (), EN)
    assert sides["ru"].unmatched_share == 0.0 and sides["ru"].matched_share == 0.0
    assert sides["en"].unmatched_share == 1.0


def test_a_complete_translation_with_a_dropped_paragraph_has_no_notice():
    # 0.4 and 0.7 unmatched, but one and two paragraphs: under the default count of three.
    assert coverage_notices(LINKS, RU, EN) == ()


def test_one_dropped_paragraph_of_a_two_paragraph_document_is_no_partial_translation():
    ru, en = segments("ru", [10, 90]), segments("en", [10, 90])
    links = (Link((ru[0].id,), (en[0].id,), 0.9), Link((ru[1].id,), (), 0.0), Link((), (en[1].id,), 0.0))
    assert coverage(links, ru, en)["ru"].unmatched_share == pytest.approx(0.9)
    assert coverage_notices(links, ru, en) == ()


def test_the_side_above_both_gates_warns_with_its_figures():
    [notice] = coverage_notices(LINKS, RU, EN, CoverageConfig(min_unmatched_paragraphs=2))
    assert notice.kind == NoticeKind.PARTIAL_TRANSLATION
    assert notice.values == {
        "ru_paragraphs": 4,
        "ru_unmatched_paragraphs": 1,
        "ru_unmatched_share": 0.4,
        "en_paragraphs": 4,
        "en_unmatched_paragraphs": 2,
        "en_unmatched_share": 0.7,
    }
    assert "large part of the English does not correspond" in notice.message
    assert "2 of 4 English paragraphs (70% of the English text)" in notice.message
    assert "1 of 4 Russian paragraphs (40% of the Russian text)" in notice.message


def test_the_share_gate_is_strict_and_counts_on_the_same_side():
    # Both sides have enough unmatched paragraphs only with a count of 1; the share decides then.
    assert coverage_notices(LINKS, RU, EN, CoverageConfig(0.7, 1)) == ()  # en 0.7 is not above 0.7
    [notice] = coverage_notices(LINKS, RU, EN, CoverageConfig(0.39, 1))
    assert "of the Russian and English does not" in notice.message


def test_a_half_unmatched_document_warns_with_the_defaults():
    ru, en = segments("ru", [50] * 6), segments("en", [50] * 6)
    links = (
        *(Link((r.id,), (e.id,), 0.9) for r, e in zip(ru[:3], en[:3], strict=True)),
        *(Link((r.id,), (), 0.0) for r in ru[3:]),
        *(Link((), (e.id,), 0.0) for e in en[3:]),
    )
    [notice] = coverage_notices(links, ru, en)
    assert notice.values["ru_unmatched_share"] == 0.5 and notice.values["en_unmatched_share"] == 0.5


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def _gold_alignment(folder: Path) -> tuple[tuple[Link, ...], tuple[Segment, ...], tuple[Segment, ...]]:
    """A corpus document's gold as links over its blank-line paragraphs (snippets found by content)."""
    sides = {lang: _paragraphs(folder / f"{lang}.txt") for lang in ("ru", "en")}
    segs = {
        lang: tuple(Segment(f"{lang}@{i}", lang, p, 0, len(p)) for i, p in enumerate(ps))
        for lang, ps in sides.items()
    }

    def find(lang: str, snippet: str) -> str:
        squash = re.sub(r"\s+", "", snippet)
        return next(s.id for s in segs[lang] if squash in re.sub(r"\s+", "", s.text))

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    links = tuple(
        Link(tuple(dict.fromkeys(find("ru", r) for r in g["ru"])), (find("en", g["en"]),), 1.0)
        for g in gold["links"]
    )
    return links, segs["ru"], segs["en"]


def test_no_complete_translation_of_the_corpus_warns_and_the_stated_maximum_is_its_own():
    folders = sorted(p for p in CORPUS_DOCS.glob("*/") if (p / "gold.json").exists())
    if not folders:
        pytest.skip(f"corpus not found at {CORPUS_DOCS}")
    shares, counts = [], []
    for folder in folders:
        links, ru, en = _gold_alignment(folder)
        assert coverage_notices(links, ru, en) == (), folder.name
        sides = coverage(links, ru, en)
        shares += [c.unmatched_share for c in sides.values()]
        counts += [c.unmatched_paragraphs for c in sides.values()]
    # The figures CoverageConfig's comments and docs/alignment.md state.
    assert round(max(shares), 3) == 0.480 and max(counts) == 1
    assert CoverageConfig().min_unmatched_paragraphs > max(counts)
