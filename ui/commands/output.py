"""What the report-writing commands share: the RESULT.json argument and writing to -o or stdout."""

from __future__ import annotations

from pathlib import Path

import click

from align.atomic import write_text_atomic

result_argument = click.argument(
    "result_path", metavar="RESULT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
output_option = click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout)."
)


def emit(text: str, output: Path | None, what: str) -> None:
    """Print ``text`` to stdout, or write it atomically to ``output`` and say so on stderr."""
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomic(output, text)
    click.echo(f"{what} -> {output}", err=True)
