"""The `depeche` subcommands that read or mend the warehouse: sql, status, test, check, repair, report."""

from __future__ import annotations

import argparse
import sys

from depeche.tasks.settings import Settings


def query_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="stop the query after this long (env DEPECHE_QUERY_TIMEOUT_SECONDS, default 300)")
    parser.add_argument("--memory-limit", default=None, help='e.g. "500MB" (env DEPECHE_QUERY_MEMORY_LIMIT, default 2GB)')
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (env DEPECHE_QUERY_THREADS, default 2)")


def _run_query(settings: Settings, args, sql: str):
    """The query under the settings' bounds; one line on stderr when the answer comes from the
    Parquet files."""
    from depeche.tasks.query import run_query

    result = run_query(
        settings.warehouse_dir, sql, memory_limit=settings.query_memory_limit, threads=settings.query_threads,
        timeout_seconds=settings.query_timeout_seconds,
    )
    if result.source == "parquet":
        print("note: a run is writing to the warehouse; answering from the Parquet files", file=sys.stderr)
    return result


def command_sql(settings: Settings, args) -> int:
    from depeche.tasks.query import format_result, write_parquet

    if args.max_rows < 0:
        print("depeche: --max-rows must be 0 (all) or more", file=sys.stderr)
        return 2
    if args.format == "parquet" and not args.output:
        print("depeche: --format parquet needs --output FILE", file=sys.stderr)
        return 2
    result = _run_query(settings, args, args.query)
    if args.format == "parquet":
        write_parquet(result, args.output)
        return 0
    text = format_result(result, args.format, max_rows=args.max_rows)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def command_status(settings: Settings, args) -> int:
    from depeche.tasks.query import format_result

    result = _run_query(
        settings, args,
        # every column but the long ones, so a warehouse written before a column was added still answers
        f"select * exclude (flow_run_id, pipeline_version) "
        f"from runs order by started_at desc limit {int(args.limit)}",
    )
    sys.stdout.write(format_result(result, "table", max_rows=0))
    return 0


def command_test(settings: Settings, args) -> int:
    """Data tests alone, on a read-only connection; exit 1 when any fails."""
    import duckdb

    from depeche.tasks.data_tests import run_data_tests
    from depeche.tasks.query import SAFE_CONFIG

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


def command_repair(settings: Settings, args) -> int:
    """Rebuild the DuckDB file from Parquet when it is gone or unreadable, else rewrite damaged
    Parquet files from DuckDB; then rebuild the models and check."""
    from depeche.tasks.models import materialise
    from depeche.tasks.warehouse import Warehouse, repair, run_lock

    store = Warehouse(settings.warehouse_dir, settings.lock_wait_seconds)
    if not store.duckdb_path.exists() and not store.data_files():
        raise FileNotFoundError(f"no warehouse at {settings.warehouse_dir}: nothing to repair")
    with run_lock(settings.warehouse_dir):
        actions = repair(store)
        materialise(store, settings.sql_dir / "models")
    for action in actions or ["nothing to repair: DuckDB and Parquet agree"]:
        print(action)
    problems = store.verify()
    for problem in problems:
        print(f"problem: {problem}")
    print("warehouse repaired: Parquet and DuckDB agree" if not problems else f"{len(problems)} problem(s) remain")
    return 1 if problems else 0


def command_check(settings: Settings, args) -> int:
    """Parquet and DuckDB agree table by table, and the data tests (offsets in bounds, foreign
    keys, keys, accepted values) pass; exit 1 with a readable report when not."""
    from depeche.tasks.warehouse import Warehouse

    store = Warehouse(settings.warehouse_dir)
    problems = store.verify()
    for problem in problems:
        print(f"problem: {problem}")
    print("Parquet and DuckDB agree" if not problems else f"{len(problems)} Parquet/DuckDB problem(s) found: `depeche repair` fixes them")
    set_aside = list(store.quarantine_dir.glob("*/*")) if store.quarantine_dir.exists() else []
    if set_aside:
        print(f"note: {len(set_aside)} file(s) set aside in {store.quarantine_dir} (left by crashes or repairs; delete them once looked at)")
    tests_failed = command_test(settings, args)
    print("warehouse consistent" if not problems and not tests_failed else "warehouse NOT consistent")
    return 1 if problems or tests_failed else 0


def parse_day(option: str, value: str | None):
    """A --since/--until value as a date, or a one-line error."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReportRefused(f"{option} {value!r} is not a date: use YYYY-MM-DD, e.g. 2023-02-22") from None


class ReportRefused(ValueError):
    """A report option the user got wrong: one line, exit 2."""


def command_report(settings: Settings, args) -> int:
    """The report page from a read-only connection (the committed Parquet files while a run writes)."""
    from depeche.tasks.data_tests import run_data_tests
    from depeche.tasks.query import open_reader, reader_config
    from depeche.tasks.report_html import UnknownActor, build_report, cameo_labels, resolve_scope, write_report
    from depeche.tasks.warehouse import Warehouse

    try:
        since, until = parse_day("--since", args.since), parse_day("--until", args.until)
        if since and until and since > until:
            raise ReportRefused(f"--since {since} is after --until {until}")
    except ReportRefused as error:
        print(f"depeche: {error}", file=sys.stderr)
        return 2
    con, source = open_reader(Warehouse(settings.warehouse_dir), reader_config(settings.query_memory_limit, settings.query_threads))
    try:
        try:
            scope = resolve_scope(con, since, until, args.actor)
        except UnknownActor as error:
            print(f"depeche: {error}", file=sys.stderr)
            return 2
        outcomes = run_data_tests(con, settings.sql_dir / "tests")
        html = build_report(con, scope, cameo_labels(settings.reference_dir), outcomes, source=str(settings.warehouse_dir))
    finally:
        con.close()
    if source == "parquet":
        print("note: a run is writing to the warehouse; the report shows the committed Parquet files", file=sys.stderr)
    path = write_report(html, args.output or settings.warehouse_dir / "report" / "index.html")
    print(f"report written: {path.as_uri()}")
    return 0
