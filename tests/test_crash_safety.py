"""Kill the run (SIGKILL) at several points, re-run, and compare with one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import duckdb
import pytest

from depeche.tasks.faults import CRASH_POINTS
from depeche.tasks.warehouse import LOADED_TABLES, Warehouse

pytestmark = pytest.mark.e2e

# Columns that name the run or the moment: they differ between any two runs by design.
VOLATILE = {"run_id", "ingested_at", "rejected_at"}


def contents(warehouse_dir) -> dict[str, tuple[int, int]]:
    """Row count and order-independent content hash of each loaded table, volatile columns aside."""
    con = duckdb.connect(str(warehouse_dir / "depeche.duckdb"), read_only=True)
    try:
        out = {}
        for table in LOADED_TABLES:
            columns = [r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = ?", [table]).fetchall()]
            kept = ", ".join(f'"{c}"' for c in sorted(columns) if c not in VOLATILE)
            out[table] = con.execute(f"select count(*), coalesce(bit_xor(hash(t)), 0) from (select {kept} from {table}) t").fetchone()
        return out
    finally:
        con.close()


def run(raw, warehouse, log, crash_at=None) -> int:
    """`depeche run` in its own process group; the group is killed afterwards, since a SIGKILLed
    run leaves Prefect's embedded server behind (it would hold pipes open forever)."""
    env = {**os.environ, "DEPECHE_RAW": str(raw), "DEPECHE_WAREHOUSE": str(warehouse), "DEPECHE_BATCH_SIZE": "2", "DEPECHE_WORKERS": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("DEPECHE_CRASH_AT", None)
    if crash_at:
        env["DEPECHE_CRASH_AT"] = crash_at
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "depeche.flows.cli", "run"], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            return process.wait(timeout=600)
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def reference(sample_run):
    settings, _ = sample_run
    return contents(settings.warehouse_dir)


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_killed_run_recovers_to_exactly_one_clean_run(point, reference, sample_raw, tmp_path):
    warehouse = tmp_path / "wh"
    killed = run(sample_raw, warehouse, tmp_path / "killed.log", crash_at=point)
    assert killed == -signal.SIGKILL, (tmp_path / "killed.log").read_text()[-2000:]
    recovered = run(sample_raw, warehouse, tmp_path / "recovered.log")
    assert recovered == 0, (tmp_path / "recovered.log").read_text()[-2000:]
    assert contents(warehouse) == reference
    assert Warehouse(warehouse).verify() == []  # no orphan, missing or disagreeing Parquet file
    assert not list((warehouse / "parquet").glob("*/.*.tmp"))
