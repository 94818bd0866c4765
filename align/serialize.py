"""Result <-> JSON: the one place that knows the on-disk shape of a processing result.

The JSON keeps the dataclasses' field names (documented in docs/result-format.md):
top-level ``schema``, ``document``, ``ru``, ``en``, ``removed``, ``alignment``,
``flags``, ``proposals``, ``notices``, ``similarity_map`` and ``config``. Reading is tolerant of missing
list keys so that results written by earlier stages (or before ``notices`` existed) still load.

A sentence is written without its text (``start``/``end`` into its segment's text say it), so that
the file does not hold every text twice; reading restores it, and files that have it still load.
Writing streams: one record per line, encoded as it is written, so that a 30 MB document's result
is never a second copy in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from align.atomic import write_chunks_atomic
from align.errors import InputError
from align.model import (
    SCHEMA,
    Document,
    Flag,
    FlagKind,
    Link,
    Notice,
    NoticeKind,
    Page,
    Proposal,
    Removed,
    Result,
    Segment,
    Sentence,
    SentenceLink,
    Severity,
    Span,
    Word,
)
from align.typecheck import type_errors

ORDER = (
    "schema", "document", "ru", "en", "removed", "alignment", "flags", "proposals", "notices",
    "similarity_map", "config",
)  # fmt: skip
LISTS = frozenset({"ru", "en", "removed", "alignment", "flags", "proposals", "notices", "similarity_map"})


def result_to_dict(result: Result) -> dict[str, Any]:
    """A JSON-ready dict of the result, top-level keys in schema order (sentences without their text)."""
    return {key: _value(result, key) for key in ORDER}


def _value(result: Result, key: str) -> Any:
    value = getattr(result, key)
    if key in LISTS:
        return [_record(key, item) for item in value]
    return asdict(value) if key == "document" else (dict(value) if key == "config" else value)


def _record(key: str, item: Any) -> Any:
    if key == "similarity_map":
        return list(item)
    d = asdict(item)
    if key in ("ru", "en"):
        for sentence in d["sentences"]:
            del sentence["text"]
    return d


def result_chunks(result: Result) -> Iterator[str]:
    """The result's JSON, a record per line, in pieces (see :func:`write_result`)."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    yield "{"
    for n, key in enumerate(ORDER):
        yield f"{',' if n else ''}\n{dumps(key)}: "
        if key not in LISTS:
            yield dumps(_value(result, key))
            continue
        items = getattr(result, key)
        yield "[" + ("" if items else "]")
        for k, item in enumerate(items):
            yield ("\n" if k == 0 else ",\n") + dumps(_record(key, item))
        if items:
            yield "\n]"
    yield "\n}\n"


def segment_from_dict(d: dict) -> Segment:
    return Segment(
        id=d["id"],
        lang=d["lang"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        page=d.get("page"),
        speaker=d.get("speaker"),
        sentences=tuple(
            Sentence(
                id=s["id"],
                start=s["start"],
                end=s["end"],
                text=s.get("text", d["text"][s["start"] : s["end"]]),
            )
            for s in d.get("sentences", ())
        ),
        source_map=tuple(tuple(r) for r in d.get("source_map", ())),
        words=tuple(_word(w) for w in d.get("words", ())),
    )


def _word(d: dict) -> Word:
    return Word(
        start=d["start"],
        end=d["end"],
        page=d["page"],
        box=tuple(d["box"]),
        confidence=None if d.get("confidence") is None else float(d["confidence"]),
        line=d.get("line", 0),
    )


def document_from_dict(d: dict) -> Document:
    fields = {k: v for k, v in d.items() if k != "pages"}
    return Document(**fields, pages=tuple(Page(**p) for p in d.get("pages", ())))


def _link(d: dict) -> Link:
    return Link(
        ru=tuple(d["ru"]),
        en=tuple(d["en"]),
        score=float(d["score"]),
        sentences=tuple(
            SentenceLink(ru=tuple(s["ru"]), en=tuple(s["en"]), score=float(s["score"]))
            for s in d.get("sentences", ())
        ),
    )


def flag_from_dict(d: dict) -> Flag:
    return Flag(
        id=d["id"],
        kind=FlagKind(d["kind"]),
        severity=Severity(d["severity"]),
        ru=tuple(d.get("ru", ())),
        en=tuple(d.get("en", ())),
        message=d.get("message", ""),
        ru_spans=tuple(Span(**s) for s in d.get("ru_spans", ())),
        en_spans=tuple(Span(**s) for s in d.get("en_spans", ())),
        values=dict(d.get("values", {})),
        producer=d.get("producer", ""),
    )


def proposal_from_dict(d: dict) -> Proposal:
    return Proposal(
        id=d["id"],
        segment=d["segment"],
        start=d["start"],
        end=d["end"],
        original=d["original"],
        suggestion=d["suggestion"],
        alternatives=tuple(d.get("alternatives", ())),
        confidence=float(d.get("confidence", 0.0)),
        reasons=tuple(d.get("reasons", ())),
        producer=d.get("producer", ""),
        boxes=tuple(tuple(b) for b in d.get("boxes", ())),
    )


def _notice(d: dict) -> Notice:
    return Notice(kind=NoticeKind(d["kind"]), message=d.get("message", ""), values=dict(d.get("values", {})))


def result_from_dict(d: dict[str, Any]) -> Result:
    """Rebuild a Result from its JSON dict; InputError when it is not a workbench result."""
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        found = d.get("schema") if isinstance(d, dict) else type(d).__name__
        raise InputError(f"not a workbench result (schema {found!r}, expected {SCHEMA!r})")
    try:
        result = Result(
            schema=d["schema"],
            document=document_from_dict(d["document"]),
            ru=tuple(segment_from_dict(s) for s in d["ru"]),
            en=tuple(segment_from_dict(s) for s in d["en"]),
            removed=tuple(Removed(**r) for r in d.get("removed", ())),
            alignment=tuple(_link(x) for x in d.get("alignment", ())),
            flags=tuple(flag_from_dict(x) for x in d.get("flags", ())),
            proposals=tuple(proposal_from_dict(x) for x in d.get("proposals", ())),
            config=dict(d.get("config", {})),
            notices=tuple(_notice(x) for x in d.get("notices", ())),
            similarity_map=tuple((int(i), int(j), float(v)) for i, j, v in d.get("similarity_map", ())),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"malformed workbench result: {exc!r}") from exc
    errors = type_errors(result)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"malformed workbench result: {errors[0]}{more}")
    return result


def write_result(result: Result, path: Path) -> Path:
    """Write the result JSON atomically (temp file + rename): no half-written file on a crash."""
    return write_chunks_atomic(Path(path), result_chunks(result))


def read_result(path: Path) -> Result:
    """Load a result JSON; InputError (never a traceback) when it is missing or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON result file ({exc})") from exc
    try:
        return result_from_dict(data)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc
