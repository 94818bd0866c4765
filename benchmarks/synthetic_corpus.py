"""A reproducible synthetic archive built from the seed documents, for speed and scale benchmarks.

Each synthetic document is a window of a seed's aligned paragraphs, with the
changes real archives show: blocks of paragraphs moved (on both sides alike, so
the pair still translates), numbers changed on one side, extra OCR noise in the
Russian, and paragraphs dropped from either side. Most documents are written
in the archive layout (header, Russian, English); some as NAME.ru.txt +
NAME.en.txt pairs. The seeds are read through ``align.ingest.document``, so nothing
here knows their strings.

    python benchmarks/synthetic_corpus.py OUT_DIR [--docs 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from align.errors import InputError  # noqa: E402
from align.ingest.document import Source, ingest  # noqa: E402

# Shapes OCR confuses (Cyrillic <-> Cyrillic or Latin look-alikes), as seen in the archive scans.
OCR_CONFUSIONS = {
    "е": "с", "с": "е", "и": "н", "н": "и", "ш": "щ", "щ": "ш", "о": "0", "з": "э",
    "т": "г", "п": "л", "л": "п", "а": "a", "р": "p", "у": "y", "ц": "п", "б": "6",
}  # fmt: skip
NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class CorpusConfig:
    """How each synthetic document is cut from a seed and damaged."""

    min_paragraphs: int = 6  # Russian paragraphs per document, at least (fewer when the seed is short)
    max_paragraphs: int = 40  # and at most: keeps a 200-document run to minutes on 2 cores
    blocks: int = 3  # the window is cut into this many blocks, moved about on both sides alike
    number_change: float = 0.15  # chance that a number in the Russian is changed
    ocr_noise: float = 0.02  # chance per Russian letter of an OCR confusion
    drop: float = 0.05  # chance that a paragraph is dropped (each side independently)
    pairs: float = 0.2  # share of documents written as NAME.ru.txt + NAME.en.txt


@dataclass(frozen=True)
class SeedText:
    """A seed read by ingest: its metadata and the clean paragraphs of each side."""

    name: str
    metadata: dict[str, str]
    ru: tuple[str, ...]
    en: tuple[str, ...]


def read_seed(path: Path) -> SeedText:
    doc, ru, en, _ = ingest(Source(archive=path))
    return SeedText(path.stem, dict(doc.metadata), tuple(s.text for s in ru), tuple(s.text for s in en))


def window(seed: SeedText, config: CorpusConfig, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """A random window of the seed; the English window covers the same share of the document."""
    n_ru, n_en = len(seed.ru), len(seed.en)
    size = int(rng.integers(min(config.min_paragraphs, n_ru), min(config.max_paragraphs, n_ru) + 1))
    start = int(rng.integers(0, n_ru - size + 1))
    en_start = round(start / n_ru * n_en)
    en_end = max(en_start + 1, round((start + size) / n_ru * n_en))
    return list(seed.ru[start : start + size]), list(seed.en[en_start:en_end])


def move_blocks(
    ru: list[str], en: list[str], blocks: int, rng: np.random.Generator
) -> tuple[list[str], list[str]]:
    """Cut both sides into the same number of proportional blocks and apply one permutation to both."""
    k = max(1, min(blocks, len(ru), len(en)))
    order = rng.permutation(k)
    cut_ru = np.array_split(np.arange(len(ru)), k)
    cut_en = np.array_split(np.arange(len(en)), k)
    return [ru[i] for b in order for i in cut_ru[b]], [en[i] for b in order for i in cut_en[b]]


def change_numbers(text: str, chance: float, rng: np.random.Generator) -> str:
    def change(match: re.Match) -> str:
        if rng.random() >= chance:
            return match.group()
        value = int(match.group()) + int(rng.integers(1, 10))
        return str(value)

    return NUMBER.sub(change, text)


def ocr_noise(text: str, chance: float, rng: np.random.Generator) -> str:
    draws = rng.random(len(text))
    return "".join(
        OCR_CONFUSIONS.get(ch, ch) if draw < chance else ch for ch, draw in zip(text, draws, strict=True)
    )


def drop_paragraphs(paras: list[str], chance: float, rng: np.random.Generator) -> list[str]:
    kept = [p for p in paras if rng.random() >= chance]
    return kept or paras[:1]


def header(title: str, metadata: dict[str, str]) -> str:
    return (
        f"# {title}\n\n#### Citation:\n\n{metadata.get('citation', title)}\n\n"
        f"## **Summary:**\n\n{metadata.get('summary', title)}\n\n"
        "# **Original Language:**\n\nRussian\n\n### **Contents:**\n\nOriginal Scan Translation - English\n\n"
    )


def make_document(
    seed: SeedText, config: CorpusConfig, rng: np.random.Generator
) -> tuple[list[str], list[str]]:
    """The Russian and English paragraphs of one synthetic document."""
    ru, en = window(seed, config, rng)
    ru, en = move_blocks(ru, en, config.blocks, rng)
    ru = [ocr_noise(change_numbers(p, config.number_change, rng), config.ocr_noise, rng) for p in ru]
    return drop_paragraphs(ru, config.drop, rng), drop_paragraphs(en, config.drop, rng)


def write_corpus(
    seeds: list[Path],
    out_dir: Path,
    docs: int,
    rng: np.random.Generator | int = 7,
    config: CorpusConfig = CorpusConfig(),
) -> list[Path]:
    """Write ``docs`` synthetic documents into ``out_dir``; returns the files written.

    Every document is checked with ``ingest`` and cut again when it does not
    read as a document (a window of only header lines has no English part), so
    a benchmark measures processing, not failures. The same seeds, count and
    generator seed give byte-identical files.
    """
    rng = np.random.default_rng(rng)
    texts = [read_seed(path) for path in seeds]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for i in range(docs):
        for _attempt in range(20):
            files = _write_document(texts, i, out_dir, config, rng)
            try:
                ingest(_source(files))
            except InputError:
                for path in files:
                    path.unlink()
                continue
            written.extend(files)
            break
        else:
            raise RuntimeError(f"could not cut a readable document {i} from the seeds")
    return written


def _write_document(
    texts: list[SeedText], i: int, out_dir: Path, config: CorpusConfig, rng: np.random.Generator
) -> list[Path]:
    seed = texts[int(rng.integers(len(texts)))]
    ru, en = make_document(seed, config, rng)
    name = f"syn{i:04d}_{seed.name[:8]}"
    if rng.random() < config.pairs:
        return [
            _write(out_dir / f"{name}.ru.txt", "\n\n".join(ru) + "\n"),
            _write(out_dir / f"{name}.en.txt", "\n\n".join(en) + "\n"),
        ]
    title = f"{seed.metadata.get('title', seed.name)} (synthetic {i})"
    body = header(title, seed.metadata) + "\n\n".join(ru) + "\n\n" + "\n\n".join(en) + "\n"
    return [_write(out_dir / f"{name}.txt", body)]


def _source(files: list[Path]) -> Source:
    if len(files) == 1:
        return Source(archive=files[0])
    return Source(ru=files[0], en=files[1], name=files[0].name.removesuffix(".ru.txt"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = write_corpus(sorted((ROOT / "seeds").glob("*.txt")), args.out_dir, args.docs, args.seed)
    print(f"{len(files)} files for {args.docs} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
