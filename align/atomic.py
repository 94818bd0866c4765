"""Write a file so that readers and crashes only ever see the old or the new content, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, fsync it, then rename it into place.

    A kill or Ctrl-C in the middle leaves the previous file (or none) and no temporary file.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))  # bytes as given: CSV keeps CRLF


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """:func:`write_text_atomic` for bytes (an XLSX workbook). The file gets the mode a plain
    ``open()`` would give it (0666 less the umask), not the temporary file's 0600."""
    return write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: Path, chunks: Iterable[bytes | str]) -> Path:
    """:func:`write_bytes_atomic` for content made piece by piece (str pieces as UTF-8): a large
    result is written as it is encoded, never held whole in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
