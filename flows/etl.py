"""The ETL flow: plan, then per batch analyse (in a worker) -> load, then the SQL models, data tests and
the run's report. Its one parameter is the whole settings object (a pydantic model, which a
deployment stores as JSON and Prefect validates back into Settings).

No `from __future__ import annotations` here: a served run validates its parameters against the
flow's signature, and Prefect cannot resolve an annotation left as the string "Settings"."""

from collections import deque
from contextlib import contextmanager, nullcontext

from prefect import flow
from prefect.exceptions import TerminationSignal
from prefect.runtime import flow_run
from prefect.states import Cancelled

from depeche.tasks.batch import CODE_ERROR_REASONS
from depeche.tasks.data_tests import DataTestFailure
from depeche.tasks.progress import RunProgress
from depeche.tasks.settings import Settings
from depeche.tasks.steps import (
    RunTotals, analyse, build_models, finish_run, load, load_rejects, plan_run, prune_removed, report_run, run_data_tests,
    warehouse_of,
)
from depeche.tasks.warehouse import run_lock
from depeche.tasks.workers import dask_address, local_cluster_kwargs, worker_pool


def _run_name() -> str:
    settings = _as_settings(flow_run.parameters.get("settings"))
    return f"etl {settings.raw_dir} -> {settings.warehouse_dir}"


def _as_settings(value) -> Settings:
    """A flow run's settings parameter: the object itself, or the JSON a deployment stored."""
    return value if isinstance(value, Settings) else Settings.model_validate(value or {})


@flow(name="depeche-etl", flow_run_name=_run_name)
def etl(settings: Settings) -> RunTotals:
    """Load new and changed raw articles into the warehouse and rebuild the models."""
    with run_lock(settings.warehouse_dir):
        plan = plan_run(settings)  # which may wipe the warehouse (--full-refresh): before it is held
        with warehouse_of(settings).held():
            return _run_plan(plan, settings)


def _run_plan(plan, settings: Settings) -> RunTotals:
    """The run once its plan is made: the batches, the models, the data tests, the run's record and report."""
    totals = RunTotals.from_plan(plan)
    status = "failed"
    progress = RunProgress(plan.documents, len(plan.batches))
    try:
        rejected = load_rejects(plan.discovery_rejects, settings, plan.run_id)
        totals.discovery_rejected = totals.docs_rejected = rejected
        if settings.prune and plan.removed:
            totals.docs_pruned = prune_removed(plan.removed, settings)
        _process_batches(plan, settings, totals, progress)
        totals.model_seconds = build_models(settings)
        tested = run_data_tests(settings)
        totals.data_tests = tested.value
        totals.stage_seconds.update(tested.seconds)
        status = "completed" if totals.data_tests_passed == len(totals.data_tests) and not totals.code_errors else "failed"
    except (KeyboardInterrupt, TerminationSignal):
        # SIGINT or SIGTERM: what is loaded stays (each batch committed whole), the run says so.
        status = "cancelled"
    finally:
        progress.close()
        finish_run(totals, settings, status)
        report_run(totals, settings, status)
    if status == "cancelled":
        return Cancelled(message=f"stopped by a signal after {totals.docs_loaded} of {totals.docs_submitted} documents were loaded")
    failures = [outcome for outcome in totals.data_tests if not outcome.passed]
    if failures:
        raise DataTestFailure(failures)
    if totals.code_errors:
        raise StageBugs(totals.code_errors)
    return totals


class StageBugs(RuntimeError):
    """Documents were rejected for a bug in a stage: the rest is loaded, but the run must not pass."""

    def __init__(self, count: int):
        reasons = "', '".join(CODE_ERROR_REASONS)
        super().__init__(
            f"{count} document(s) hit a bug in a stage and were rejected (the rest is loaded): "
            f"depeche sql \"select source_path, detail from rejects where reason in ('{reasons}')\""
        )


def run_etl(settings: Settings) -> RunTotals:
    """Run the flow once with `settings`, on the task runner they name."""
    if settings.runner == "dask":
        settings = settings.resolved()  # a Dask worker's working directory is its own
    with api_for_dask_workers() if settings.runner == "dask" else nullcontext():
        return etl.with_options(task_runner=task_runner(settings))(settings=settings)


@contextmanager
def api_for_dask_workers():
    """Without a configured Prefect server, each Dask worker would start a temporary server of its
    own, seconds per worker, and keep its task runs there, out of the UI. Name the flow process's
    own temporary server instead: prefect-dask ships the settings to the workers with each task.
    (A cluster on other machines needs a real server: PREFECT_API_URL, for the flow and the workers.)"""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one Prefect itself starts for a run without a server
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def task_runner(settings: Settings):
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        address = dask_address(settings)
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs=local_cluster_kwargs(settings))
    from prefect.task_runners import ThreadPoolTaskRunner

    # Threads only wait, on the worker processes: one per batch in flight.
    return ThreadPoolTaskRunner(max_workers=batches_in_flight(settings))


def batches_in_flight(settings: Settings) -> int:
    """One batch per worker, and one waiting, so no worker idles while the flow loads a batch;
    no more, so memory stays flat however large the corpus is. On Dask, one waiting per worker:
    a batch reaches a free worker only through the scheduler, and a finished batch only after
    Prefect's task engine in the worker has reported it, so a single spare left workers idle
    (1,000 documents, 2 workers: 12 % of their time, against 5 % with two)."""
    if settings.runner == "dask":
        return 2 * settings.workers + 1
    return settings.workers + 1


def _process_batches(plan, settings: Settings, totals: RunTotals, progress: RunProgress) -> None:
    total = len(plan.batches)
    in_flight: deque = deque()
    with worker_pool(settings) if settings.runner == "local" and plan.batches else nullcontext():
        for number, files in enumerate(plan.batches, start=1):
            replaces = {f.doc_id: plan.replaces[f.doc_id] for f in files if f.doc_id in plan.replaces}
            in_flight.append((number, len(files), replaces, analyse.submit(files, settings, plan.run_id, number, total, plan.boilerplate)))
            if len(in_flight) >= batches_in_flight(settings):
                _load_oldest(in_flight, settings, total, totals, progress)
        while in_flight:
            _load_oldest(in_flight, settings, total, totals, progress)


def _load_oldest(in_flight: deque, settings: Settings, total: int, totals: RunTotals, progress: RunProgress) -> None:
    number, documents, replaces, future = in_flight.popleft()
    totals.add_batch(load(future.result(), replaces, settings, number, total))
    progress.advance(documents, number)
