"""Worker processes for the CPU-bound stages (cleaning, spaCy, linking, events).

spaCy and the rules are Python holding the GIL, so threads share one core: the local runner's
tasks stay threads of the flow process (Prefect sees and logs them, loading stays in the flow
process) and hand each batch to a pool of `settings.workers` processes. Each process loads the
models once, in its initializer, while the others start too.

A batch gets `document_timeout_seconds` in a worker. A batch that overruns, or whose worker dies
(a segfault, the OOM killer), is retried document by document with the same limit, and the one
document that overruns or kills its worker alone becomes a `rejects` row; the worker is replaced.
Without an open pool (a Dask worker, a unit test) the stages run in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Callable, Iterator

import pyarrow as pa
from pebble import ProcessExpired, ProcessPool

from depeche.tasks import batch as batch_stage
from depeche.tasks import warehouse
from depeche.tasks.settings import Settings

# A worker is replaced after this many batches: what its caches gathered is given back, at the
# price of one more model load (a few seconds) every few thousand documents.
BATCHES_PER_WORKER = 200

_pool: ProcessPool | None = None
_pool_settings: Settings | None = None
_waiting: set = set()  # futures that task threads wait on: cancelled when the pool closes
_cluster: Future | None = None  # the local Dask cluster `started_early` is starting, for a `--runner dask` run


@contextmanager
def worker_pool(settings: Settings) -> Iterator[None]:
    """The pool of `settings.workers` processes for the batches of this process's run: the one
    `started_early` began for these settings, or a new one. Closed on the way out."""
    global _pool, _pool_settings
    if _pool is None or _pool_settings != settings:
        _open(settings)
    try:
        yield
    finally:
        _close()


@contextmanager
def started_early(settings: Settings) -> Iterator[None]:
    """Start the workers now, so they load their models while Prefect starts (seconds on every
    run) rather than after planning: the pool, which the run's `worker_pool` takes over, or for
    `--runner dask` without an address a local Dask cluster, which `dask_address` names to the
    run. Closed on the way out if the run did not close them (it had nothing to do, or it failed)."""
    global _cluster
    if settings.runner == "local":
        _open(settings)
        _pool.schedule(os.getpid)  # pebble starts its processes at the first task
        try:
            yield
        finally:
            _close()
        return
    if settings.dask_address:
        yield
        return
    # A thread: starting the cluster blocks until every worker has loaded its models.
    starter = ThreadPoolExecutor(max_workers=1)
    _cluster = starter.submit(_start_local_cluster, settings)
    starter.shutdown(wait=False)  # its one task still runs; nothing else will be given to it
    try:
        yield
    finally:
        starting, _cluster = _cluster, None
        starting.result().close()


def dask_address(settings: Settings) -> str | None:
    """The scheduler a `--runner dask` run sends its batches to: the one the settings name, or the
    local cluster `started_early` began (once it is up), or None: the run starts a cluster itself."""
    if settings.dask_address or _cluster is None:
        return settings.dask_address
    return _cluster.result().scheduler_address


def local_cluster_kwargs(settings: Settings) -> dict:
    """A LocalCluster of `settings.workers` worker processes of one thread each, warmed up by
    `dask_setup` as the pool's processes are by `_warm_up`."""
    return {"n_workers": settings.workers, "threads_per_worker": 1, "processes": True, "preload": [__name__], "preload_nanny": [__name__]}


def _start_local_cluster(settings: Settings):
    import dask
    from distributed import LocalCluster

    # What a cluster does for diagnostics and balance, paid for in CPU the batches share: the
    # statistical profiler samples the task's thread every 10 ms (~10 % of a worker's CPU on
    # spaCy's deep stacks); every server's event loop wakes every 20 ms to time itself (the
    # scheduler and nannies live in this, the flow process); work stealing rebalances queues
    # that hold at most two batches a worker. 1,000 documents: 35.6 s with them, 33.3 s without.
    with dask.config.set({
        "distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
        "distributed.scheduler.work-stealing": False,
    }):
        return LocalCluster(**local_cluster_kwargs(settings))


def _open(settings: Settings) -> None:
    global _pool, _pool_settings
    _close()
    # Spawned, not forked: the flow process runs Prefect's threads and event loop, which a fork
    # would copy mid-flight; and each worker starts from the environment of now (a fork server
    # would keep the one of its own start, in a long-lived `depeche serve`).
    _pool = ProcessPool(
        max_workers=settings.workers, max_tasks=BATCHES_PER_WORKER, initializer=_warm_up, initargs=(settings,),
        context=multiprocessing.get_context("spawn"),
    )
    _pool_settings = settings


def _close() -> None:
    global _pool, _pool_settings
    pool, _pool, _pool_settings = _pool, None, None
    if pool is not None:
        # A stopped run (SIGTERM, Ctrl-C) closes the pool under task threads still waiting on
        # it: their futures are cancelled, or the threads would wait for ever.
        for future in list(_waiting):
            future.cancel()
        pool.stop()  # an interrupted run leaves no worker behind
        pool.join()


def process(files: list, settings: Settings, run_id: str, known_boilerplate: dict | None = None) -> batch_stage.ProcessedBatch:
    """`batch.process_batch` in a worker, within the time limit."""
    lost: list[batch_stage.Reject] = []

    def failed(raw, reason: str, detail: str) -> None:
        lost.append(batch_stage.Reject(raw.path, raw.raw_sha256, reason, detail))

    parts = _bounded(batch_stage.process_batch, files, (settings, run_id, known_boilerplate), settings.document_timeout_seconds, failed)
    tables = [part.tables for part in parts] + [{"rejects": batch_stage.rejects_table(lost, run_id, warehouse.now())}]
    seconds: dict[str, float] = {}
    for part in parts:
        for stage, spent in part.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + spent
    return batch_stage.ProcessedBatch(
        {name: pa.concat_tables([t[name] for t in tables if name in t]) for name in (*warehouse.LOADED_TABLES, "rejects")},
        seconds, sum(part.cleaned for part in parts),
    )


def _bounded(stage: Callable, items: list, args: tuple, limit: float, failed: Callable) -> list:
    """[stage(items, *args)] from a worker; when the batch overruns `limit` or kills its worker,
    stage([item], *args) for each item, calling failed(item, reason, detail) for an item that
    overruns or kills its worker alone. Inline without a pool."""
    if _pool is None:
        return [stage(items, *args)]
    try:
        return [_in_worker(stage, (items, *args), limit)]
    except (FutureTimeout, ProcessExpired):
        pass
    parts = []
    for item in items:
        try:
            parts.append(_in_worker(stage, ([item], *args), limit))
        except FutureTimeout:
            failed(item, "timeout", f"processing took longer than {limit:g} s (document_timeout_seconds); the worker was stopped")
        except ProcessExpired as died:
            failed(item, "worker_died", f"the worker process processing it died ({died}); it was replaced")
    return parts


def _in_worker(stage: Callable, args: tuple, limit: float):
    future = _pool.schedule(stage, args=args, timeout=limit)
    _waiting.add(future)
    try:
        return future.result()
    finally:
        _waiting.discard(future)


def _warm_up(settings: Settings) -> None:
    """Load what every batch needs, once per worker process, before its first batch."""
    # Ctrl-C reaches the whole process group: the flow process stops the pool; a worker must not
    # print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _try_warm_up(settings)


def dask_setup(server) -> None:
    """Dask's preload hook, for a worker (`dask worker --preload depeche.tasks.workers`) and for its
    nanny (`--preload-nanny depeche.tasks.workers`); the local cluster of `--runner dask` has both.

    A worker is warmed up as the pool warms its processes, with the settings of its environment
    (DEPECHE_*), before it takes a task. A nanny starts its worker without MALLOC_TRIM_THRESHOLD_,
    which Dask sets by default (distributed.nanny.pre-spawn-environ): setting it at all freezes
    glibc's mmap threshold at 128 KiB, so every larger buffer spaCy's layers allocate is mapped and
    unmapped anew, and a Dask worker took ~20 % more CPU than a pool worker on the same batches."""
    from distributed import Nanny

    if isinstance(server, Nanny):
        for environment in (server.pre_spawn_env, server.env):
            environment.pop("MALLOC_TRIM_THRESHOLD_", None)
        return
    # What the first task would import on arrival, a second after the run asked for it: Prefect's
    # task engine, which runs the task here, and the module the task is defined in.
    import prefect.task_engine  # noqa: F401

    import depeche.tasks.steps  # noqa: F401

    _try_warm_up(Settings.load())


def _try_warm_up(settings: Settings) -> None:
    try:
        batch_stage.warm_up(settings)
    except Exception:  # noqa: BLE001 — the first batch meets the same problem and reports it as it should
        pass
