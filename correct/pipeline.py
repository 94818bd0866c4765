"""The whole pipeline for one document, as one short function over the stages.

document -> segments -> alignment -> flags, notices and proposals. Like spaCy's
``Language.__call__`` the pipeline reads top to bottom; unlike it, no stage
changes its input: each returns new records and the Result gathers them.

``Workbench`` holds what is expensive to load (the encoder, the correction
lexicons) so that a CLI run, a batch worker or the Streamlit server loads them
once and processes many documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from align.alignment.config import AlignConfig
from align.alignment.coverage import CoverageConfig, coverage_notices
from align.alignment.document import align_document_mapped
from align.audit import AuditConfig, audit_document
from align.audit.ocr_explained import explain_with_proposals
from align.embedding.encoders import Encoder, available_cores
from align.embedding.load import load_encoder
from align.ingest.document import Ingested, Source, ingest
from align.ingest.scan.document import ingest_scan
from align.ingest.segment import segment_sentences
from align.model import Result
from correct.proposals import Corrector, ProposalConfig
from correct.proposals.meaning import MEANING_ENCODER, Encode
from correct.proposals.number_evidence import link_number_flags
from correct.review.store import StoreMemory


@dataclass(frozen=True)
class PipelineConfig:
    """Settings of a processing run; recorded in every result it makes."""

    encoder: str = "use"  # "use" (bundled, offline) or "st:NAME_OR_PATH" (sentence-transformers)
    threads: int | None = None  # encoder threads; None = the cores available to this process
    cache_dir: str | None = None  # embedding and lexicon-index cache folder; None = no cache
    memory_path: str | None = None  # correction memory file (`workbench memory export`); None = none
    memory_db: str | None = None  # review store whose decisions in force the proposer learns from
    align: AlignConfig = field(default_factory=AlignConfig)
    coverage: CoverageConfig = field(default_factory=CoverageConfig)  # when to warn of a partial translation
    audit: AuditConfig = field(default_factory=AuditConfig)
    proposals: ProposalConfig = field(default_factory=ProposalConfig)


class Workbench:
    """Loads the encoder and the corrector once, on first use, and processes documents."""

    def __init__(self, config: PipelineConfig = PipelineConfig()) -> None:
        self.config = config
        self._encoder: Encoder | None = None
        self._corrector: Corrector | None = None

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            cache = Path(self.config.cache_dir) if self.config.cache_dir else None
            self._encoder = load_encoder(
                self.config.encoder, threads=self.config.threads or available_cores(), cache_dir=cache
            )
        return self._encoder

    def meaning_encoder(self) -> Encode | None:
        """The encoder's ``encode`` for the proposals' meaning evidence, when it is the encoder that
        evidence was fitted with; None for another (its cosines are on another scale)."""
        return self.encoder.encode if self.config.encoder == MEANING_ENCODER else None

    @property
    def corrector(self) -> Corrector:
        if self._corrector is None:
            memory = Path(self.config.memory_path) if self.config.memory_path else None
            cache = Path(self.config.cache_dir) if self.config.cache_dir else None
            stores = (StoreMemory(Path(self.config.memory_db)),) if self.config.memory_db else ()
            self._corrector = Corrector(
                self.config.proposals,
                memory_path=memory,
                cache_dir=cache,
                memory_sources=stores,
                processes=self.config.threads or available_cores(),
            )
        return self._corrector

    def ingest(self, source: Source) -> Ingested:
        """Read a text source, or OCR a scan: its rendered pages kept under the cache folder's ``pages/``
        (the review app crops them), its pages read by as many Tesseract processes as ``threads``."""
        if not source.scan:
            return ingest(source)
        pages = Path(self.config.cache_dir) / "pages" if self.config.cache_dir else None
        return ingest_scan(source, pages, jobs=self.config.threads or available_cores())

    def process(self, source: Source, progress: Callable[[str], None] | None = None) -> Result:
        """Run every stage on one document; ``progress`` hears each stage's name."""
        timings: dict[str, float] = {}

        def stage(name: str, fn, *args):
            if progress:
                progress(name)
            t0 = time.perf_counter()
            out = fn(*args)
            timings[name] = round(time.perf_counter() - t0, 4)
            return out

        doc, ru, en, removed = stage("ingest", self.ingest, source)
        ru = stage("segment_ru", segment_sentences, ru)
        en = stage("segment_en", segment_sentences, en)
        links, similarity_map = stage("align", align_document_mapped, ru, en, self.encoder, self.config.align)
        notices = stage("coverage", coverage_notices, links, ru, en, self.config.coverage)
        flags = stage("audit", audit_document, doc.id, ru, en, links, self.config.audit)
        proposals = stage("propose", self.corrector.propose, ru, en, links, self.meaning_encoder())
        proposals = link_number_flags(proposals, flags)
        flags = stage("explain", explain_with_proposals, flags, proposals, ru)
        return Result(
            document=doc,
            ru=ru,
            en=en,
            removed=removed,
            alignment=links,
            flags=flags,
            proposals=proposals,
            config={**asdict(self.config), "timings": timings},
            notices=notices,
            similarity_map=similarity_map,
        )
