"""Prefect tasks: thin wrappers that batch, retry and log around the pure stage functions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from tasks import batch as batch_stage
from tasks import data_tests, ingest, models
from tasks.settings import Settings
from tasks.faults import crash_point
from tasks.warehouse import Warehouse, now

# Inputs are batches of documents: hashing them for Prefect's cache would cost more than it saves.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


@dataclass
class Plan:
    """What a run has to do: batches of new or changed files, and what it can skip."""

    run_id: str
    started_at: datetime
    batches: list[list[ingest.RawFile]]
    docs_seen: int
    skipped: int
    discovery_rejects: list[batch_stage.Reject] = field(default_factory=list)


@dataclass
class RunTotals:
    run_id: str
    started_at: datetime
    docs_seen: int = 0
    docs_loaded: int = 0
    docs_skipped: int = 0
    docs_rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    model_seconds: list[tuple[str, float]] = field(default_factory=list)
    data_tests_passed: int = 0
    seconds: float = 0.0

    def add_rows(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.rows[name] = self.rows.get(name, 0) + count


@task(name="plan", retries=2, retry_delay_seconds=1, **STAGE)
def plan_run(settings: Settings) -> Plan:
    """Prepare the warehouse, find the raw files, and batch those not loaded at this pipeline version."""
    logger = get_run_logger()
    store = Warehouse(settings.warehouse_dir)
    store.initialise()
    run_id = uuid.uuid4().hex[:12]
    started_at = now()
    paths, problems = ingest.discover(settings.raw_dir)
    known = store.known_documents()
    known_rejects = store.known_rejects()
    rejects = [batch_stage.Reject(path, None, reason, detail) for path, reason, detail in problems]
    rejected_files = {(path, sha) for path, sha, _ in known_rejects}
    todo: list[ingest.RawFile] = []
    seen_ids: set[str] = set()
    skipped = 0
    for path in paths:
        try:
            raw = ingest.hash_file(path, settings.max_file_bytes)
        except ingest.Rejected as rejected:
            rejects.append(batch_stage.Reject(path, None, rejected.reason, rejected.detail))
            continue
        loaded = known.get(raw.doc_id)
        current = loaded is not None and loaded[0] == batch_stage.pipeline_version(settings, loaded[1])
        if raw.doc_id in seen_ids or current or (path, raw.raw_sha256) in rejected_files:
            skipped += 1  # same bytes twice, already loaded at this version, or already rejected
            continue
        seen_ids.add(raw.doc_id)
        todo.append(raw)
    rejects = [r for r in rejects if (r.source_path, r.raw_sha256, r.reason) not in known_rejects]
    batches = [todo[i : i + settings.batch_size] for i in range(0, len(todo), settings.batch_size)]
    logger.info("run %s: %d files, %d to process in %d batches, %d unchanged", run_id, len(paths), len(todo), len(batches), skipped)
    store.record_run(
        {"run_id": run_id, "flow_run_id": str(flow_run.get_id() or ""), "started_at": started_at, "finished_at": None,
         "status": "running", "docs_seen": len(paths), "docs_loaded": 0, "docs_skipped": skipped,
         "docs_rejected": 0, "pipeline_version": batch_stage.STAGE_VERSIONS}
    )
    return Plan(run_id=run_id, started_at=started_at, batches=batches, docs_seen=len(paths), skipped=skipped, discovery_rejects=rejects)


@task(name="prepare", task_run_name="prepare[batch {number}/{total}]", retries=1, **STAGE)
def prepare(files: list[ingest.RawFile], settings: Settings, number: int, total: int) -> batch_stage.PreparedBatch:
    """Read, decode and clean one batch."""
    crash_point("clean")
    prepared = batch_stage.prepare_batch(files, settings)
    get_run_logger().info("batch %d/%d: %d cleaned, %d rejected", number, total, len(prepared.documents), len(prepared.rejects))
    return prepared


@task(name="tag", task_run_name="tag[batch {number}/{total}]", **STAGE)
def analyse(prepared: batch_stage.PreparedBatch, settings: Settings, run_id: str, number: int, total: int) -> dict[str, pa.Table]:
    """Segment and tag one batch into Arrow tables."""
    crash_point("tag")
    return batch_stage.analyse_batch(prepared, settings, run_id)


@task(name="load", task_run_name="load[batch {number}/{total}]", retries=2, retry_delay_seconds=2, **STAGE)
def load(tables: dict[str, pa.Table], settings: Settings, number: int, total: int) -> dict[str, int]:
    """Write one batch to Parquet and DuckDB, all its documents or none."""
    counts = Warehouse(settings.warehouse_dir).load_batch(tables)
    get_run_logger().info("batch %d/%d loaded: %s", number, total, counts)
    return counts


@task(name="load-rejects", **STAGE)
def load_rejects(rejects: list[batch_stage.Reject], settings: Settings, run_id: str) -> int:
    Warehouse(settings.warehouse_dir).load_batch({"rejects": batch_stage.rejects_table(rejects, run_id, now())})
    return len(rejects)


@task(name="models", **STAGE)
def build_models(settings: Settings) -> list[tuple[str, float]]:
    """Rebuild the SQL models and export them to Parquet."""
    logger = get_run_logger()
    store = Warehouse(settings.warehouse_dir)
    with store.connect() as con:
        crash_point("models")
        timings = models.run_models(con, settings.sql_dir / "models")
        for name, seconds in timings:
            if not name.startswith(models.STAGING_PREFIX):
                store.export_table(con, name)
            logger.info("model %s built in %.3f s", name, seconds)
    return timings


@task(name="data-tests", **STAGE)
def test_data(settings: Settings) -> list[data_tests.Outcome]:
    """Run the data tests; any offending row fails the flow with the tests' names and counts."""
    logger = get_run_logger()
    with Warehouse(settings.warehouse_dir).connect() as con:
        outcomes = data_tests.run_data_tests(con, settings.sql_dir / "tests")
    failures = [o for o in outcomes if not o.passed]
    logger.info("data tests: %d passed, %d failed", len(outcomes) - len(failures), len(failures))
    if failures:
        raise data_tests.DataTestFailure(failures)
    return outcomes


@task(name="finish", **STAGE)
def finish_run(totals: RunTotals, settings: Settings, status: str) -> RunTotals:
    finished_at = now()
    totals.seconds = (finished_at - totals.started_at).total_seconds()
    Warehouse(settings.warehouse_dir).record_run(
        {"run_id": totals.run_id, "flow_run_id": str(flow_run.get_id() or ""), "started_at": totals.started_at,
         "finished_at": finished_at, "status": status, "docs_seen": totals.docs_seen, "docs_loaded": totals.docs_loaded,
         "docs_skipped": totals.docs_skipped, "docs_rejected": totals.docs_rejected,
         "pipeline_version": batch_stage.STAGE_VERSIONS}
    )
    return totals
