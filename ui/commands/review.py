"""`workbench review`: open the review app on a database in the browser."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import click

from align.errors import InputError
from correct.review.store import Store
from ui.commands.errors import input_errors

APP = Path(__file__).resolve().parents[1] / "app.py"


@click.command(name="review")
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review database."
)
@click.option("--address", default="127.0.0.1", show_default=True, help="Address the server listens on.")
@click.option(
    "--port",
    default=8501,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port the server listens on.",
)
@click.option("--headless", is_flag=True, help="Do not open a browser window.")
@click.option(
    "--no-auth",
    is_flag=True,
    help="No sign-in: one reviewer on their own machine (loopback addresses only).",
)
@click.option(
    "--oidc",
    is_flag=True,
    help="Sign in through the organisation's OpenID Connect provider (Streamlit's st.login), "
    "configured in .streamlit/secrets.toml; users are added by e-mail with --no-password.",
)
def review(db_path: Path, address: str, port: int, headless: bool, *, no_auth: bool, oidc: bool) -> None:
    """Review proposals, flags and alignment in the browser (Streamlit), several reviewers at once.

    Reviewers sign in (users from `workbench users add`); the identity recorded with every
    decision is the signed-in user. --no-auth is for a single user on 127.0.0.1.
    """
    with input_errors():
        store = Store(db_path)  # refuses a missing file or a database that is not a workbench store
        if oidc and no_auth:
            raise InputError("choose --oidc or --no-auth, not both")
        if oidc:
            _check_oidc()
        _check_access(store, address, no_auth)
        _check_port(address, port)
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", address,
        "--server.port", str(port),
        # Always headless: otherwise Streamlit's first run asks for an e-mail on stdin, which
        # fails without a terminal (make run, CI, services). The browser is opened below instead.
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",  # no Deploy button: reviewers have nothing to deploy
        "--", "--db", str(db_path.resolve()),
        *(["--no-auth"] if no_auth else []), *(["--oidc"] if oidc else []),
    ]  # fmt: skip
    url = f"http://{address}:{port}"
    click.echo(f"review app on {url}  (database {db_path}; Ctrl-C to stop)")
    if not headless:
        _open_browser_when_up(url)
    # Replace this process with the server, so Ctrl-C and a supervisor's signals reach Streamlit itself.
    os.execv(sys.executable, command)


def _check_access(store: Store, address: str, no_auth: bool) -> None:
    """Sign-in is required beyond the loopback address, and by default; it needs a user."""
    if no_auth:
        if not _is_loopback(address):
            raise InputError(f"--no-auth is only for the loopback address, not {address}: add users instead")
        return
    if not store.accounts.everyone():
        raise InputError(
            f"{store.path} has no users: add one with `workbench users add NAME --role admin "
            f"--db {store.path}` (or use --no-auth, alone on this machine)"
        )


def _check_oidc() -> None:
    """OIDC needs Authlib and an [auth] section in .streamlit/secrets.toml (here or in ~/.streamlit)."""
    try:
        import authlib  # noqa: F401
    except ImportError as exc:
        raise InputError("--oidc needs Authlib: pip install 'ocr-align-workbench[oidc]'") from exc
    for folder in (Path.cwd() / ".streamlit", Path.home() / ".streamlit"):
        secrets = folder / "secrets.toml"
        if secrets.is_file():
            try:
                auth = tomllib.loads(secrets.read_text(encoding="utf-8")).get("auth", {})
            except tomllib.TOMLDecodeError as exc:
                raise InputError(f"{secrets}: not valid TOML ({exc})") from exc
            missing = [k for k in ("redirect_uri", "cookie_secret") if k not in auth]
            if missing:
                raise InputError(f"{secrets}: [auth] lacks {', '.join(missing)} (see README, team use)")
            return
    raise InputError("--oidc needs an [auth] section in .streamlit/secrets.toml (see README, team use)")


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(address)).is_loopback
    except (OSError, ValueError):
        return False


def _check_port(address: str, port: int) -> None:
    """A port that is taken is one line now, not a server that fails after it started."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {address}:{port} ({exc.strerror or exc})") from exc


# Runs detached: waits until the server answers its health check, then opens the default browser
# (a no-op on a machine without one). Gives up after a minute.
_OPENER = """
import sys, time, urllib.request, webbrowser
url = sys.argv[1]
for _ in range(120):
    try:
        urllib.request.urlopen(url + "/_stcore/health", timeout=1)
        webbrowser.open(url)
        break
    except OSError:
        time.sleep(0.5)
"""


def _open_browser_when_up(url: str) -> None:
    """Open ``url`` in a browser once the server is up, from a detached helper process."""
    subprocess.Popen(
        [sys.executable, "-c", _OPENER, url],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
