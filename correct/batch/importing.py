"""A batch run's results into the review store (``workbench batch --db``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.serialize import read_result
from correct.batch.report import DocumentRow
from correct.review.store import Store


@dataclass(frozen=True)
class StoreImport:
    """What importing a run's results into the review store did."""

    imported: int  # results written into the store
    already: int  # unchanged results the store already holds (not re-imported)
    orphaned: int  # review decisions whose target the new results no longer have
    quieted: int = 0  # flags the ignore list gave "not an issue" (correct/review/ignore_list.py)


def import_into_store(db_path: Path, rows: Sequence[DocumentRow]) -> StoreImport:
    """Import the run's new results, and unchanged ones the store lacks, into the review store.

    Results are read back from their files after the run, one document per
    transaction: SQLite has one writer, and the workers must not wait for it.
    The store is created when missing.
    """
    store = Store(Path(db_path), create=True)
    have = set(store.document_ids())
    imported = already = orphaned = quieted = 0
    for row in rows:
        if row.status == "unchanged" and row.id in have:
            already += 1
        elif row.status in ("done", "unchanged") and row.output:
            report = store.import_result(read_result(Path(row.output)))
            orphaned, quieted = orphaned + len(report.orphaned), quieted + report.quieted
            imported += 1
    return StoreImport(imported, already, orphaned, quieted)
