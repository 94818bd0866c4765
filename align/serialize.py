"""Result <-> JSON: the one place that knows the on-disk shape of a processing result.

The JSON keeps the dataclasses' field names (documented in docs/result-format.md):
top-level ``schema``, ``document``, ``ru``, ``en``, ``removed``, ``alignment``,
``flags``, ``proposals``, ``notices``, ``similarity_map`` and ``config``. Reading is tolerant of missing
list keys so that results written by earlier stages (or before ``notices`` existed) still load.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from align.atomic import write_text_atomic
from align.errors import InputError
from align.model import (
    SCHEMA,
    Document,
    Flag,
    FlagKind,
    Link,
    Notice,
    NoticeKind,
    Proposal,
    Removed,
    Result,
    Segment,
    Sentence,
    SentenceLink,
    Severity,
    Span,
)
from align.typecheck import type_errors


def result_to_dict(result: Result) -> dict[str, Any]:
    """A JSON-ready dict of the result, top-level keys in schema order."""
    d = asdict(result)
    order = (
        "schema", "document", "ru", "en", "removed", "alignment", "flags", "proposals", "notices",
        "similarity_map", "config",
    )  # fmt: skip
    return {k: d[k] for k in order}


def segment_from_dict(d: dict) -> Segment:
    return Segment(
        id=d["id"],
        lang=d["lang"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        page=d.get("page"),
        speaker=d.get("speaker"),
        sentences=tuple(Sentence(**s) for s in d.get("sentences", ())),
        source_map=tuple(tuple(r) for r in d.get("source_map", ())),
    )


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
            document=Document(**d["document"]),
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
    return write_text_atomic(Path(path), json.dumps(result_to_dict(result), ensure_ascii=False, indent=1))


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
