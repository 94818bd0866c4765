"""The OCR engine's word confidence as evidence of a proposal (issue 18), from the segment's words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from align.ingest.document import Source, ingest
from align.ingest.ocr_pages import OcrPage, OcrWord, ingest_ocr
from align.model import Page, Word
from correct.proposals.document_proposals import ProposerSettings, propose_with_evidence
from correct.proposals.evidence import (
    FEATURES,
    OCR_CONFIDENCE,
    ConfidenceModel,
    engine_confidence,
    word_boxes,
)
from correct.proposals.memory import CorrectionMemory

RU = "Мне иравится помогать людям в работе."
EN = "I like helping people at work.\n"
DOUBT, UNKNOWN = FEATURES.index("engine_doubt"), FEATURES.index("engine_unknown")


@pytest.fixture(scope="module")
def lexicon(workbench):
    return workbench.corrector.lexicon


def _scan(tmp_path: Path, doubted: float):
    """The sentence as hand-made OCR pages: "иравится" read with confidence ``doubted``, the rest 0.96."""
    words, x = [], 10
    for text in RU.split():
        conf = doubted if text == "иравится" else 0.96
        words.append(OcrWord(text, (x, 10, x + 12 * len(text), 30), conf, line=0, block=0))
        x += 12 * len(text) + 8
    en = tmp_path / "en.txt"
    en.write_text(EN, encoding="utf-8")
    _doc, ru, en_segments, _ = ingest_ocr(
        [OcrPage(Page(1, "p1.png", 1000, 1400), tuple(words))], en, "scan/d.png"
    )
    return ru, en_segments


def _text(tmp_path: Path):
    (tmp_path / "d.ru.txt").write_text(RU + "\n", encoding="utf-8")
    (tmp_path / "d.en.txt").write_text(EN, encoding="utf-8")
    _doc, ru, en, _ = ingest(Source(ru=tmp_path / "d.ru.txt", en=tmp_path / "d.en.txt"))
    return ru, en


def _fix(ru, en, lexicon, settings: ProposerSettings):
    """The proposal over "иравится" and its evidence."""
    scored = propose_with_evidence(ru, en, (), lexicon=lexicon, memory=CorrectionMemory(), settings=settings)
    return next((p, v) for p, v in scored if p.original == "иравится" and p.suggestion == "нравится")


def test_the_lowest_confidence_of_the_words_a_span_overlaps() -> None:
    words = (Word(0, 3, 1, (0, 0, 1, 1), 0.9), Word(4, 8, 1, (0, 0, 1, 1), 0.4), Word(9, 12, 1, (0, 0, 1, 1)))
    assert engine_confidence(words, 0, 3) == 0.9
    assert engine_confidence(words, 2, 6) == 0.4  # a join over two words is as doubtful as the worse
    assert engine_confidence(words, 5, 5) == 0.4  # an empty span: the word it stands in
    assert engine_confidence(words, 9, 12) is None  # a word without a confidence
    assert engine_confidence((), 0, 3) is None  # a text input has no words


def test_a_proposal_carries_the_engine_confidence_of_its_word(tmp_path: Path, lexicon) -> None:
    settings = ProposerSettings()
    _, low = _fix(*_scan(tmp_path, 0.2), lexicon, settings)
    _, high = _fix(*_scan(tmp_path, 0.95), lexicon, settings)
    _, text = _fix(*_text(tmp_path), lexicon, settings)
    assert low[DOUBT] == pytest.approx(0.8) and high[DOUBT] == pytest.approx(0.05)
    assert low[UNKNOWN] == high[UNKNOWN] == 0.0
    assert text[DOUBT] == 0.0 and text[UNKNOWN] == 1.0  # the neutral value, flagged unknown
    assert low[:DOUBT] == high[:DOUBT] == text[:DOUBT]  # the rest of the evidence is the text's


def test_the_shipped_model_scores_scans_and_text_alike(tmp_path: Path, lexicon) -> None:
    """Measured on the scanned corpus (benchmarks/engine_confidence.py), the engine evidence brought no
    gain, so the shipped model gives it no weight: a text input scores exactly as before."""
    settings = ProposerSettings()
    confidences = {
        _fix(*inputs, lexicon, settings)[0].confidence
        for inputs in (_scan(tmp_path, 0.2), _scan(tmp_path, 0.95), _text(tmp_path))
    }
    assert len(confidences) == 1


def test_a_model_that_weighs_the_doubt_is_surer_of_a_fix_the_engine_doubted(tmp_path: Path, lexicon) -> None:
    weights = list(OCR_CONFIDENCE.weights)
    weights[DOUBT] = 2.0
    settings = replace(
        ProposerSettings(), confidence=ConfidenceModel(OCR_CONFIDENCE.intercept, tuple(weights))
    )
    low, _ = _fix(*_scan(tmp_path, 0.2), lexicon, settings)
    high, _ = _fix(*_scan(tmp_path, 0.95), lexicon, settings)
    assert low.confidence > high.confidence


def test_a_proposal_on_a_scan_carries_the_boxes_of_its_words(tmp_path: Path, lexicon) -> None:
    ru, en = _scan(tmp_path, 0.2)
    proposal, _ = _fix(ru, en, lexicon, ProposerSettings())
    [word] = [w for w in ru[0].words if ru[0].text[w.start : w.end] == "иравится"]
    assert proposal.boxes == ((1, *word.box),)
    assert _fix(*_text(tmp_path), lexicon, ProposerSettings())[0].boxes == ()  # a text input has none
    assert word_boxes(ru[0].words, word.start - 2, word.end) == ((1, *ru[0].words[0].box), (1, *word.box))
