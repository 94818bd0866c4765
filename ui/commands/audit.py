"""`workbench audit`. STUB: replaced by the issue that owns it."""

import click


@click.command(name="audit")
def audit() -> None:
    """Not implemented yet."""
    raise click.UsageError("'workbench audit' is not implemented yet")
