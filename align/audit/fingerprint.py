"""A flag's fingerprint: what a "not an issue" verdict is about, so that it lasts beyond one run.

The check, its normalised values and the texts of the flagged spans (whitespace collapsed, case
folded). Not the offsets nor the document: the same "25" / "25" pattern in a later run or in another
document has the same fingerprint, and the verdict covers it; a change to the flagged text changes the
fingerprint, and the flag opens again (as Workiva's "verify as correct" does).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from align.model import Flag

EXPLANATION_KEYS = frozenset({"proposal"})  # values that explain a flag rather than state it


def flag_fingerprint(flag: Flag, texts: Mapping[str, str]) -> str:
    """sha1 of the check, its values and its span texts; ``texts``: segment id -> segment text."""
    values = {k: v for k, v in flag.values.items() if k not in EXPLANATION_KEYS}

    def spanned(spans) -> list[str]:
        return [" ".join(texts.get(s.segment, "")[s.start : s.end].split()).casefold() for s in spans]

    key = [str(flag.kind), values, spanned(flag.ru_spans), spanned(flag.en_spans)]
    return hashlib.sha1(json.dumps(key, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
