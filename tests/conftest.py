"""Shared fixtures: real seeds, real gold, the real bundled encoder, loaded once per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def gold_for(seed: Path) -> dict:
    """The gold JSON of a seed; skips the test with a clear message when ../shared/gold is absent."""
    path = GOLD / f"{seed.stem}.json"
    if not path.exists():
        pytest.skip(f"gold data not found at {path} (clone with ../shared beside the repo)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    assert SEED_FILES, f"no seeds in {SEEDS}"
    return SEED_FILES


@pytest.fixture(scope="session")
def workbench(tmp_path_factory):
    """One real Workbench (bundled USE encoder, real lexicons) for the whole test run."""
    from correct.pipeline import PipelineConfig, Workbench

    cache = tmp_path_factory.mktemp("embed-cache")
    return Workbench(PipelineConfig(cache_dir=str(cache)))


@pytest.fixture(scope="session")
def encoder(workbench):
    """The bundled offline encoder, loaded once."""
    return workbench.encoder


@pytest.fixture(scope="session")
def seed_results(workbench) -> dict:
    """Every seed processed once by the full pipeline: {stem: Result}."""
    from align.ingest.document import Source

    return {p.stem: workbench.process(Source(archive=p)) for p in SEED_FILES}


@pytest.fixture
def store(tmp_path):
    """A fresh review store holding the tiny hand-made document (tests/test_store_data.py)."""
    from correct.review.store import Store
    from tests.test_store_data import tiny_result

    s = Store(tmp_path / "review.db", create=True)
    s.import_result(tiny_result())
    return s
