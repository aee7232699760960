"""The ETL flow: plan, then per batch prepare -> tag -> load, then the SQL models."""

from __future__ import annotations

from collections import deque

from prefect import flow

from tasks.settings import Settings
from tasks.steps import RunTotals, analyse, build_models, finish_run, load, load_rejects, plan_run, prepare, test_data


@flow(name="depeche-etl", flow_run_name="etl {settings.raw_dir}", validate_parameters=False)
def etl(settings: Settings) -> RunTotals:
    """Load new and changed raw articles into the warehouse and rebuild the models."""
    plan = plan_run(settings)
    totals = RunTotals(run_id=plan.run_id, started_at=plan.started_at, docs_seen=plan.docs_seen, docs_skipped=plan.skipped)
    totals.docs_rejected += load_rejects(plan.discovery_rejects, settings, plan.run_id)
    try:
        _process_batches(plan, settings, totals)
        totals.model_seconds = build_models(settings)
        totals.data_tests_passed = len(test_data(settings))
    except BaseException:
        finish_run(totals, settings, "failed")
        raise
    return finish_run(totals, settings, "completed")


def _process_batches(plan, settings: Settings, totals: RunTotals) -> None:
    total = len(plan.batches)
    # At most `workers` batches are in flight, so memory stays flat however large the corpus is.
    in_flight: deque = deque()
    for number, files in enumerate(plan.batches, start=1):
        prepared = prepare.submit(files, settings, number, total)
        in_flight.append((number, analyse.submit(prepared, settings, plan.run_id, number, total)))
        if len(in_flight) >= settings.workers:
            _load_oldest(in_flight, settings, total, totals)
    while in_flight:
        _load_oldest(in_flight, settings, total, totals)


def _load_oldest(in_flight: deque, settings: Settings, total: int, totals: RunTotals) -> None:
    number, future = in_flight.popleft()
    tables = future.result()
    counts = load(tables, settings, number, total)
    totals.add_rows(counts)
    totals.docs_loaded += counts.get("documents", 0)
    totals.docs_rejected += counts.get("rejects", 0)
