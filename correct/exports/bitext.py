"""Aligned bitext exports of a result: TMX 1.4b, TSV and JSON Lines.

Functions take a Result and return strings; writing files is the caller's
business (the CLI, the review app). A reviewer's work goes in through the
optional ``links`` (a corrected alignment replacing ``result.alignment``) and
``ru_texts`` (corrected Russian text by segment id, or by sentence id for a
sentence-level export). Only aligned pairs are exported: a link with an empty
side has no translation to pair.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from align.errors import InputError
from align.model import Link, Result, Segment

FORMATS = ("tmx", "tsv", "jsonl")
LEVELS = ("paragraph", "sentence")
# XML 1.0 forbids most C0 controls; OCR text sometimes carries them (form feeds at page breaks).
# everything str.splitlines() breaks on, and tabs: a TSV cell stays one cell on one line
LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  # serialised as xml:lang
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Pair:
    """One exported translation unit: Russian units, English units, their texts and the confidence."""

    ru: tuple[str, ...]  # segment ids (paragraph level) or sentence ids (sentence level)
    en: tuple[str, ...]
    ru_text: str
    en_text: str
    score: float


def bitext_pairs(
    result: Result,
    links: Sequence[Link] | None = None,
    ru_texts: Mapping[str, str] | None = None,
    level: str = "paragraph",
) -> list[Pair]:
    """The aligned pairs of a result in document order, at paragraph or sentence level.

    ``links`` replaces ``result.alignment`` (a reviewed alignment); ``ru_texts``
    replaces Russian texts by segment id or sentence id. A sentence-level export
    of a link without sentence alignment falls back to its paragraphs.
    """
    if level not in LEVELS:
        raise InputError(f"unknown export level {level!r}: use one of {', '.join(LEVELS)}")
    texts = _unit_texts(result)
    fixed = dict(ru_texts or {})
    out = []
    for link in result.alignment if links is None else links:
        units = link.sentences if level == "sentence" and link.sentences else (link,)
        for unit in units:
            if unit.ru and unit.en:
                out.append(
                    Pair(
                        ru=unit.ru,
                        en=unit.en,
                        ru_text=" ".join(fixed.get(u, texts.get(u, "")) for u in unit.ru),
                        en_text=" ".join(texts.get(u, "") for u in unit.en),
                        score=unit.score,
                    )
                )
    return out


def _unit_texts(result: Result) -> dict[str, str]:
    """Text by segment id and by sentence id (a segment without sentences is its own sentence .0)."""
    texts: dict[str, str] = {}
    for seg in (*result.ru, *result.en):
        texts[seg.id] = seg.text
        for sentence in _sentences(seg):
            texts[sentence[0]] = sentence[1]
    return texts


def _sentences(seg: Segment) -> list[tuple[str, str]]:
    if seg.sentences:
        return [(s.id, s.text) for s in seg.sentences]
    return [(f"{seg.id}.0", seg.text)]


def _tool_version() -> str:
    try:
        return version("ocr-align-workbench")
    except PackageNotFoundError:
        return "0"


def render_tmx(result: Result, pairs: Sequence[Pair], level: str = "paragraph") -> str:
    """TMX 1.4b, UTF-8: one <tu> per pair, the document and unit ids and the score as <prop>s."""
    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(
        root,
        "header",
        creationtool="ocr-align-workbench",
        creationtoolversion=_tool_version(),
        segtype=level,
        **{"o-tmf": result.schema},
        adminlang="en",
        srclang="ru",
        datatype="plaintext",
    )
    _prop(header, "x-document", result.document.id)
    body = ET.SubElement(root, "body")
    for pair in pairs:
        tu = ET.SubElement(body, "tu")
        _prop(tu, "x-document", result.document.id)  # props come before tuvs (TMX 1.4b, section 3.2)
        _prop(tu, "x-ru-ids", " ".join(pair.ru))
        _prop(tu, "x-en-ids", " ".join(pair.en))
        _prop(tu, "x-score", f"{pair.score:.4f}")
        for lang, text in (("ru", pair.ru_text), ("en", pair.en_text)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = XML_INVALID.sub("", text)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = XML_INVALID.sub("", value)


def render_tsv(result: Result, pairs: Sequence[Pair]) -> str:
    """A header row, then document, ru ids, en ids, score, Russian text, English text per pair.

    Tabs and line breaks (of any kind) inside texts become spaces, so every pair is one line.
    """
    rows = [("document", "ru_ids", "en_ids", "score", "ru", "en")]
    for p in pairs:
        rows.append(
            (result.document.id, " ".join(p.ru), " ".join(p.en), f"{p.score:.4f}", p.ru_text, p.en_text)
        )
    return "".join("\t".join(_one_line(cell) for cell in row) + "\n" for row in rows)


def _one_line(text: str) -> str:
    return LINE_BREAKS.sub(" ", text)


def render_jsonl(result: Result, pairs: Sequence[Pair]) -> str:
    """One JSON object per pair: document, ru, en (ids), score, ru_text, en_text."""
    return "".join(
        json.dumps(
            {
                "document": result.document.id,
                "ru": list(p.ru),
                "en": list(p.en),
                "score": round(p.score, 4),
                "ru_text": p.ru_text,
                "en_text": p.en_text,
            },
            ensure_ascii=False,
        )
        + "\n"
        for p in pairs
    )


def render_bitext(
    result: Result,
    fmt: str,
    *,
    links: Sequence[Link] | None = None,
    ru_texts: Mapping[str, str] | None = None,
    level: str = "paragraph",
) -> str:
    """The result's aligned pairs in format ``fmt`` (tmx, tsv or jsonl); see :func:`bitext_pairs`."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not result.alignment and links is None:
        raise InputError(
            f"document {result.document.id} has no alignment: process it with a workbench that aligns"
        )
    pairs = bitext_pairs(result, links, ru_texts, level)
    if fmt == "tmx":
        return render_tmx(result, pairs, level)
    if fmt == "tsv":
        return render_tsv(result, pairs)
    return render_jsonl(result, pairs)
