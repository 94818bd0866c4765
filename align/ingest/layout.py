"""Find the parts of an archive document: metadata header, Russian OCR, English translation.

The boundaries are found by content, not by strings of known files:
- the header is the leading run of Latin-script blocks, read as ``Label:`` /
  value pairs (any label wording) after a title and a date;
- Russian and English are split at the block boundary that best separates
  Cyrillic-before from Latin-after, weighting each block by its letter counts
  (a change-point), so that short Latin debris inside the Russian OCR or a
  Russian word quoted in the English cannot move the boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.language.translit import LATIN_LOOKALIKES

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
# Upper-case Latin letters that OCR reads for Cyrillic ones (НЕСЕКРЕТНО -> HECEMPETHO).
LOOKALIKE_UPPER = {ch for ch in LATIN_LOOKALIKES if ch.isupper()}
MARKUP = re.compile(r"^[#>\s]*|[*_`]+|</?u>|\$\\underline\{\\text\{|\}\}\$", re.IGNORECASE)
LABEL = re.compile(r"^\s*[^\W\d][\w \-/()]{0,40}:\s*$")
DATE = re.compile(
    r"^(\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(\s+\d{1,2})?,?\s+\d{4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One line of the raw text; ``raw[start:end] == text`` (line terminator excluded)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines: the raw unit of a paragraph."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def plain(self) -> str:
        """Text without markdown/HTML markup, for classification only."""
        return MARKUP.sub("", self.text).strip()


def split_blocks(raw: str) -> list[Block]:
    """Blocks of non-blank lines with their raw offsets (CR of CRLF excluded from the line)."""
    blocks: list[Block] = []
    current: list[Line] = []
    pos = 0
    for chunk in raw.split("\n"):
        text = chunk[:-1] if chunk.endswith("\r") else chunk
        if text.strip():
            current.append(Line(pos, pos + len(text), text))
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
        pos += len(chunk) + 1
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def letter_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) in the text."""
    return len(CYRILLIC.findall(text)), len(LATIN.findall(text))


def is_lookalike_cyrillic(text: str) -> bool:
    """True for Latin text that is really Cyrillic OCR'd with look-alike capitals ("HECEMPETHO")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch in LOOKALIKE_UPPER for ch in letters)


def _is_cyrillic_block(block: Block) -> bool:
    cyr, lat = letter_counts(block.plain)
    return cyr > lat and cyr >= 3


@dataclass(frozen=True)
class Parts:
    """Block index ranges: header [0, ru_start), Russian [ru_start, en_start), English [en_start, n)."""

    ru_start: int
    en_start: int
    metadata: dict[str, str]


def find_header_end(blocks: list[Block]) -> int:
    """Index of the first block after the metadata header (0 when there is no header).

    The header is the leading run of non-Cyrillic blocks. Its last label takes one
    value block; short non-label blocks after that value belong to the OCR (a
    look-alike stamp such as "HECEMPETHO", or scan debris), so they are returned
    to the Russian part.
    """
    first_cyr = next((i for i, b in enumerate(blocks) if _is_cyrillic_block(b)), len(blocks))
    labels = [i for i in range(first_cyr) if LABEL.match(blocks[i].plain)]
    if not labels:
        return 0
    end = min(labels[-1] + 2, first_cyr)
    # Long Latin prose right after the last value is a multi-paragraph value (a long summary).
    while (
        end < first_cyr
        and len(blocks[end].plain.split()) >= 12
        and not is_lookalike_cyrillic(blocks[end].plain)
    ):
        end += 1
    return end


def parse_metadata(blocks: list[Block]) -> dict[str, str]:
    """Header blocks -> {"title", "date", <label>: value}; labels are lower-cased with underscores."""
    meta: dict[str, str] = {}
    label: str | None = None
    preamble: list[str] = []
    for block in blocks:
        plain = " ".join(block.plain.split())
        if LABEL.match(block.plain):
            label = re.sub(r"\W+", "_", plain.rstrip(":").strip().lower()).strip("_")
            meta[label] = ""
        elif label is None:
            preamble.append(plain)
        else:
            meta[label] = f"{meta[label]}\n\n{plain}".strip()
    for item in preamble:
        match = re.match(DATE.pattern[:-1] + r"\b", item, re.IGNORECASE)
        if DATE.match(item):
            meta.setdefault("date", item)
        elif match and "title" not in meta:
            meta.setdefault("date", match.group(0))
            meta["title"] = item
        else:
            meta["title"] = f"{meta.get('title', '')} {item}".strip()
    return meta


def find_english_start(blocks: list[Block], lo: int) -> int:
    """The change-point in blocks[lo:] that best separates Cyrillic-before from Latin-after.

    score(k) = sum_{i<k} (cyr_i - lat_i) + sum_{i>=k} (lat_i - cyr_i), maximised
    over k; blocks weigh by their letter counts, so debris barely counts.
    """
    diffs = []
    for b in blocks[lo:]:
        cyr, lat = letter_counts(b.plain)
        diffs.append(cyr - lat)
    total = sum(diffs)
    best_k, best, prefix = len(blocks), float("-inf"), 0
    for k in range(len(diffs) + 1):
        score = prefix - (total - prefix)
        if score > best:
            best, best_k = score, lo + k
        if k < len(diffs):
            prefix += diffs[k]
    return best_k


def find_parts(blocks: list[Block]) -> Parts:
    """Header, Russian and English ranges of an archive-layout document."""
    header_end = find_header_end(blocks)
    en_start = find_english_start(blocks, header_end)
    return Parts(ru_start=header_end, en_start=en_start, metadata=parse_metadata(blocks[:header_end]))
