"""`workbench import`: load processing results into a review database."""

from __future__ import annotations

from pathlib import Path

import click

from align.serialize import read_result
from correct.review.store import Store
from ui.commands.errors import input_errors


@click.command(name="import")
@click.argument(
    "results", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Review database (created if absent).",
)
def import_(results: tuple[Path, ...], db_path: Path) -> None:
    """Load RESULT.json files (from `workbench process`) into the review database.

    Re-importing a re-processed document keeps every decision whose proposal, flag
    or link still exists and lists those that no longer apply.
    """
    with input_errors():
        store = Store(db_path, create=True)
        for path in results:
            result = read_result(path)
            report = store.import_result(result)
            c = report.counts
            verb = "re-imported" if report.reimport else "imported"
            click.echo(
                f"{report.doc}: {verb} {c['ru']} ru / {c['en']} en paragraphs, {c['links']} links, "
                f"{c['flags']} flags, {c['proposals']} proposals"
                + (
                    f"; {report.kept} decisions kept, {len(report.orphaned)} no longer apply"
                    if report.reimport
                    else ""
                )
            )
            for notice in result.notices:
                click.echo(f"  warning: {notice.message}")
            if report.quieted or report.reopened:
                click.echo(
                    f"  ignore list: {report.quieted} flag(s) judged not an issue elsewhere, "
                    f"{report.reopened} reopened because their text changed"
                )
            for d in report.orphaned:
                click.echo(
                    f"  no longer applies: #{d.seq} {d.action} {d.target_kind} {d.target} by {d.reviewer}"
                )
    click.echo(f"database: {db_path}")
