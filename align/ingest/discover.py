"""Turn command-line inputs (files, folders, globs) into the documents to process.

A folder holds archive-layout files (``*.txt``, ``*.md``) and Russian/English
pairs named ``NAME.ru.txt`` + ``NAME.en.txt``, or ``NAME/ru.txt`` + ``NAME/en.txt``
(the common corpus layout, as in ``../shared/corpus/docs/``): one document named
NAME either way. Pairs are recognised by name so that a folder can mix both kinds. The Russian side
of a pair may be another engine's OCR file (ALTO, PAGE, hOCR): ``NAME.ru.xml``, ``NAME/ru.hocr``.

A folder of page images or PDFs (``page-1.png``, ``page-2.png`` ...) with one English file (``en.txt``
or ``NAME.en.txt``) and no Russian text is a scan, one document named after the folder. A folder of
pages without an English file is a document only when it is an input itself (and then a problem: its
English is missing); inside a folder it is left alone, because the archive layout keeps the scan of
``NAME.txt`` in ``NAME/`` beside it (as in ``../shared/corpus/scanned/``) and ``NAME.txt`` is the
document.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from align.errors import InputError
from align.ingest.document import Source
from align.ingest.ocr_formats import OCR_SUFFIXES
from align.ingest.scan.files import page_files

DOCUMENT_SUFFIXES = (".txt", ".md", ".text")
PAIR_TAGS = {"ru": ("ru", "rus", "russian"), "en": ("en", "eng", "english")}
FOLDER_TAGS = ("ru", "rus", "en", "eng")  # file names that are only the language: NAME/ru.txt


def _lang_tag(path: Path) -> tuple[str, str] | None:
    """('ru' | 'en', NAME) for NAME.ru.txt / NAME.en.txt, and for NAME/ru.txt / NAME/en.txt (the
    folder names the document); else None."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    base, dot, tag = stem.rpartition(".")
    if not dot:  # NAME/ru.txt: only the short tags, so that "english.txt" stays a document of its own
        base, tag = path.parent.resolve().name, stem
        if tag.lower() not in FOLDER_TAGS:
            return None
    for lang, tags in PAIR_TAGS.items():
        if tag.lower() in tags:
            return lang, base
    return None


def _lang_tag_is_whole_name(path: Path) -> bool:
    """True for NAME/ru.txt (the file name is only the language), False for NAME.ru.txt."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return "." not in stem and stem.lower() in FOLDER_TAGS


def _is_document(path: Path) -> bool:
    """A text document, or the Russian side of a pair that is another engine's OCR file (NAME.ru.xml,
    NAME/ru.hocr): an OCR file alone has no English, and an HTML or XML file may be anything else."""
    suffix = path.suffix.lower()
    return suffix in DOCUMENT_SUFFIXES or (suffix in OCR_SUFFIXES and (_lang_tag(path) or ("",))[0] == "ru")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _expand_one(item: str | Path) -> list[Path]:
    path = Path(item)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and _is_document(p))
        found = [p for p in found if not _hidden(p, path)]
        if not found:
            raise InputError(f"{path}: folder contains no documents (*.txt, *.md)")
        return found
    if path.exists():
        return [path]
    if any(ch in str(item) for ch in "*?["):
        matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(f"{item}: no file matches this pattern")
        return matches
    raise InputError(f"{path}: no such file or folder")


def _scan_folder(folder: Path, given: bool) -> tuple[Source | None, str | None, list[Path]]:
    """(the scan in ``folder``, a problem, the text files it takes) for a folder holding page files."""
    texts = [p for p in folder.iterdir() if p.is_file() and _is_document(p)]
    tags = [(p, _lang_tag(p)) for p in sorted(texts)]
    english = [p for p, tag in tags if tag and tag[0] == "en"]
    if any(tag and tag[0] == "ru" for _p, tag in tags):
        return None, None, []  # a Russian text beside the pages: the text pair is the document
    if len(english) > 1:
        names = ", ".join(p.name for p in english)
        return None, f"{folder}: page images with several English files ({names}): keep one", english
    if english:
        return (
            Source(en=english[0], name=folder.resolve().name, scan=tuple(page_files(folder))),
            None,
            english,
        )
    if given and not texts:  # beside archive files, the pages are their scans
        return None, f"{folder}: page images but no English file beside them (en.txt or NAME.en.txt)", []
    return None, None, []


def _scans(item: str | Path) -> tuple[list[Source], list[str], set[Path]]:
    """The scans in an input folder: the folder itself and the subfolders that hold page files
    (see the module docstring); with the problems found and the text files the scans take."""
    root = Path(item)
    if not root.is_dir():
        return [], [], set()
    folders = [root, *sorted(p for p in root.rglob("*") if p.is_dir() and not _hidden(p, root))]
    sources, problems, taken = [], [], set()
    for folder in folders:
        if not page_files(folder):
            continue
        source, problem, texts = _scan_folder(folder, given=folder == root)
        sources += [source] if source else []
        problems += [problem] if problem else []
        taken |= {p.resolve() for p in texts}
    return sources, problems, taken


def discover(inputs: Iterable[str | Path]) -> tuple[list[Source], list[str]]:
    """(sources in a stable order, problems): a bad input is reported, the others still found.

    Pairs are joined by NAME; a half pair is a problem.
    """
    pairs: dict[tuple[Path, str], dict[str, Path]] = {}
    sources: list[Source] = []
    problems: list[str] = []
    seen: set[Path] = set()
    files: list[Path] = []
    scans: list[Source] = []
    for item in inputs:
        found, scan_problems, taken = _scans(item)
        scans += found
        problems += scan_problems
        seen |= taken
        try:
            files.extend(_expand_one(item))
        except InputError as exc:
            if not (found or scan_problems):  # a folder of pages has no text documents, and needs none
                problems.append(str(exc))
    for path in files:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        tagged = _lang_tag(path)
        if path.suffix.lower() in OCR_SUFFIXES and not _is_document(path):
            problems.append(
                f"{path}: an OCR file is the Russian side of a pair: name it NAME.ru{path.suffix} beside "
                "NAME.en.txt, or give --ru FILE --en EN.txt"
            )
            continue
        if tagged:
            lang, base = tagged
            folder = path.parent.parent if _lang_tag_is_whole_name(path) else path.parent
            pairs.setdefault((folder, base), {})[lang] = path
        else:
            sources.append(Source(archive=path))
    for (_folder, base), sides in sorted(pairs.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        if set(sides) != {"ru", "en"}:
            have = next(iter(sides.values()))
            missing = "en" if "ru" in sides else "ru"
            expected = f"{missing}.txt" if _lang_tag_is_whole_name(have) else f"{base}.{missing}.txt"
            problems.append(f"{have}: its {missing} counterpart {expected} is missing in {have.parent}")
            continue
        sources.append(Source(ru=sides["ru"], en=sides["en"], name=base))
    # a folder found through two inputs is one document
    unique = {tuple(p.resolve() for p in scan.scan): scan for scan in scans}
    return sources + list(unique.values()), problems
