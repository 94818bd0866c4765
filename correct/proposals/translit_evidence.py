"""English spellings of names back into Russian: how "Fedorenko" supports "Федоренко".

Two small table-driven systems, both general knowledge:
- Chinese names in pinyin to the Palladius system the Russian documents use
  (Zhou Enlai -> Чжоу Энь-лай, Li Fuchun -> Ли Фу-чунь); a two-syllable given
  name is written hyphenated, the second syllable in lower case.
- Russian names in English (BGN/PCGN-like) spelling back to Cyrillic, with the
  usual ambiguities kept as alternatives (y -> ы/й/и, e -> е/э, -sky -> -ский).

The syllable table itself is the audit's (``align.language.translit``): one source for
which pinyin syllables exist and how Palladius writes them.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from align.language.translit import palladius_to_pinyin_table, pinyin_to_palladius_table


def _syllables() -> dict[str, str]:
    """Pinyin syllable -> Palladius spelling: the audit's table (align.language.translit), one source."""
    return pinyin_to_palladius_table()


def pinyin_syllables(word: str) -> list[list[str]]:
    """Every split of ``word`` into pinyin syllables (shortest splits first); [] if none."""
    table, w = _syllables(), word.lower()
    splits: dict[int, list[list[str]]] = {0: [[]]}
    for end in range(1, len(w) + 1):
        for start in range(max(0, end - 6), end):
            if start in splits and w[start:end] in table:
                splits.setdefault(end, []).extend(s + [w[start:end]] for s in splits[start])
    return sorted(splits.get(len(w), []), key=len)[:3]


def pinyin_to_palladius(word: str) -> list[str]:
    """Palladius spellings of a pinyin name word: "Enlai" -> ["Энь-лай"], "Zhou" -> ["Чжоу"]."""
    table, out = _syllables(), []
    for split in pinyin_syllables(word):
        if len(split) > 2:
            continue
        cyr = [table[s] for s in split]
        for form in ("-".join([cyr[0].capitalize(), *cyr[1:]]), "".join(cyr).capitalize()):
            if form not in out:
                out.append(form)  # given names hyphenated (Энь-лай), places joined (Синьцзян)
    return out


# English spelling of Russian names -> Cyrillic alternatives, longest first.
_RU_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)),
    ("sky", ("ский",)),
    ("skiy", ("ский",)),
    ("iy", ("ий",)),
    ("yy", ("ый",)),
    ("zh", ("ж",)),
    ("kh", ("х",)),
    ("ch", ("ч",)),
    ("sh", ("ш",)),
    ("ts", ("ц",)),
    ("ya", ("я",)),
    ("yu", ("ю",)),
    ("yo", ("ё",)),
    ("ye", ("е",)),
    ("ia", ("ия",)),
    ("ie", ("ие",)),
    ("a", ("а",)),
    ("b", ("б",)),
    ("v", ("в",)),
    ("w", ("в",)),
    ("g", ("г",)),
    ("d", ("д",)),
    ("e", ("е", "э")),
    ("z", ("з",)),
    ("i", ("и",)),
    ("y", ("ы", "й", "и")),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о",)),
    ("p", ("п",)),
    ("r", ("р",)),
    ("s", ("с",)),
    ("t", ("т",)),
    ("u", ("у",)),
    ("f", ("ф",)),
    ("h", ("х",)),
    ("c", ("к",)),
    ("x", ("кс",)),
    ("j", ("дж", "й", "ж")),  # John, Johannesburg, Jacques
    ("q", ("к",)),
)


def latin_to_russian(word: str, limit: int = 6) -> list[str]:
    """Cyrillic readings of an English-spelled Russian name: "Fedorenko" -> ["Федоренко", ...]."""
    w, i, pieces = word.lower(), 0, []
    while i < len(w):
        for latin, cyr in _RU_RULES:
            if w.startswith(latin, i):
                pieces.append(cyr)
                i += len(latin)
                break
        else:
            return []  # not a Latin letter we know: no reading
    out = []
    for combo in product(*pieces):
        out.append("".join(combo).capitalize())
        if len(out) >= limit:
            break
    return out


def russian_forms(word: str) -> list[str]:
    """Every Cyrillic form an English name word may stand for (pinyin readings first)."""
    if not word.isalpha() or not word.isascii():
        return []
    forms = pinyin_to_palladius(word)
    forms += [f for f in latin_to_russian(word) if f not in forms]
    return forms


@lru_cache(maxsize=1)
def palladius_syllables() -> frozenset[str]:
    """Every Cyrillic syllable Palladius writes ("чжоу", "энь", "лай"), the old "е" spellings ("цзе") too."""
    return frozenset(palladius_to_pinyin_table())


def is_chinese_name(word: str) -> bool:
    """A capitalised word made of Palladius syllables ("Энь-лай", "Цзе-дун", "Чжоу"): a name, not an error."""
    parts = word.lower().replace("ё", "е").split("-")
    return word[:1].isupper() and all(p in palladius_syllables() for p in parts)
