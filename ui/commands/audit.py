"""`workbench audit`: a result's discrepancy flags as a report for translators."""

from __future__ import annotations

from pathlib import Path

import click

from align.serialize import read_result
from correct.audit_report import FORMATS, render_report
from ui.commands.errors import input_errors


@click.command(name="audit")
@click.argument(
    "result_path", metavar="RESULT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True, help="Report format."
)
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout)."
)
def audit(result_path: Path, fmt: str, output: Path | None) -> None:
    """Report RESULT.json's flags grouped by severity and kind: CSV, JSON, or HTML side by side."""
    with input_errors():
        text = render_report(read_result(result_path), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"{fmt} report -> {output}", err=True)
