"""The workbench's data model: one frozen dataclass per record of each stage.

Data flows one way: Document -> Segment (with Sentence) -> Link -> Flag and
Proposal -> Decision -> exports. Every record keeps its provenance: stable ids
built from the document id and a character offset into the raw (decoded) input
file, never from list positions, so that decisions still attach after cleaning
or segmentation improve.

Offsets: ``Segment.start``/``end`` index the decoded text of the input file
the segment came from (the archive file, or the Russian/English file of a
pair). ``Segment.text`` is the cleaned text; ``source_map`` maps runs of it back
to the raw file. ``Sentence``, ``Proposal`` and flag spans use offsets into
``Segment.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

SCHEMA = "workbench.result/1"


@dataclass(frozen=True)
class Page:
    """A page image of the Russian original, where the document came from a scan or an OCR file."""

    number: int  # 1-based, in reading order; ``Word.page`` refers to it
    image: str  # path of the page image ("" when the OCR file names none and none was given)
    width: int  # pixels
    height: int


@dataclass(frozen=True)
class Document:
    """One archive document: where it came from and its metadata header."""

    id: str  # file stem or --name; prefix of every record id
    source: dict[str, str]  # {"ru": path, "en": path}; the same path for an archive file
    metadata: dict[str, str] = field(default_factory=dict)  # title, date, citation, summary, ...
    encoding: dict[str, str] = field(default_factory=dict)  # detected encoding per source path
    pages: tuple[Page, ...] = ()  # the scan's pages, when the Russian came from page images or OCR XML


@dataclass(frozen=True)
class Sentence:
    """A sentence of a segment; offsets index ``Segment.text``."""

    id: str  # "<segment id>.<start>"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Word:
    """An OCR word of a segment on its page image: the scan beside a fix, the geometry of an export."""

    start: int  # offsets into ``Segment.text``
    end: int
    page: int  # ``Page.number``
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the page image's pixels
    confidence: float | None = None  # the engine's word confidence in [0, 1], where it gives one
    line: int = 0  # the word's line on its page (0-based, in reading order): a crop shows the line


@dataclass(frozen=True)
class Segment:
    """A clean paragraph of one language with its provenance.

    ``source_map`` holds runs ``(text_offset, raw_offset, length)``: ``text[text_offset:][:length]``
    is verbatim raw text from ``raw_offset``; cleaning inserted the characters outside every run.
    """

    id: str  # "<doc id>/<lang>@<raw start offset>"
    lang: str  # "ru" | "en"
    text: str
    start: int  # raw offset of the first source character
    end: int  # raw offset after the last source character
    page: int | None = None  # 1-based page of the first source line, where pages are known
    speaker: str | None = None  # speaker name taken from <u>..</u> markup
    sentences: tuple[Sentence, ...] = ()
    source_map: tuple[tuple[int, int, int], ...] = ()
    words: tuple[Word, ...] = ()  # OCR words with their page boxes, in text order, where known

    def raw_offset(self, text_offset: int) -> int | None:
        """Raw-file offset of ``text[text_offset]``, or None where cleaning inserted it."""
        for t0, r0, n in self.source_map:
            if t0 <= text_offset < t0 + n:
                return r0 + text_offset - t0
        return None


@dataclass(frozen=True)
class Removed:
    """Something cleaning dropped from the raw text, so that nothing is lost silently."""

    kind: str  # page_number | debris | markup | hyphen | header | blank ...
    text: str
    start: int  # raw offsets
    end: int
    lang: str | None = None  # the part it was found in, when known


@dataclass(frozen=True)
class SentenceLink:
    """Sentences of one aligned paragraph pair that translate each other."""

    ru: tuple[str, ...]  # sentence ids (empty for 0-1)
    en: tuple[str, ...]
    score: float  # confidence in [0, 1]


@dataclass(frozen=True)
class Link:
    """An alignment bead: Russian paragraphs and the English paragraphs that translate them.

    Unmatched paragraphs are explicit links with an empty side (1-0, 0-1).
    """

    ru: tuple[str, ...]  # segment ids, in document order
    en: tuple[str, ...]
    score: float  # confidence in [0, 1]
    sentences: tuple[SentenceLink, ...] = ()


@dataclass(frozen=True)
class Span:
    """A character span inside a segment's text."""

    segment: str  # segment id
    start: int
    end: int


class FlagKind(StrEnum):
    """What a flag says differs between the Russian and the English."""

    NUMBER = "number"
    OMISSION = "omission"  # Russian text with no English counterpart
    ADDITION = "addition"  # English text with no Russian counterpart
    NAME = "name"
    NEGATION = "negation"
    WEAK_MATCH = "weak_match"
    LENGTH = "length"


class Severity(StrEnum):
    """How sure the audit is that a flag is a real discrepancy; flags are ranked in this order."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Flag:
    """A discrepancy between the Russian and the English for a translator to judge."""

    id: str  # stable: "<doc id>/flag/<kind>/<hash of spans and values>"
    kind: FlagKind
    severity: Severity
    ru: tuple[str, ...]  # segment ids
    en: tuple[str, ...]
    message: str
    ru_spans: tuple[Span, ...] = ()
    en_spans: tuple[Span, ...] = ()
    values: dict[str, list] = field(default_factory=dict)  # {"ru": [...], "en": [...]}
    producer: str = ""  # module and version, e.g. "numbers.v1"


def proposal_id(segment: str, start: int, original: str) -> str:
    """The id of a proposal: its segment, its offset there and the text it replaces."""
    return f"{segment}:{start}:{original}"


@dataclass(frozen=True)
class Proposal:
    """An OCR fix for an editor: replace ``text[start:end]`` of a Russian segment."""

    id: str  # stable: "<segment id>:<start>:<original>"
    segment: str
    start: int  # offsets into the segment's text
    end: int
    original: str
    suggestion: str
    alternatives: tuple[str, ...] = ()
    confidence: float = 0.0  # in [0, 1]
    reasons: tuple[str, ...] = ()
    producer: str = ""
    boxes: tuple[tuple[int, int, int, int, int], ...] = ()  # (page, x0, y0, x1, y1) of its OCR words


class NoticeKind(StrEnum):
    """What a document-level notice says about the document as a whole."""

    PARTIAL_TRANSLATION = "partial_translation"  # a large part of one side has no counterpart


@dataclass(frozen=True)
class Notice:
    """A warning about the whole document (not one place in it), for the translator to read first."""

    kind: NoticeKind
    message: str  # plain words: what was found and how much
    values: dict[str, float | int] = field(default_factory=dict)  # the measured figures behind it


class Action(StrEnum):
    """Everything a reviewer can do; each is one entry of the append-only decision log."""

    ACCEPT = "accept"  # a proposal: apply its suggestion
    REJECT = "reject"  # a proposal: keep the original
    EDIT = "edit"  # a proposal: apply the editor's own text
    VERDICT = "verdict"  # a flag: the translator's verdict
    MERGE = "merge"  # links: two become one
    SPLIT = "split"  # links: one becomes two
    UNLINK = "unlink"  # links: a pair becomes unmatched paragraphs
    RELINK = "relink"  # links: pair chosen segments
    UNDO = "undo"  # a decision: take it back


PROPOSAL_ACTIONS = (Action.ACCEPT, Action.REJECT, Action.EDIT)
LINK_ACTIONS = (Action.MERGE, Action.SPLIT, Action.UNLINK, Action.RELINK)


class TargetKind(StrEnum):
    """What a decision is about."""

    PROPOSAL = "proposal"  # target: Proposal.id
    FLAG = "flag"  # target: Flag.id
    LINK = "link"  # target: the link id of the first link removed
    DECISION = "decision"  # target: the seq of the decision undone


class Verdict(StrEnum):
    """A translator's judgement of a flag."""

    OCR_ERROR = "ocr_error"
    TRANSLATION_ERROR = "translation_error"
    NOT_AN_ISSUE = "not_an_issue"


@dataclass(frozen=True, kw_only=True)
class Decision:
    """One decision of a reviewer (or of a decisions file given to ``workbench apply``).

    ``old``/``new`` by action:

    - accept: the proposal's original text / its suggestion (what gets applied)
    - edit: the original text / the editor's own text
    - reject: the suggestion turned down / the original text that stays
    - verdict: the previous verdict or None / the verdict
    - merge, split, unlink, relink: JSON list of the links removed / of the links added
    - undo: the undone decision's action / None; ``target`` is the undone decision's seq
    """

    seq: int = 0  # position in the log (SQLite rowid): the order decisions were made in; 0 until logged
    doc: str  # document id
    target_kind: TargetKind
    target: str
    action: Action
    old: str | None = None
    new: str | None = None
    reviewer: str = ""
    comment: str = ""
    at: str = ""  # ISO 8601 UTC time of the write ("" until the review store logs the decision)
    batch: str = ""  # shared by the decisions of one action (one undo takes them all back)


@dataclass(frozen=True)
class Result:
    """Everything processing one document produced; written as ``<doc id>.json``."""

    document: Document
    ru: tuple[Segment, ...]
    en: tuple[Segment, ...]
    removed: tuple[Removed, ...] = ()
    alignment: tuple[Link, ...] = ()
    flags: tuple[Flag, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    config: dict = field(default_factory=dict)  # the settings that made this result
    notices: tuple[Notice, ...] = ()  # document-level warnings (a partial translation, ...)
    # the alignment map: (ru index, en index, cosine) in a band around the path (similarity_map.py)
    similarity_map: tuple[tuple[int, int, float], ...] = ()
    schema: str = SCHEMA

    @cached_property
    def segments_by_id(self) -> dict[str, Segment]:
        """Every segment of both languages by id (built once, on first use)."""
        return {seg.id: seg for seg in (*self.ru, *self.en)}

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id (either language); KeyError when absent."""
        return self.segments_by_id[segment_id]
