"""HTML for document text with highlighted spans. Every piece of text is escaped: OCR text is untrusted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


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
        out.append(escape(text[pos : m.start]))
        title = f' title="{escape(m.title)}"' if m.title else ""
        original = escape(text[m.start : m.end])
        if m.replacement is None:
            out.append(f'<mark class="{m.css}"{title}>{original}</mark>')
        else:
            new = escape(m.replacement)
            out.append(f'<del class="{m.css}"{title}>{original}</del><ins class="{m.css}">{new}</ins>')
        if m.label:
            out.append(f"<sup>{escape(m.label)}</sup>")
        pos = m.end
    out.append(escape(text[pos:]))
    # No raw newlines: a blank line would end the HTML block and let Markdown parse the rest.
    return '<div class="wb-text">' + "".join(out).replace("\n", "<br>") + "</div>"


def html_line(*parts: tuple[str, str]) -> str:
    """A line of (text, tag) parts as escaped HTML; tag is "" (plain), "b", "i" or "code".

    Used instead of Markdown for anything that quotes document text, so OCR text
    can never become a link, an image or formatting.
    """
    body = "".join(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text) for text, tag in parts)
    return f'<div class="wb-line">{body.replace(chr(10), "<br>")}</div>'
