"""Text is text: every user-controlled string the app renders goes through this module.

OCR text, translations, ids, titles, reasons, comments and error messages are untrusted: a
document can hold ``![x](http://host/leak.png)`` or ``<img src=…>``. Two ways out, both
normalising every line break (``\r\n``, ``\r``, U+2028, U+2029, NEL, VT, FF) first, so that
no break can end an HTML block and let Markdown read the rest:

- ``html_text``: escaped HTML, breaks as ``<br>`` (the blocks built with ``highlighted`` and
  ``html_line``, rendered with ``unsafe_allow_html`` only because every piece went through it);
- ``plain``: for Streamlit's Markdown contexts (toasts, warnings, errors, button labels), every
  ASCII punctuation mark backslash-escaped and breaks as spaces, so nothing is read as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark (CommonMark escapes them all)


def normalise_breaks(text: str) -> str:
    """Every kind of line break as ``\n``."""
    return _BREAKS.sub("\n", str(text))


# HTML's special characters and Markdown's punctuation as HTML entities, in one pass: even if a block
# were ever ended early, nothing left in it could start a link, an image or emphasis. (One pass: the
# "#" of an entity that ``html.escape`` had made was escaped again, and "'" showed as "&#x27;".)
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]()!*_`~#|\\"})


def html_text(text: str) -> str:
    """Untrusted text as escaped HTML on one block: breaks become ``<br>``, never a blank line."""
    return normalise_breaks(text).translate(_ENTITIES).replace("\n", "<br>")


def plain(text: str) -> str:
    """Untrusted text for a Markdown context: read as the characters it is, on one line."""
    return _MARKDOWN.sub(r"\\\1", " ".join(normalise_breaks(text).split("\n")))


@dataclass(frozen=True)
class Mark:
    """A span of a text to highlight; with ``replacement`` it is shown as a deletion plus an insertion."""

    start: int
    end: int
    css: str  # extra class: undecided | accepted | edited | rejected
    label: str = ""  # small number after the span, to match the list under the text
    replacement: str | None = None
    title: str = ""  # tooltip


def highlighted(text: str, marks: Sequence[Mark]) -> str:
    """``text`` as escaped HTML with ``marks``; overlapping marks after the first are left out."""
    out, pos = [], 0
    for m in sorted(marks, key=lambda m: (m.start, m.end)):
        if m.start < pos or m.end > len(text):
            continue
        out.append(html_text(text[pos : m.start]))
        title = f' title="{html_text(m.title)}"' if m.title else ""
        original = html_text(text[m.start : m.end])
        css = escape(m.css)
        if m.replacement is None:
            out.append(f'<mark class="{css}"{title}>{original}</mark>')
        else:
            new = html_text(m.replacement)
            out.append(f'<del class="{css}"{title}>{original}</del><ins class="{css}">{new}</ins>')
        if m.label:
            out.append(f"<sup>{html_text(m.label)}</sup>")
        pos = m.end
    out.append(html_text(text[pos:]))
    # No raw line breaks of any kind: a blank line would end the HTML block and let Markdown parse the rest.
    return '<div class="wb-text">' + "".join(out) + "</div>"


def html_line(*parts: tuple[str, str]) -> str:
    """A line of (text, tag) parts as escaped HTML; tag is "" (plain), "b", "i" or "code".

    Used instead of Markdown for anything that quotes document text, so OCR text
    can never become a link, an image or formatting.
    """
    body = "".join(f"<{tag}>{html_text(text)}</{tag}>" if tag else html_text(text) for text, tag in parts)
    return f'<div class="wb-line">{body}</div>'
