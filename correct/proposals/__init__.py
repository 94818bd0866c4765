"""OCR correction proposals: for each Russian paragraph, the fixes worth making, best first.

One module per source of evidence: ``lexicon`` (pymorphy3 + wordfreq + SymSpell),
``document_vocab`` (the document's own frequent forms), ``english_evidence`` and
``translit_evidence`` (names and numbers of the aligned English), ``confusions``
(look-alikes, learned confusion counts), ``context`` (grammatical fit with the
neighbouring words, pymorphy3), ``memory`` (editor decisions); ``detect`` finds
suspects, ``grammar_errors`` the real-word errors grammar exposes, ``candidates``
gathers fixes (``inflection``: which differences are only a case ending), ``ranking``
orders them and sets the confidence, ``reasons`` explains the best to the editor,
``overlap`` keeps one of overlapping proposals, ``proposer`` runs it over a document.

``Result.proposals`` holds every proposal with confidence >= ``min_emit``; ``workbench
apply`` applies those >= ``threshold`` by default (see docs/ocr-proposals.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from align.model import Link, Proposal, Segment
from correct.proposals.document_proposals import ProposerSettings, propose_document
from correct.proposals.document_vocab import VocabularyConfig
from correct.proposals.evidence import OCR_CONFIDENCE, ConfidenceModel
from correct.proposals.lexicon import Lexicon, LexiconConfig
from correct.proposals.meaning import Encode
from correct.proposals.memory import CorrectionMemory, FileMemory
from correct.proposals.ranking import RankingConfig
from correct.proposals.settings import CAP_MARGIN, DEFAULT_THRESHOLD

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProposalConfig:
    """Settings of the OCR proposer."""

    threshold: float = DEFAULT_THRESHOLD  # default of `apply --min-confidence`; precision >= 0.95 above it
    min_emit: float = 0.2  # proposals below this confidence are dropped from the result
    max_alternatives: int = 4  # alternatives listed beside the suggestion
    lexicon: LexiconConfig = field(default_factory=LexiconConfig)
    vocabulary: VocabularyConfig = field(default_factory=VocabularyConfig)
    ranking: RankingConfig = field(default_factory=RankingConfig)
    # evidence -> probability (evidence.py, fitted on the corpus); None: the hand-set ranking.confidence
    confidence: ConfidenceModel | None = OCR_CONFIDENCE


class MemorySource(Protocol):
    """Where a correction memory comes from: a file, or a review store's decision log."""

    def load(self) -> CorrectionMemory: ...


class Corrector:
    """Heavy correction resources (lexicon, frequency index, learned memory), loaded once, lazily.

    Picklable: pickling drops the loaded lexicon, so a batch worker rebuilds it on
    first use. The memory (a file, or a review store's log through
    ``correct.review.store.StoreMemory``) is re-read on each ``propose`` so that
    decisions taken meanwhile count.
    """

    def __init__(
        self,
        config: ProposalConfig = ProposalConfig(),
        memory_path: Path | None = None,
        cache_dir: Path | None = None,
        memory_sources: Sequence[MemorySource] = (),
        processes: int = 1,
    ) -> None:
        self.config = config
        self.processes = processes  # cores a large document's proposals may use (correct.proposals.parallel)
        files = (FileMemory(Path(memory_path)),) if memory_path else ()
        self.memory_sources = (*memory_sources, *files)
        self.cache_dir = Path(cache_dir) if cache_dir else None  # the built lexicon index lives here
        self._lexicon: Lexicon | None = None
        self.load_seconds: float | None = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_lexicon"] = None
        return state

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded on first use (under a second from the cache, about 5 s to build)."""
        if self._lexicon is None:
            t0 = time.perf_counter()
            self._lexicon = Lexicon.load(self.config.lexicon, cache_dir=self.cache_dir)
            self.load_seconds = round(time.perf_counter() - t0, 2)
        return self._lexicon

    def memory(self) -> CorrectionMemory:
        """The correction memory as it is now (empty without a source)."""
        memory = CorrectionMemory()
        for source in self.memory_sources:
            memory = memory.merged(source.load())
        return memory

    def propose(
        self,
        ru: Sequence[Segment],
        en: Sequence[Segment],
        links: Sequence[Link],
        encode: Encode | None = None,
    ) -> tuple[Proposal, ...]:
        """Proposals for the Russian segments, best first within each segment; ``encode``: the encoder the
        confidence was fitted with (USE), for the meaning evidence (:mod:`correct.proposals.meaning`)."""
        memory = self.memory()
        lexicon = self.lexicon.with_extra(memory.corpus_words())
        settings = ProposerSettings(
            vocabulary=self.config.vocabulary,
            ranking=self.config.ranking,
            min_emit=self.config.min_emit,
            max_alternatives=self.config.max_alternatives,
            confidence=self.config.confidence,
            # below whatever threshold applies, however the threshold is refitted or set
            english_number_cap=min(ProposerSettings.english_number_cap, self.config.threshold - CAP_MARGIN),
        )
        return propose_document(
            ru,
            en,
            links,
            lexicon=lexicon,
            memory=memory,
            settings=settings,
            processes=self.processes,
            encode=encode,
        )
