"""One corpus document through the workbench and the peers, scored against its gold.

The workbench part is the pipeline's own first stages (ingest -> segment -> align, the functions
``correct.pipeline.Workbench.process`` calls, with the same configuration); the audit and the
OCR proposals are left out because they do not change the alignment. Every aligner is scored by
:func:`benchmarks.common.alignment_score`, the one gold scorer of the benchmarks.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from align.alignment.document import align_document
from align.ingest.document import ingest
from align.ingest.segment import segment_sentences
from benchmarks.common import Score, alignment_score, raw_texts
from benchmarks.corpus_documents import CorpusDocument, gold_paragraphs
from benchmarks.link_reliability import Judged, judge_links
from benchmarks.paragraph_boundaries import BoundaryScore, document_boundaries
from benchmarks.peer_aligners import Peer, run_peer
from correct.pipeline import Workbench


@dataclass(frozen=True)
class PeerScore:
    """A peer's score on one document, or why it has none."""

    score: Score | None
    seconds: float
    error: str | None = None


@dataclass(frozen=True)
class DocumentScore:
    """The workbench's and the peers' scores on one document, with the paragraph counts and boundaries."""

    form: str
    name: str
    score: Score
    seconds: float  # ingest + segment + align, encoder loaded (embeddings may come from the cache)
    paragraphs: dict[str, dict[str, int]]  # {"ru": {"ours": n, "gold": n}, "en": {...}}
    boundaries: BoundaryScore  # where our Russian paragraphs start against the gold's
    judged: tuple[Judged, ...] = ()
    unjudged: int = 0
    peers: dict[str, PeerScore] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The record without the per-link verdicts (they go into the reliability table)."""
        data = asdict(self)
        data.pop("judged")
        return data


def score_document(
    document: CorpusDocument, workbench: Workbench, peers: Sequence[Peer] = ()
) -> DocumentScore:
    """Align ``document`` as the pipeline does, score it, then run and score every peer on its segments."""
    encoder = workbench.encoder  # loaded before the clock starts: the time is the document's own
    t0 = time.perf_counter()
    doc, ru, en, _ = ingest(document.source)
    ru, en = segment_sentences(ru), segment_sentences(en)
    links = align_document(ru, en, encoder, workbench.config.align)
    seconds = round(time.perf_counter() - t0, 3)
    raw = raw_texts(doc.source, doc.encoding)
    gold = document.gold
    judged, unjudged = judge_links(links, ru, en, raw, gold)
    counts = gold_paragraphs(gold)
    paragraphs = {
        "ru": {"ours": len(ru), "gold": counts["ru"]},
        "en": {"ours": len(en), "gold": counts["en"]},
    }
    scored: dict[str, PeerScore] = {}
    for peer in peers:
        run = run_peer(peer, ru, en)
        score = alignment_score(run.links, ru, en, raw, gold) if run.links is not None else None
        scored[peer.name] = PeerScore(score, run.seconds, run.error)
    return DocumentScore(
        form=document.form,
        name=document.name,
        score=alignment_score(links, ru, en, raw, gold),
        seconds=seconds,
        paragraphs=paragraphs,
        boundaries=document_boundaries(raw["ru"], ru, gold),
        judged=tuple(judged),
        unjudged=unjudged,
        peers=scored,
    )
