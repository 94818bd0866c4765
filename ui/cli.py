"""The `workbench` command line: one command per user task, each a thin shell over the library.

Library errors (``InputError``) become one line on stderr and exit code 2
(as datasette's cli does); tracebacks are left for our own bugs.
"""

from __future__ import annotations

import logging

import click

from ui.commands import COMMANDS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
