"""Where a paragraph ends in OCR text: a lower-case start continues only a paragraph that did not end."""

from __future__ import annotations

import pytest

from align.ingest.document import Source, ingest

# OCR engines wrap lines inside a paragraph and leave a blank line between paragraphs; a misread
# first capital ("он" for "Он") then looks like a continuation of the paragraph before.
WRAPPED_ENDED = (
    "Кандидат наук перечислил ранние признаки болезни. По его словам,\n"
    "признаками будущей болезни могут быть забывчивость, а также целый\n"
    "ряд нарушений, нехватка витаминов\n"
    "\n"
    "он добавил, что болезнь и другие причины являются наиболее частыми\n"
    "причинами этого синдрома.\n"
)
WRAPPED_OPEN = (
    "Кандидат наук перечислил ранние признаки болезни. По его словам,\n"
    "признаками будущей болезни могут быть забывчивость, а также целый\n"
    "ряд умеренных когнитивных нарушений, таких как неспособность к\n"
)
WRAPPED_NEXT = "концентрации и планированию, снижение уровня мышления.\n"
# A one-line paragraph (a photo credit, a heading) among wrapped ones gives no line-length evidence.
WRAPPED_ONE_LINE = (
    "Кандидат наук перечислил ранние признаки болезни. По его словам,\n"
    "признаками будущей болезни могут быть забывчивость и рассеянность.\n"
    "\n"
    "Источник: пресс-служба городской клиники\n"
    "\n"
    "он добавил, что болезнь и другие причины являются наиболее частыми\n"
    "причинами этого синдрома.\n"
)
ENGLISH = "One paragraph of English.\n\nAnother paragraph of English.\n"


@pytest.mark.parametrize(
    ("russian", "paragraphs"),
    [
        (WRAPPED_ENDED, 2),
        (WRAPPED_ENDED.replace("\n\n", "\n\n2\n\n"), 2),
        (WRAPPED_OPEN + "\n2\n\n" + WRAPPED_NEXT, 1),
        (WRAPPED_OPEN + "\n" + WRAPPED_NEXT, 2),
        (WRAPPED_OPEN.replace("неспособность к\n", "неспособность к кон-\n") + "\n" + WRAPPED_NEXT[3:], 1),
        (WRAPPED_ONE_LINE, 3),
        ("Вторая - прибегнуть к посредничеству\n\nне правильной страны.\n", 2),
        ("Вторая - прибегнуть к посредничеству\n\n2\n\nне правильной страны.\n", 1),
    ],
    ids=[
        "wrapped-last-line-short",
        "wrapped-last-line-short-page-break",
        "wrapped-last-line-full-page-break",
        "wrapped-last-line-full-blank-line-only",
        "wrapped-word-cut-by-hyphen",
        "one-line-paragraph-among-wrapped",
        "one-line-paragraphs-blank-line-only",
        "one-line-paragraphs-page-break",
    ],
)
def test_a_lower_case_start_continues_only_a_paragraph_that_did_not_end(tmp_path, russian, paragraphs):
    """A wrapped paragraph whose last line stops short ended, and a blank line alone is a paragraph
    break: only a page break or a hyphen-cut word continues an open end."""
    ru_file, en_file = tmp_path / "d.ru.txt", tmp_path / "d.en.txt"
    ru_file.write_text(russian, encoding="utf-8")
    en_file.write_text(ENGLISH, encoding="utf-8")
    _, ru, _, _ = ingest(Source(ru=ru_file, en=en_file))
    assert len(ru) == paragraphs, [s.text for s in ru]
    if paragraphs == 1 and "кон-" in russian:
        assert "концентрации" in ru[0].text  # the hyphen is dropped and the word joined
