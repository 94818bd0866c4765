"""`workbench review`: open the review app on a database in the browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from correct.store import Store
from ui.commands.errors import input_errors

APP = Path(__file__).resolve().parents[1] / "app.py"


@click.command(name="review")
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Review database."
)
@click.option("--address", default="127.0.0.1", show_default=True, help="Address the server listens on.")
@click.option("--port", default=8501, show_default=True, type=int, help="Port the server listens on.")
@click.option(
    "--memory",
    "memory_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Correction memory that editors' decisions teach (default: beside the database).",
)
@click.option("--headless", is_flag=True, help="Do not open a browser window.")
def review(db_path: Path, address: str, port: int, memory_path: Path | None, headless: bool) -> None:
    """Review proposals, flags and alignment in the browser (Streamlit), several reviewers at once."""
    with input_errors():
        Store(db_path)  # refuses a missing file or a database that is not a workbench store
    memory_path = memory_path or db_path.with_suffix(".memory.json")
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", address,
        "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--", "--db", str(db_path.resolve()), "--memory", str(memory_path.resolve()),
    ]  # fmt: skip
    click.echo(f"review app on http://{address}:{port}  (database {db_path}; Ctrl-C to stop)")
    # Replace this process with the server, so Ctrl-C and a supervisor's signals reach Streamlit itself.
    os.execv(sys.executable, command)
