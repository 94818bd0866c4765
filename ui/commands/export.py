"""`workbench export`: a result's aligned pairs as a bitext (TMX, TSV or JSON Lines)."""

from __future__ import annotations

from pathlib import Path

import click

from align.serialize import read_result
from correct.exports.bitext import FORMATS, LEVELS, render_bitext
from ui.commands.errors import input_errors
from ui.commands.output import emit, output_option, result_argument


@click.command(name="export")
@result_argument
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="tmx", show_default=True, help="Bitext format."
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="paragraph",
    show_default=True,
    help="One unit per aligned paragraph pair, or per aligned sentence pair.",
)
@output_option
def export(result_path: Path, fmt: str, level: str, output: Path | None) -> None:
    """Export RESULT.json's aligned pairs with their ids and confidences: TMX 1.4b, TSV or JSONL."""
    with input_errors():
        text = render_bitext(read_result(result_path), fmt, level=level)
    emit(text, output, f"{fmt} bitext")
