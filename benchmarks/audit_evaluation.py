"""Scoring the audit against hand-made gold data (``../shared/gold``): recall and false flags by kind.

Gold snippets are verbatim pieces of the raw file; segments are cleaned text. Both are compared
after removing whitespace and markup, so a snippet is located whatever the segmentation, and a
flag "finds" a gold discrepancy when one of its spans overlaps the snippet's location. Used by
``benchmarks/audit_quality.py`` and the tests; nothing here knows any document's contents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from align.language.quantities import extract_quantities
from align.model import Flag, FlagKind, Link, Segment, Span

MARKUP = re.compile(r"</?u>|\*|\s+")
# Gold discrepancy type (the gold files' own vocabulary) -> the flag kinds that answer it; a
# "meaning" difference may surface as any kind.
KIND_ANSWERS: dict[str, frozenset[FlagKind]] = {
    "number": frozenset({FlagKind.NUMBER}),
    "omission": frozenset({FlagKind.OMISSION}),
    "addition": frozenset({FlagKind.ADDITION, FlagKind.NAME}),
    "name": frozenset({FlagKind.NAME}),
    "negation": frozenset({FlagKind.NEGATION}),
    "meaning": frozenset(FlagKind) - {FlagKind.LENGTH},  # all a check emits (long pairs are omissions)
}


@dataclass(frozen=True)
class Located:
    """Where a snippet lies: a segment and a range of its normalised (whitespace-free) text."""

    segment: str
    start: int
    end: int


class NormalisedText:
    """One language's segments joined in normalised form, with a map back to segments."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = list(segments)
        self.pieces: list[tuple[int, str, list[int]]] = []  # (offset in joined, segment id, raw index)
        joined = []
        offset = 0
        for seg in self.segments:
            kept = _kept_indices(seg.text)
            self.pieces.append((offset, seg.id, kept))
            joined.append("".join(seg.text[i] for i in kept))
            offset += len(kept)
        self.joined = "".join(joined)

    def locate(self, snippet: str, min_chars: int = 8) -> list[Located]:
        """Segments (and ranges) the snippet covers; a snippet that cleaning cut is trimmed until found."""
        norm = MARKUP.sub("", snippet)
        while norm:
            pos = self.joined.find(norm)
            if pos >= 0:
                return self._ranges(pos, pos + len(norm))
            if len(norm) <= min_chars:
                break
            norm = norm[:-1]
        return []

    def _ranges(self, start: int, end: int) -> list[Located]:
        out = []
        for offset, seg_id, kept in self.pieces:
            s, e = max(start, offset), min(end, offset + len(kept))
            if s < e:
                out.append(Located(seg_id, s - offset, e - offset))
        return out

    def span_range(self, span: Span) -> Located | None:
        """A flag span as a range of the normalised text of its segment."""
        for _offset, seg_id, kept in self.pieces:
            if seg_id == span.segment:
                inside = [k for k, i in enumerate(kept) if span.start <= i < span.end]
                return Located(seg_id, inside[0], inside[-1] + 1) if inside else None
        return None


def _kept_indices(text: str) -> list[int]:
    """Indices of the characters that survive normalisation (no whitespace, no markup)."""
    drop = [False] * len(text)
    for m in MARKUP.finditer(text):
        for i in range(m.start(), m.end()):
            drop[i] = True
    return [i for i, d in enumerate(drop) if not d]


def gold_links(gold: dict, ru: Sequence[Segment], en: Sequence[Segment]) -> tuple[Link, ...]:
    """Paragraph links built from the gold's snippet links; unlinked segments become 1-0 / 0-1 links.

    Gold entries that share a segment are merged into one link (a page-broken paragraph, a
    table translated as a list), so every segment is in exactly one link, in document order.
    """
    ru_text, en_text = NormalisedText(ru), NormalisedText(en)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for entry in gold.get("links", ()):
        ids = [loc.segment for loc in en_text.locate(entry["en"])]
        ids += [loc.segment for snip in entry.get("ru", ()) for loc in ru_text.locate(snip)]
        for a, b in zip(ids, ids[1:], strict=False):
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for seg in (*ru, *en):
        groups[find(seg.id)].append(seg.id)
    order = {seg.id: i for i, seg in enumerate(ru)} | {seg.id: i + 0.5 for i, seg in enumerate(en)}
    en_ids = {seg.id for seg in en}
    links = []
    for members in groups.values():
        r = tuple(m for m in members if m not in en_ids)
        e = tuple(m for m in members if m in en_ids)
        links.append(Link(ru=r, en=e, score=1.0))
    return tuple(sorted(links, key=lambda link: _link_order(link, order, ru)))


def _link_order(link: Link, order: dict[str, float], ru: Sequence[Segment]) -> tuple[float, float]:
    if link.ru:
        return (min(order[s] for s in link.ru), 0.0)
    return (float("inf"), min(order[s] for s in link.en))


def overlaps(flag: Flag, targets: list[Located], text: NormalisedText, lang: str) -> bool:
    """Whether one of the flag's spans on ``lang`` overlaps a gold location."""
    spans = flag.ru_spans if lang == "ru" else flag.en_spans
    for span in spans:
        here = text.span_range(span)
        if here and any(
            t.segment == here.segment and t.start < here.end and here.start < t.end for t in targets
        ):
            return True
    return False


# gold types whose snippets may name the paragraph (pair) rather than the missing sentence (planted/:
# the head of the paragraph a sentence was removed from): a flag in that paragraph pair finds them
PARAGRAPH_LEVEL = frozenset({"omission", "addition"})


@dataclass(frozen=True)
class Score:
    """Recall by gold type and false flags by flag kind, for one or more documents."""

    found: dict[str, int]  # gold discrepancies found, by type
    total: dict[str, int]  # gold discrepancies, by type
    flags: dict[str, int]  # flags raised, by kind
    false: dict[str, int]  # flags that match no gold discrepancy and no OCR fix, by kind
    equivalent_flagged: int  # number flags on gold equivalent-number pairs (must be 0)
    aligned_pairs: int  # links with both sides
    missed: tuple[str, ...]  # notes of the gold discrepancies not found


def _equivalent_flagged(gold: dict, flags, texts: tuple, true_flags: set[str]) -> int:
    """Number flags on the gold's equivalent-number pairs (a true flag may point at the right number)."""
    ru_text, en_text = texts
    count = 0
    for pair in gold.get("equivalent_numbers", ()):
        ru_loc, en_loc = ru_text.locate(pair["ru"]), en_text.locate(pair["en"])
        count += sum(
            1
            for f in flags
            if f.kind == FlagKind.NUMBER
            and f.id not in true_flags
            and (overlaps(f, ru_loc, ru_text, "ru") or overlaps(f, en_loc, en_text, "en"))
        )
    return count


def score_flags(
    gold: dict,
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links,
    flags,
    *,
    paragraph_level: frozenset[str] = PARAGRAPH_LEVEL,
) -> Score:
    """Score one document's flags against its gold discrepancies, equivalences and OCR fixes."""
    ru_text, en_text = NormalisedText(ru), NormalisedText(en)
    link_of = {sid: k for k, link in enumerate(links) for sid in (*link.ru, *link.en)}

    def in_link(flag: Flag, targets: list[Located], text: NormalisedText, lang: str) -> bool:
        """A flag span in the link (paragraph pair) that holds a gold location."""
        spans = flag.ru_spans if lang == "ru" else flag.en_spans
        wanted = {link_of.get(t.segment) for t in targets} - {None}
        return any(link_of.get(span.segment) in wanted for span in spans)

    found, total = defaultdict(int), defaultdict(int)
    explained: set[str] = set()
    missed = []
    for d in gold.get("discrepancies", ()):
        total[d["type"]] += 1
        ru_loc = ru_text.locate(d["ru"]) if d.get("ru") else []
        en_loc = en_text.locate(d["en"]) if d.get("en") else []
        kinds = KIND_ANSWERS.get(d["type"], {d["type"]})
        near = in_link if d["type"] in paragraph_level else overlaps
        hits = [
            f
            for f in flags
            if f.kind in kinds and (near(f, ru_loc, ru_text, "ru") or near(f, en_loc, en_text, "en"))
        ]
        explained.update(f.id for f in hits)
        if hits:
            found[d["type"]] += 1
        else:
            missed.append(f"{d['type']}: {d.get('ru')!r} / {d.get('en')!r}")
    true_flags = set(explained)
    for fix in gold.get("ocr_fixes", ()):
        loc = ru_text.locate(fix["context"], min_chars=4)
        explained.update(f.id for f in flags if overlaps(f, loc, ru_text, "ru"))
        # An English number with no Russian partner is explained by an OCR fix that restores a
        # number in the paired Russian ("питилетнем" -> "пятилетнем" for "five-year").
        if extract_quantities(fix["fix"], "ru"):
            segments = {x.segment for x in loc}
            explained.update(
                f.id for f in flags if f.kind == FlagKind.NUMBER and not f.ru_spans and segments & set(f.ru)
            )
    equivalent = _equivalent_flagged(gold, flags, (ru_text, en_text), true_flags)
    by_kind, false = defaultdict(int), defaultdict(int)
    for f in flags:
        by_kind[f.kind] += 1
        false[f.kind] += f.id not in explained
    pairs = sum(1 for link in links if link.ru and link.en)
    return Score(dict(found), dict(total), dict(by_kind), dict(false), equivalent, pairs, tuple(missed))
