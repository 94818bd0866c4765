"""Sentence alignment inside aligned paragraph pairs: the paragraph machinery, one search for all pairs.

Every paragraph link is a small problem of its own (its Russian sentences
against its English sentences). All of them are solved in one search over a
block-diagonal band (:meth:`align.alignment.dp.Band.blocks`), with each link's units in
a group of their own so that no bead crosses two links: one vectorised search
instead of a hundred tiny ones. The second pass re-searches only the doubtful
stretches inside a group, as for paragraphs, so the merged texts embedded are
those of the sentences in doubt, not of every sentence of a pair with a doubt.

A huge pair (a whole file as one paragraph on each side) is searched on its own, coarse to
fine (:func:`align.alignment.search.search`), as a document's paragraphs are: its full block
would grow with the square of its sentences (a 2-million-character pair has ~20,000 a side).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from align.alignment.config import AlignConfig
from align.alignment.dp import Band, beads_within
from align.alignment.passes import group_batches, realign_stretches
from align.alignment.search import one_blas_thread, search
from align.alignment.vectors import TextVectors, Units, build_side, length_ratio
from align.model import Link, Segment, Sentence, SentenceLink

# A pair whose full lattice has more cells is searched alone, coarse to fine: the size that
# ``search`` itself searches in full (~500 x 500 sentences; a normal paragraph pair has a few dozen).
ALONE_CELLS = 250_000
# Lattice cells of the pairs searched together at once. Pairs are independent problems, so batches give
# the same links (the length ratio is the one of all of them); one search over every pair of a 30 MB
# document held about 1.5 GiB of bead scores and backpointers.
BATCH_CELLS = 500_000


def sentences_of(segment: Segment) -> tuple[Sentence, ...]:
    """The segment's sentences, or the whole segment as one sentence ``"<segment id>.0"``."""
    if segment.sentences:
        return segment.sentences
    return (Sentence(id=f"{segment.id}.0", start=0, end=len(segment.text), text=segment.text),)


def sentence_links(
    links: Sequence[Link],
    ru: Sequence[Segment],
    en: Sequence[Segment],
    memo: TextVectors,
    config: AlignConfig,
) -> list[Link]:
    """The links with ``sentences`` filled in, in the same order.

    A link with one sentence a side, or with an empty side, needs no search:
    its sentences share the link's confidence.
    """
    by_id = {s.id: s for s in (*ru, *en)}
    ru_s = [[s for sid in link.ru for s in sentences_of(by_id[sid])] for link in links]
    en_s = [[s for sid in link.en for s in sentences_of(by_id[sid])] for link in links]
    searched = [g for g in range(len(links)) if ru_s[g] and en_s[g] and len(ru_s[g]) + len(en_s[g]) > 2]
    alone = {g for g in searched if (len(ru_s[g]) + 1) * (len(en_s[g]) + 1) > ALONE_CELLS}
    together = [g for g in searched if g not in alone]
    ratio = length_ratio(
        np.array([len(s.text) for g in together for s in ru_s[g]], dtype=np.float64),
        np.array([len(s.text) for g in together for s in en_s[g]], dtype=np.float64),
    )
    pairs_of: dict[int, list] = {}
    for batch in group_batches([(len(ru_s[g]) + 1) * (len(en_s[g]) + 1) for g in together], BATCH_CELLS):
        groups = [together[k] for k in batch]
        found = _search_groups([ru_s[g] for g in groups], [en_s[g] for g in groups], memo, config, ratio)
        pairs_of.update(zip(groups, found, strict=True))
    for g in sorted(alone):
        pairs_of[g] = _search_groups([ru_s[g]], [en_s[g]], memo, config)[0]
    out = []
    for g, link in enumerate(links):
        if g in pairs_of:
            pairs = pairs_of[g]
        elif ru_s[g] and en_s[g]:
            pairs = [(tuple(s.id for s in ru_s[g]), tuple(s.id for s in en_s[g]), link.score)]
        else:
            pairs = [((s.id,), (), link.score) for s in ru_s[g]] + [
                ((), (s.id,), link.score) for s in en_s[g]
            ]
        sentences = tuple(SentenceLink(ru=r, en=e, score=c) for r, e, c in pairs)
        out.append(Link(ru=link.ru, en=link.en, score=link.score, sentences=sentences))
    return out


def _search_groups(
    ru_groups: list[list[Sentence]],
    en_groups: list[list[Sentence]],
    memo: TextVectors,
    config: AlignConfig,
    ratio: float | None = None,
) -> list[list]:
    """Per group, (ru ids, en ids, confidence) of its sentence beads, from one block-diagonal search.

    Two passes, as for paragraphs: spans by the mean of their sentences' vectors first, then
    every doubtful stretch inside a group again on merged-text embeddings
    (:func:`align.alignment.passes.realign_stretches`; no list beads among sentences).
    One group is searched as a document is (in full when small, else coarse to fine); several
    in one block-diagonal band. ``ratio``: the English/Russian length ratio (default: of these groups).
    """
    if not ru_groups:
        return []
    config = replace(config, weights=config.sentence_weights)
    ru = Units(tuple(s.id for g in ru_groups for s in g), tuple(s.text for g in ru_groups for s in g))
    en = Units(tuple(s.id for g in en_groups for s in g), tuple(s.text for g in en_groups for s in g))
    memo.add([*ru.texts, *en.texts])
    ru_sizes = np.array([len(g) for g in ru_groups])
    en_sizes = np.array([len(g) for g in en_groups])
    ru_group = np.repeat(np.arange(len(ru_sizes)), ru_sizes)
    en_group = np.repeat(np.arange(len(en_sizes)), en_sizes)
    one = len(ru_groups) == 1
    ru_side = build_side(ru, memo, config.max_ru, False, groups=None if one else ru_group)
    en_side = build_side(en, memo, config.max_en, False, groups=None if one else en_group)
    ratio = length_ratio(ru_side.lengths, en_side.lengths) if ratio is None else ratio
    beads = beads_within(config.max_ru, config.max_en, config.max_total)
    band = None if one else Band.blocks(ru_sizes, en_sizes)
    with one_blas_thread():
        result = search(ru_side, en_side, beads, ratio, config.weights, band=band)
        path = list(zip(result.path, result.confidences(), strict=True))
    if config.merged_text:
        again = replace(config, max_list=0)
        path = realign_stretches(
            path, ru, en, result.knn, memo, ratio=ratio, config=again, groups=(ru_group, en_group)
        )
    out: list[list] = [[] for _ in ru_groups]
    for (bead, i0, j0), conf in path:
        a, b = bead.shape
        g = int(ru_group[i0]) if a else int(en_group[j0])
        out[g].append((ru.ids[i0 : i0 + a], en.ids[j0 : j0 + b], round(conf, 4)))
    return out
