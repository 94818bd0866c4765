"""Turn library errors into the CLI's one-line message and exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from align.errors import InputError


def fail(message: str) -> None:
    """Print ``workbench: error: message`` on stderr and exit 2."""
    click.echo(f"workbench: error: {message}", err=True)
    sys.exit(2)


@contextmanager
def input_errors() -> Iterator[None]:
    """Inside this block an InputError ends the command with one line and exit code 2."""
    try:
        yield
    except InputError as exc:
        fail(str(exc))
