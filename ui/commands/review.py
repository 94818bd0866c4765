"""`workbench review`: open the review app on a database in the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from correct.review.store import Store
from ui.commands.errors import input_errors

APP = Path(__file__).resolve().parents[1] / "app.py"


@click.command(name="review")
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review database."
)
@click.option("--address", default="127.0.0.1", show_default=True, help="Address the server listens on.")
@click.option("--port", default=8501, show_default=True, type=int, help="Port the server listens on.")
@click.option("--headless", is_flag=True, help="Do not open a browser window.")
def review(db_path: Path, address: str, port: int, headless: bool) -> None:
    """Review proposals, flags and alignment in the browser (Streamlit), several reviewers at once."""
    with input_errors():
        Store(db_path)  # refuses a missing file or a database that is not a workbench store
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
    ]  # fmt: skip
    url = f"http://{address}:{port}"
    click.echo(f"review app on {url}  (database {db_path}; Ctrl-C to stop)")
    if not headless:
        _open_browser_when_up(url)
    # Replace this process with the server, so Ctrl-C and a supervisor's signals reach Streamlit itself.
    os.execv(sys.executable, command)


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
