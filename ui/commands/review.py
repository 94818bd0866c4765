"""`workbench review`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="review")
def review() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench review' is not implemented yet")
