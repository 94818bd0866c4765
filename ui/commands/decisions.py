"""`workbench decisions`: a document's proposal decisions in force, as the file `apply --decisions` reads."""

from __future__ import annotations

import json
from pathlib import Path

import click

from correct.review.reanchor import KEPT
from correct.review.state import ProposalStatus
from correct.review.store import Store
from ui.commands.errors import input_errors
from ui.commands.output import emit, output_option

_ACTION = {
    ProposalStatus.ACCEPTED: "accept",
    ProposalStatus.REJECTED: "reject",
    ProposalStatus.EDITED: "edit",
}


@click.command(name="decisions")
@click.argument("doc")
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review store."
)
@output_option
def decisions(doc: str, db_path: Path, output: Path | None) -> None:
    """Write DOC's decided proposals as JSON [{"proposal", "action", "value"}] for `workbench apply`.

    The ids are those of the result last imported; fixes kept from an earlier import for
    their decision are not in that RESULT.json (use `workbench export --db --format text`).
    """
    with input_errors():
        review = Store(db_path).review(doc)
    by_id = {p.id: p for p in review.result.proposals}
    rows, kept = [], 0
    for pid, state in review.proposals.items():
        if state.status == ProposalStatus.UNDECIDED:
            continue
        if by_id[pid].producer == KEPT:
            kept += 1
            continue
        row = {"proposal": pid, "action": _ACTION[state.status]}
        if state.status == ProposalStatus.EDITED:
            row["value"] = state.replacement
        rows.append(row)
    emit(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", output, f"{len(rows)} decision(s)")
    if kept:
        click.echo(
            f"  {kept} decision(s) on fixes kept from an earlier import left out (not in RESULT.json)",
            err=True,
        )
