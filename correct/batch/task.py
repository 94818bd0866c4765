"""One document of a batch: what to do (a task), how it is fingerprinted, and the function that does it.

``process_document`` is the one per-document function every engine runs (inline,
a process pool, a Dask worker): process, stamp the fingerprints into the
result's config, write the result atomically, return the report row. A failing
document becomes a ``failed`` row so that the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import resource
import socket
import sys
import time
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from align.errors import InputError
from align.ingest.document import Source
from align.model import SCHEMA
from align.serialize import write_result
from correct.batch.report import DocumentRow, row_from_result
from correct.pipeline import PipelineConfig, Workbench
from correct.review.store import StoreMemory

log = logging.getLogger(__name__)

# Settings that change how fast a result is made, never what it says.
SPEED_ONLY_SETTINGS = ("threads", "cache_dir")
# Why a document failed: "input" (bad document: kept until input or settings change) or "internal"
# (our bug: retried by the next run).
FailureKind = Literal["input", "internal"]
HASH_BLOCK = 1 << 20  # bytes read at a time when hashing an input: large scans never sit in memory whole


@dataclass(frozen=True)
class DocumentTask:
    """A document to process and where its result goes; small and picklable for any engine."""

    id: str  # document_id(source): Source.name or the file stem
    source: Source
    output: Path  # OUT/<id>.json
    input_sha256: str
    settings_sha256: str


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes: a result is redone when its input's bytes change, not its mtime."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(HASH_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def input_sha256(source: Source, doc_id: str) -> str:
    """Hash of the document id and the bytes of each input file (each page of a scan); OSError when one
    cannot be read."""
    digest = hashlib.sha256(doc_id.encode())
    for role in ("archive", "ru", "en"):
        path = getattr(source, role)
        if path is not None:
            digest.update(f"\0{role}\0".encode())
            digest.update(file_sha256(Path(path)).encode())
    for k, page in enumerate(source.scan):  # a scan: every page's bytes, in order
        digest.update(f"\0scan {k}\0".encode())
        digest.update(file_sha256(Path(page)).encode())
    return digest.hexdigest()


def settings_fingerprint(config: PipelineConfig) -> dict[str, Any]:
    """The settings that decide a result: the config without speed-only fields, the correction
    memory's content (not its path; for a review store, the memory its decisions in force teach),
    the workbench version and the result schema."""
    settings = asdict(config)
    for key in SPEED_ONLY_SETTINGS:
        settings.pop(key, None)
    memory = settings.pop("memory_path", None)
    settings["memory_sha256"] = file_sha256(Path(memory)) if memory and Path(memory).is_file() else None
    store = settings.pop("memory_db", None)  # what the store's decisions teach, not the whole store
    settings["store_memory_sha256"] = StoreMemory(Path(store)).load().sha256() if store else None
    try:
        settings["workbench_version"] = metadata.version("ocr-align-workbench")
    except metadata.PackageNotFoundError:
        settings["workbench_version"] = "unknown"
    settings["result_schema"] = SCHEMA
    return settings


def settings_sha256(settings: dict[str, Any]) -> str:
    """Hex SHA-256 of the settings as canonical JSON (sorted keys), so equal settings hash equal."""
    canonical = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def worker_name() -> str:
    """ "host:pid" of this process, for the report row: which worker made a result."""
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Linux: VmHWM of /proc/self/status. Not ru_maxrss, which a spawned worker
    inherits from its parent's peak at fork and keeps across exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def process_document(task: DocumentTask, workbench: Workbench) -> DocumentRow:
    """Process one document and write its result; a failure becomes a ``failed`` row, never a raise.

    Bad input (``InputError``) is recorded as such and kept until the input or
    settings change; any other exception is our bug: logged with its traceback,
    recorded, and retried by the next run.
    """
    started = time.perf_counter()
    base = {
        "id": task.id,
        "source": task.source.label(),
        "input_sha256": task.input_sha256,
        "settings_sha256": task.settings_sha256,
        "worker": worker_name(),
    }
    try:
        result = workbench.process(task.source)
        stamp = {"input_sha256": task.input_sha256, "settings_sha256": task.settings_sha256}
        result = replace(result, config={**result.config, "batch": stamp})
        write_result(result, task.output)
    except InputError as exc:
        return _failed(base, str(exc), "input", started)
    except Exception as exc:  # isolate the document: recorded in the report, logged, the run goes on
        log.exception("%s: processing failed", task.source.label())
        return _failed(base, f"{type(exc).__name__}: {exc}", "internal", started)
    seconds = round(time.perf_counter() - started, 3)
    return row_from_result(
        result, status="done", output=str(task.output), seconds=seconds, peak_rss_mib=peak_rss_mib(), **base
    )


def _failed(base: dict[str, Any], message: str, kind: FailureKind, started: float) -> DocumentRow:
    """The report row of a document that failed; ``kind`` decides whether the next run retries it."""
    seconds = round(time.perf_counter() - started, 3)
    return DocumentRow(status="failed", error=message or kind, error_kind=kind, seconds=seconds, **base)
