"""Discrepancy audit: one module per check. STUB owned by the audit work (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Flag, Link, Segment


@dataclass(frozen=True)
class AuditConfig:
    """Settings of the audit (filled in by issue 4)."""


def audit_document(
    doc_id: str,
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    config: AuditConfig = AuditConfig(),
) -> tuple[Flag, ...]:
    """Flags ranked by severity for the aligned document."""
    return ()
