"""Sentence alignment inside a huge paragraph pair: searched coarse to fine on its own, not as a
full block whose cells grow with the square of its sentences (issue 17)."""

from __future__ import annotations

import re

from align.alignment import sentences as sentence_search
from align.alignment.document import align_document
from align.ingest.document import ingest
from align.ingest.segment import segment_sentences
from benchmarks.scaling_shapes import write_pair
from tests.conftest import SEED_FILES

TAG = re.compile(r"^\[(\d+)\] ")


def _beads(tmp_path, encoder, scale: int) -> tuple[set[tuple[str, str, str]], int]:
    """(copy tags, Russian text, English text) of every sentence bead, tags stripped from the texts;
    and the lattice cells of the pair's sentences."""
    tmp_path.mkdir()
    _, ru, en, _ = ingest(write_pair(SEED_FILES[0], "paragraph", scale, tmp_path))
    ru, en = segment_sentences(ru), segment_sentences(en)
    assert len(ru) == len(en) == 1
    texts = {s.id: s.text for seg in (*ru, *en) for s in seg.sentences}
    out = set()
    for link in align_document(ru, en, encoder):
        for bead in link.sentences:
            r = [texts[i] for i in bead.ru]
            e = [texts[i] for i in bead.en]
            tags = "".join(sorted({m.group(1) for t in r + e if (m := TAG.match(t))}))
            out.add((tags, " ".join(TAG.sub("", t) for t in r), " ".join(TAG.sub("", t) for t in e)))
    return out, (len(ru[0].sentences) + 1) * (len(en[0].sentences) + 1)


def test_a_huge_pair_searched_alone_aligns_as_the_full_block(tmp_path, encoder, monkeypatch):
    """Seed 000 as one paragraph a side, twice over (~660 x 660 sentences: above the size searched in
    full): coarse to fine gives the beads the full lattice gives, and each copy aligns as the seed's
    one paragraph alone does (measured: 623 of 646 beads both ways; the rest sit where copies join)."""
    single, _ = _beads(tmp_path / "one", encoder, 1)
    alone, cells = _beads(tmp_path / "two", encoder, 2)
    assert cells > sentence_search.ALONE_CELLS  # the doubled pair is searched alone, coarse to fine
    monkeypatch.setattr(sentence_search, "ALONE_CELLS", cells + 1)
    full, _ = _beads(tmp_path / "full", encoder, 2)
    assert len(alone & full) >= 0.99 * len(full)
    reference = {(r, e) for _, r, e in single}
    same = sum(len(tags) == 1 and (r, e) in reference for tags, r, e in alone)
    assert same >= 0.95 * len(alone) and len(alone) >= 1.9 * len(single)
