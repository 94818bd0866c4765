"""Read a document into clean Russian and English paragraphs that keep their provenance.

Two inputs are read here:
- an archive-layout file (as in ``seeds/``): a metadata header, the Russian OCR
  of the scan, then the English translation; parts are found by content
  (``align.ingest.layout``);
- a pair of plain files, Russian and English, paragraphs separated by blank lines; the Russian may
  be another engine's OCR file (ALTO, PAGE or hOCR, found by content), read by
  ``align.ingest.ocr_formats`` so that its words keep their boxes.

A third, the scan itself (page images or PDFs and an English file, ``Source.scan``), is read by
``align.ingest.scan.document``: it needs Tesseract and a folder for the rendered pages.

Cleaning (``align.ingest.clean``) strips markup, drops scan debris and rejoins page
breaks; every dropped piece is returned as a ``Removed`` record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.ingest.clean import clean_part
from align.ingest.decode import read_text
from align.ingest.layout import find_parts, split_blocks
from align.ingest.ocr_formats import ingest_ocr_file, is_ocr_file
from align.ingest.parts import RUSSIAN_SUFFIX, Ingested
from align.ingest.parts import drop_part_heading as _drop_part_heading
from align.ingest.parts import part_segments as _segments
from align.ingest.parts import require_letters as _require_letters
from align.model import Document, Removed


@dataclass(frozen=True)
class Source:
    """What to read: one archive-layout file, a Russian file and an English file, or the scan's
    page files (images, PDFs) and an English file."""

    archive: Path | None = None
    ru: Path | None = None
    en: Path | None = None
    name: str | None = None  # document id; default: the file stem (see document_id)
    scan: tuple[Path, ...] = ()  # page images (PNG, TIFF, JPEG) and PDFs of the Russian, in page order
    images: Path | None = None  # the page images of an OCR file (``ru``) that names none, in page order

    def label(self) -> str:
        """How messages name this document."""
        if self.archive is not None:
            return str(self.archive)
        if self.scan:
            pages = (
                str(self.scan[0])
                if len(self.scan) == 1
                else f"{self.scan[0].parent} ({len(self.scan)} files)"
            )
            return f"{pages} + {self.en}"
        return f"{self.ru} + {self.en}"


def document_id(source: Source) -> str:
    """The id of a source's document: its ``name``, else the archive's stem, else the Russian file's stem
    without its language suffix ("t01.txt" -> "t01", "pair.ru.txt" -> "pair").

    A scan: the stem of its one file, or the folder of its pages.

    The one rule for ids: segment ids, the result file a batch writes and the review
    store all start from it, so a re-run finds what an earlier run made.
    """
    if source.name:
        return source.name
    if source.archive is not None:
        return Path(source.archive).stem
    if source.scan:  # one file names the document ("report.pdf"), several their folder ("scan/page-1.png")
        return (
            Path(source.scan[0]).stem if len(source.scan) == 1 else Path(source.scan[0]).resolve().parent.name
        )
    if source.ru is None:
        raise InputError("a document needs an archive file or a Russian file")
    return RUSSIAN_SUFFIX.sub("", Path(source.ru).stem)


def ingest_archive(path: Path, name: str | None = None) -> Ingested:
    """An archive-layout file -> (Document, ru segments, en segments, removed)."""
    raw, encoding = read_text(path)
    blocks = split_blocks(raw)
    parts = find_parts(blocks)
    removed: list[Removed] = [Removed("metadata", b.text, b.start, b.end) for b in blocks[: parts.ru_start]]
    ru_blocks = blocks[parts.ru_start : parts.en_start]
    en_blocks = blocks[parts.en_start :]
    _require_letters(ru_blocks, "ru", str(path))
    _require_letters(en_blocks, "en", str(path))
    en_blocks = _drop_part_heading(en_blocks, removed)
    doc_id = document_id(Source(archive=path, name=name))
    ru = _segments(doc_id, "ru", clean_part(ru_blocks, "ru", removed))
    en = _segments(doc_id, "en", clean_part(en_blocks, "en", removed))
    doc = Document(
        id=doc_id,
        source={"ru": str(path), "en": str(path)},
        metadata=parts.metadata,
        encoding={str(path): encoding},
    )
    return doc, ru, en, tuple(sorted(removed, key=lambda r: r.start))


def ingest_pair(ru_path: Path, en_path: Path, name: str | None = None) -> Ingested:
    """A Russian file and an English file -> (Document, ru segments, en segments, removed)."""
    ru_raw, ru_enc = read_text(ru_path)
    en_raw, en_enc = read_text(en_path)
    ru_blocks, en_blocks = split_blocks(ru_raw), split_blocks(en_raw)
    _require_letters(ru_blocks, "ru", str(ru_path))
    _require_letters(en_blocks, "en", str(en_path))
    removed_ru: list[Removed] = []
    removed_en: list[Removed] = []
    doc_id = document_id(Source(ru=ru_path, en=en_path, name=name))
    ru = _segments(doc_id, "ru", clean_part(ru_blocks, "ru", removed_ru))
    en = _segments(doc_id, "en", clean_part(_drop_part_heading(en_blocks, removed_en), "en", removed_en))
    doc = Document(
        id=doc_id,
        source={"ru": str(ru_path), "en": str(en_path)},
        encoding={str(ru_path): ru_enc, str(en_path): en_enc},
    )
    removed = sorted(removed_ru, key=lambda r: r.start) + sorted(removed_en, key=lambda r: r.start)
    return doc, ru, en, tuple(removed)


def ingest(source: Source) -> Ingested:
    """Read one text document from its source; InputError for anything the user must fix."""
    if source.scan:
        raise ValueError(f"{source.label()}: a scan is read by align.ingest.scan.document.ingest_scan")
    if source.archive is not None:
        return ingest_archive(Path(source.archive), source.name)
    if source.ru is None or source.en is None:
        raise InputError("a document needs an archive file, or both a Russian and an English file")
    if is_ocr_file(Path(source.ru)):  # ALTO, PAGE or hOCR from another engine: words keep their boxes
        return ingest_ocr_file(Path(source.ru), Path(source.en), source.name, source.images)
    return ingest_pair(Path(source.ru), Path(source.en), source.name)
