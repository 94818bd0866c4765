"""`workbench batch`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="batch")
def batch() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench batch' is not implemented yet")
