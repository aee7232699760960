"""The `depeche` command: run the flow, query the warehouse, show runs."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from tasks.settings import PROJECT_ROOT, RUNNERS, Settings

PREFECT_DEFAULTS = {
    # Project-local state, so a fresh clone needs no ~/.prefect and tests never touch the user's.
    "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
    # No internet here: analytics and update checks only produce warnings.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def configure_prefect() -> None:
    """Embedded-mode defaults, set before Prefect is imported; the user's environment wins."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", type=Path, default=None, help="warehouse directory (env DEPECHE_WAREHOUSE, default data/warehouse)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="depeche", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="load new and changed articles from the raw directory into the warehouse")
    run.add_argument("--raw", type=Path, default=None, help="raw articles directory (env DEPECHE_RAW, default data/raw)")
    _warehouse_option(run)
    run.add_argument("--full-refresh", action="store_true", help="drop the warehouse and rebuild it from the raw files")
    run.add_argument("--batch-size", type=int, default=None, help="documents per task (env DEPECHE_BATCH_SIZE)")
    run.add_argument("--runner", choices=RUNNERS, default=None, help="task runner: threads, or a local Dask cluster")
    run.add_argument("--workers", type=int, default=None, help="batches processed at once (env DEPECHE_WORKERS)")
    run.add_argument("--gazetteer", type=Path, default=None, help="your own entity file, same columns as data/reference/people.csv (env DEPECHE_GAZETTEER_PATH)")

    sql = commands.add_parser("sql", help="run a read-only SQL query on the warehouse")
    sql.add_argument("query")
    _warehouse_option(sql)
    sql.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table")
    sql.add_argument("--output", type=Path, default=None, help="write to this file (required for parquet)")

    test = commands.add_parser("test", help="run the data tests on the warehouse (read-only)")
    _warehouse_option(test)
    test.add_argument("--sql-dir", type=Path, default=None)

    check = commands.add_parser("check", help="verify that Parquet and DuckDB agree and the data tests pass")
    _warehouse_option(check)
    check.add_argument("--sql-dir", type=Path, default=None)

    status = commands.add_parser("status", help="show the last runs")
    _warehouse_option(status)
    status.add_argument("--limit", type=int, default=10)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.load(
            raw_dir=getattr(args, "raw", None), warehouse_dir=args.warehouse,
            batch_size=getattr(args, "batch_size", None), runner=getattr(args, "runner", None),
            workers=getattr(args, "workers", None), full_refresh=getattr(args, "full_refresh", None) or None,
            gazetteer_path=getattr(args, "gazetteer", None), sql_dir=getattr(args, "sql_dir", None),
        )
    except ValueError as error:
        print(f"depeche: {error}", file=sys.stderr)
        return 2
    handler = {"run": command_run, "sql": command_sql, "status": command_status, "test": command_test, "check": command_check}[args.command]
    try:
        return handler(settings, args)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"depeche: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `depeche sql … | head`: the reader has all it wanted
        sys.stderr.close()
        return 0


def command_run(settings: Settings, args) -> int:
    configure_prefect()
    from flows.etl import etl
    from tasks.warehouse import Warehouse, run_lock

    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw directory {settings.raw_dir} does not exist")
    started = time.perf_counter()
    with run_lock(settings.warehouse_dir):
        store = Warehouse(settings.warehouse_dir)
        with store.connect():  # fails at once, clearly, if another process holds the database
            pass
        if settings.full_refresh:
            store.wipe()
        totals = etl.with_options(task_runner=task_runner(settings))(settings)
    print(summary(totals, time.perf_counter() - started))
    return 0


def task_runner(settings: Settings):
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1, "processes": True})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=settings.workers)


def summary(totals, seconds: float) -> str:
    rows = ", ".join(f"{name} {count}" for name, count in sorted(totals.rows.items()) if name != "documents")
    return (
        f"run {totals.run_id}: {totals.docs_seen} files seen, {totals.docs_loaded} documents loaded, "
        f"{totals.docs_skipped} skipped (unchanged), {totals.docs_rejected} rejected"
        + (f"\nrows added: {rows}" if rows else "")
        + f"\ndata tests: {totals.data_tests_passed} passed"
        + f"\ntime: {seconds:.1f} s"
        + ("\nrejected files are listed in the rejects table: depeche sql \"select * from rejects\"" if totals.docs_rejected else "")
    )


def command_sql(settings: Settings, args) -> int:
    from tasks.query import format_result, run_query, write_parquet

    result = run_query(settings.warehouse_dir, args.query)
    if args.format == "parquet":
        if not args.output:
            print("depeche: --format parquet needs --output FILE", file=sys.stderr)
            return 2
        write_parquet(result, args.output)
        return 0
    text = format_result(result, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


def command_status(settings: Settings, args) -> int:
    from tasks.query import format_result, run_query

    result = run_query(
        settings.warehouse_dir,
        f"select run_id, status, started_at, finished_at, docs_seen, docs_loaded, docs_skipped, docs_rejected "
        f"from runs order by started_at desc limit {int(args.limit)}",
    )
    print(format_result(result, "table"))
    return 0


def command_test(settings: Settings, args) -> int:
    """Data tests alone, on a read-only connection; exit 1 when any fails."""
    import duckdb

    from tasks.data_tests import run_data_tests
    from tasks.query import SAFE_CONFIG

    if not settings.duckdb_path.exists():
        raise FileNotFoundError(f"no warehouse at {settings.duckdb_path}: run `depeche run` first")
    try:
        con = duckdb.connect(str(settings.duckdb_path), read_only=True, config=SAFE_CONFIG)
    except duckdb.IOException as error:
        raise RuntimeError(f"the warehouse is locked by a run in progress; try again when it ends ({error})") from None
    try:
        outcomes = run_data_tests(con, settings.sql_dir / "tests")
    finally:
        con.close()
    for outcome in outcomes:
        print(f"{'PASS' if outcome.passed else 'FAIL'}  {outcome.name}" + ("" if outcome.passed else f"  ({outcome.offending_rows} offending rows)"))
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return 1 if failed else 0


def command_check(settings: Settings, args) -> int:
    """Parquet and DuckDB agree table by table, and the data tests (offsets in bounds, foreign
    keys, keys, accepted values) pass; exit 1 with a readable report when not."""
    from tasks.warehouse import Warehouse

    problems = Warehouse(settings.warehouse_dir).verify()
    for problem in problems:
        print(f"problem: {problem}")
    print("Parquet and DuckDB agree" if not problems else f"{len(problems)} Parquet/DuckDB problem(s) found")
    tests_failed = command_test(settings, args)
    print("warehouse consistent" if not problems and not tests_failed else "warehouse NOT consistent")
    return 1 if problems or tests_failed else 0


if __name__ == "__main__":
    sys.exit(main())
