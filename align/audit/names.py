"""Name check: a proper name on one side of an aligned paragraph pair with no counterpart on the other.

Name candidates come from ``align.language.name_candidates`` (dictionary names, hyphenated words
and words of Palladius syllables; not the common words, places and acronyms that translators
render by exonyms, Пекин = Beijing). Each Russian candidate is romanised: through the Palladius
table (after undoing Russian case endings: "Энь-лаем" -> "Энь-лай"), and by plain
transliteration, and compared with the capitalised English words of the pair.

- A hyphenated Palladius name must match its pinyin almost exactly: "Ту-чунь" (tuchun) against
  "Fuchun" is a different name, a warning, unless it is one letter away from the document's
  usual spelling of a name ("Энь-дай" among forty "Энь-лай"): an OCR slip, a note.
- Other names (Russian surnames, single syllables, OCR-garbled forms like "Знь-лай") are matched
  fuzzily and, when nothing is close, reported as a note.
English names (ALL-CAPS or in runs of capitalised words, pinyin-shaped) with no Russian word close
to them are reported the other way (an added name, "LIN BIAO").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from align.audit.config import AuditConfig
from align.audit.flags import make_flag, span_of
from align.audit.units import LinkView, Piece
from align.language.name_candidates import (
    EN_NAME,
    POSSESSIVE,
    adjacent,
    en_name_groups,
    name_like,
    other_names,
    romanisations,
    ru_names,
)
from align.language.translit import latin_key
from align.model import Flag, FlagKind, Severity

PRODUCER = "names.v1"
ENDING = re.compile(r"(?:ем|ом|ой|[аеиоуыэюяйь])+$")
# A mismatching name's closest English word is shown in the message from this rapidfuzz ratio
# (0-100) on: below it the "closest" word is just another word and would mislead.
SHOW_CLOSEST = 50.0


def en_keys(pieces: tuple[Piece, ...]) -> set[str]:
    """Latin keys of every capitalised English word and of each adjacent pair of them."""
    keys: set[str] = set()
    for piece in pieces:
        words = list(EN_NAME.finditer(piece.text))
        keys.update(latin_key(m.group()) for m in words)
        for a, b in zip(words, words[1:], strict=False):
            if adjacent(piece.text, a, b):
                keys.add(latin_key(a.group() + b.group()))
    keys.discard("")
    return keys


def _best(candidates: Iterable[str], keys: Collection[str]) -> tuple[float, str]:
    """(rapidfuzz ratio 0-100, key) of the key closest to any candidate; (0.0, "") when none.

    Keys are tried in sorted order, so that a tie goes to the same key in every process (a set's
    order follows Python's per-process string hashing, and the flag id hashes the key shown).
    """
    best = (0.0, "")
    for c in candidates:
        for k in sorted(keys):
            score = fuzz.ratio(c, k)
            if score > best[0]:
                best = (score, k)
    return best


def name_key(word: str) -> str:
    """A declension-blind key: lower case without final vowels and case endings ("Цзе-дуна" -> "цзе-дун")."""
    return ENDING.sub("", word.lower().replace("ё", "е"))


def name_inventory(views: tuple[LinkView, ...]) -> dict[str, Counter]:
    """The Russian names of the document: {``name_key``: Counter of the surface forms seen}."""
    inventory: dict[str, Counter] = {}
    for view in views:
        for piece in view.paragraph_pair.ru:
            for _s, _e, word in ru_names(piece.text):
                inventory.setdefault(name_key(word), Counter())[word] += 1
    return inventory


def usual_form(word: str, inventory: dict[str, Counter], min_count: int = 3) -> str | None:
    """The document's usual spelling of this name when ``word`` is one OCR slip away from it.

    "Энь-дай" next to forty "Энь-лай" is a misread; a name spelt the same way every time is not.
    """
    key = name_key(word)
    own = sum(inventory.get(key, Counter()).values())
    best: tuple[int, str] | None = None
    for form, surfaces in inventory.items():
        n = sum(surfaces.values())
        usual = surfaces.most_common(1)[0][0]
        distance = Levenshtein.distance(key, form)
        if n < min_count or usual.lower() == word.lower() or distance > 1 or (distance == 1 and n <= own):
            continue
        if best is None or n > best[0]:
            best = (n, usual)
    return best[1] if best else None


@dataclass(frozen=True)
class _Mismatch:
    """A Russian name no English word of the pair matches closely enough."""

    shown: str  # the romanisation the message shows (a pinyin reading when there is one)
    score: float  # rapidfuzz ratio (0-100) of the closest English word
    closest: str  # that word's latin key ("" when the English side has none)
    strict: bool  # a hyphenated Palladius name, held to ``name_strict``

    def message(self, word: str, usual: str | None) -> str:
        """What the translator reads; ``usual``: the document's usual form when ``word`` is an OCR slip."""
        closest = self.closest if self.score >= SHOW_CLOSEST else ""
        near = f"; closest English word “{closest}”" if closest else ""
        ocr = f"; probably OCR for the document's usual “{usual}”" if usual else ""
        return f"Russian name “{word}” ({self.shown}) has no counterpart in the English{near}{ocr}"


def _mismatch(word: str, keys: set[str], config: AuditConfig) -> _Mismatch | None:
    """How a Russian name fails to match the English words ``keys``; None when one matches it."""
    exact, fuzzy_forms = romanisations(word)
    strict = bool(exact) and "-" in word
    score, closest = _best(exact, keys) if exact else (0.0, "")
    loose_score, loose_closest = _best(fuzzy_forms + exact, keys)
    if (strict and score >= config.name_strict) or (not strict and loose_score >= config.name_loose):
        return None
    if not strict:
        score, closest = loose_score, loose_closest
    return _Mismatch(exact[-1] if exact else fuzzy_forms[0], score, closest, strict)


def ru_name_flags(
    doc_id: str, view: LinkView, config: AuditConfig, inventory: dict[str, Counter]
) -> list[Flag]:
    """Russian names of a paragraph pair with no counterpart among the English words.

    A hyphenated Palladius name must match its pinyin almost exactly (``config.name_strict``);
    other names fuzzily (``config.name_loose``). A mismatching name that is one letter away from
    the document's usual form of a name is an OCR slip, reported as a note.
    """
    keys = en_keys(view.paragraph_pair.en)
    if not keys:
        return []  # an English side with no capitalised word cannot be checked for names
    flags = []
    for piece in view.paragraph_pair.ru:
        for start, end, word in ru_names(piece.text):
            miss = _mismatch(word, keys, config)
            if miss is None:
                continue
            usual = usual_form(word, inventory)
            values = {"ru": [word], "romanised": [miss.shown], "en": [miss.closest] if miss.closest else []}
            flag = make_flag(
                doc_id,
                FlagKind.NAME,
                Severity.WARNING if miss.strict and usual is None else Severity.NOTE,
                miss.message(word, usual),
                ru_spans=[span_of(piece, start, end)],
                values=values,
                producer=PRODUCER,
                en=[s.id for s in view.en],
            )
            flags.append(flag)
    return flags


def _ru_keys(pieces: tuple[Piece, ...]) -> set[str]:
    """Romanisations of the Russian words, and the Latin words the Russian writes as they are."""
    keys: set[str] = set()
    for piece in pieces:
        for m in re.finditer(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?", piece.text):
            exact, loose = romanisations(m.group())
            keys.update(exact + loose)
        keys.update(latin_key(m.group()) for m in re.finditer(r"[A-Za-z]{2,}", piece.text))
    return keys


def en_name_flags(doc_id: str, view: LinkView, config: AuditConfig) -> list[Flag]:
    """English names (a run of capitalised words, or ALL CAPS) none of whose words matches a Russian word."""
    keys: set[str] | None = None
    flags = []
    for piece in view.paragraph_pair.en:
        for group in en_name_groups(piece.text):
            words = name_like(piece.text, group) or other_names(piece.text, group)
            if not words:
                continue
            keys = _ru_keys(view.paragraph_pair.ru) if keys is None else keys
            if any(
                _best([latin_key(POSSESSIVE.sub("", m.group()))], keys)[0] >= config.name_en_min
                for m in words
            ):
                continue
            name = piece.text[words[0].start() : words[-1].end()]
            message = f"English name “{name}” has no counterpart in the Russian"
            flag = make_flag(
                doc_id,
                FlagKind.NAME,
                Severity.NOTE,
                message,
                en_spans=[span_of(piece, words[0].start(), words[-1].end())],
                values={"en": [name]},
                producer=PRODUCER,
                ru=[s.id for s in view.ru],
            )
            flags.append(flag)
    return flags


def name_flags(doc_id: str, views: tuple[LinkView, ...], config: AuditConfig) -> list[Flag]:
    """Every name flag of the document."""
    inventory = name_inventory(views)
    flags = []
    for view in views:
        if view.ru and view.en:
            flags += ru_name_flags(doc_id, view, config, inventory) + en_name_flags(doc_id, view, config)
    return flags
