"""OCR correction proposals, one module per source of evidence. STUB owned by issue 5."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Link, Proposal, Segment


@dataclass(frozen=True)
class ProposalConfig:
    """Settings of the proposer (filled in by issue 5)."""


class Corrector:
    """Heavy correction resources (lexicon, frequency index, learned memory), loaded once."""

    def __init__(self, config: ProposalConfig = ProposalConfig(), memory_path=None) -> None:
        self.config = config
        self.memory_path = memory_path

    def propose(
        self, ru: Sequence[Segment], en: Sequence[Segment], links: Sequence[Link]
    ) -> tuple[Proposal, ...]:
        """Proposals for the Russian segments, best first within each segment."""
        return ()
