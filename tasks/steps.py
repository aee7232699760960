"""Prefect tasks: thin wrappers that batch, retry and log around the pure stage functions."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from depeche.tasks import batch as batch_stage
from depeche.tasks import data_tests, ingest, models, planning, report, report_html, workers
from depeche.tasks.settings import Settings
from depeche.tasks.faults import crash_point
from depeche.tasks.preflight import EnvironmentProblem, check_environment
from depeche.tasks.warehouse import Warehouse, WarehouseNeedsRepair, now

# Prefect's task cache is off: the warehouse itself is the cache, keyed on content and code
# version (a document whose bytes and pipeline version are unchanged is never re-processed), and
# hashing batches of documents for Prefect's cache key would cost more than it saves.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)

T = TypeVar("T")


@dataclass
class Timed(Generic[T]):
    """A batch's output from one stage, with the seconds each stage spent on it so far and how many
    of its documents came through cleaning."""

    value: T
    seconds: dict[str, float]
    cleaned: int = 0
    code_errors: int = 0  # documents rejected for a bug in a stage (batch.CODE_ERROR_REASONS)


@dataclass
class Plan:
    """What a run has to do: batches of new or changed files, and what it can skip."""

    run_id: str
    started_at: datetime
    batches: list[list[ingest.RawFile]]
    docs_seen: int
    skipped: int
    discovery_rejects: list[batch_stage.Reject] = field(default_factory=list)
    # Documents no raw file holds any more, by doc_id, with the path they were loaded from.
    removed: dict[str, str] = field(default_factory=dict)
    # New doc_id -> older versions of the same file (edited in place), replaced when it loads.
    replaces: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    quarantined: int = 0  # unlisted Parquet files (a crash's leftovers) moved aside at the start
    # Lines the warehouse has seen recur on several pages of one source, by source (boilerplate.py).
    boilerplate: dict[str, list[str]] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return sum(len(files) for files in self.batches)


@dataclass
class RunTotals:
    run_id: str
    started_at: datetime
    docs_seen: int = 0
    docs_submitted: int = 0
    docs_cleaned: int = 0
    docs_loaded: int = 0
    docs_skipped: int = 0
    docs_rejected: int = 0
    discovery_rejected: int = 0
    docs_removed: int = 0
    docs_pruned: int = 0
    code_errors: int = 0
    quarantined: int = 0
    removed_paths: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    model_seconds: list[tuple[str, float]] = field(default_factory=list)
    data_tests: list[data_tests.Outcome] = field(default_factory=list)
    seconds: float = 0.0
    flow_run_id: str = ""

    @classmethod
    def from_plan(cls, plan: Plan) -> "RunTotals":
        return cls(
            run_id=plan.run_id, started_at=plan.started_at, docs_seen=plan.docs_seen, docs_skipped=plan.skipped,
            docs_submitted=plan.documents, docs_removed=len(plan.removed), removed_paths=sorted(plan.removed.values()), quarantined=plan.quarantined,
            stage_seconds={"plan": plan.seconds}, flow_run_id=str(flow_run.get_id() or ""),
        )

    @property
    def data_tests_passed(self) -> int:
        return sum(outcome.passed for outcome in self.data_tests)

    def add_batch(self, loaded: Timed[dict[str, int]]) -> None:
        counts = loaded.value
        self.docs_cleaned += loaded.cleaned
        self.code_errors += loaded.code_errors
        for name, count in counts.items():
            if name not in ("documents", "rejects"):
                self.rows[name] = self.rows.get(name, 0) + count
        self.docs_loaded += counts.get("documents", 0)
        self.docs_rejected += counts.get("rejects", 0)
        for stage, spent in loaded.seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + spent


def run_row(run_id: str, started_at: datetime, status: str, *, finished_at: datetime | None = None, docs_seen: int = 0,
            docs_loaded: int = 0, docs_skipped: int = 0, docs_rejected: int = 0, docs_removed: int = 0, docs_pruned: int = 0) -> dict:
    """The run's row of the `runs` table, as the run starts and as it ends."""
    return {
        "run_id": run_id, "flow_run_id": str(flow_run.get_id() or ""), "started_at": started_at, "finished_at": finished_at,
        "status": status, "docs_seen": docs_seen, "docs_loaded": docs_loaded, "docs_skipped": docs_skipped,
        "docs_rejected": docs_rejected, "pipeline_version": batch_stage.STAGE_VERSIONS, "docs_removed": docs_removed,
        "docs_pruned": docs_pruned,
    }


def _hash_or_reject(path: str, max_bytes: int) -> ingest.RawFile | ingest.Rejected:
    try:
        return ingest.hash_file(path, max_bytes)
    except ingest.Rejected as rejected:
        return rejected


def warehouse_of(settings: Settings) -> Warehouse:
    return Warehouse(settings.warehouse_dir, settings.lock_wait_seconds)


def _transient(task, task_run, state) -> bool:
    """Retry I/O hiccups, never a broken environment or warehouse: those need a person."""
    return not isinstance(state.result(raise_on_failure=False), (EnvironmentProblem, WarehouseNeedsRepair))


@task(name="plan", task_run_name="plan", retries=2, retry_delay_seconds=1, retry_condition_fn=_transient, **STAGE)
def plan_run(settings: Settings) -> Plan:
    """Prepare the warehouse, find the raw files, and batch those not loaded at this pipeline version;
    note the documents whose file was removed or edited since."""
    clock = time.perf_counter()
    logger = get_run_logger()
    check_environment(settings)
    store = warehouse_of(settings)
    if settings.full_refresh:
        store.wipe()
    quarantined = store.initialise()
    if quarantined:
        logger.warning(
            "%d Parquet file(s) that no committed load lists (left by a crash) were moved to %s", len(quarantined), store.quarantine_dir,
        )
    run_id = uuid.uuid4().hex[:12]
    started_at = now()
    paths, problems = ingest.discover(settings.raw_dir)
    found = [(path, _hash_or_reject(path, settings.max_file_bytes)) for path in paths]
    found += [(path, ingest.Rejected(reason, detail)) for path, reason, detail in problems]  # unlistable directories
    decision = planning.decide(
        found, store.known_documents(), store.known_rejects(), lambda language: batch_stage.pipeline_version(settings, language),
    )
    removed, skipped = decision.removed, decision.skipped
    if removed:
        logger.warning(
            "%d document(s) no longer in %s, e.g. %s; %s", len(removed), settings.raw_dir, next(iter(removed.values())),
            "pruning them" if settings.prune else "kept in the warehouse (--prune deletes them)",
        )
    todo = decision.todo
    batches = planning.batches(todo, settings.batch_size, settings.workers)
    logger.info("run %s: %d files, %d to process in %d batches, %d unchanged", run_id, len(paths), len(todo), len(batches), skipped)
    store.record_run(run_row(run_id, started_at, "running", docs_seen=len(paths), docs_skipped=skipped, docs_removed=len(removed)))
    return Plan(
        run_id=run_id, started_at=started_at, batches=batches, docs_seen=len(paths), skipped=skipped,
        discovery_rejects=decision.rejects, removed=removed, replaces=decision.replaces, seconds=time.perf_counter() - clock,
        quarantined=len(quarantined), boilerplate=store.boilerplate_lines() if todo else {},
    )


@task(name="analyse", task_run_name="analyse[batch {number}/{total}]", retries=1, **STAGE)
def analyse(files: list[ingest.RawFile], settings: Settings, run_id: str, number: int, total: int,
            known_boilerplate: dict[str, list[str]] | None = None) -> Timed[dict[str, pa.Table]]:
    """Read, decode, clean, segment, tag and code one batch into Arrow tables (in a worker process)."""
    crash_point("clean")
    processed = workers.process(files, settings, run_id, known_boilerplate)
    crash_point("tag")
    rejected = processed.tables["rejects"].num_rows
    get_run_logger().info("batch %d/%d: %d cleaned and analysed, %d rejected", number, total, len(files) - rejected, rejected)
    return Timed(processed.tables, processed.seconds, processed.cleaned)


@task(name="load", task_run_name="load[batch {number}/{total}]", retries=2, retry_delay_seconds=2, **STAGE)
def load(analysed: Timed[dict[str, pa.Table]], replaces: dict[str, list[str]], settings: Settings, number: int, total: int) -> Timed[dict[str, int]]:
    """Write one batch to Parquet and DuckDB, all its documents or none (with the older versions
    of edited files it replaces)."""
    clock = time.perf_counter()
    logger = get_run_logger()
    counts = warehouse_of(settings).load_batch(analysed.value, replaces)
    logger.info("batch %d/%d loaded: %s", number, total, counts)
    rejects = analysed.value.get("rejects")
    code_errors = [row for row in (rejects.to_pylist() if rejects is not None else []) if row["reason"] in batch_stage.CODE_ERROR_REASONS]
    for row in code_errors:
        logger.error("%s: %s (a bug, not bad input: the run will end failed)", row["source_path"], row["detail"])
    return Timed(counts, {**analysed.seconds, "load": time.perf_counter() - clock}, analysed.cleaned, len(code_errors))


@task(name="load-rejects", task_run_name="load-rejects", **STAGE)
def load_rejects(rejects: list[batch_stage.Reject], settings: Settings, run_id: str) -> int:
    warehouse_of(settings).load_batch({"rejects": batch_stage.rejects_table(rejects, run_id, now())})
    return len(rejects)


@task(name="prune", task_run_name="prune", retries=2, retry_delay_seconds=1, **STAGE)
def prune_removed(removed: dict[str, str], settings: Settings) -> int:
    """Delete the documents whose raw file is gone (asked for with --prune)."""
    pruned = warehouse_of(settings).remove_documents(sorted(removed))
    get_run_logger().warning("pruned %d document(s) whose raw file was removed", pruned)
    return pruned


@task(name="models", task_run_name="models", **STAGE)
def build_models(settings: Settings) -> list[tuple[str, float]]:
    """Rebuild the SQL models and export them to Parquet."""
    logger = get_run_logger()
    crash_point("models")
    timings = models.materialise(warehouse_of(settings), settings.sql_dir / "models")
    for name, seconds in timings:
        logger.info("model %s built in %.3f s", name, seconds)
    return timings


@task(name="data-tests", task_run_name="data-tests", **STAGE)
def run_data_tests(settings: Settings) -> Timed[list[data_tests.Outcome]]:
    """Run the data tests; failures are logged here and fail the flow once the run is reported."""
    clock = time.perf_counter()
    logger = get_run_logger()
    with warehouse_of(settings).connect() as con:
        outcomes = data_tests.run_data_tests(con, settings.sql_dir / "tests")
    failures = [o for o in outcomes if not o.passed]
    logger.info("data tests: %d passed, %d failed", len(outcomes) - len(failures), len(failures))
    for failure in failures:
        logger.error("data test %s failed: %d offending rows", failure.name, failure.offending_rows)
    return Timed(outcomes, {"data tests": time.perf_counter() - clock})


@task(name="finish", task_run_name="finish", **STAGE)
def finish_run(totals: RunTotals, settings: Settings, status: str) -> RunTotals:
    finished_at = now()
    totals.seconds = (finished_at - totals.started_at).total_seconds()
    warehouse_of(settings).record_run(run_row(
        totals.run_id, totals.started_at, status, finished_at=finished_at, docs_seen=totals.docs_seen, docs_loaded=totals.docs_loaded,
        docs_skipped=totals.docs_skipped, docs_rejected=totals.docs_rejected, docs_removed=totals.docs_removed,
        docs_pruned=totals.docs_pruned,
    ))
    return totals


@task(name="report", task_run_name="report", **STAGE)
def report_run(totals: RunTotals, settings: Settings, status: str) -> None:
    """Publish the run's stage table and summary as Prefect artifacts, for the UI, and write the
    HTML report to `<warehouse>/report/index.html` (a failure to draw it is a warning, never a
    failed run)."""
    logger = get_run_logger()
    labels, page = {}, None
    with warehouse_of(settings).connect() as con:
        highlights = report.run_highlights(con, totals.run_id)
        try:
            labels = report_html.cameo_labels(settings.reference_dir)
            page = report_html.build_report(con, report_html.Scope(), labels, totals.data_tests or None, source=str(settings.warehouse_dir))
        except Exception as error:  # the report is a view: the run's data and outcome stand without it
            logger.warning("the HTML report could not be drawn: %s: %s", type(error).__name__, error)
    create_table_artifact(
        key="depeche-stages", table=report.stage_rows(totals),
        description=f"Run {totals.run_id} ({status}): documents in/out, rejected, rows and seconds per stage",
    )
    report_path = None
    if page is not None:
        try:
            report_path = report_html.write_report(page, settings.warehouse_dir / "report" / "index.html")
            logger.info("report written: %s", report_path.as_uri())
        except OSError as error:
            logger.warning("the HTML report could not be written: %s", error)
    create_markdown_artifact(
        key="depeche-summary", markdown=report.summary_markdown(totals, highlights, status, report_path=report_path, labels=labels),
        description=f"Run {totals.run_id}: {status}",
    )
