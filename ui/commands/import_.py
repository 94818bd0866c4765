"""`workbench import`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="import")
def import_() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench import' is not implemented yet")
