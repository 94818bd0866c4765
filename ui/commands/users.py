"""`workbench users`: the reviewers who sign in to the review app, kept in the review store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from correct.review.store import Store
from correct.review.users import Role
from ui.commands.errors import input_errors

db_option = click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review store."
)


def _password(stdin: bool) -> str:
    """The new password: from stdin (one line, for scripts) or asked twice without echo."""
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group(name="users")
def users() -> None:
    """Add, list, disable users of the review app and set their passwords."""


@users.command(name="add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice([str(r) for r in Role]), required=True, help="What the user may decide."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of asking.")
@click.option(
    "--no-password", is_flag=True, help="Signs in only through OIDC (`review --oidc`); NAME is the e-mail."
)
@db_option
def add(name: str, role: str, password_stdin: bool, no_password: bool, db_path: Path) -> None:
    """Add user NAME with a role (editor, translator or admin)."""
    with input_errors():
        password = None if no_password else _password(password_stdin)
        user = Store(db_path, create=True).accounts.add(name, role, password)
    click.echo(f"added {user.name} ({user.role}) to {db_path}")


@users.command(name="list")
@db_option
def list_(db_path: Path) -> None:
    """List the users, their roles and whether they are disabled."""
    with input_errors():
        everyone = Store(db_path).accounts.everyone()
    for u in everyone:
        click.echo(f"{u.name}\t{u.role}\t{'disabled' if u.disabled else 'active'}\t{u.created_at}")


@users.command(name="disable")
@click.argument("name")
@db_option
def disable(name: str, db_path: Path) -> None:
    """Disable user NAME: they can no longer sign in; their decisions stay in the log."""
    with input_errors():
        Store(db_path).accounts.disable(name)
    click.echo(f"disabled {name}")


@users.command(name="passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of asking.")
@db_option
def passwd(name: str, password_stdin: bool, db_path: Path) -> None:
    """Set user NAME's password."""
    with input_errors():
        Store(db_path).accounts.set_password(name, _password(password_stdin))
    click.echo(f"password of {name} changed")
