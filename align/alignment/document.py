"""Paragraph and sentence alignment of one document: segments -> links with confidences.

Vecalign/Bertalign family: the paragraphs of both sides are embedded, beads
(1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1) are scored by :mod:`align.alignment.scoring`
and the best monotone path is found by :mod:`align.alignment.search` (coarse-to-fine
over the kernel in :mod:`align.alignment.dp`). The same machinery then aligns the
sentences inside each aligned paragraph pair.
"""

from __future__ import annotations

from collections.abc import Sequence

from align.alignment.config import AlignConfig
from align.alignment.passes import align_units
from align.alignment.sentences import sentence_links
from align.alignment.similarity_map import Cell, band_cells, path_centres
from align.alignment.vectors import TextVectors, Units
from align.embedding.encoders import Encoder
from align.embedding.use_pooling import joins_as
from align.model import Link, Segment

# a paragraph of more sentences is the mean of its sentence vectors (see embed_through_sentences); the
# seeds' and the corpus' longest has 20, so for them nothing changes
MEAN_ABOVE_SENTENCES = 256


def align_document(
    ru: Sequence[Segment], en: Sequence[Segment], encoder: Encoder, config: AlignConfig = AlignConfig()
) -> tuple[Link, ...]:
    """Links in document order covering every segment of both sides once.

    Each link carries a confidence in [0, 1]; paragraphs with no counterpart are
    links with an empty side. With ``config.sentences`` every link also holds
    its sentence alignment (sentence ids from ``Segment.sentences``, or
    ``"<segment id>.0"`` for a segment without sentences).
    """
    return align_document_mapped(ru, en, encoder, config)[0]


def align_document_mapped(
    ru: Sequence[Segment], en: Sequence[Segment], encoder: Encoder, config: AlignConfig = AlignConfig()
) -> tuple[tuple[Link, ...], tuple[Cell, ...]]:
    """The links, and the alignment map: paragraph similarities in a band around them
    (:mod:`align.alignment.similarity_map`), from the vectors the alignment computed anyway."""
    try:
        memo = TextVectors(encoder)
        links = tuple(_align(ru, en, memo, config))
        texts = ([s.text for s in ru], [s.text for s in en])
        memo.add([*texts[0], *texts[1]])  # already there, unless sentences composed them
        centres = path_centres(links, [s.id for s in ru], [s.id for s in en])
        return links, band_cells(memo.matrix(texts[0]), memo.matrix(texts[1]), centres)
    finally:
        encoder.forget_pooled()  # merges never cross documents: a batch worker keeps no document's texts


def _align(
    ru: Sequence[Segment], en: Sequence[Segment], memo: TextVectors, config: AlignConfig
) -> list[Link]:
    ru_units = Units(tuple(s.id for s in ru), tuple(s.text for s in ru), _edge_sentences(ru))
    en_units = Units(tuple(s.id for s in en), tuple(s.text for s in en), _edge_sentences(en))
    if config.sentences and memo.encoder.composes:
        embed_through_sentences(memo, [*ru, *en])
    else:
        memo.add([*ru_units.texts, *en_units.texts])
    links = [Link(ru=r, en=e, score=c) for r, e, c in align_units(ru_units, en_units, memo, config)]
    if config.sentences:
        links = sentence_links(links, ru, en, memo, config)
    return links


def _edge_sentences(segments: Sequence[Segment]) -> tuple[tuple[str, str], ...]:
    """(first, last) sentence of each segment for the edge evidence (:mod:`align.alignment.edges`)."""
    return tuple(
        (seg.sentences[0].text, seg.sentences[-1].text) if len(seg.sentences) > 1 else ("", "")
        for seg in segments
    )


def embed_through_sentences(memo: TextVectors, segments: Sequence[Segment]) -> None:
    """Embed the sentences, then every paragraph as the merge of its sentences.

    For an encoder that merges what it has embedded (:attr:`align.embedding.encoders.Encoder.composes`)
    this costs a few tokens per sentence join instead of embedding every text twice.
    A paragraph whose sentences are not separated by white space alone is embedded whole. A paragraph
    of more than ``MEAN_ABOVE_SENTENCES`` sentences (pages without a break: a whole file as one
    paragraph) is the mean of its sentences' vectors: its joins would cost two thirds of its tokens
    again, and only the paragraph search reads that vector, while its sentences are what is aligned.
    The mean is also the better signal there: USE's vector of a whole 30,000-character text saturates
    (seed 000 as one paragraph a side: Russian and English agree at cosine 0.80 embedded whole, 0.94
    as means).
    """
    memo.add([s.text for seg in segments for s in seg.sentences])
    huge = [seg for seg in segments if len(seg.sentences) > MEAN_ABOVE_SENTENCES]
    memo.add_mean([[s.text for s in seg.sentences] for seg in huge], [seg.text for seg in huge])
    joined = [
        seg
        for seg in segments
        if 1 < len(seg.sentences) <= MEAN_ABOVE_SENTENCES
        and joins_as([s.text for s in seg.sentences], seg.text)
    ]
    memo.add_joined([[s.text for s in seg.sentences] for seg in joined], [seg.text for seg in joined])
    memo.add([seg.text for seg in segments])  # the rest: one sentence, none, or not joined by spaces
