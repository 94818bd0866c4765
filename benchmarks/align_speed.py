"""Alignment speed: time per stage (ingest, embed, search) and peak memory, per seed and for a long document.

The long document is seed 000 repeated ``--copies`` times (20 by default) as a Russian/English file
pair; every sentence of a copy starts with the copy's label, so that no paragraph and no sentence
repeats and nothing is embedded twice for free. Every case runs in a fresh process with a cold
encoder (no disk cache); the model's loading is reported apart. "embed" is texts embedded plus
merged texts pooled from their parts (align/embedding/use_pooling.py); "search" is everything else the
aligner does: span vectors, scores, the dynamic programme, confidences, the second pass and the
sentence alignment.

Usage: python benchmarks/align_speed.py [--copies 20] [--threads N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.embedding.encoders import Encoder  # noqa: E402
from benchmarks.common import seed_files  # noqa: E402


class TimedEncoder(Encoder):
    """The real encoder, timed: seconds spent embedding, texts embedded and merges pooled."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.seconds, self.texts, self.merges = inner, inner.name, 0.0, 0, 0

    @property
    def composes(self) -> bool:
        return self.inner.composes

    def forget_pooled(self) -> None:
        self.inner.forget_pooled()

    def encode(self, texts):
        t0 = time.perf_counter()
        out = self.inner.encode(texts)
        self.seconds += time.perf_counter() - t0
        self.texts += len(texts)
        return out

    def encode_joined(self, parts, keys=None):
        t0 = time.perf_counter()
        out = self.inner.encode_joined(parts, keys)
        self.seconds += time.perf_counter() - t0
        self.merges += len(parts)
        return out


def long_pair(seed: Path, copies: int, folder: Path) -> tuple[Path, Path]:
    """Seed's cleaned paragraphs, ``copies`` times over, as NAME.ru.txt / NAME.en.txt.

    Every sentence starts with its copy's label ("AB"), so no paragraph and no sentence repeats.
    """
    from align.ingest.document import Source, ingest
    from align.ingest.segment import segment_sentences

    _, ru, en, _ = ingest(Source(archive=seed))
    labels = [chr(ord("A") + k // 26) + chr(ord("A") + k % 26) for k in range(copies)]
    paths = []
    for lang, segs in (("ru", ru), ("en", en)):
        paragraphs = [
            " ".join(f"{label} {sentence.text}" for sentence in seg.sentences)
            for label in labels
            for seg in segment_sentences(segs)
        ]
        path = folder / f"long.{lang}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


WARM_UP = {
    "ru": ["Молотов спрашивает о поездке. Посол отвечает.", "стр. 2", "Сталин соглашается."],
    "en": ["Molotov asks about the trip. The Ambassador replies.", "Stalin agrees."],
}


def warm_up_document():
    """A tiny Russian/English pair (segments with sentences) for the first calls of a process."""
    from align.ingest.segment import segment_sentences
    from align.model import Segment

    return [
        segment_sentences(
            [Segment(id=f"w/{lang}@{k}", lang=lang, text=t, start=k, end=k) for k, t in enumerate(ts)]
        )
        for lang, ts in WARM_UP.items()
    ]


def run_case(label: str, source_kwargs: dict, threads: int | None, sentences: bool, queue) -> None:
    """One case in this (fresh) process; puts a dict of numbers on ``queue``."""
    from align.alignment.config import AlignConfig
    from align.alignment.document import align_document
    from align.embedding.load import load_encoder
    from align.ingest.document import Source, ingest
    from align.ingest.segment import segment_sentences

    t0 = time.perf_counter()
    encoder = TimedEncoder(load_encoder("use", threads=threads))
    encoder.encode(["warm-up"])
    load = time.perf_counter() - t0
    # first calls (imports, compiled patterns) on a tiny document, not counted, as the model load is not
    align_document(*warm_up_document(), encoder, AlignConfig())
    encoder.seconds = encoder.texts = encoder.merges = 0
    t0 = time.perf_counter()
    _, ru, en, _ = ingest(Source(**{k: Path(v) for k, v in source_kwargs.items()}))
    ru, en = segment_sentences(ru), segment_sentences(en)
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    links = align_document(ru, en, encoder, AlignConfig(sentences=sentences))
    t_align = time.perf_counter() - t0
    queue.put(
        {
            "case": label,
            "paragraphs": [len(ru), len(en)],
            "links": len(links),
            "model_load_s": round(load, 2),
            "ingest_s": round(t_ingest, 2),
            "embed_s": round(encoder.seconds, 2),
            "texts_embedded": encoder.texts,
            "merges_pooled": encoder.merges,
            "search_s": round(t_align - encoder.seconds, 2),
            "align_s": round(t_align, 2),
            "search_share": round((t_align - encoder.seconds) / max(t_ingest + t_align, 1e-9), 4),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    )


def measure(label: str, source_kwargs: dict, threads: int | None, sentences: bool = True) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    kwargs = {k: str(v) for k, v in source_kwargs.items()}
    proc = ctx.Process(target=run_case, args=(label, kwargs, threads, sentences, queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--threads", type=int, help="encoder threads (default: the cores available)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    seeds = seed_files()
    rows = [measure(seed.stem, {"archive": seed}, args.threads) for seed in seeds]
    with tempfile.TemporaryDirectory() as folder:
        ru, en = long_pair(seeds[0], args.copies, Path(folder))
        long = {"ru": ru, "en": en, "name": "long"}
        rows.append(measure(f"seed 000 x{args.copies}", long, args.threads))
        rows.append(measure(f"seed 000 x{args.copies}, paragraphs only", long, args.threads, sentences=False))
    print(
        "| case | paragraphs ru / en | ingest s | embed s (texts + merges) | search s | align s "
        "| search share | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['case']} | {r['paragraphs'][0]} / {r['paragraphs'][1]} | {r['ingest_s']} "
            f"| {r['embed_s']} ({r['texts_embedded']} + {r['merges_pooled']}) | {r['search_s']} "
            f"| {r['align_s']} | {100 * r['search_share']:.1f} % | {r['peak_rss_mib']} MiB |"
        )
    print(f"\nmodel load (once per process, not counted above): {rows[0]['model_load_s']} s")
    print(f"encoder threads: {args.threads or 'cores available'}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
