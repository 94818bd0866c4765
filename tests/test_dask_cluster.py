"""`workbench batch --engine dask --scheduler ADDRESS` on a cluster of separate processes, as on several
machines: a `dask scheduler` and two `dask worker` processes, each in its own folder.

Real processes throughout: the CLI is a subprocess, the workers load the real encoder. The batch is
submitted with paths relative to the submitter's folder, which the workers (started elsewhere) do not
share: the engine must hand them absolute paths.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from align.ingest.document import Source
from benchmarks.dask_cluster import Cluster, batch_command, local_cluster
from benchmarks.synthetic_corpus import CorpusConfig, write_corpus
from correct.batch import engines
from correct.batch.task import DocumentTask
from correct.pipeline import PipelineConfig, available_cores
from tests.conftest import ROOT, SEED_FILES
from tests.test_batch_engines import assert_same_results, results_in

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install '.[dask]'"
)
pytestmark = pytest.mark.slow

DOCUMENTS = 4  # small ones (one a ru/en pair): more than two, so that both workers get some in any order
SMALL = CorpusConfig(min_paragraphs=3, max_paragraphs=6)


@pytest.fixture(scope="module")
def submitter(tmp_path_factory) -> Path:
    """The submitting user's folder: ``corpus/`` holds small documents cut from the seeds (one a
    ru/en pair), written to be addressed relative to this folder."""
    folder = tmp_path_factory.mktemp("submitter")
    write_corpus(SEED_FILES, folder / "corpus", docs=DOCUMENTS, rng=3, config=SMALL)
    return folder


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler on a free loopback port and two one-thread worker processes, all registered;
    every process group is killed afterwards, whatever the test did."""
    with local_cluster(2, tmp_path_factory.mktemp("cluster"), timeout=90) as running:
        yield running


def run_cli(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The command as the user in ``cwd`` runs it."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def logs(cluster: Cluster) -> str:
    """The cluster's logs, for a failure message."""
    return "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(cluster.logs.glob("*.log")))


def test_a_batch_through_the_scheduler_address_uses_both_workers(submitter, cluster):
    """Every document done, by both worker processes, with the results of the local engine."""
    # The reference: the local engine, given the same files by absolute path.
    local_out = submitter / "local-out"
    local = run_cli(
        batch_command([submitter / "corpus"], local_out, "--engine", "local", "--jobs", "1"), ROOT
    )
    assert local.returncode == 0, local.stderr

    # Relative to the submitter's folder, which no worker shares.
    command = batch_command(["corpus"], Path("dask-out"), "--engine", "dask", "--scheduler", cluster.address)
    done = run_cli(command, submitter)
    assert done.returncode == 0, f"{done.stderr}\n{logs(cluster)}"

    out = submitter / "dask-out"
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["status"] == "complete" and report["engine"] == "dask"
    rows = report["documents"]
    assert len(rows) == DOCUMENTS and {row["status"] for row in rows} == {"done"}, rows
    for row in rows:
        assert Path(row["output"]) == out / f"{row['id']}.json" and Path(row["output"]).is_file()
        assert row["seconds"] > 0 and row["peak_rss_mib"] > 0
    # Both worker processes made results, and only they: not the submitting CLI.
    pids = {int(row["worker"].rsplit(":", 1)[1]) for row in rows}
    assert len(cluster.worker_pids) == 2 and pids == set(cluster.worker_pids), (pids, cluster.worker_pids)

    found, expected = results_in(out), results_in(local_out)
    assert len(found) == DOCUMENTS
    for result in found.values():  # where each worker read its input: the submitter's files, absolute
        assert all(
            Path(path).is_absolute() and Path(path).is_file()
            for path in result["document"]["source"].values()
        )
    assert any(result["flags"] for result in expected.values())  # the comparison has flags to compare
    assert any(result["proposals"] for result in expected.values())
    assert_same_results(found, expected)


def held_in_worker() -> Callable[[], list[tuple[str | None, int | None]]]:
    """A function for ``Client.run``: (cache folder, encoder threads) of each Workbench the Dask worker
    process holds, oldest first. Nested, so that it is pickled by value: the workers cannot import
    this test module."""

    def held() -> list[tuple[str | None, int | None]]:
        from correct.batch import engines

        return [(wb.config.cache_dir, wb.config.threads) for wb in engines._DASK_WORKBENCHES.values()]

    return held


def test_each_worker_shares_its_machine_cores_with_the_other(submitter, cluster):
    """Two worker processes on one machine: the encoder of each gets its share of the cores, not all
    of them (two BLAS pools of all cores on the same cores make the encoder many times slower)."""
    command = batch_command(["corpus"], Path("dask-out"), "--engine", "dask", "--scheduler", cluster.address)
    done = run_cli([*command, "--force"], submitter)
    assert done.returncode == 0, done.stderr
    with distributed.Client(cluster.address, timeout=30) as client:
        held = client.run(held_in_worker())
    share = max(1, min(available_cores(), (os.cpu_count() or available_cores()) // 2))
    assert len(held) == 2 and all(
        entries == [(str(submitter / "dask-out" / ".cache"), share)] for entries in held.values()
    ), held


def test_a_long_lived_worker_keeps_only_the_newest_workbenches(submitter, cluster):
    """Each run into a new folder has its own cache, so its own config: a worker that kept a
    Workbench (an encoder) per config would grow with every run it served. The documents here are
    missing, so they fail in ingest before any encoder loads: the test costs no loading."""
    missing = DocumentTask("gone", Source(archive=submitter / "gone.txt"), submitter / "gone.json", "", "")
    configs = [PipelineConfig(threads=1, cache_dir=str(submitter / f"run-{i}" / ".cache")) for i in range(3)]
    with distributed.Client(cluster.address, timeout=30) as client:
        worker = sorted(client.nthreads())[0]
        for config in configs:
            future = client.submit(engines.run_on_dask_worker, missing, config, workers=[worker], pure=False)
            row = future.result(timeout=60)
            assert (row.status, row.error_kind) == ("failed", "input"), row
        held = client.run(held_in_worker(), workers=[worker])[worker]
    kept = engines.MAX_DASK_WORKBENCHES
    assert kept < len(configs) and held == [(c.cache_dir, 1) for c in configs[-kept:]], held
