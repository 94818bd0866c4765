"""Paragraph-boundary precision and recall: the scorer on lists and a small document worked out by hand,
and on the real scanned corpus."""

from __future__ import annotations

import pytest

from align.ingest.document import Source, ingest
from benchmarks.common import raw_texts
from benchmarks.corpus_documents import form_documents
from benchmarks.paragraph_boundaries import (
    boundary_score,
    document_boundaries,
    gold_boundaries,
    our_boundaries,
    pooled,
)

RUSSIAN = (
    "<u>Иванов</u> открыл заседание.\n"
    "\n"
    "Петров сообщил о планах на год,\n"
    "\n"
    "а затем ответил на вопросы.\n"
    "\n"
    "Решение принято.\n"
    "\n"
    "Заседание закрыто.\n"
)
ENGLISH = "Ivanov opened the meeting.\n\nPetrov spoke of the plans, then answered questions.\n"
# The gold's paragraphs: the first snippet skips the speaker label, the last spans two of our paragraphs.
GOLD = {
    "links": [
        {"en": "Ivanov opened", "ru": ["открыл заседание"]},
        {"en": "Petrov spoke", "ru": ["Петров сообщил", "а затем ответил"]},
    ],
    "ru_only": ["Решение принято. Заседание закрыто."],
}


def test_boundaries_match_one_to_one_within_the_slack():
    score = boundary_score(ours=[10, 20, 52], gold=[10, 21, 40, 60], slack=2)
    assert (score.matched, score.ours, score.gold) == (2, 3, 4)
    assert (score.precision, score.recall) == (2 / 3, 2 / 4)
    assert boundary_score(ours=[10, 11], gold=[10], slack=2).matched == 1  # one gold boundary, one match
    assert boundary_score(ours=[], gold=[]).precision == 1.0
    assert pooled([score, boundary_score([5], [5])]).recall == 3 / 5


def test_a_glued_and_a_cut_paragraph_on_a_small_document(tmp_path):
    """Squeezed offsets, by hand: "<u>Иванов</u>открылзаседание." is 29 characters, "Петров...год," 26,
    "азатем...вопросы." 23, "Решениепринято." 15. Ingest keeps the lower-case "а затем" apart from the
    comma before (a blank line alone is a paragraph break), and the gold holds the last two as one."""
    ru_file, en_file = tmp_path / "d.ru.txt", tmp_path / "d.en.txt"
    ru_file.write_text(RUSSIAN, encoding="utf-8")
    en_file.write_text(ENGLISH, encoding="utf-8")
    doc, ru, _, _ = ingest(Source(ru=ru_file, en=en_file))
    raw = raw_texts(doc.source, doc.encoding)["ru"]
    snippets = {r for entry in GOLD["links"] for r in entry["ru"]} | set(GOLD["ru_only"])
    assert our_boundaries(raw, ru) == [29, 55, 78, 93]
    assert gold_boundaries(snippets, raw, ru) == [29, 55, 78]  # the first, at the speaker's line, left out
    score = document_boundaries(raw, ru, GOLD)
    assert (score.matched, score.precision, score.recall) == (3, 3 / 4, 1.0)


def scanned_documents():
    documents = form_documents("scanned")
    if not documents:
        pytest.skip("../shared/corpus is not beside the repo")
    return documents


def test_every_gold_paragraph_of_the_scanned_corpus_is_placed():
    for document in scanned_documents():
        doc, ru, _, _ = ingest(document.source)
        raw = raw_texts(doc.source, doc.encoding)["ru"]
        gold = document.gold
        snippets = {r for entry in gold["links"] for r in entry["ru"]} | set(gold.get("ru_only", ()))
        assert len(gold_boundaries(snippets, raw, ru)) == len(snippets) - 1, document.name


def test_a_photo_credit_line_is_not_glued_to_the_paragraph_after_it():
    """wmt23_argumenti_ru_66160: a one-line credit, then a lead that Tesseract starts in lower case."""
    document = next((d for d in scanned_documents() if d.name == "wmt23_argumenti_ru_66160"), None)
    if document is None:
        pytest.skip("wmt23_argumenti_ru_66160 is not in the corpus")
    doc, ru, _, _ = ingest(document.source)
    score = document_boundaries(raw_texts(doc.source, doc.encoding)["ru"], ru, document.gold)
    assert (score.precision, score.recall, score.gold) == (1.0, 1.0, 8)
