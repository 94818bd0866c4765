"""Negation check: one side of an aligned pair negates and the other does not.

Counts explicit negators ("не", "нет", "ни", "never", "not", "n't", ...). Lexical negation
("нецелесообразно" = "not appropriate", "impossible" = "невозможно") counts as a negation on
either side when only the other side negates explicitly, so a translator who turns a "не" into a
prefix is not flagged. A sentence pair is flagged only when its paragraph pair disagrees the same
way, so negations that sentence alignment split differently make no noise.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.audit.flags import make_flag, span_of
from align.audit.units import LinkView, Piece, UnitPair
from align.model import Flag, FlagKind, Severity

PRODUCER = "negation.v1"
RU_NEGATORS = frozenset({"не", "нет", "ни", "никогда", "ничего", "никто", "нигде", "никак", "нельзя",
                         "ничто", "никакой", "никакого", "никаких", "ничем", "никому", "без"})  # fmt: skip
EN_NEGATORS = frozenset({"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot",
                         "without", "nowhere", "no-one"})  # fmt: skip
RU_PREFIXES = ("не", "без", "бес")
EN_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
QUESTION_LI = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}ли\b", re.IGNORECASE)
NUMBER_SIGN = re.compile(r"\.?\s*\d")
WORD = re.compile(r"[^\W\d_]+(?:'t)?", re.UNICODE)
# What is left after a negating prefix must be a known word this long: shorter stems make
# accidental "negations" ("un" + "ion", "in" + "to").
MIN_STEM_CHARS = 5
EN_KNOWN_ZIPF = 3.0  # wordfreq Zipf frequency (log10 per billion words) from which an English stem is known


@lru_cache(maxsize=32768)
def _ru_known(word: str) -> bool:
    from align.language.morphology import russian_morphology  # shared, loaded on first use

    return any(p.is_known for p in russian_morphology().parse(word)[:1])


@lru_cache(maxsize=32768)
def _en_known(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= EN_KNOWN_ZIPF


def negations(text: str, lang: str) -> tuple[list[tuple[int, int]], int]:
    """(spans of explicit negators, count of lexically negated words) in ``text``."""
    explicit, lexical = [], 0
    negators = RU_NEGATORS if lang == "ru" else EN_NEGATORS
    prefixes = RU_PREFIXES if lang == "ru" else EN_PREFIXES
    known = _ru_known if lang == "ru" else _en_known
    for m in WORD.finditer(text):
        word = m.group().lower()
        if word == "no" and NUMBER_SIGN.match(text, m.end()):
            continue  # "No. 25348" is a number sign
        if word == "не" and QUESTION_LI.match(text, m.end()):
            continue  # "не думает ли" asks "whether", it does not negate
        if word in negators or word.endswith("n't"):
            explicit.append((m.start(), m.end()))
            continue
        for prefix in prefixes:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= MIN_STEM_CHARS and known(rest):
                lexical += 1
                break
    return explicit, lexical


def _side(pieces: tuple[Piece, ...], lang: str) -> tuple[list[tuple[Piece, int, int]], int]:
    spans, lexical = [], 0
    for piece in pieces:
        found, lex = negations(piece.text, lang)
        spans += [(piece, s, e) for s, e in found]
        lexical += lex
    return spans, lexical


def _disagreement(pair: UnitPair) -> tuple[str, list] | None:
    """("ru"|"en", negator spans) when only that side negates, else None."""
    ru, ru_lex = _side(pair.ru, "ru")
    en, en_lex = _side(pair.en, "en")
    # Two negations cancel ("нельзя без" = "must", "не мог не" = "had to"): an even count on the
    # negating side agrees with a positive other side.
    if ru and not en and not en_lex and len(ru) % 2 == 1:
        return "ru", ru
    if en and not ru and not ru_lex and len(en) % 2 == 1:
        return "en", en
    return None


def _more_negations(pair: UnitPair) -> str | None:
    """ "ru" or "en": the side of the paragraph pair with more explicit negations than the other side
    has negations of any kind (a "not" added in one sentence of a paragraph that negates elsewhere
    too), else None."""
    ru, ru_lex = _side(pair.ru, "ru")
    en, en_lex = _side(pair.en, "en")
    if len(ru) > len(en) + en_lex:
        return "ru"
    if len(en) > len(ru) + ru_lex:
        return "en"
    return None


def max_sentences(view: LinkView) -> int:
    """The larger side's sentence count (a segment without sentences counts as one)."""
    return max(sum(max(1, len(seg.sentences)) for seg in side) for side in (view.ru, view.en))


def negation_flags(doc_id: str, views: tuple[LinkView, ...]) -> list[Flag]:
    """A flag per aligned unit where only one side negates."""
    flags = []
    for view in views:
        if not (view.ru and view.en):
            continue
        paragraph = _more_negations(view.paragraph_pair)
        if paragraph is None:
            continue
        units = [p for p in view.sentence_pairs if p.ru and p.en]
        if not units and max_sentences(view) <= 2:
            units = [view.paragraph_pair]  # short paragraphs: the paragraph is nearly a sentence
        for unit in units:
            found = _disagreement(unit)
            if found is None or found[0] != paragraph:
                continue
            lang, spans = found
            words = ", ".join(f"“{piece.text[s:e]}”" for piece, s, e in spans[:3])
            negating, other = ("Russian", "English") if lang == "ru" else ("English", "Russian")
            message = f"The {negating} negates ({words}) but the aligned {other} has no negation"
            neg_spans = [span_of(piece, s, e) for piece, s, e in spans]
            other_spans = [span_of(p) for p in (unit.en if lang == "ru" else unit.ru)]
            ru_spans, en_spans = (neg_spans, other_spans) if lang == "ru" else (other_spans, neg_spans)
            values = {lang: [piece.text[s:e] for piece, s, e in spans]}
            flag = make_flag(
                doc_id,
                FlagKind.NEGATION,
                Severity.WARNING,
                message,
                ru_spans=ru_spans,
                en_spans=en_spans,
                values=values,
                producer=PRODUCER,
            )
            flags.append(flag)
    return flags
