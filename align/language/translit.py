"""Transliteration for matching names across scripts: Russian Cyrillic -> Latin, Palladius <-> pinyin.

Chinese names reach Russian in the Palladius system ("Чжоу Энь-лай", "Мао Цзе-дун") and English in
pinyin ("Zhou Enlai", "Mao Zedong"). The syllable table is built from the systems' initials and
finals (general linguistic knowledge, not data from any document), inverted for Cyrillic ->
pinyin. A Cyrillic word that splits entirely into Palladius syllables converts exactly; one that
does not is either a non-Chinese name or a Chinese name garbled by OCR, and falls back to a plain
Russian -> Latin transliteration compared fuzzily.
"""

from __future__ import annotations

from functools import lru_cache

# Pinyin initial -> Palladius (Cyrillic) initial.
INITIALS = {
    "": "", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г",
    "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж",
    "z": "цз", "c": "ц", "s": "с",
}  # fmt: skip
# Pinyin final -> Palladius final after a consonant.
FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "i": "и", "ia": "я", "iao": "яо", "ie": "е", "iu": "ю",
    "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ",
    "van": "юань", "vn": "юнь",
}  # fmt: skip
# Syllables without an initial (pinyin spelling -> Palladius).
ZERO_INITIAL = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь",
    "eng": "эн", "er": "эр", "o": "о", "ou": "оу", "yi": "и", "ya": "я", "yao": "яо", "ye": "е",
    "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян", "ying": "ин", "yong": "юн", "wu": "у",
    "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван",
    "weng": "вэн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
}  # fmt: skip
PALATAL = ("j", "q", "x")  # only before i and ü finals
RETROFLEX_DENTAL = ("zh", "ch", "sh", "r", "z", "c", "s", "g", "k", "h")  # never before i-/ü- finals
APICAL_I = {"z": "цзы", "c": "цы", "s": "сы"}  # zi, ci, si

RU_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Latin letters that print like Cyrillic ones: OCR set to Latin puts them into Russian words
# ("HECEMPETHO" for НЕСЕКРЕТНО). The one table of them; ingest and the OCR proposals use it too.
LATIN_LOOKALIKES = dict(zip("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху", strict=True))
LOOKALIKE_TO_CYRILLIC = str.maketrans(LATIN_LOOKALIKES)


def _syllable_ok(initial: str, final: str) -> bool:
    front = final.startswith(("i", "v"))
    if initial in PALATAL:
        return front
    if initial in RETROFLEX_DENTAL:
        return not front or final == "i"
    if initial in ("b", "p", "m", "f", "d", "t", "n", "l"):
        return not final.startswith("v") or initial in ("n", "l")
    return True


@lru_cache(maxsize=1)
def palladius_to_pinyin_table() -> dict[str, tuple[str, ...]]:
    """Palladius syllable (Cyrillic, "е" and "э" both accepted) -> its pinyin readings.

    Some Cyrillic syllables have two readings: "цзе" is Palladius "jie", and also the older
    Russian spelling of "ze" (Мао Цзе-дун = Mao Zedong).
    """
    table: dict[str, list[str]] = {}

    def add(cyr: str, pinyin: str) -> None:
        readings = table.setdefault(cyr, [])
        if pinyin not in readings:
            readings.append(pinyin)

    for pinyin, cyr in ZERO_INITIAL.items():
        add(cyr, pinyin)
    for initial, cyr_initial in INITIALS.items():
        if not initial:
            continue
        for final, cyr_final in FINALS.items():
            if not _syllable_ok(initial, final):
                continue
            cyr = APICAL_I[initial] if final == "i" and initial in APICAL_I else cyr_initial + cyr_final
            add(cyr, initial + final.replace("v", "u" if initial in PALATAL else "ü"))
    # Older Russian spellings write "е" for Palladius "э" after consonants ("Цзе-дун", "Чжен").
    for cyr, readings in list(table.items()):
        if "э" in cyr[1:]:
            for pinyin in readings:
                add(cyr[0] + cyr[1:].replace("э", "е"), pinyin)
    return {cyr: tuple(readings) for cyr, readings in table.items()}


@lru_cache(maxsize=1)
def pinyin_to_palladius_table() -> dict[str, str]:
    """Pinyin syllable -> its Palladius spelling ("zhou" -> "чжоу", "ze" -> "цзэ", not the older "цзе")."""
    out: dict[str, str] = {}
    for cyr, readings in palladius_to_pinyin_table().items():
        for pinyin in readings:
            if pinyin not in out or ("э" in cyr and "э" not in out[pinyin]):
                out[pinyin] = cyr
    return out


@lru_cache(maxsize=1)
def _longest_syllable() -> int:
    return max(len(k) for k in palladius_to_pinyin_table())


@lru_cache(maxsize=32768)  # names recur: the audit asks this of every Russian word of a paragraph pair
def palladius_to_pinyin(word: str, limit: int = 16) -> tuple[str, ...]:
    """Pinyin readings of a Cyrillic word made entirely of Palladius syllables; () when it is not.

    Parts separated by hyphens or spaces are converted separately and joined the way pinyin
    writes a given name ("Энь-лай" -> "enlai"); within a part the longest syllables win.
    At most ``limit`` readings (syllables with two readings multiply them).
    """
    table = palladius_to_pinyin_table()
    longest = _longest_syllable()  # once: computed per call it was a third of the name check
    readings = [""]
    for part in word.translate(LOOKALIKE_TO_CYRILLIC).lower().replace("ё", "е").replace("-", " ").split():
        i = 0
        while i < len(part):
            for size in range(min(longest, len(part) - i), 0, -1):
                options = table.get(part[i : i + size])
                if options:
                    readings = [r + o for r in readings for o in options][:limit]
                    i += size
                    break
            else:
                return ()
    return tuple(r for r in readings if r)


def russian_to_latin(word: str) -> str:
    """A plain (BGN-like) romanisation of Russian letters; other characters are kept."""
    return "".join(RU_LATIN.get(c, c) for c in word.translate(LOOKALIKE_TO_CYRILLIC).lower())


def latin_key(text: str) -> str:
    """Lower-case Latin letters only: the form names are compared in ("Zhou En-lai" -> "zhouenlai")."""
    return "".join(c for c in text.lower() if "a" <= c <= "z" or c == "ü").replace("ü", "u")


# A romanisation closer to pinyin than to English habits, for Chinese names that OCR garbled
# beyond the syllable table ("Знь-лай" -> "znlai" is closer to "enlai" than "zn-lay" is).
PINYIN_LIKE = (("чж", "zh"), ("цз", "z"), ("сю", "xiu"), ("ц", "c"), ("х", "h"), ("ж", "r"), ("й", "i"),
               ("ю", "iu"), ("я", "ia"), ("ы", "i"), ("э", "e"), ("ь", ""))  # fmt: skip


def pinyin_like(word: str) -> str:
    """A rough pinyin-style romanisation of any Cyrillic word (for fuzzy matching only)."""
    low = word.translate(LOOKALIKE_TO_CYRILLIC).lower()
    for cyr, lat in PINYIN_LIKE:
        low = low.replace(cyr, lat)
    return latin_key("".join(RU_LATIN.get(c, c) for c in low))


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every pinyin syllable the table knows (without tones)."""
    return frozenset(
        p.replace("ü", "u") for readings in palladius_to_pinyin_table().values() for p in readings
    )


@lru_cache(maxsize=4096)
def is_pinyin(word: str) -> bool:
    """Whether a Latin word splits entirely into pinyin syllables ("Zedong", "Enlai", "Biao")."""
    key = latin_key(word)
    syllables = pinyin_syllables()
    reachable = [True] + [False] * len(key)  # reachable[i]: key[:i] splits into syllables
    for i in range(len(key)):
        if reachable[i]:
            for size in range(1, min(6, len(key) - i) + 1):
                if key[i : i + size] in syllables:
                    reachable[i + size] = True
    return bool(key) and reachable[len(key)]
