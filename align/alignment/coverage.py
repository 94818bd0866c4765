"""How much of each side of a document the alignment covers, and the warning when much of it does not.

A complete translation leaves a few paragraphs unmatched (a dropped aside, a caption). When the
Russian is a different selection of the same material (another edition, excerpts) a large part of
one side has no counterpart on the other; the alignment then rightly leaves those paragraphs
unmatched, and the translator should hear it once for the document rather than find it paragraph
by paragraph. Shares are of characters of the segments' clean text, so that a dropped one-line
heading weighs less than a dropped page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Link, Notice, NoticeKind, Segment

SIDES = ("ru", "en")
LANGUAGE = {"ru": "Russian", "en": "English"}


@dataclass(frozen=True)
class CoverageConfig:
    """When a document counts as a partial translation (recorded in every result's config).

    Both gates must hold on one side. Chosen on the 30 complete translations of the development
    corpus (``../shared/corpus/docs``, gold links with ``ru: []`` and ``ru_only``) and on what the
    aligner leaves unmatched in them, their scanned forms and the seeds; figures and the reasoning in
    docs/alignment.md, "Partial translations". No document of the corpus warns.
    """

    # Share of a side's characters in no two-sided link above which the side "does not correspond",
    # in [0, 1]. The corpus maximum is 0.480 (gold and aligner alike), but that is one paragraph of a
    # five-paragraph document; the count below keeps such documents silent. Among documents with at
    # least that many unmatched paragraphs the maximum is 0.101 (seed 002 as aligned: 17 paragraphs,
    # mostly stamps and sheet labels), and in the gold of documents of ten or more paragraphs 0.131:
    # 0.3 is well above both and still warns when a third of a side has no counterpart.
    max_unmatched_share: float = 0.3
    # Unmatched paragraphs a side needs as well: the corpus gold has at most 1 per side and the
    # aligner leaves at most 2 in any corpus document, so one or two dropped paragraphs of a short
    # document never warn, however much of its text they hold.
    min_unmatched_paragraphs: int = 3


@dataclass(frozen=True)
class SideCoverage:
    """One side's paragraphs and characters, all of them and those in no two-sided link."""

    paragraphs: int
    unmatched_paragraphs: int
    chars: int
    unmatched_chars: int

    @property
    def unmatched_share(self) -> float:
        """Share of the side's characters in no two-sided link, in [0, 1]; 0 for an empty side."""
        return self.unmatched_chars / self.chars if self.chars else 0.0

    @property
    def matched_share(self) -> float:
        """Share of the side's characters in links with both sides non-empty, in [0, 1]."""
        return 1.0 - self.unmatched_share if self.chars else 0.0


def side_coverage(links: Sequence[Link], segments: Sequence[Segment], side: str) -> SideCoverage:
    """Coverage of one side (``"ru"`` or ``"en"``): a segment is matched when a link with both sides
    non-empty names it; segments no link names count as unmatched."""
    matched = {seg_id for link in links if link.ru and link.en for seg_id in getattr(link, side)}
    unmatched = [seg for seg in segments if seg.id not in matched]
    return SideCoverage(
        paragraphs=len(segments),
        unmatched_paragraphs=len(unmatched),
        chars=sum(len(seg.text) for seg in segments),
        unmatched_chars=sum(len(seg.text) for seg in unmatched),
    )


def coverage(links: Sequence[Link], ru: Sequence[Segment], en: Sequence[Segment]) -> dict[str, SideCoverage]:
    """Both sides' coverage: ``{"ru": SideCoverage, "en": SideCoverage}``."""
    return {"ru": side_coverage(links, ru, "ru"), "en": side_coverage(links, en, "en")}


def coverage_notices(
    links: Sequence[Link],
    ru: Sequence[Segment],
    en: Sequence[Segment],
    config: CoverageConfig = CoverageConfig(),
) -> tuple[Notice, ...]:
    """The document-level notices of an alignment: one PARTIAL_TRANSLATION notice when, on either
    side, more than ``max_unmatched_share`` of the text and at least ``min_unmatched_paragraphs``
    paragraphs have no counterpart; () otherwise. The notice names both sides' figures."""
    sides = coverage(links, ru, en)
    partial = [
        side
        for side in SIDES
        if sides[side].unmatched_share > config.max_unmatched_share
        and sides[side].unmatched_paragraphs >= config.min_unmatched_paragraphs
    ]
    if not partial:
        return ()
    return (Notice(NoticeKind.PARTIAL_TRANSLATION, _message(sides, partial), _values(sides)),)


def _values(sides: dict[str, SideCoverage]) -> dict[str, float | int]:
    values: dict[str, float | int] = {}
    for side in SIDES:
        c = sides[side]
        values[f"{side}_paragraphs"] = c.paragraphs
        values[f"{side}_unmatched_paragraphs"] = c.unmatched_paragraphs
        values[f"{side}_unmatched_share"] = round(c.unmatched_share, 4)
    return values


def _message(sides: dict[str, SideCoverage], partial: list[str]) -> str:
    """Plain words for a translator: which side, how many paragraphs and how much of the text."""
    other = {"ru": "en", "en": "ru"}
    figures = "; ".join(
        f"{sides[s].unmatched_paragraphs} of {sides[s].paragraphs} {LANGUAGE[s]} paragraphs "
        f"({sides[s].unmatched_share:.0%} of the {LANGUAGE[s]} text) have no counterpart in the "
        f"{LANGUAGE[other[s]]}"
        for s in SIDES
    )
    which = " and ".join(LANGUAGE[s] for s in partial)
    return (
        f"Partial translation: a large part of the {which} does not correspond to the other text. "
        f"{figures[0].upper()}{figures[1:]}. The two may be different selections of the same material "
        "(another edition, excerpts); paragraphs with no counterpart are left unmatched."
    )
