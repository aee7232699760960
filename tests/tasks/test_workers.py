"""depeche.tasks.workers with a real pool of worker processes: the same tables as in-process, and
a document that takes too long is stopped and rejected while the rest of its batch loads."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from depeche.tasks import batch, ingest, workers
from depeche.tasks.settings import PROJECT_ROOT, Settings, default_workers

SAMPLES = sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt"))
# Columns stamped at analysis time: the same document analysed twice differs only there.
STAMPS = ("ingested_at", "rejected_at")


def hashed_samples(raw: Path, settings: Settings) -> list[ingest.RawFile]:
    return [ingest.hash_file(str(path), settings.max_file_bytes) for path in sorted(raw.iterdir())]


def comparable(tables: dict) -> dict:
    return {name: table.drop_columns([c for c in STAMPS if c in table.column_names]).to_pylist() for name, table in tables.items()}


def write_samples(raw: Path, extra: dict[str, str] = {}) -> None:
    raw.mkdir()
    for path in SAMPLES[:3]:
        (raw / path.name).write_bytes(path.read_bytes())
    for name, text in extra.items():
        (raw / name).write_text(text, encoding="utf-8")


def test_the_pool_gives_the_tables_the_stages_give_in_process(tmp_path):
    write_samples(tmp_path / "raw")
    settings = Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh", workers=2)
    files = hashed_samples(settings.raw_dir, settings)
    expected = batch.process_batch(files, settings, "run-1").tables
    with workers.worker_pool(settings):
        processed = workers.process(files, settings, "run-1")
        tables, seconds = processed.tables, processed.seconds
        workers_running = [psutil.Process(pid) for pid in worker_pids()]
    assert comparable(tables) == comparable(expected)
    assert tables["documents"].num_rows == 3 and tables["events"].num_rows > 0
    assert 0 < seconds["clean"] and 0 < seconds["tag"] and processed.cleaned == 3
    assert len(workers_running) == 2
    _, alive = psutil.wait_procs(workers_running, timeout=10)
    assert not alive and worker_pids() == set()  # closing the pool leaves no worker behind


def test_a_document_over_the_time_limit_is_rejected_and_the_rest_of_its_batch_loads(tmp_path):
    # About 150,000 characters of prose: seconds of spaCy, far over a limit of one second,
    # while each sample article alone takes a fraction of it.
    prose = "\n\n".join(path.read_text(encoding="utf-8").split("\n\n", 3)[-1] for path in SAMPLES) + "\n\n"
    slow = "Un très long article\n\n" + prose * (150_000 // len(prose) + 1)
    write_samples(tmp_path / "raw", {"zz_slow.txt": slow})
    settings = Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh", workers=1, document_timeout_seconds=1.0)
    files = hashed_samples(settings.raw_dir, settings)
    with workers.worker_pool(settings):
        tables = workers.process(files, settings, "run-1").tables
    assert sorted(Path(p).name for p in tables["documents"].column("source_path").to_pylist()) == [p.name for p in SAMPLES[:3]]
    rejected = tables["rejects"].to_pylist()
    assert [(Path(r["source_path"]).name, r["reason"]) for r in rejected] == [("zz_slow.txt", "timeout")]
    assert "document_timeout_seconds" in rejected[0]["detail"]


def test_without_a_pool_the_stages_run_in_the_calling_process(tmp_path):
    # As on a Dask worker: the task is already in a process of its own.
    write_samples(tmp_path / "raw")
    settings = Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh")
    files = hashed_samples(settings.raw_dir, settings)
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    tables = workers.process(files, settings, "run-1").tables
    assert tables["documents"].num_rows == 3
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before


@pytest.mark.parametrize("cores, memory_gib, expected", [(2, 24, 2), (16, 8, 7), (1, 1, 1), (64, 512, 64)])
def test_default_workers_one_per_core_within_memory(monkeypatch, cores, memory_gib, expected):
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    pages = {"SC_PHYS_PAGES": memory_gib * (1 << 18), "SC_PAGE_SIZE": 4096}
    monkeypatch.setattr(os, "sysconf", lambda name: pages[name])
    assert default_workers() == expected


def worker_pids() -> set[int]:
    """This process's spawned worker processes (not its resource tracker, nor a Prefect server an
    earlier test's flow run left running)."""
    return {child.pid for child in psutil.Process().children(recursive=True) if "spawn_main" in " ".join(child.cmdline())}


def test_workers_started_early_are_taken_over_by_the_run_and_closed_by_it(tmp_path):
    import time

    write_samples(tmp_path / "raw")
    settings = Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh", workers=2)
    files = hashed_samples(settings.raw_dir, settings)
    with workers.started_early(settings):
        deadline = time.monotonic() + 60
        while len(worker_pids()) < 2 and time.monotonic() < deadline:  # they start without waiting for anyone
            time.sleep(0.1)
        early = worker_pids()
        with workers.worker_pool(settings):
            workers.process(files, settings, "run-1")
            assert worker_pids() == early and len(early) == 2
        psutil.wait_procs([psutil.Process(pid) for pid in early if psutil.pid_exists(pid)], timeout=10)
        assert worker_pids() == set()  # the run closed them; leaving started_early has nothing left to do
    assert worker_pids() == set()


def test_a_dask_run_without_an_address_gets_a_local_cluster_started_early_and_closed_after(tmp_path):
    import os

    from distributed import Client

    settings = Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh", workers=2, runner="dask")
    assert workers.dask_address(settings) is None  # no cluster yet: the run would start its own
    with workers.started_early(settings):
        address = workers.dask_address(settings)
        assert address.startswith("tcp://127.0.0.1:")
        with Client(address, timeout=60) as client:
            environments = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.getpid()))
    assert [trim for trim, _ in environments.values()] == [None, None]  # the nanny preload dropped it
    assert workers.dask_address(settings) is None
    assert not any(psutil.pid_exists(pid) for _, pid in environments.values())
    given = settings.model_copy(update={"dask_address": "tcp://10.0.0.5:8786"})
    with workers.started_early(given):
        assert workers.dask_address(given) == "tcp://10.0.0.5:8786"  # an existing cluster: nothing started
