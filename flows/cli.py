"""The `depeche` command: run or serve the flow, start the Prefect UI, query the warehouse, show runs."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from depeche.flows.server import DEFAULT_PORT
from depeche.flows.warehouse_commands import (
    command_check, command_repair, command_report, command_sql, command_status, command_test, query_options,
)
from depeche.tasks.settings import RUNNERS, Settings, ValidationError

def user_data_dir() -> Path:
    """Where Dépêche keeps its own state for this user (XDG), never inside the install or a checkout."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "depeche"


PREFECT_DEFAULTS = {
    # Dépêche's own Prefect database and settings, apart from any other Prefect project of the user's
    # and from the install directory (a wheel in site-packages, a shared checkout).
    "PREFECT_HOME": str(user_data_dir() / "prefect"),
    # No telemetry: the client's (DO_NOT_TRACK, which also silences its notice) and the server's.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # Run logs (INFO, with tracebacks) reach the Prefect UI; the terminal shows the progress, the
    # summary and, on failure, one line (the summary repeats what the run's warnings say).
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
}


def configure_prefect() -> None:
    """Embedded-mode defaults, set before Prefect is imported; the user's environment wins."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    home = Path(os.environ["PREFECT_HOME"]).expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)  # Prefect creates only the last level, and fails late
    except OSError as error:
        raise RuntimeError(f"cannot create Prefect's home directory {home}: {error.strerror or error} (set PREFECT_HOME)") from None


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", type=Path, default=None, help="warehouse directory (env DEPECHE_WAREHOUSE, default data/warehouse)")


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=None, help="raw articles directory (env DEPECHE_RAW, default data/raw)")
    _warehouse_option(parser)
    parser.add_argument("--batch-size", type=int, default=None, help="documents per task at most (env DEPECHE_BATCH_SIZE, default 100)")
    parser.add_argument("--runner", choices=RUNNERS, default=None, help="local: a pool of --workers processes on this machine (default); dask: a Dask cluster (--dask-address, or a new local one)")
    parser.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                        help="the scheduler of an existing Dask cluster, for --runner dask (env DEPECHE_DASK_ADDRESS)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (env DEPECHE_WORKERS; default: one per core, at most one per GiB of memory)")
    parser.add_argument("--gazetteer", type=Path, default=None, help="your own entity file, same columns as data/reference/people.csv (env DEPECHE_GAZETTEER_PATH)")
    parser.add_argument("--prune", action="store_true", help="delete from the warehouse the documents whose raw file was removed")


def _command(commands, name: str, what: str) -> argparse.ArgumentParser:
    """A subcommand whose one-line summary in `depeche --help` also opens its own `--help`."""
    return commands.add_parser(name, help=what, description=what[0].upper() + what[1:] + ".")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("depeche")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="depeche", description=__doc__)
    parser.add_argument("--version", action="version", version=f"depeche {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = _command(commands, "run", "load new and changed articles from the raw directory into the warehouse")
    _run_options(run)
    run.add_argument("--full-refresh", action="store_true", help="drop the warehouse and rebuild it from the raw files")
    run.add_argument("--summary-json", type=Path, default=None, metavar="FILE",
                     help="also write the run's totals (counts, rows, seconds per stage) to FILE as JSON, for scripts")

    serve = _command(commands, "serve", "run the flow on a schedule, visible in the Prefect UI (Ctrl-C stops)")
    _run_options(serve)
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help='a cron schedule, e.g. "*/30 * * * *"')
    when.add_argument("--interval", type=float, help="seconds between runs")
    serve.add_argument("--name", default="scheduled", help="deployment name (default: scheduled)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port of the local Prefect server started when PREFECT_API_URL is not set (default {DEFAULT_PORT})")

    ui = _command(commands, "ui", "start a local Prefect server and UI on 127.0.0.1 (Ctrl-C stops)")
    ui.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")

    sql = _command(commands, "sql", "run a read-only SQL query on the warehouse")
    sql.add_argument("query", help="one SQL statement, e.g. \"select * from events limit 5\"")
    _warehouse_option(sql)
    sql.add_argument("--format", choices=("table", "csv", "json", "jsonl", "parquet"), default="table",
                     help="table (default), csv, json (one array), jsonl (one object a line), or parquet (needs --output)")
    sql.add_argument("--output", type=Path, default=None, help="write to this file (required for parquet)")
    sql.add_argument("--max-rows", type=int, default=1000, help="table format: rows printed at most, 0 = all (default 1000)")
    query_options(sql)

    test = _command(commands, "test", "run the data tests on the warehouse (read-only)")
    _warehouse_option(test)
    test.add_argument("--sql-dir", type=Path, default=None, help="folder of the SQL models and tests (env DEPECHE_SQL, default: the installed sql/)")

    repair = _command(commands, "repair", "make DuckDB and Parquet agree again, rebuilding the damaged copy from the sound one")
    _warehouse_option(repair)
    repair.add_argument("--sql-dir", type=Path, default=None, help="folder of the SQL models and tests (env DEPECHE_SQL, default: the installed sql/)")

    check = _command(commands, "check", "verify that Parquet and DuckDB agree and the data tests pass")
    _warehouse_option(check)
    check.add_argument("--sql-dir", type=Path, default=None, help="folder of the SQL models and tests (env DEPECHE_SQL, default: the installed sql/)")

    report = _command(commands, "report", "write the warehouse's report: one HTML page of charts and tables that opens offline")
    _warehouse_option(report)
    report.add_argument("--output", type=Path, default=None, metavar="FILE", help="the HTML file to write (default WAREHOUSE/report/index.html)")
    report.add_argument("--since", default=None, metavar="YYYY-MM-DD", help="only articles and events dated on or after this day")
    report.add_argument("--until", default=None, metavar="YYYY-MM-DD", help="only articles and events dated on or before this day")
    report.add_argument("--actor", default=None, metavar="NAME", help="only this actor (canonical name or alias, any case) and its partners")

    status = _command(commands, "status", "show the last runs")
    _warehouse_option(status)
    status.add_argument("--limit", type=int, default=10, help="how many runs, newest first (default 10)")
    query_options(status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.load(
            raw_dir=getattr(args, "raw", None), warehouse_dir=getattr(args, "warehouse", None),
            batch_size=getattr(args, "batch_size", None), runner=getattr(args, "runner", None),
            workers=getattr(args, "workers", None), dask_address=getattr(args, "dask_address", None), full_refresh=getattr(args, "full_refresh", None) or None,
            prune=getattr(args, "prune", None) or None,
            gazetteer_path=getattr(args, "gazetteer", None), sql_dir=getattr(args, "sql_dir", None),
            query_timeout_seconds=getattr(args, "timeout", None), query_memory_limit=getattr(args, "memory_limit", None),
            query_threads=getattr(args, "threads", None),
        )
    except ValidationError as error:
        print(f"depeche: {settings_error(error)}", file=sys.stderr)
        return 2
    handler = {
        "run": command_run, "serve": command_serve, "ui": command_ui, "sql": command_sql, "status": command_status,
        "test": command_test, "check": command_check, "repair": command_repair, "report": command_report,
    }[args.command]
    try:
        return handler(settings, args)
    except BrokenPipeError:  # `depeche sql … | head`: the reader has all it wanted
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("depeche: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # one line for the user; DEPECHE_DEBUG=1 shows the traceback
        if os.environ.get("DEPECHE_DEBUG"):
            raise
        print(f"depeche: {_error_line(error)}", file=sys.stderr)
        return 1


def settings_error(error: ValidationError) -> str:
    """A settings problem in one line: which setting, what is wrong with it."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']} (got {e['input']!r})" for e in error.errors())


def _error_line(error: BaseException) -> str:
    """The error as one line: its own message for ours, the type too for anything unexpected."""
    from depeche.tasks.warehouse import one_line

    text = one_line(error)
    if isinstance(error, (RuntimeError, OSError, ValueError)) and type(error).__module__.split(".")[0] in ("depeche", "builtins"):
        return text
    return f"{type(error).__name__}: {text}"


def command_run(settings: Settings, args) -> int:
    started = time.perf_counter()
    configure_prefect()
    check_writable(settings)
    # Importing Prefect and starting its API take seconds: say so before they happen.
    print(f"depeche: run {settings.raw_dir} -> {settings.warehouse_dir}: starting Prefect and planning…", file=sys.stderr, flush=True)
    from depeche.tasks.workers import started_early

    # The workers load their models while Prefect starts (run_etl imports it and starts its API).
    with started_early(settings):
        from prefect.exceptions import CancelledRun

        from depeche.flows.etl import run_etl

        try:
            totals = run_etl(settings)
        except CancelledRun as stopped:
            print(f"depeche: run cancelled: {stopped}; `depeche status` shows it", file=sys.stderr)
            return 130
    wall_seconds = time.perf_counter() - started
    print_summary(totals, wall_seconds)
    if args.summary_json:
        write_summary_json(totals, wall_seconds, args.summary_json)
    return 0


def write_summary_json(totals, wall_seconds: float, path: Path) -> None:
    """The run's totals as JSON: every field of RunTotals, plus the command's wall time."""
    import dataclasses
    import json

    summary = {**dataclasses.asdict(totals), "wall_seconds": wall_seconds}
    path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")


def check_writable(settings: Settings) -> None:
    """Fail at once, clearly and before any flow run, when the environment is not fit (raw and
    warehouse directories, SQL, reference data, spaCy model) or another process writes to the
    warehouse (the flow takes the lock itself for the whole run)."""
    from depeche.tasks.preflight import check_environment
    from depeche.tasks.warehouse import Warehouse, run_lock

    check_environment(settings)
    if settings.full_refresh:
        return  # the database is about to be replaced: whether it opens does not matter
    store = Warehouse(settings.warehouse_dir, settings.lock_wait_seconds)
    with run_lock(settings.warehouse_dir):
        if store.duckdb_path.exists():
            with store.connect():
                pass


def print_summary(totals, seconds: float) -> None:
    """The per-stage table and the outcome, as a rich table (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    from depeche.tasks.report import stage_rows

    rows = stage_rows(totals)
    table = Table(title=f"run {totals.run_id}", title_justify="left")
    for column in rows[0]:
        table.add_column(column, justify="left" if column in ("stage", "produced") else "right")
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    console = Console(width=max(120, Console().width))
    console.print(table)
    lines = [
        f"{totals.docs_seen} files seen, {totals.docs_loaded} documents loaded, {totals.docs_skipped} skipped (unchanged), "
        f"{totals.docs_rejected} rejected",
        f"data tests: {totals.data_tests_passed} passed",
        f"time: {seconds:.1f} s (the run itself {totals.seconds:.1f} s, from planning to its record; the rest is start-up)",
    ]
    if totals.docs_rejected:
        lines.append('rejected files are listed in the rejects table: depeche sql "select * from rejects"')
    if os.environ.get("PREFECT_API_URL") and totals.flow_run_id:
        lines.append(f"in the Prefect UI: {os.environ['PREFECT_API_URL'].removesuffix('/').removesuffix('/api')}/runs/flow-run/{totals.flow_run_id}")
    if totals.quarantined:
        lines.append(f"{totals.quarantined} Parquet file(s) left by a crash were moved to the warehouse's quarantine/ folder")
    if totals.docs_removed and not totals.docs_pruned:
        lines.append(f"{totals.docs_removed} document(s) whose raw file was removed are kept in the warehouse; --prune deletes them")
    console.print("\n".join(lines), highlight=False, markup=False)


def command_serve(settings: Settings, args) -> int:
    """Serve the flow with a schedule until interrupted; start a local server when none is configured."""
    # A long-lived process: each served run's warnings and failures belong in its terminal.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    configure_prefect()
    from depeche.flows.server import api_url, is_healthy, local_server

    validate_schedule(args.cron, args.interval)
    settings = settings.resolved()
    if os.environ.get("PREFECT_API_URL"):
        return _serve(settings, args)
    url = api_url(args.port)
    if is_healthy(url):  # `depeche ui` already runs there
        os.environ["PREFECT_API_URL"] = url
        return _serve(settings, args)
    print(f"starting a local Prefect server: UI at {url.removesuffix('/api')}", flush=True)
    with local_server(args.port, log_path=Path(os.environ["PREFECT_HOME"]) / "server.log") as server:
        os.environ["PREFECT_API_URL"] = server.url
        return _serve(settings, args)


def validate_schedule(cron: str | None, interval: float | None) -> None:
    """Refuse a bad schedule before any server starts, with Prefect's own cron parser."""
    if interval is not None and not interval > 0:
        raise ValueError(f"--interval must be a positive number of seconds, got {interval:g}")
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError:
            raise ValueError(f"--cron {cron!r} is not a valid cron expression (e.g. \"*/30 * * * *\")") from None


def _serve(settings: Settings, args) -> int:
    from depeche.flows.etl import etl, task_runner

    print(f"serving deployment depeche-etl/{args.name} against {os.environ['PREFECT_API_URL']} (Ctrl-C stops)", flush=True)
    # Prefect's runner stops cleanly on SIGTERM, while a KeyboardInterrupt inside its event loop
    # ends in a page of asyncio shutdown errors: Ctrl-C takes the SIGTERM path.
    signal.signal(signal.SIGINT, lambda signum, frame: os.kill(os.getpid(), signal.SIGTERM))
    etl.with_options(task_runner=task_runner(settings)).serve(
        name=args.name, cron=args.cron, interval=args.interval, parameters={"settings": settings.model_dump(mode="json")}, limit=1,
        description=f"Load {settings.raw_dir} into {settings.warehouse_dir}",
    )
    return 0


def command_ui(settings: Settings, args) -> int:
    """Start the Prefect server and UI in the foreground on 127.0.0.1, until Ctrl-C."""
    configure_prefect()
    from depeche.flows.server import local_server

    log_path = Path(os.environ["PREFECT_HOME"]) / "server.log"
    try:
        with local_server(args.port, log_path=log_path) as server:
            print(
                f"Prefect UI: {server.url.removesuffix('/api')}\n"
                f"Point runs at it from another terminal:\n"
                f"  export PREFECT_API_URL={server.url}\n"
                f"  depeche run            # or: depeche serve --cron \"*/30 * * * *\"\n"
                f"Server log: {log_path}. Ctrl-C stops the server.",
                flush=True,
            )
            server.process.wait()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
