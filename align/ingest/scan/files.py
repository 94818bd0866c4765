"""Which files are scan pages, in which order, and the Source of a scan given on the command line.

Scanners and archives name pages ``page-1.png`` ... ``page-12.png``; a plain sort would put page 10
before page 2, so pages are taken in natural order (digit runs compared as numbers). A folder of pages
is read without descending into subfolders: a scan is one flat folder, and a subfolder is another
document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from align.errors import InputError
from align.ingest.document import Source

IMAGE_SUFFIXES = (".png", ".tif", ".tiff", ".jpg", ".jpeg")
PDF_SUFFIXES = (".pdf",)
SCAN_SUFFIXES = IMAGE_SUFFIXES + PDF_SUFFIXES
DIGITS = re.compile(r"(\d+)")


def natural_key(path: Path) -> tuple:
    """Sort key that orders "page-2" before "page-10": digit runs compare as numbers, text case-blind."""
    parts = DIGITS.split(path.name.lower())
    name = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)
    return (str(path.parent), name)


def is_scan_file(path: Path) -> bool:
    """A page image or a PDF by its suffix (not hidden: editors and scanners leave ``.page-1.png~``)."""
    return path.suffix.lower() in SCAN_SUFFIXES and not path.name.startswith(".")


def page_files(folder: Path) -> list[Path]:
    """The scan files directly in ``folder``, in natural order (empty when there are none)."""
    return sorted((p for p in folder.iterdir() if p.is_file() and is_scan_file(p)), key=natural_key)


def scan_source(items: Iterable[Path], en: Path | None, name: str | None = None) -> Source:
    """The Source of a scan given as page files and folders of them, with its English file.

    Pages are taken in natural order of their paths, so that a shell glob (``page-*.png``, which
    lists page-10 before page-2) still reads in page order. InputError, naming the path, for a
    missing file, a file that is no page, a folder without pages, or no English file.
    """
    pages: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = page_files(path)
            if not found:
                raise InputError(f"{path}: folder holds no page images (PNG, TIFF, JPEG) or PDFs")
            pages.extend(found)
        elif not path.exists():
            raise InputError(f"{path}: no such page file")
        elif not is_scan_file(path):
            raise InputError(f"{path}: not a page image or PDF (expected {', '.join(SCAN_SUFFIXES)})")
        else:
            pages.append(path)
    if not pages:
        raise InputError("a scan needs page files: --scan PAGE... (images or PDFs, or a folder of them)")
    if en is None:
        raise InputError(f"{pages[0]}: a scan needs the English translation: --en EN.txt")
    if not Path(en).is_file():
        raise InputError(f"{en}: no such English file")
    unique = sorted({p.resolve(): p for p in pages}.values(), key=natural_key)
    return Source(en=Path(en), name=name, scan=tuple(unique))
