"""`workbench audit`: a result's discrepancy flags as a report for translators."""

from __future__ import annotations

from pathlib import Path

import click

from align.serialize import read_result
from correct.exports.audit_report import FORMATS, render_report
from ui.commands.errors import input_errors
from ui.commands.output import emit, output_option, result_argument


@click.command(name="audit")
@result_argument
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True, help="Report format."
)
@output_option
def audit(result_path: Path, fmt: str, output: Path | None) -> None:
    """Report RESULT.json's flags grouped by severity and kind: CSV, JSON, or HTML side by side."""
    with input_errors():
        text = render_report(read_result(result_path), fmt)
    emit(text, output, f"{fmt} report")
