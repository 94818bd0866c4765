"""`workbench export`: a result's aligned pairs as a bitext (TMX, TSV or JSON Lines)."""

from __future__ import annotations

from pathlib import Path

import click

from align.serialize import read_result
from correct.export import FORMATS, LEVELS, render_bitext
from ui.commands.errors import input_errors


@click.command(name="export")
@click.argument(
    "result_path", metavar="RESULT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
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
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout)."
)
def export(result_path: Path, fmt: str, level: str, output: Path | None) -> None:
    """Export RESULT.json's aligned pairs with their ids and confidences: TMX 1.4b, TSV or JSONL."""
    with input_errors():
        text = render_bitext(read_result(result_path), fmt, level=level)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"{fmt} bitext -> {output}", err=True)
