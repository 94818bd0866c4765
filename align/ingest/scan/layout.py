"""Lines and paragraphs of a page from the words' boxes, where the engine's own layout is not enough.

Typewritten archive pages mark a paragraph with a blank line. Tesseract's paragraph numbers miss some
of these (two paragraphs under one number: "... 18 июля." / blank line / "Более 200 пожарных ...") and
cut a line in two where a wide space stands in it ("В резуль" | "© происшествия"). The boxes say it
plainly: on the scanned corpus the distance between the middles of consecutive lines is one line
pitch inside a paragraph and two across a blank line, skewed pages included. So:

- a line that starts to the right of where the previous one ends, at the same height, continues it;
- a line more than ``PARAGRAPH_PITCH`` usual pitches below the previous one, or above it (the next
  column), starts a block (:func:`usual_pitch`).

Tesseract's own paragraph breaks between lines at the usual pitch are mostly wrong on these pages
(taking them as well cost ted_talk_4 of the scanned corpus 0.05 link F1; Tesseract's paragraphs alone
left two of its 30 documents 0.09 and 0.13 below the archive's F1, these rules none);
they are used only on a page with no blank line at all, where paragraphs are marked by indents alone
and the engine's guess is all there is (``engine_blocks``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from align.ingest.ocr_pages import OcrWord

PARAGRAPH_PITCH = 1.5  # in usual line pitches: a blank line between makes 2, a line of a paragraph 1
MIN_PITCH_HEIGHTS = 0.3  # a pitch under this many line heights is no pitch between two lines of text
SAME_LINE_OVERLAP = 0.5  # share of the lower line's height two pieces of one line overlap by at least


@dataclass
class _Line:
    words: list[OcrWord]
    block: int  # the engine's block of the line's first word

    @property
    def top(self) -> int:
        return min(w.box[1] for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.box[3] for w in self.words)

    @property
    def last_block(self) -> int:  # a line joined from pieces the engine put in two blocks ends in the second
        return self.words[-1].block

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _engine_lines(words: tuple[OcrWord, ...]) -> list[_Line]:
    lines: list[_Line] = []
    for word in words:
        if lines and (lines[-1].words[-1].block, lines[-1].words[-1].line) == (word.block, word.line):
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word], word.block))
    return lines


def _continues(line: _Line, piece: _Line) -> bool:
    """True when ``piece`` is the rest of ``line``: to its right, at the same height."""
    if piece.words[0].box[0] < max(w.box[2] for w in line.words):
        return False
    overlap = min(line.bottom, piece.bottom) - max(line.top, piece.top)
    return overlap >= SAME_LINE_OVERLAP * min(line.bottom - line.top, piece.bottom - piece.top)


def _joined(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1].words.extend(line.words)
        else:
            out.append(line)
    return out


def usual_pitch(lines: list[_Line]) -> float:
    """The pitch of lines inside a paragraph: a low percentile of the page's pitches, leaving out
    lines that nearly overlap (a sub- or superscript, a stamp); 0 for a page of one line.

    Not the median: on a page of one-line paragraphs (a headline, a byline, a date) most pitches span
    a blank line."""
    heights = sorted(line.bottom - line.top for line in lines)
    floor = MIN_PITCH_HEIGHTS * heights[len(heights) // 2]
    pitches = sorted(p for k in range(1, len(lines)) if (p := lines[k].middle - lines[k - 1].middle) > floor)
    return pitches[len(pitches) // 10] if pitches else 0.0


def _breaks(lines: list[_Line], engine_blocks: bool) -> list[bool]:
    """For each line after the first: does a new block start there?

    A blank line or a line above the previous one (the next column) starts a block. On a page
    without blank lines (paragraphs marked by indents alone) the engine's paragraphs are all there is,
    and they are taken where ``engine_blocks``.
    """
    usual = usual_pitch(lines)
    pitches = [lines[k].middle - lines[k - 1].middle for k in range(1, len(lines))]
    gaps = [pitch < 0 or (usual > 0 and pitch > PARAGRAPH_PITCH * usual) for pitch in pitches]
    if any(gaps) or not engine_blocks:
        return gaps
    return [lines[k].block != lines[k - 1].last_block for k in range(1, len(lines))]


def page_layout(words: tuple[OcrWord, ...], *, engine_blocks: bool = True) -> tuple[OcrWord, ...]:
    """The page's words with ``line`` and ``block`` recomputed from their boxes (running indexes).

    ``words`` in the engine's reading order, with its line and block indexes; ``engine_blocks``: keep
    the engine's block breaks as well (False for a PDF text layer, which has none).
    """
    lines = _joined(_engine_lines(words))
    if not lines:
        return ()
    blocks = [0]
    for starts in _breaks(lines, engine_blocks):
        blocks.append(blocks[-1] + starts)
    return tuple(
        replace(word, line=k, block=block)
        for k, (line, block) in enumerate(zip(lines, blocks, strict=True))
        for word in line.words
    )
