"""`workbench apply`: a result file -> corrected Russian text and a change log."""

from __future__ import annotations

from pathlib import Path

import click

from align.atomic import write_text_atomic
from align.serialize import read_result
from correct.exports.apply import change_log_tsv, chosen_changes, corrected_segments, read_decisions
from correct.proposals import DEFAULT_THRESHOLD
from ui.commands.errors import fail, input_errors
from ui.commands.output import result_argument


@click.command(name="apply")
@result_argument
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Apply undecided proposals at or above this confidence.",
)
@click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON list of {"proposal": id, "action": "accept"|"reject"|"edit", "value": ...}.',
)
@click.option(
    "-o",
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Corrected Russian text (paragraphs separated by blank lines).",
)
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Change log TSV (default: OUT.changes.tsv).",
)
def apply(result_path, min_confidence, decisions_path, out_path, log_path) -> None:
    """Write the corrected Russian text of RESULT.json and a change log; RESULT.json is not modified.

    Decided proposals follow their decisions; undecided ones are applied when their
    confidence is at least --min-confidence.
    """
    with input_errors():
        result = read_result(result_path)
        decisions = read_decisions(decisions_path) if decisions_path else []
        changes = chosen_changes(result, min_confidence, decisions)
        texts = corrected_segments(result, changes)
    log_path = log_path or out_path.with_name(out_path.name + ".changes.tsv")
    if out_path.resolve() == result_path.resolve() or log_path.resolve() == result_path.resolve():
        fail("the output would overwrite RESULT.json; choose another -o/--log")
    write_text_atomic(out_path, "\n\n".join(texts) + "\n")
    write_text_atomic(log_path, change_log_tsv(changes))
    click.echo(f"{len(changes)} change(s) in {len(result.ru)} paragraphs -> {out_path} (log: {log_path})")
