"""Turn command-line inputs (files, folders, globs) into the documents to process.

A folder holds archive-layout files (``*.txt``, ``*.md``) and Russian/English
pairs named ``NAME.ru.txt`` + ``NAME.en.txt``, or ``NAME/ru.txt`` + ``NAME/en.txt``
(the common corpus layout, as in ``../shared/corpus/docs/``): one document named
NAME either way. Pairs are recognised by name so that a folder can mix both kinds.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from align.errors import InputError
from align.ingest.document import Source

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


def _expand_one(item: str | Path) -> list[Path]:
    path = Path(item)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        found = [p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts)]
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


def discover(inputs: Iterable[str | Path]) -> tuple[list[Source], list[str]]:
    """(sources in a stable order, problems): a bad input is reported, the others still found.

    Pairs are joined by NAME; a half pair is a problem.
    """
    pairs: dict[tuple[Path, str], dict[str, Path]] = {}
    sources: list[Source] = []
    problems: list[str] = []
    seen: set[Path] = set()
    files: list[Path] = []
    for item in inputs:
        try:
            files.extend(_expand_one(item))
        except InputError as exc:
            problems.append(str(exc))
    for path in files:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        tagged = _lang_tag(path)
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
    return sources, problems
