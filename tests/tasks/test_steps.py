"""The task module's plain parts: run totals, the runs row, what is retried. The tasks themselves
run in the real flow (tests/test_e2e.py, tests/test_operations.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from prefect.states import Failed

from depeche.tasks.data_tests import Outcome
from depeche.tasks.preflight import EnvironmentProblem
from depeche.tasks.steps import Plan, RunTotals, Timed, _transient, run_row
from depeche.tasks.warehouse import RUNS_SCHEMA, WarehouseNeedsRepair

STARTED = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_totals_start_from_the_plan_and_add_up_batches():
    plan = Plan(run_id="r", started_at=STARTED, batches=[["a", "b"], ["c"]], docs_seen=5, skipped=2,
                removed={"d9": "gone.txt"}, seconds=0.5, quarantined=1)
    totals = RunTotals.from_plan(plan)
    assert (totals.docs_submitted, totals.docs_removed, totals.removed_paths, totals.quarantined) == (3, 1, ["gone.txt"], 1)
    totals.add_batch(Timed({"documents": 2, "rejects": 1, "sentences": 10}, {"clean": 1.0, "tag": 2.0}, cleaned=2, code_errors=1))
    totals.add_batch(Timed({"documents": 1, "sentences": 4}, {"clean": 0.5}, cleaned=1))
    assert (totals.docs_loaded, totals.docs_rejected, totals.docs_cleaned, totals.code_errors) == (3, 1, 3, 1)
    assert totals.rows == {"sentences": 14} and totals.stage_seconds == {"plan": 0.5, "clean": 1.5, "tag": 2.0}
    totals.data_tests = [Outcome("a", 0), Outcome("b", 3)]
    assert totals.data_tests_passed == 1


def test_the_runs_row_has_exactly_the_columns_of_the_runs_table():
    row = run_row("r", STARTED, "running", docs_seen=4, docs_skipped=1)
    assert list(row) == RUNS_SCHEMA.names
    assert (row["status"], row["docs_seen"], row["docs_skipped"], row["finished_at"]) == ("running", 4, 1, None)


def test_a_broken_environment_or_warehouse_is_never_retried():
    assert not _transient(None, None, Failed(data=EnvironmentProblem("no model")))
    assert not _transient(None, None, Failed(data=WarehouseNeedsRepair("lost")))
    assert _transient(None, None, Failed(data=OSError("a busy disk")))
