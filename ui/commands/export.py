"""`workbench export`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="export")
def export() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench export' is not implemented yet")
