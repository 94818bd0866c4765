"""Clean one part of a document into paragraphs: strip markup, drop scan debris, rejoin page breaks.

The raw text is never changed: each paragraph is built from raw spans, and
``source_map`` maps it back; every dropped piece becomes a ``Removed`` record.

Page-break rejoining, as seen in typewritten archive scans:
- a paragraph that ends open (a letter, digit, comma or hyphen) followed by one
  that starts with a lower-case word continues it ("...разницы между" / "11." /
  "поставками товаров..."); a hyphen at the break joins the word ("учили-" /
  "ща" -> "училища"); digits glued to the last word are a page number
  ("сде13" / "лать" -> "сделать");
- when a sheet's running header (short lines: secrecy stamp, "Лист 2") stands
  between, the continuation attaches to the last paragraph before the break;
- but a line-wrapped paragraph (an OCR engine's output) whose last line stops short
  ended there, and a lower-case start after it is a misread capital: it stays a
  paragraph of its own (the aligner's 2-1 beads would rejoin a pair kept apart wrongly;
  nothing can split a pair glued wrongly);
- and a blank line alone is a paragraph break: without a page break between (a page
  number, "(см. сл. лист)", a sheet's furniture) only a word cut by a hyphen continues,
  so where ingest is unsure it keeps the two apart for the aligner's 2-1 beads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from align.ingest.layout import Block, Line, is_lookalike_cyrillic, letter_counts
from align.model import Removed

# Markup whose text is kept: headings, bold/italic, <u> speaker tags, LaTeX underline.
MARKUP_PATTERNS = [
    re.compile(r"^\s*#{1,6}\s+"),
    re.compile(r"\$\\underline\{\\text\{|\}\}\$"),
    re.compile(r"</?u>", re.IGNORECASE),
    re.compile(r"\*{2,3}|(?<![_\w])__(?=[^\s_])|(?<=[^\s_])__(?![_\w])"),
    re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"),
    re.compile(r"\\(?=[_*#\[\]()\\-])"),
]
SPEAKER = re.compile(r"^\s*(?:<u>(?P<u>[^<]{1,60})</u>|\$\\underline\{\\text\{(?P<tex>[^}]{1,60})\}\}\$)")
PAGE_NUMBER = re.compile(r"^(?:[(\[]\s*\d{1,4}\s*[)\]]|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3})\.?$")
# The typewriter convention "(см. сл. лист)" / "(см. след. стр.)": see next sheet.
CONTINUATION = re.compile(r"\(\s*см\.?\s*(?:сл|след)\w*\.?\s*(?:лист|стр)\w*\.?\s*\)\s*$", re.IGNORECASE)
GLUED_PAGE = re.compile(r"(?<=[^\W\d_])(\d{1,3})$")
LOWER_START = re.compile(r"^[\"'«„(]*[a-zа-яё]")
LIST_MARKER = re.compile(r"^[-–—•*]?\s*[a-zа-яё]\)")
OPEN_END = re.compile(r"(?:[^\W_]|[,\-–—(])$")  # a letter, digit, comma, dash: not "_" (OCR debris)
DEBRIS_MAX_CHARS = 8
FURNITURE_MAX_WORDS = 16  # running headers and stamps between a break and its continuation are short
MAX_LOOKBACK = 8
CATCHWORD_MIN_CHARS = 4  # shorter repeats ("и", "не") are too often real words
# A line-wrapped paragraph (an OCR engine's lines) whose last line is shorter than this share of its
# other lines' median length ended there: a lower-case start after it is a misread capital, not a
# continuation. Measured on ../shared/corpus/scanned (benchmarks/corpus_quality.py; docs/alignment.md).
ENDED_LINE_SHARE = 0.9


@dataclass
class Paragraph:
    """A paragraph being built: text pieces with their raw offsets (None = inserted)."""

    pieces: list[tuple[str, int | None]] = field(default_factory=list)
    start: int = 0
    end: int = 0
    page: int = 1
    speaker: str | None = None
    broken_after: bool = False  # a page break follows this paragraph
    ends_short: bool = False  # line-wrapped, and its last line stops short: the paragraph ended

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.pieces)

    def source_map(self) -> tuple[tuple[int, int, int], ...]:
        runs, pos = [], 0
        for piece, raw in self.pieces:
            if raw is not None and piece:
                runs.append((pos, raw, len(piece)))
            pos += len(piece)
        return tuple(runs)


def _strip_markup(line: Line, removed: list[Removed], lang: str) -> list[tuple[str, int]]:
    """Kept (text, raw offset) spans of a line after removing markup; removed markup is recorded."""
    cuts: list[tuple[int, int]] = []
    for pattern in MARKUP_PATTERNS:
        cuts.extend(m.span() for m in pattern.finditer(line.text) if m.end() > m.start())
    spans, pos = [], 0
    for a, b in _merged(cuts):  # "**" is cut by the bold pattern and, half, by the italic one: one cut
        if a > pos:
            spans.append((line.text[pos:a], line.start + pos))
        removed.append(Removed("markup", line.text[a:b], line.start + a, line.start + b, lang))
        pos = b
    if pos < len(line.text):
        spans.append((line.text[pos:], line.start + pos))
    return _trim(spans)


def _merged(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching-inside cuts as one, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(cuts):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _trim(spans: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop leading and trailing white space of a line's spans, keeping offsets right."""
    while spans and not spans[0][0].strip():
        spans.pop(0)
    while spans and not spans[-1][0].strip():
        spans.pop()
    if spans:
        text, raw = spans[0]
        lead = len(text) - len(text.lstrip())
        spans[0] = (text[lead:], raw + lead)
        text, raw = spans[-1]
        spans[-1] = (text.rstrip(), raw)
    return [(t, r) for t, r in spans if t]


def _is_structured(lines: Iterable[str]) -> bool:
    """Tables (tab-separated) and lists keep their line breaks."""
    lines = list(lines)
    return len(lines) > 1 and any("\t" in ln or re.match(r"^\s*([-–•*]|\w\)|\d+[.)])\s", ln) for ln in lines)


def _ends_short(line_lengths: list[int]) -> bool:
    """The last of several wrapped lines is short against the others: where a paragraph ends."""
    lengths = [n for n in line_lengths if n]
    if len(lengths) < 2:
        return False  # one line (a transcription without line breaks): no evidence either way
    others = sorted(lengths[:-1])
    return lengths[-1] < ENDED_LINE_SHARE * others[len(others) // 2]


def block_debris_kind(plain: str, lang: str) -> str | None:
    """Why a block is scan debris ("page_number", "debris", "foreign_script"), or None when it is content."""
    if PAGE_NUMBER.match(plain):
        return "page_number"
    if CONTINUATION.fullmatch(plain.strip()):
        return "continuation_marker"
    cyr, lat = letter_counts(plain)
    own = cyr if lang == "ru" else lat
    digits = sum(ch in "0123456789" for ch in plain)
    # Short junk: a stray letter of another script or a symbol ("Z,", "1C.", "❽"), but not "[...]"
    # (all punctuation: an editor's mark) nor a document number ("№ 2318.", "7.10.50").
    junk = any(ch.isalpha() or unicodedata.category(ch)[0] in "SN" for ch in plain if ch not in "0123456789")
    if own == 0 and len(plain) <= DEBRIS_MAX_CHARS and digits < 3 and "№" not in plain and junk:
        return "debris"
    if lang == "ru" and cyr == 0 and lat > 0 and not is_lookalike_cyrillic(plain):
        return "foreign_script"
    return None


def build_paragraph(block: Block, lang: str, page: int, removed: list[Removed]) -> Paragraph:
    """One block -> a paragraph: markup stripped, lines joined, line-end hyphens joined."""
    para = Paragraph(start=block.start, end=block.end, page=page)
    match = SPEAKER.match(block.lines[0].text)
    if match:
        para.speaker = (match.group("u") or match.group("tex")).strip(" .:,")
    structured = _is_structured(line.text for line in block.lines)
    para.ends_short = not structured and _ends_short([len(line.text.strip()) for line in block.lines])
    for line in block.lines:
        spans = _strip_markup(line, removed, lang)
        if not spans:
            continue
        if para.pieces:
            _append_break(para, spans[0][0], structured, removed, lang)
        para.pieces.extend(spans)
    return para


def _append_break(
    para: Paragraph, next_text: str, structured: bool, removed: list[Removed], lang: str
) -> None:
    """Join a line to the paragraph: newline in tables, hyphen join before lower case, else a space."""
    last, raw = para.pieces[-1]
    if structured:
        para.pieces.append(("\n", None))
    elif last.endswith("-") and not last.endswith(" -") and LOWER_START.match(next_text) and raw is not None:
        para.pieces[-1] = (last[:-1], raw)
        removed.append(Removed("hyphen", "-", raw + len(last) - 1, raw + len(last), lang))
    else:
        para.pieces.append((" ", None))


def _strip_continuation(para: Paragraph, removed: list[Removed], lang: str) -> None:
    """Remove a trailing "(см. сл. лист)" and mark the page break it announces."""
    text, raw = para.pieces[-1]
    match = CONTINUATION.search(text)
    if match and raw is not None:
        removed.append(
            Removed("continuation_marker", match.group(0), raw + match.start(), raw + match.end(), lang)
        )
        para.pieces[-1] = (text[: match.start()].rstrip(), raw)
        para.broken_after = True


def _join_target(paras: list[Paragraph], text: str) -> Paragraph | None:
    """The paragraph a lower-case start continues, or None when it starts a paragraph of its own.

    A blank line alone is a paragraph break (a misread capital, a translator's "и" start): the
    paragraph before is continued only across a page break or a word cut by a hyphen ("учили-" / "ща").
    """
    if not paras or not LOWER_START.match(text) or LIST_MARKER.match(text):
        return None
    last = paras[-1]
    cut = last.broken_after or (last.text.endswith("-") and not last.text.endswith(" -"))
    if OPEN_END.search(last.text) and not last.ends_short and cut:
        return last
    for back in range(2, min(MAX_LOOKBACK, len(paras)) + 1):
        candidate = paras[-back]
        between = paras[-back + 1 :]
        if any(len(p.text.split()) > FURNITURE_MAX_WORDS for p in between):
            return None
        if candidate.broken_after and OPEN_END.search(candidate.text):
            return candidate
    return None


def _drop_catchword(target: Paragraph, para: Paragraph, removed: list[Removed], lang: str) -> None:
    """Drop the word fragment a typist repeated at the top of the next sheet.

    "...двойное превосходство" / "ходство в техническом отношении": the continuation
    starts with the tail of the last word, so it reads "превосходство в техническом".
    """
    last_word = re.search(r"[^\W\d_]+$", target.text)
    text, raw = para.pieces[0]
    first = re.match(r"[^\W\d_]+", text)
    if not (last_word and first and raw is not None) or len(first.group()) < CATCHWORD_MIN_CHARS:
        return
    if not last_word.group().lower().endswith(first.group().lower()):
        return
    cut = first.end() + len(text[first.end() :]) - len(text[first.end() :].lstrip())
    removed.append(Removed("catchword", text[: first.end()], raw, raw + first.end(), lang))
    para.pieces[0] = (text[cut:], raw + cut)


def _join(target: Paragraph, para: Paragraph, removed: list[Removed], lang: str) -> None:
    """Append ``para`` to ``target`` across a page break."""
    if target.broken_after:
        _drop_catchword(target, para, removed, lang)
    last, raw = target.pieces[-1]
    glued = GLUED_PAGE.search(last)
    if glued and raw is not None:
        removed.append(Removed("page_number", glued.group(1), raw + glued.start(), raw + glued.end(), lang))
        target.pieces[-1] = (last[: glued.start()], raw)
    elif last.endswith("-") and raw is not None:
        removed.append(Removed("hyphen", "-", raw + len(last) - 1, raw + len(last), lang))
        target.pieces[-1] = (last[:-1], raw)
    else:
        target.pieces.append((" ", None))
    target.pieces.extend(para.pieces)
    target.end = para.end
    target.broken_after = para.broken_after
    target.ends_short = para.ends_short


def clean_part(blocks: list[Block], lang: str, removed: list[Removed]) -> list[Paragraph]:
    """The paragraphs of one language part, in order, with debris dropped and page breaks rejoined."""
    paras: list[Paragraph] = []
    page = 1
    for block in blocks:
        kind = block_debris_kind(block.plain, lang)
        if kind:
            removed.append(Removed(kind, block.text, block.start, block.end, lang))
            page += kind in ("page_number", "continuation_marker")
            if paras:
                paras[-1].broken_after = True
            continue
        para = build_paragraph(block, lang, page, removed)
        if not para.pieces:
            continue
        _strip_continuation(para, removed, lang)
        target = _join_target(paras, para.text)
        if target is not None:
            _join(target, para, removed, lang)
        else:
            paras.append(para)
    return paras
