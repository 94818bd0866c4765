"""What the proposer works with besides the text: its settings, and the resources of one document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from correct.proposals.confusion_table import learned_confusions
from correct.proposals.document_vocab import DocumentVocabulary, VocabularyConfig
from correct.proposals.evidence import OCR_CONFIDENCE, ConfidenceModel
from correct.proposals.lexicon import Lexicon
from correct.proposals.memory import CorrectionMemory
from correct.proposals.ranking import RankingConfig

# The lowest confidence at which the leave-one-document-out proposals on ../shared/corpus/scanned are
# right 95 % of the time, and stay so up to 0.05 higher (benchmarks/fit_ocr_confidence.py;
# docs/ocr-proposals.md): the default of `workbench apply --min-confidence`
DEFAULT_THRESHOLD = 0.83
CAP_MARGIN = 0.01  # a number fix only the English supports stays at least this far below the threshold


@dataclass(frozen=True)
class ProposerSettings:
    """What ``propose_document`` needs besides the data (a part of ProposalConfig)."""

    vocabulary: VocabularyConfig = field(default_factory=VocabularyConfig)
    ranking: RankingConfig = field(default_factory=RankingConfig)
    min_emit: float = 0.2  # proposals below this confidence are not emitted at all
    max_alternatives: int = 4  # alternatives shown beside the suggestion
    # evidence -> probability (evidence.py, fitted); None: the hand-set ranking.confidence
    confidence: ConfidenceModel | None = OCR_CONFIDENCE
    # character confusion counts "a>b" from the corpus's gold fixes (confusion_table.py); the editors'
    # accepted fixes are added to them
    confusions: Mapping[str, int] = field(default_factory=learned_confusions)
    # a number fix whose only evidence is the English stays below DEFAULT_THRESHOLD: an editor's accept
    # or a second source (number_evidence.py) applies it
    english_number_cap: float = DEFAULT_THRESHOLD - CAP_MARGIN


@dataclass(frozen=True)
class DocumentResources:
    """What the proposals of every segment of one document draw on, built once per document."""

    lexicon: Lexicon
    vocab: DocumentVocabulary  # the document's own word and number counts
    memory: CorrectionMemory  # editors' decisions: rejected fixes are not proposed again
    learned: Mapping[str, int]  # confusion counts "a>b": the corpus's and the editors' (memory)
    settings: ProposerSettings
    # character -> the letters it is often a misreading of (short_confusions.substitutions of learned)
    substitutions: Mapping[str, list[tuple[str, int]]] = field(default_factory=dict)
    # ids of the segments that go on from the one before (case_errors.continues): a page broke the paragraph
    continued: frozenset[str] = frozenset()
