"""The same flow on an existing Dask cluster: a real scheduler and two workers on 127.0.0.1, started
as a user starts them (`dask scheduler`, `dask worker`), and `depeche run --runner dask
--dask-address …`. The warehouse must equal the default runner's, table by table."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from depeche.tasks.warehouse.schemas import LOADED_TABLES, SCHEMAS, fingerprint_sql, quote_identifier

DASK = Path(sys.executable).with_name("dask")
# Columns that name the run or its clock: the only ones two runs of the same input may differ in.
RUN_STAMPS = {"run_id", "ingested_at", "rejected_at"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the Dask scheduler exited at start"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


@pytest.fixture
def dask_cluster(tmp_path):
    """(tcp://127.0.0.1:PORT, log file) of a scheduler with two single-threaded workers, stopped afterwards."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = open(tmp_path / "dask.log", "w")
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                  stdout=log, stderr=subprocess.STDOUT)]
    try:
        wait_for_port(port, processes[0])
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                 "--preload", "depeche.tasks.workers", "--preload-nanny", "depeche.tasks.workers"],
                stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,  # the workers import depeche as installed
            ))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            # The nanny preload started each worker without Dask's malloc setting (workers.dask_setup).
            assert set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {None}
        yield address, tmp_path / "dask.log"
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def fingerprints(warehouse: Path) -> dict[str, tuple[int, int]]:
    """(rows, content hash) of each loaded table, leaving out the run's own stamps."""
    with duckdb.connect(str(warehouse / "depeche.duckdb"), read_only=True) as con:
        return {
            name: tuple(con.execute(fingerprint_sql(quote_identifier(name), [c for c in SCHEMAS[name].names if c not in RUN_STAMPS])).fetchall()[0])
            for name in LOADED_TABLES
        }


def run(raw: Path, warehouse: Path, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEPECHE_RAW": str(raw), "DEPECHE_WAREHOUSE": str(warehouse)}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "depeche.flows.cli", "run", "--batch-size", "2", *flags],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_a_run_on_an_existing_dask_cluster_equals_the_default_run(dask_cluster, sample_raw, tmp_path):
    from distributed import Client

    address, log = dask_cluster
    run(sample_raw, tmp_path / "local")
    run(sample_raw, tmp_path / "dask", "--runner", "dask", "--dask-address", address)

    local, dask = fingerprints(tmp_path / "local"), fingerprints(tmp_path / "dask")
    assert local["documents"][0] == 5 and local["events"][0] > 0
    assert dask == local
    with Client(address, timeout=60) as client:
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    # 3 batches, each one analyse task: the cluster ran them, on both workers.
    assert sum(executed.values()) >= 3 and all(count > 0 for count in executed.values())
    # The workers reported their task runs to the flow's Prefect API rather than each starting a
    # temporary server of its own (seconds each, and runs the UI never shows).
    assert "temporary server" not in log.read_text()
