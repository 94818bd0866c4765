"""A paragraph of hundreds of sentences is the mean of its sentence vectors, never embedded or merged
whole (issue 17): its joins would cost most of its tokens again."""

from __future__ import annotations

import numpy as np

from align.alignment import document
from align.alignment.document import align_document, embed_through_sentences
from align.alignment.vectors import TextVectors
from align.ingest.document import ingest
from align.ingest.segment import segment_sentences
from benchmarks.scaling_shapes import write_pair
from tests.conftest import SEED_FILES


class Recording:
    """The real encoder, with the texts it was asked to embed or merge written down."""

    def __init__(self, encoder) -> None:
        self.encoder, self.seen = encoder, []

    @property
    def composes(self) -> bool:
        return self.encoder.composes

    def encode(self, texts):
        self.seen.extend(texts)
        return self.encoder.encode(texts)

    def encode_joined(self, parts, keys=None):
        self.seen.extend(keys or [" ".join(p) for p in parts])
        return self.encoder.encode_joined(parts, keys)


def _one_paragraph(tmp_path):
    _, ru, en, _ = ingest(write_pair(SEED_FILES[0], "paragraph", 1, tmp_path))
    return segment_sentences(ru), segment_sentences(en)


def test_the_mean_stands_for_a_huge_paragraph_and_for_joins_with_it(tmp_path, encoder):
    ru, en = _one_paragraph(tmp_path)
    (para,) = ru
    assert len(para.sentences) > document.MEAN_ABOVE_SENTENCES
    recording = Recording(encoder)
    memo = TextVectors(recording)
    embed_through_sentences(memo, ru)
    assert para.text in memo.means and para.text not in recording.seen
    assert max(len(t) for t in recording.seen) < len(para.text) // 10  # sentences only
    sentences = memo.matrix([s.text for s in para.sentences])
    weights = np.sqrt([len(s.text) for s in para.sentences])
    expected = weights @ sentences / np.linalg.norm(weights @ sentences)
    assert np.allclose(memo.matrix([para.text])[0], expected, atol=1e-5)
    embed_through_sentences(memo, en)
    means = memo.matrix([para.text, en[0].text])
    assert float(means[0] @ means[1]) > 0.9  # the two sides' means agree as a translation should
    memo.add([en[0].sentences[0].text])
    memo.add_joined([[para.text, en[0].sentences[0].text]])  # a span with the huge paragraph in it
    assert f"{para.text} {en[0].sentences[0].text}" in memo.means
    assert f"{para.text} {en[0].sentences[0].text}" not in recording.seen


def test_below_the_limit_a_paragraph_is_merged_exactly_as_before(tmp_path, encoder, monkeypatch):
    ru, _ = _one_paragraph(tmp_path)
    monkeypatch.setattr(document, "MEAN_ABOVE_SENTENCES", len(ru[0].sentences))
    memo = TextVectors(encoder)
    embed_through_sentences(memo, ru)
    assert not memo.means
    assert float(memo.matrix([ru[0].text])[0] @ encoder.encode([ru[0].text])[0]) > 0.9999


def test_a_huge_pair_still_aligns_as_one_link(tmp_path, encoder):
    ru, en = _one_paragraph(tmp_path)
    (link,) = align_document(ru, en, encoder)
    assert link.ru == (ru[0].id,) and link.en == (en[0].id,) and link.score > 0.5
