"""`workbench import`: load processing results into a review database."""

from __future__ import annotations

from pathlib import Path

import click

from align.model import Result
from align.serialize import read_result
from correct.review.store import ImportReport, Store
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

    Re-importing a re-processed or edited document places every decision on the same
    text by its anchor, whatever the offsets became, and lists those whose text is gone.
    """
    with input_errors():
        store = Store(db_path, create=True)
        for path in results:
            result = read_result(path)
            for line in describe(store.import_result(result), result):
                click.echo(line)
    click.echo(f"database: {db_path}")


def describe(report: ImportReport, result: Result, *, summary: bool = True) -> list[str]:
    """What an import did, as the lines `import` and `process --db` print (``summary``: the
    counts and the document's warnings first; `process` has printed them already)."""
    c = report.counts
    verb = "re-imported" if report.reimport else "imported"
    line = (
        f"{report.doc}: {verb} {c['ru']} ru / {c['en']} en paragraphs, {c['links']} links, "
        f"{c['flags']} flags, {c['proposals']} proposals"
    )
    if report.reimport:
        carried = f" ({report.carried} records carried)" if report.carried else ""
        line += f"; {report.kept} decisions kept{carried}, {len(report.orphaned)} no longer apply"
    lines = [line, *(f"  warning: {notice.message}" for notice in result.notices)] if summary else []
    if report.quieted or report.reopened:
        lines.append(
            f"  ignore list: {report.quieted} flag(s) judged not an issue elsewhere, "
            f"{report.reopened} reopened because their text changed"
        )
    reasons = report.reasons or {}
    for d in report.orphaned:
        why = reasons.get(d.seq, "its alignment link is no longer there")
        lines.append(
            f"  no longer applies: #{d.seq} {d.action} {d.target_kind} {d.target} by {d.reviewer}: {why}"
        )
    return lines
