"""Numbers written in digits as quantities: their kind (count, year, list item, sheet), ranges, scales.

"116 тыс." is 116 000, "15-20 тыс." two counts of thousands, "1952 г." a year, "3." at the start of a
list entry an item, "Лист 2" a sheet. Called by :func:`align.language.quantities.extract_quantities`
after the specific patterns have claimed their spans; ``claims`` and ``add`` are its.
"""

from __future__ import annotations

from align.language import quantity_patterns as patterns
from align.language.digit_numbers import parse_number, scale_value
from align.language.quantity_kinds import Add, Claims, QuantityConfig, QuantityKind


def _number_kind(
    text: str, start: int, end: int, token: str, *, scaled: bool, config: QuantityConfig
) -> QuantityKind:
    """count, year, item (list marker at the start of the text) or page (after "Лист", "p.")."""
    if patterns.PAGE.search(text[max(0, start - config.page_window_chars) : start]):
        return QuantityKind.PAGE
    short = token.isdigit() and len(token) <= config.item_max_digits
    # endpos, not text[:start]: copying the prefix for every number was quadratic in a long paragraph
    if patterns.ITEM.match(text, 0, start) and short and patterns.ITEM_AFTER.match(text, end):
        return QuantityKind.ITEM
    four_digits = not scaled and token.isdigit() and len(token) == 4
    if four_digits and (
        config.year_min <= int(token) <= config.year_max or patterns.YEAR_AFTER.match(text, end)
    ):
        return QuantityKind.YEAR
    return QuantityKind.COUNT


def _digit_ranges(text: str, lang: str, claims: Claims, add: Add) -> None:
    """Ranges ("15-20", "15-20 тыс."): two counts, each scaled by the scale word after the range."""
    for m in (*patterns.RANGE.finditer(text), *patterns.WORD_RANGE.finditer(text)):
        if not claims.free(m.start(), m.end()):
            continue
        scale = patterns.SCALE.match(text, m.end())
        factor = scale_value(scale.group(1)) if scale else 1.0
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        for group in (1, 2):
            value, alts = parse_number(m.group(group), lang)
            span = (m.start(group), end if group == 2 else m.end(1))
            extra = {"alternatives": tuple(a * factor for a in alts), "mantissa": value if scale else None}
            add(QuantityKind.COUNT, value * factor, *span, **extra)


def _compound_rest(text: str, end: int, factor: float, lang: str) -> tuple[float, int]:
    """What smaller scaled parts add after a scaled number ("2 трлн 784 млрд", "1 million 200
    thousand"), and where the compound ends."""
    rest = 0.0
    while nxt := patterns.COMPOUND_PART.match(text, end):
        part_factor = scale_value(nxt.group(2))
        if part_factor >= factor:
            break
        rest += parse_number(nxt.group(1), lang)[0] * part_factor
        factor, end = part_factor, nxt.end()
    return rest, end


def digit_numbers(text: str, lang: str, claims: Claims, add: Add, config: QuantityConfig) -> None:
    """Digit numbers, with their scales ("116 тыс.", "1.5 million"); ranges first."""
    _digit_ranges(text, lang, claims, add)
    for m in patterns.NUMBER.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        glued = patterns.GLUED.match(text, m.end())
        if glued and glued.group().lower() not in patterns.GLUED_UNITS:
            continue
        token = m.group(1)
        value, alts = parse_number(token, lang)
        scale = patterns.SCALE.match(text, m.end())
        end = scale.end() if scale else m.end()
        claims.take(m.start(), end)
        kind = _number_kind(text, m.start(), m.end(), token, scaled=bool(scale), config=config)
        if kind == QuantityKind.YEAR and (year_after := patterns.YEAR_AFTER.match(text, m.end())):
            end = year_after.end()
        factor = scale_value(scale.group(1)) if scale else 1.0
        rest, end = _compound_rest(text, end, factor, lang) if scale else (0.0, end)
        claims.take(m.start(), end)
        add(
            kind,
            value * factor + rest,
            m.start(),
            end,
            alternatives=tuple(a * factor + rest for a in alts),
            mantissa=value if scale else None,
            abbrev_after=not scale and bool(patterns.ABBREV_AFTER.match(text, m.end())),
        )
