"""Output file names from untrusted names: a document id never writes outside the output folder.

Document ids come from file stems and ``--name``; they are kept as given (and shown escaped),
but the file a result is written to is named by ``safe_name`` and checked by ``inside``:
``../../etc/x`` or ``/abs/path`` can never place a file outside ``--out``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from align.errors import InputError

# Path separators, the characters Windows refuses in names, and control characters.
_UNSAFE = re.compile(r'[/\\<>:"|?*\x00-\x1f\x7f]+')
MAX_NAME_BYTES = 200  # file systems allow 255 bytes; room for the suffixes


def safe_name(name: str) -> str:
    """``name`` as one plain file name: unsafe characters as "_", no leading dots, not too long."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip().lstrip(".")
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    return name or "document"


def inside(folder: Path, name: str, suffix: str) -> Path:
    """``folder / (safe_name(name) + suffix)``, refused (InputError) if it would resolve elsewhere."""
    path = Path(folder) / f"{safe_name(name)}{suffix}"
    if path.resolve().parent != Path(folder).resolve():
        raise InputError(f"{name!r}: the output would be written outside {folder}; choose another name")
    return path


def check_plain_name(name: str) -> str:
    """A ``--name`` must be a name, not a path: refused with one line otherwise."""
    if name != safe_name(name) or name in (".", ".."):
        raise InputError(
            f"--name {name!r}: use a plain name (letters, digits, spaces, '-', '_', '.'), not a path"
        )
    return name
