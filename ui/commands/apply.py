"""`workbench apply`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="apply")
def apply() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench apply' is not implemented yet")
