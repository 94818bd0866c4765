"""`workbench memory export`: what the proposer learns from a review store, as a memory file.

The store's decision log is the one record of decisions; ``process --db`` and ``batch --db``
learn from it directly. A run without a store reads this file with ``--memory``.
"""

from __future__ import annotations

from pathlib import Path

import click

from correct.proposals.memory import write_memory
from correct.review.store import Store
from ui.commands.errors import input_errors


@click.group(name="memory")
def memory() -> None:
    """The correction memory derived from review decisions."""


@memory.command(name="export")
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review store."
)
@click.option(
    "-o",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Memory file to write.",
)
def export_memory(db_path: Path, output: Path) -> None:
    """Write the memory the store's decisions in force teach (for `process --memory FILE`)."""
    with input_errors():
        learned = Store(db_path).memory()
        write_memory(output, learned)
    click.echo(f"{len(learned.accepted)} accepted and {len(learned.rejected)} rejected fix(es) -> {output}")
