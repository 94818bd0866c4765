"""Alignment quality against the gold files: link precision, recall and F1 per seed.

Three aligners run on the same segments (the real ingest and sentence splitter):
- ``workbench``: the aligner of ``align.alignment.document`` with its default settings;
- ``lengths``: the same dynamic programme scored on lengths only (Gale & Church 1993);
- ``greedy``: best-cosine 1-1 matching on the same embeddings, no order.

Usage: python benchmarks/align_quality.py [--encoder use|st:NAME] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.alignment.config import AlignConfig  # noqa: E402
from align.alignment.document import align_document  # noqa: E402
from align.alignment.dp import Band, Bead, bead_cells, fill, traceback  # noqa: E402
from align.alignment.vectors import length_ratio  # noqa: E402
from align.embedding.encoders import Encoder  # noqa: E402
from align.embedding.load import load_encoder  # noqa: E402
from align.ingest.document import Source, ingest  # noqa: E402
from align.ingest.segment import segment_sentences  # noqa: E402
from align.model import Link, Segment  # noqa: E402
from benchmarks.common import Score, alignment_score, load_gold, raw_texts, seed_files  # noqa: E402

# Gale & Church (1993), table 5: bead priors; 6.8: variance of the length difference per character.
GC_PRIORS = {
    Bead.ONE_ONE: 0.89,
    Bead.RU_ONLY: 0.0099 / 2,
    Bead.EN_ONLY: 0.0099 / 2,
    Bead.ONE_TWO: 0.089 / 2,
    Bead.TWO_ONE: 0.089 / 2,
    Bead.TWO_TWO: 0.011,
}
GC_VARIANCE = 6.8


def length_only(ru: list[Segment], en: list[Segment]) -> list[Link]:
    """Gale-Church: the banded DP of align.alignment.dp scored by length ratio and bead priors alone."""
    ru_len = np.array([len(s.text) for s in ru], dtype=np.float64)
    en_len = np.array([len(s.text) for s in en], dtype=np.float64)
    ratio = length_ratio(ru_len, en_len)
    cum_ru, cum_en = np.concatenate(([0.0], np.cumsum(ru_len))), np.concatenate(([0.0], np.cumsum(en_len)))
    band = Band.full(len(ru), len(en))
    beads = tuple(GC_PRIORS)
    cells = bead_cells(band, beads)
    scores = np.full((len(beads), band.cells), -np.inf)
    for row, c in enumerate(cells):
        a, b = c.bead.shape
        ok = c.inside & (c.i0 + a <= len(ru)) & (c.j0 + b <= len(en))
        prior = math.log(GC_PRIORS[c.bead])
        if a == 0 or b == 0:
            scores[row, ok] = prior
            continue
        l1 = cum_ru[c.i0[ok] + a] - cum_ru[c.i0[ok]]
        l2 = cum_en[c.j0[ok] + b] - cum_en[c.j0[ok]]
        delta = (l2 - l1 * ratio) / np.sqrt(np.maximum(l1, 1.0) * GC_VARIANCE)
        tail = np.array([2 * (1 - 0.5 * (1 + math.erf(abs(d) / math.sqrt(2)))) for d in delta])
        scores[row, ok] = prior + np.log(np.maximum(tail, 1e-12))
    _, back = fill(band, cells, scores)
    return [
        Link(
            tuple(s.id for s in ru[i0 : i0 + bead.shape[0]]),
            tuple(s.id for s in en[j0 : j0 + bead.shape[1]]),
            1.0,
        )
        for bead, i0, j0 in traceback(band, back)
    ]


def greedy_cosine(ru: list[Segment], en: list[Segment], encoder: Encoder) -> list[Link]:
    """Best cosine first, each paragraph used once; the rest left unmatched."""
    sims = encoder.encode([s.text for s in ru]) @ encoder.encode([s.text for s in en]).T
    order = np.dstack(np.unravel_index(np.argsort(-sims, axis=None), sims.shape))[0]
    used_ru, used_en, links = set(), set(), []
    for i, j in order:
        if i not in used_ru and j not in used_en:
            used_ru.add(i)
            used_en.add(j)
            links.append(Link((ru[i].id,), (en[j].id,), float(sims[i, j])))
    links += [Link((ru[i].id,), (), 0.0) for i in range(len(ru)) if i not in used_ru]
    links += [Link((), (en[j].id,), 0.0) for j in range(len(en)) if j not in used_en]
    return links


def evaluate(seed: Path, encoder: Encoder, config: AlignConfig) -> dict[str, Score] | None:
    gold = load_gold(seed.stem)
    if gold is None:
        return None
    doc, ru, en, _ = ingest(Source(archive=seed))
    ru, en = segment_sentences(ru), segment_sentences(en)
    raw = raw_texts(doc.source, doc.encoding)
    systems = {
        "workbench": align_document(ru, en, encoder, config),
        "lengths": length_only(list(ru), list(en)),
        "greedy": greedy_cosine(list(ru), list(en), encoder),
    }
    return {name: alignment_score(links, ru, en, raw, gold) for name, links in systems.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        encoder = load_encoder(args.encoder, cache_dir=Path(cache))
        results = {seed.stem: evaluate(seed, encoder, AlignConfig()) for seed in seed_files()}
    print(f"encoder: {args.encoder}\n")
    print("| seed | aligner | precision | recall | F1 | links (hit / system / gold) |")
    print("|---|---|---|---|---|---|")
    for stem, scores in results.items():
        if scores is None:
            print(f"| {stem} | (no gold file) | | | | |")
            continue
        for name, s in scores.items():
            print(
                f"| {stem} | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                f"| {s.true_positives} / {s.system_links} / {s.gold_links} |"
            )
    if args.json:
        data = {k: {n: vars(s) for n, s in v.items()} for k, v in results.items() if v}
        args.json.write_text(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
