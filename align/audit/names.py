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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from align.audit.config import AuditConfig
from align.audit.flags import make_flag, span_of
from align.audit.name_inventory import NameInventory
from align.audit.positions import LinkAxis, Nearby, Window
from align.audit.units import LinkView, Piece
from align.language.name_candidates import (
    EN_NAME,
    POSSESSIVE,
    adjacent,
    en_name_groups,
    name_like,
    other_names,
    romanisations,
)
from align.language.translit import latin_key
from align.model import Flag, FlagKind, Severity

PRODUCER = "names.v1"
RU_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A mismatching name's closest English word is shown in the message from this rapidfuzz ratio
# (0-100) on: below it the "closest" word is just another word and would mislead.
SHOW_CLOSEST = 50.0


def _en_entries(pieces: tuple[Piece, ...], axis: LinkAxis) -> Iterator[tuple[float, str]]:
    """(position on the axis, Latin key) of every capitalised English word and of each adjacent pair of
    them; a pair sits where its first word does."""
    for piece in pieces:
        words = list(EN_NAME.finditer(piece.text))
        keys = [(m, latin_key(m.group())) for m in words]
        keys += [
            (a, latin_key(a.group() + b.group()))
            for a, b in zip(words, words[1:], strict=False)
            if adjacent(piece.text, a, b)
        ]
        for m, key in keys:
            if key:
                yield axis.en(piece.segment, piece.start + m.start())[0], key


def _best(candidates: Iterable[str], keys: Collection[str]) -> tuple[float, str]:
    """(rapidfuzz ratio 0-100, key) of the key closest to any candidate; (0.0, "") when none.

    Keys are tried in sorted order, so that a tie goes to the same key in every process (a set's
    order follows Python's per-process string hashing, and the flag id hashes the key shown).
    """
    return _best_sorted(candidates, sorted(keys))


def _best_sorted(candidates: Iterable[str], keys: Sequence[str]) -> tuple[float, str]:
    """``_best`` over keys sorted already: the first candidate's first key of the highest ratio.

    ``process.extractOne`` scans in C and returns the first key of its best score, as the scan
    in Python did.
    """
    best = (0.0, "")
    if not keys:
        return best
    for c in candidates:
        key, score, _ = process.extractOne(c, keys, scorer=fuzz.ratio)
        if score > best[0]:
            best = (score, key)
    return best


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


def _mismatch(word: str, keys: Sequence[str], config: AuditConfig) -> _Mismatch | None:
    """How a Russian name fails to match the English words ``keys`` (sorted); None when one matches it."""
    exact, fuzzy_forms = romanisations(word)
    strict = bool(exact) and "-" in word
    score, closest = _best_sorted(exact, keys) if exact else (0.0, "")
    loose_score, loose_closest = _best_sorted(fuzzy_forms + exact, keys)
    if (strict and score >= config.name_strict) or (not strict and loose_score >= config.name_loose):
        return None
    if not strict:
        score, closest = loose_score, loose_closest
    return _Mismatch(exact[-1] if exact else fuzzy_forms[0], score, closest, strict)


def ru_name_flags(
    doc_id: str, view: LinkView, config: AuditConfig, inventory: NameInventory, axis: LinkAxis
) -> list[Flag]:
    """Russian names of a paragraph pair with no counterpart among the nearby English words.

    A hyphenated Palladius name must match its pinyin almost exactly (``config.name_strict``);
    other names fuzzily (``config.name_loose``). A mismatching name that is one letter away from
    the document's usual form of a name is an OCR slip, reported as a note. Nearby: within the
    sentence pair and blocks next to it (``align.audit.positions``): the whole pair unless it is huge.
    """
    nearby = Nearby(_en_entries(view.paragraph_pair.en, axis))
    if not nearby:
        return []  # an English side with no capitalised word cannot be checked for names
    misses: dict[tuple[str, Window], _Mismatch | None] = {}
    flags = []
    for piece in view.paragraph_pair.ru:
        for start, end, word in inventory.names_in(piece):
            _, window = axis.ru(piece.segment, piece.start + start)
            if (word, window) not in misses:
                keys = nearby.keys(window)
                misses[word, window] = _mismatch(word, keys, config) if keys else None
            miss = misses[word, window]
            if miss is None:
                continue
            usual = inventory.usual_form(word)
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


def _ru_entries(pieces: tuple[Piece, ...], axis: LinkAxis) -> Iterator[tuple[float, str]]:
    """(position on the axis, key) of the romanisations of the Russian words, and of the Latin words
    the Russian writes as they are."""
    for piece in pieces:
        for m in RU_WORD.finditer(piece.text):
            exact, loose = romanisations(m.group())
            position, _ = axis.ru(piece.segment, piece.start + m.start())
            yield from ((position, key) for key in exact + loose)
        for m in LATIN_WORD.finditer(piece.text):
            yield axis.ru(piece.segment, piece.start + m.start())[0], latin_key(m.group())


def _known(
    key: str, window: Window, keys: list[str], seen: dict[tuple[str, Window], bool], config: AuditConfig
) -> bool:
    """Whether an English word's key is close to one of its window's Russian ``keys``; ``seen``
    remembers the answer per word and window (a name recurs, in a huge pair hundreds of times)."""
    if (key, window) not in seen:
        seen[key, window] = _best_sorted([key], keys)[0] >= config.name_en_min
    return seen[key, window]


def en_name_flags(doc_id: str, view: LinkView, config: AuditConfig, axis: LinkAxis) -> list[Flag]:
    """English names (a run of capitalised words, or ALL CAPS) none of whose words matches a nearby
    Russian word (``ru_name_flags`` says what is nearby)."""
    nearby: Nearby | None = None
    found: dict[tuple[str, Window], bool] = {}
    flags = []
    for piece in view.paragraph_pair.en:
        for group in en_name_groups(piece.text):
            words = name_like(piece.text, group) or other_names(piece.text, group)
            if not words:
                continue
            nearby = Nearby(_ru_entries(view.paragraph_pair.ru, axis)) if nearby is None else nearby
            _, window = axis.en(piece.segment, piece.start + words[0].start())
            keys = nearby.keys(window)
            if any(
                _known(latin_key(POSSESSIVE.sub("", m.group())), window, keys, found, config) for m in words
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
    inventory = NameInventory.of_views(views)
    flags = []
    for view in views:
        if view.ru and view.en:
            axis = LinkAxis(view)
            flags += ru_name_flags(doc_id, view, config, inventory, axis)
            flags += en_name_flags(doc_id, view, config, axis)
    return flags
