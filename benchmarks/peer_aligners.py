"""Peer aligners on the workbench's own paragraphs, through the wrappers in ``../shared/peers``.

Each peer gets the Russian and English segments that the workbench aligns, one paragraph per line,
so a difference in F1 is a difference in alignment, not in ingest. The embedding peers use the same
USE encoder object as the workbench (same model, threads and embedding cache). The wrappers stay in
``../shared/peers`` (the README there says how they run the published aligners): Vecalign's DP
(PyPI ``sentalign``) is imported from its wrapper and handed our encoder; Gale-Church and Bertalign
run as subprocesses, their wrappers' own command lines. A peer that fails on a document gives a
:class:`PeerRun` with the error, never an exception, so one bad document does not end a corpus run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import ModuleType

from align.embedding.encoders import Encoder
from align.model import Link, Segment
from benchmarks.common import ROOT

PEERS = ROOT.parent / "shared" / "peers"
SPACE = re.compile(r"\s+")
TIMEOUT_S = 900  # one document; the slowest peer takes well under a minute on the seeds
Align = Callable[[Sequence[Segment], Sequence[Segment]], list[Link]]
Beads = list[tuple[list[int], list[int]]]


class PeerFailure(Exception):
    """A peer gave no alignment for a document (its message says why)."""


@dataclass(frozen=True)
class Peer:
    name: str
    align: Align


@dataclass(frozen=True)
class PeerRun:
    """One peer on one document: its links, or the error that stopped it."""

    links: tuple[Link, ...] | None
    seconds: float
    error: str | None = None


def lines_of(segments: Sequence[Segment]) -> list[str]:
    """One line per segment, white space collapsed, as the wrappers' ``read_lines`` reads them."""
    lines = [SPACE.sub(" ", s.text).strip() for s in segments]
    if not all(lines):
        raise PeerFailure("a segment is blank: line numbers would not match the segments")
    return lines


def links_of(
    beads: Beads, scores: Sequence[float], ru: Sequence[Segment], en: Sequence[Segment]
) -> list[Link]:
    """Beads of line indices -> Links of segment ids."""
    return [
        Link(tuple(ru[i].id for i in a), tuple(en[j].id for j in b), float(score))
        for (a, b), score in zip(beads, scores, strict=True)
    ]


def _spans(texts: Sequence[str], lines: Sequence[str]) -> list[list[int]]:
    """The line indices of each bead side, read back from its text (its lines joined by one space).

    The beads are in document order and cover every line once, so each side's text is the
    next few lines; anything else means the output does not belong to the input.
    """
    spans, at = [], 0
    for text in texts:
        end = at
        while text and " ".join(lines[at:end]) != text:
            if end >= len(lines) or len(" ".join(lines[at:end])) >= len(text):
                raise PeerFailure("the peer's output does not follow its input lines")
            end += 1
        spans.append(list(range(at, end)))
        at = end
    if at != len(lines):
        raise PeerFailure(f"the peer's output covers {at} of {len(lines)} lines")
    return spans


def _wrapper(name: str) -> ModuleType:
    """A wrapper script of ``../shared/peers`` imported as a module (it puts its folder on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"peers_{name}", PEERS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise PeerFailure(f"cannot import {PEERS / name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vecalign(
    ru: Sequence[Segment], en: Sequence[Segment], *, encoder: Encoder, wrapper: ModuleType
) -> list[Link]:
    """Vecalign's DP (``sentalign``) through the wrapper's ``run_sentalign``, with the workbench's encoder."""
    # the wrapper's command-line defaults: beads up to n + m = 8, deletion percentile 0.2 (the paper's)
    args = argparse.Namespace(max_size=8, del_percentile_frac=0.2)
    beads, costs = wrapper.run_sentalign(lines_of(ru), lines_of(en), encoder, args)
    scores = [wrapper.quality(a, b, c) for (a, b), c in zip(beads, costs, strict=True)]
    return links_of(beads, scores, ru, en)


def by_subprocess(
    ru: Sequence[Segment], en: Sequence[Segment], *, python: str, script: str, options: Sequence[str] = ()
) -> list[Link]:
    """Run a wrapper script on the segments and read its JSON pairs back into links."""
    ru_lines, en_lines = lines_of(ru), lines_of(en)
    with tempfile.TemporaryDirectory(prefix="peer-") as tmp:
        paths = [Path(tmp) / name for name in ("ru.txt", "en.txt", "out.json")]
        paths[0].write_text("\n".join(ru_lines) + "\n", encoding="utf-8")
        paths[1].write_text("\n".join(en_lines) + "\n", encoding="utf-8")
        cmd = [python, str(PEERS / script), *map(str, paths), *options]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
            raise PeerFailure(f"{script}: {last}")
        records = json.loads(paths[2].read_text(encoding="utf-8"))
    ru_spans, en_spans = (
        _spans([r["ru"] for r in records], ru_lines),
        _spans([r["en"] for r in records], en_lines),
    )
    beads = list(zip(ru_spans, en_spans, strict=True))
    return links_of(beads, [r["score"] for r in records], ru, en)


def run_peer(peer: Peer, ru: Sequence[Segment], en: Sequence[Segment]) -> PeerRun:
    """``peer`` on one document, timed; any failure of the peer's code is recorded, not raised."""
    t0 = time.perf_counter()
    try:
        links = tuple(peer.align(ru, en))
    except Exception as exc:  # third-party code: whatever it raises is that peer's failure on this document
        return PeerRun(None, round(time.perf_counter() - t0, 3), f"{type(exc).__name__}: {exc}")
    return PeerRun(links, round(time.perf_counter() - t0, 3))


def available_peers(encoder: Encoder, bertalign_python: str | None = None) -> tuple[list[Peer], list[str]]:
    """The peers that can run here, and one note per peer that cannot (what is missing)."""
    peers: list[Peer] = []
    notes: list[str] = []
    if not PEERS.is_dir():
        return peers, [f"peers: skipped, no wrappers at {PEERS}"]
    if not importlib.util.find_spec("sentalign"):
        notes.append("vecalign: skipped, `sentalign` is not installed (pip install -e '.[bench]')")
    else:
        try:
            wrapper = _wrapper("run_vecalign")
        except (ImportError, OSError, PeerFailure) as exc:
            notes.append(f"vecalign: skipped, its wrapper does not import: {exc}")
        else:
            peers.append(Peer("vecalign", partial(vecalign, encoder=encoder, wrapper=wrapper)))
    if importlib.util.find_spec("galechurch"):
        # --auto-ratio: the length ratio is the document's own (en chars / ru chars), as ours is
        gc = partial(
            by_subprocess, python=sys.executable, script="run_galechurch.py", options=["--auto-ratio"]
        )
        peers.append(Peer("galechurch", gc))
    else:
        notes.append("galechurch: skipped, `galechurch` is not installed (pip install -e '.[bench]')")
    python = sys.executable if importlib.util.find_spec("bertalign") else bertalign_python
    if python:
        peers.append(Peer("bertalign", partial(by_subprocess, python=python, script="run_bertalign_use.py")))
    else:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        notes.append(
            f"bertalign: skipped, not installable on Python {version} "
            "(bertalign 2.x needs Python >= 3.12 and torch from PyPI); --bertalign-python PY runs it from "
            "another interpreter that has it"
        )
    return peers, notes
