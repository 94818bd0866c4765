"""Apply OCR proposals (or an editor's decisions on them) to produce the corrected Russian text.

The result file is never changed: corrected text and a change log are new outputs.
Which proposals apply:
- without decisions, every proposal with confidence >= ``min_confidence``;
- with decisions (``[{"proposal": id, "action": "accept"|"reject"|"edit", "value": ...}]``),
  a decided proposal follows its decision (the last one wins; "edit" applies ``value``)
  and an undecided one follows the confidence rule; ``min_confidence=None`` applies
  decided proposals only.
Within a segment, overlapping proposals are resolved for decided ones first, then the
more confident, then applied from the end of the segment backward so offsets stay valid.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from align.errors import InputError
from align.model import PROPOSAL_ACTIONS, Action, Decision, Proposal, Result, TargetKind
from correct.proposals.overlap import non_overlapping


class How(StrEnum):
    """Why a change was made, for the change log."""

    AUTO = "auto"  # the confidence rule
    ACCEPT = "accept"
    EDIT = "edit"


@dataclass(frozen=True)
class Change:
    """One replacement made in a segment, for the change log."""

    segment: str
    start: int  # offsets into the original segment text
    end: int
    original: str
    replacement: str
    confidence: float
    how: How
    proposal: str  # proposal id


def apply_to_text(text: str, proposals: Iterable[Proposal]) -> str:
    """``text`` with non-overlapping proposals applied, from the end backward (more confident wins)."""
    out = text
    for p in sorted(non_overlapping(proposals), key=lambda p: -p.start):
        out = out[: p.start] + p.suggestion + out[p.end :]
    return out


def chosen_changes(
    result: Result, min_confidence: float | None, decisions: Sequence[Decision] = ()
) -> list[Change]:
    """The changes to make, in document order (segment order, then offset).

    ``decisions`` are proposal decisions (accept, reject, edit; the last one for a proposal
    wins). ``min_confidence``: undecided proposals at or above it apply; None, none do.
    """
    ids = {p.id for p in result.proposals}
    verdict = {d.target: d for d in decisions if d.target_kind == TargetKind.PROPOSAL}
    unknown = [pid for pid in verdict if pid not in ids]
    if unknown:
        raise InputError(f"decisions name {len(unknown)} proposal(s) not in the result, e.g. {unknown[0]!r}")
    how: dict[str, How] = {}
    picked: list[Proposal] = []
    for p in result.proposals:
        d = verdict.get(p.id)
        if d is None:
            if min_confidence is not None and p.confidence >= min_confidence:
                how[p.id] = How.AUTO
                picked.append(p)
        elif d.action == Action.ACCEPT:
            how[p.id] = How.ACCEPT
            picked.append(p)
        elif d.action == Action.EDIT:
            how[p.id] = How.EDIT
            picked.append(replace(p, suggestion=d.new or ""))

    def priority(p: Proposal) -> tuple[float, ...]:  # an editor's decision beats any confidence
        return (how[p.id] != How.AUTO, p.confidence)

    order = {s.id: i for i, s in enumerate(result.ru)}
    changes = []
    for seg_id in sorted({p.segment for p in picked}, key=lambda s: order.get(s, len(order))):
        if seg_id not in order:
            raise InputError(
                f"a proposal names segment {seg_id!r}, which is not a Russian segment of the result"
            )
        in_segment = [p for p in picked if p.segment == seg_id]
        for p in sorted(non_overlapping(in_segment, priority), key=lambda p: p.start):
            changes.append(
                Change(
                    seg_id, p.start, p.end, p.original, p.suggestion, round(p.confidence, 3), how[p.id], p.id
                )
            )
    return changes


def corrected_segments(result: Result, changes: Sequence[Change]) -> list[str]:
    """The text of every Russian segment with its changes applied, in document order."""
    by_seg: dict[str, list[Change]] = {}
    for c in changes:
        by_seg.setdefault(c.segment, []).append(c)
    out = []
    for seg in result.ru:
        text = seg.text
        for c in sorted(by_seg.get(seg.id, ()), key=lambda c: -c.start):
            if text[c.start : c.end] != c.original:
                raise InputError(f"proposal {c.proposal!r} does not match its segment's text; re-run process")
            text = text[: c.start] + c.replacement + text[c.end :]
        out.append(text)
    return out


def read_decisions(path: Path) -> list[Decision]:
    """Proposal decisions from a JSON file: a list of {"proposal", "action", "value"}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such decisions file") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON decisions file ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(f"{path}: decisions must be a JSON list of {{'proposal', 'action', 'value'}}")
    out = []
    for i, d in enumerate(data):
        if (
            not isinstance(d, dict)
            or d.get("action") not in PROPOSAL_ACTIONS
            or not isinstance(d.get("proposal"), str)
        ):
            allowed = tuple(str(a) for a in PROPOSAL_ACTIONS)
            raise InputError(f"{path}: decision {i} needs 'proposal' (an id) and 'action' in {allowed}")
        if d["action"] == Action.EDIT and not isinstance(d.get("value"), str):
            raise InputError(f"{path}: decision {i} is an edit without a 'value'")
        out.append(
            Decision(
                doc="",
                target_kind=TargetKind.PROPOSAL,
                target=d["proposal"],
                action=Action(d["action"]),
                new=d.get("value"),
            )
        )
    return out


def change_log_tsv(changes: Sequence[Change]) -> str:
    """The change log as TSV with a header line (tabs and newlines in texts escaped)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

    head = "segment\tstart\tend\toriginal\treplacement\tconfidence\thow\tproposal"
    rows = [
        "\t".join(
            [
                c.segment,
                str(c.start),
                str(c.end),
                esc(c.original),
                esc(c.replacement),
                f"{c.confidence:.3f}",
                c.how,
                esc(c.proposal),
            ]
        )
        for c in changes
    ]
    return "\n".join([head, *rows]) + "\n"
