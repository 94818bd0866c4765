"""Partial translations built from the clean corpus: the same material, selected differently on each side.

An archive's English is sometimes another edition or a set of excerpts: parts of the Russian
have no English and parts of the English no Russian, though both are about the same thing. The
corpus has no such document, so one is derived from every clean document of six beads or more
(a bead: the gold's English paragraphs and the Russian paragraphs they link, connected): of its
beads in document order, the first and last quarters keep both sides, the second quarter only
its Russian, the third only its English. So between the same two anchors each side holds text
the other lacks, the case where an aligner is most tempted to pair unrelated paragraphs. The
gold follows: the second quarter's Russian is ``ru_only``, the third's English links to nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.ingest.document import Source
from benchmarks.corpus_documents import CorpusDocument

BLANK_LINES = re.compile(r"\n\s*\n")
SPACE = re.compile(r"\s+")
MIN_BEADS = 6  # fewer: a third is one bead, and the document says little


@dataclass(frozen=True)
class Bead:
    """Paragraph indices of one gold bead and the gold entries (English paragraphs) it holds."""

    ru: frozenset[int]
    en: frozenset[int]
    entries: tuple[dict, ...]
    ru_snippets: tuple[str, ...]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in BLANK_LINES.split(text) if p.strip()]


def _holder(snippet: str, pars: Sequence[str]) -> int | None:
    needle = SPACE.sub("", snippet)
    return next((k for k, p in enumerate(pars) if needle in SPACE.sub("", p)), None)


def gold_beads(gold: dict, ru_pars: Sequence[str], en_pars: Sequence[str]) -> list[Bead] | None:
    """The gold's beads in document order; None when a snippet is found in no paragraph."""
    groups: list[tuple[set[int], set[int], list[dict], list[str]]] = []
    for entry in gold["links"]:  # in English order, which the Russian follows
        e = _holder(entry["en"], en_pars)
        rs = [_holder(r, ru_pars) for r in entry["ru"]]
        if e is None or None in rs:
            return None
        if groups and groups[-1][0] & set(rs):  # shares a Russian paragraph with the previous entry
            groups[-1][0].update(rs)
            groups[-1][1].add(e)
            groups[-1][2].append(entry)
            groups[-1][3].extend(entry["ru"])
        else:
            groups.append((set(rs), {e}, [entry], list(entry["ru"])))
    beads = [Bead(frozenset(r), frozenset(e), tuple(x), tuple(dict.fromkeys(s))) for r, e, x, s in groups]
    for snippet in gold.get("ru_only", ()):
        r = _holder(snippet, ru_pars)
        if r is None:
            return None
        at = max((k + 1 for k, b in enumerate(beads) if b.ru and max(b.ru) < r), default=0)
        beads.insert(at, Bead(frozenset({r}), frozenset(), (), (snippet,)))
    return beads


def partial_variant(document: CorpusDocument, folder: Path) -> CorpusDocument | None:
    """The partial translation of a clean document, written under ``folder``; None if it is too short."""
    ru_pars = paragraphs(Path(document.source.ru).read_text(encoding="utf-8"))
    en_pars = paragraphs(Path(document.source.en).read_text(encoding="utf-8"))
    beads = gold_beads(document.gold, ru_pars, en_pars)
    if beads is None or len(beads) < MIN_BEADS:
        return None
    n = len(beads)
    ru_side, en_side = range(n // 4, n // 2), range(n // 2, 3 * n // 4)  # the rest keeps both sides
    ru_keep = sorted(r for k, b in enumerate(beads) if k not in en_side for r in b.ru)
    en_keep = sorted(e for k, b in enumerate(beads) if k not in ru_side for e in b.en)
    links, ru_only = [], []
    for k, bead in enumerate(beads):
        if k in ru_side or not bead.en:
            ru_only += [] if k in en_side else list(bead.ru_snippets)
        elif k in en_side:
            links += [{"en": entry["en"], "ru": []} for entry in bead.entries]
        else:
            links += list(bead.entries)
    name = f"{document.name}~partial"
    out = folder / name
    out.mkdir(parents=True, exist_ok=True)
    (out / "ru.txt").write_text("\n\n".join(ru_pars[r] for r in ru_keep) + "\n", encoding="utf-8")
    (out / "en.txt").write_text("\n\n".join(en_pars[e] for e in en_keep) + "\n", encoding="utf-8")
    gold = {"links": links, "ru_only": ru_only, "notes": f"partial translation of {document.name}"}
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    source = Source(ru=out / "ru.txt", en=out / "en.txt", name=name)
    return CorpusDocument("partial", name, source, gold)


def partial_documents(documents: Sequence[CorpusDocument], folder: Path) -> list[CorpusDocument]:
    """The partial variant of every clean document long enough for one."""
    return [v for d in documents if d.form == "docs" and (v := partial_variant(d, folder)) is not None]
