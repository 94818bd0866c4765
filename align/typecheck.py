"""Check that records read from JSON have the field types their dataclasses declare.

A RESULT.json edited by hand or by another tool can hold ``"start": "5"`` or ``"id": 1``; the
dataclasses would take them and a later stage would fail deep inside with a traceback. Reading
checks every field whose annotation is a plain type (``str``, ``int``, ``float``, ``bool``, their
``| None``, and ``tuple[str, ...]``) and recurses into nested records, so a wrong type is one
line naming the record and the field.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_PLAIN = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _accepts(annotation: str, value: Any) -> bool | None:
    """True/False for the annotations checked here; None for the others (not checked)."""
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if optional and value is None:
        return True
    if base in _PLAIN:
        wanted = _PLAIN[base]
        return isinstance(value, wanted) and (base == "bool" or not isinstance(value, bool))
    if base == "tuple[str, ...]":
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    return None


def type_errors(record: Any, where: str = "") -> list[str]:
    """``where.field: expected T, got U`` for every mistyped field of a record and its nested records."""
    errors = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        path = f"{where}.{f.name}" if where else f.name
        if _accepts(str(f.type), value) is False:
            errors.append(f"{path}: expected {f.type}, got {type(value).__name__} {value!r:.40}")
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                errors += type_errors(item, f"{path}[{i}]" if isinstance(value, tuple) else path)
    return errors
