"""The `workbench` command line: one command per user task, each a thin shell over the library.

Library errors (``InputError``) become one line on stderr and exit code 2
(as datasette's cli does); tracebacks are left for our own bugs.
"""

from __future__ import annotations

import logging
import sqlite3
import sys

import click

from align.errors import InputError
from ui.commands import COMMANDS
from ui.commands.errors import fail


class WorkbenchGroup(click.Group):
    """The command group, with the error promise kept in one place: an InputError, a file the
    system refuses (a path under a file, a folder where a file should be, a full or read-only
    disk) or a database that is not one ends the command with one line and exit code 2."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Click's own errors (a bad option, a missing file argument) in one line as well."""
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # `workbench` alone: the help, as a help
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.ClickException as exc:
            command = f" {exc.ctx.command_path.split(' ', 1)[-1]}" if getattr(exc, "ctx", None) else ""
            fail(f"{exc.format_message()} (see `workbench{command} --help`)")
        except click.Abort:
            fail("aborted")
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            fail(str(exc))
        except OSError as exc:
            path = exc.filename2 or exc.filename  # for a rename: the file it was to become
            where = f"{path}: " if path else ""
            fail(f"{where}{exc.strerror or exc}")
        except sqlite3.DatabaseError as exc:
            fail(f"database error: {exc}")


@click.group(cls=WorkbenchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.version_option(package_name="ocr-align-workbench")
def cli(verbose: bool) -> None:
    """OCR-correction and translation-alignment workbench for Russian archive documents."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="workbench")


if __name__ == "__main__":
    main()
