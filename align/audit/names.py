"""Name check: a proper name on one side of an aligned paragraph pair with no counterpart on the other.

Russian name candidates are capitalised words that are dictionary names, hyphenated, or made of
Palladius syllables; common words, places and acronyms the dictionary knows are left out
(translators render them by English exonyms: Пекин = Beijing, СССР = USSR), and so are other
unknown words, mostly common words garbled by OCR ("Китал"). Each candidate is romanised: through
the Palladius table (after undoing Russian case endings: "Энь-лаем" -> "Энь-лай"), and by plain
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
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from align.audit.flags import make_flag, span_of
from align.audit.units import LinkView, Piece
from align.language.translit import is_pinyin, latin_key, palladius_to_pinyin, pinyin_like, russian_to_latin
from align.model import Flag

PRODUCER = "names.v1"
RU_NAME = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё]*(?:-[А-ЯЁа-яё]+)?")
EN_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z']*(?:-[A-Za-z]+)?")
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Russian case endings of declined names, and what the nominative ends with instead.
RU_ENDINGS = (("ем", "й"), ("ем", ""), ("ом", ""), ("ой", ""), ("ым", ""), ("ым", "ы"), ("ой", "а"),
              ("ая", "ай"), ("ая", ""), ("ую", "ая"), ("ю", "й"), ("я", "й"), ("е", "й"), ("ей", "й"),
              ("у", ""), ("а", ""), ("е", ""), ("ы", "а"), ("и", "а"), ("у", "а"), ("ю", "я"), ("ы", ""),
              ("и", ""))  # fmt: skip
ENDING = re.compile(r"(?:ем|ом|ой|[аеиоуыэюяйь])+$")
NUMBER_SIGN = re.compile(r"\.?\s*\d")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\W*$")


@lru_cache(maxsize=32768)
def _ru_name_status(word: str) -> str:
    """Whether a word may be a name ("name": a dictionary name or an unknown word) or not ("skip")."""
    from align.language.morphology import russian_morphology  # shared, loaded on first use

    best = russian_morphology().parse(word.lower())[0]
    if not best.is_known or set(best.tag.grammemes) & NAME_TAGS:
        return "name"
    return "skip"  # a common word, a place or an acronym the dictionary knows


def base_forms(word: str) -> list[str]:
    """The word and its possible nominatives after removing a Russian case ending."""
    low = word.lower()
    forms = [low]
    for ending, replacement in RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            forms.append(low[: -len(ending)] + replacement)
    return list(dict.fromkeys(forms))


def romanisations(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exact pinyin readings if the word is Palladius, fuzzy romanisations) of a Russian word."""
    pinyin: list[str] = []
    if looks_chinese(word):
        for form in base_forms(word):
            pinyin += palladius_to_pinyin(form)
    loose = [latin_key(russian_to_latin(f)) for f in base_forms(word)] + [pinyin_like(word)]
    return tuple(dict.fromkeys(pinyin)), tuple(dict.fromkeys(loose))


def _is_initial(text: str, start: int) -> bool:
    return bool(SENTENCE_START.search(text[:start]))


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def ru_names(piece: Piece) -> list[tuple[int, int, str]]:
    """(start, end, word) of the Russian name candidates of a piece.

    Kept: hyphenated words ("Энь-лай"), words of Palladius syllables, and names the dictionary
    knows. Other unknown capitalised words are mostly OCR-garbled common words ("Китал"), which
    the OCR proposals handle; flagging them as names would bury the translator in noise.
    """
    if _mostly_upper(piece.text):
        return []  # a header or stamp: every word is capitalised
    out = []
    for m in RU_NAME.finditer(piece.text):
        word = m.group()
        if len(word.replace("-", "")) < 2 or _ru_name_status(word) != "name":
            continue
        if _is_initial(piece.text, m.start()) and not word.isupper() and not _morph_has_name(word):
            continue  # any word is capitalised at a sentence start: only dictionary names count there
        if "-" in word or _morph_has_name(word) or any(palladius_to_pinyin(f) for f in base_forms(word)):
            out.append((m.start(), m.end(), word))
    return out


@lru_cache(maxsize=32768)
def _morph_has_name(word: str) -> bool:
    """Whether the dictionary knows the word as a Russian first name, surname or patronymic."""
    from align.language.morphology import russian_morphology

    best = russian_morphology().parse(word.lower())[0]
    return best.is_known and bool(set(best.tag.grammemes) & NAME_TAGS)


def looks_chinese(word: str) -> bool:
    """Hyphenated ("Цзе-дун") or short ("Чжоу"), and not a Russian name the dictionary knows."""
    return ("-" in word or len(word) <= 6) and not _morph_has_name(word)


def en_keys(pieces: tuple[Piece, ...]) -> set[str]:
    """Latin keys of every capitalised English word and of each adjacent pair of them."""
    keys: set[str] = set()
    for piece in pieces:
        words = list(EN_NAME.finditer(piece.text))
        keys.update(latin_key(m.group()) for m in words)
        for a, b in zip(words, words[1:], strict=False):
            if _adjacent(piece.text, a, b):
                keys.add(latin_key(a.group() + b.group()))
    keys.discard("")
    return keys


def _best(candidates, keys) -> tuple[float, str]:
    best = (0.0, "")
    for c in candidates:
        for k in keys:
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
            for _s, _e, word in ru_names(piece):
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


def ru_name_flags(doc_id: str, view: LinkView, config, inventory: dict[str, Counter]) -> list[Flag]:
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
        for start, end, word in ru_names(piece):
            exact, fuzzy_forms = romanisations(word)
            strict = bool(exact) and "-" in word
            score, closest = _best(exact, keys) if exact else (0.0, "")
            loose_score, loose_closest = _best(fuzzy_forms + exact, keys)
            if (strict and score >= config.name_strict) or (not strict and loose_score >= config.name_loose):
                continue
            shown = exact[-1] if exact else fuzzy_forms[0]
            if not strict:
                score, closest = loose_score, loose_closest
            usual = usual_form(word, inventory)
            severity = "warning" if strict and usual is None else "note"
            near = f"; closest English word “{closest}”" if closest and score >= 50 else ""
            ocr = f"; probably OCR for the document's usual “{usual}”" if usual else ""
            message = f"Russian name “{word}” ({shown}) has no counterpart in the English{near}{ocr}"
            values = {"ru": [word], "romanised": [shown], "en": [closest] if closest else []}
            spans = [span_of(piece, start, end)]
            flag = make_flag(
                doc_id, "name", severity, message, spans, [], values, PRODUCER, en=[s.id for s in view.en]
            )
            flags.append(flag)
    return flags


def _ru_keys(pieces: tuple[Piece, ...]) -> set[str]:
    keys: set[str] = set()
    for piece in pieces:
        for m in re.finditer(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?", piece.text):
            exact, loose = romanisations(m.group())
            keys.update(exact + loose)
    return keys


def _adjacent(text: str, a: re.Match, b: re.Match) -> bool:
    """Whether only spaces separate two word matches."""
    first, second = (a, b) if a.start() < b.start() else (b, a)
    return text[first.end() : second.start()].strip() == ""


@lru_cache(maxsize=32768)
def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= 4.0


def en_name_groups(piece: Piece) -> list[list[re.Match]]:
    """Runs of capitalised English words separated only by spaces ("Li Fuchun", "LIN BIAO")."""
    groups: list[list[re.Match]] = []
    for m in EN_NAME.finditer(piece.text):
        if groups and _adjacent(piece.text, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _name_like(piece: Piece, group: list[re.Match]) -> list[re.Match]:
    """The group's pinyin-shaped, uncommon words, if the group reads as a name at all."""
    words = [m for m in group if len(m.group()) >= 2 and not NUMBER_SIGN.match(piece.text, m.end())]
    if len(group) == 1 and not group[0].group().isupper():
        return []  # a lone capitalised word: a sentence start, a place, an adjective
    return [m for m in words if is_pinyin(m.group()) and not _common_english(m.group())]


def en_name_flags(doc_id: str, view: LinkView, config) -> list[Flag]:
    """English names (a run of capitalised words, or ALL CAPS) none of whose words matches a Russian word."""
    keys: set[str] | None = None
    flags = []
    for piece in view.paragraph_pair.en:
        for group in en_name_groups(piece):
            words = _name_like(piece, group)
            if not words:
                continue
            keys = _ru_keys(view.paragraph_pair.ru) if keys is None else keys
            if any(_best([latin_key(m.group())], keys)[0] >= config.name_en_min for m in words):
                continue
            name = piece.text[words[0].start() : words[-1].end()]
            message = f"English name “{name}” has no counterpart in the Russian"
            spans = [span_of(piece, words[0].start(), words[-1].end())]
            ru_ids = [s.id for s in view.ru]
            flags.append(
                make_flag(doc_id, "name", "note", message, [], spans, {"en": [name]}, PRODUCER, ru=ru_ids)
            )
    return flags


def name_flags(doc_id: str, views: tuple[LinkView, ...], config) -> list[Flag]:
    """Every name flag of the document."""
    inventory = name_inventory(views)
    flags = []
    for view in views:
        if view.ru and view.en:
            flags += ru_name_flags(doc_id, view, config, inventory) + en_name_flags(doc_id, view, config)
    return flags
