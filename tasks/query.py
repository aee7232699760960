"""Ad-hoc, read-only SQL on the warehouse (`depeche sql`, `depeche status`).

Contract: a query can read the warehouse's tables and nothing else. It cannot write or read any
file, attach a database, load an extension or change a setting (DuckDB's external access is off
and its configuration locked before the query runs), and it is bounded in memory, threads and time.
Statements on in-memory scratch objects (a temp table, dropping a view of the fallback) may
succeed: they vanish with the connection. The DuckDB file is held only while the query runs.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from depeche.tasks.settings import Settings
from depeche.tasks.warehouse import LOADED_TABLES, REPAIR_HINT, Warehouse, is_damage, one_line, read_manifest

# No reading or writing of files, no extensions, and no way for the query to switch that back on.
SAFE_CONFIG = {
    "enable_external_access": False, "autoinstall_known_extensions": False, "autoload_known_extensions": False,
    "lock_configuration": True,
}
BUSY_RETRY_SECONDS = 2.0
# After an interrupt DuckDB stops within milliseconds; past this, give up waiting for it.
STOP_GRACE_SECONDS = 10.0
TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class QueryError(RuntimeError):
    """A query that was refused, failed, timed out or was cancelled; the message is for the user."""


@dataclass
class QueryResult:
    table: pa.Table
    source: str  # "duckdb" or "parquet" (when a run holds the database)

    @property
    def columns(self) -> list[str]:
        return self.table.column_names

    @property
    def rows(self) -> list[tuple]:
        return _rows(self.table)


def reader_config(memory_limit: str, threads: int) -> dict:
    """SAFE_CONFIG plus the query's bounds. No temp directory: a query over the memory limit fails
    instead of spilling to disk (which would be a write, and could fill the disk)."""
    return {**SAFE_CONFIG, "memory_limit": memory_limit, "threads": threads, "temp_directory": ""}


_DEFAULTS = Settings.model_fields


def run_query(
    warehouse_dir: Path, sql: str, *, memory_limit: str = _DEFAULTS["query_memory_limit"].default,
    threads: int = _DEFAULTS["query_threads"].default, timeout_seconds: float = _DEFAULTS["query_timeout_seconds"].default,
    cancel: threading.Event | None = None,
) -> QueryResult:
    """Run `sql` on a read-only connection; while a run holds the database, answer from Parquet.

    Raises FileNotFoundError when there is no warehouse, QueryError for anything else that goes
    wrong (refused, failed, out of memory, past `timeout_seconds`, `cancel` set, Ctrl-C).
    """
    if not timeout_seconds > 0:
        raise ValueError(f"timeout_seconds must be positive, got {timeout_seconds}")
    store = Warehouse(Path(warehouse_dir))
    try:
        con, source = open_reader(store, reader_config(memory_limit, threads))
    except KeyboardInterrupt:
        raise QueryError("query cancelled") from None
    return QueryResult(execute(con, sql, timeout_seconds, cancel), source)


def open_reader(store: Warehouse, config: dict) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A read-only connection to the DuckDB file, or, when a writer holds it for longer than
    BUSY_RETRY_SECONDS, a connection over the Parquet files; with the source's name.
    FileNotFoundError when there is no warehouse."""
    if not store.duckdb_path.exists():
        raise FileNotFoundError(f"no warehouse at {store.duckdb_path}: run `depeche run` first")
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    while True:
        try:
            return _connect(str(store.duckdb_path), read_only=True, config=config), "duckdb"
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise QueryError(f"cannot open the warehouse: {one_line(error)}; {REPAIR_HINT}") from None
            if time.monotonic() >= deadline:
                return open_parquet_fallback(store, config), "parquet"
            time.sleep(0.1)
        except duckdb.Error as error:  # not a DuckDB file, opened elsewhere in this process with other settings…
            raise QueryError(f"cannot open the warehouse: {one_line(error)}") from None


def open_parquet_fallback(store: Warehouse, config: dict) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB where each `parquet/<table>/` folder is a table, scanned lazily by pyarrow.

    DuckDB itself opens no file (external access is off): pyarrow reads the Parquet files, and
    DuckDB sees them only as registered Arrow datasets. Only folders named like an SQL identifier
    become tables; no SQL text is ever built from a name or a path.
    """
    con = _connect(":memory:", read_only=False, config=config)
    try:
        for name, files in _parquet_tables(store.parquet_dir).items():
            # Files written before a column was added lack it: the union schema gives them nulls.
            schema = pa.unify_schemas([pq.read_schema(f) for f in files], promote_options="permissive")
            con.register(name, ds.dataset([str(f) for f in files], schema=schema, format="parquet"))
    except (OSError, pa.ArrowException) as error:  # a run replaced a file while we listed them
        con.close()
        raise QueryError(f"cannot read the warehouse's Parquet files while a run writes; try again ({error})") from None
    return con


def _parquet_tables(parquet_dir: Path) -> dict[str, list[Path]]:
    """Table name -> its Parquet files: for loaded tables the files of the last committed load
    (the manifest the writer publishes, so a batch written but not yet committed stays unseen),
    for the others every complete file (hidden and temporary files skipped)."""
    committed = read_manifest(parquet_dir)
    tables = {}
    directories = sorted(p for p in parquet_dir.iterdir() if p.is_dir()) if parquet_dir.is_dir() else []
    for directory in directories:
        if not TABLE_NAME.fullmatch(directory.name):
            continue
        files = sorted(f for f in directory.glob("*.parquet") if not f.name.startswith(".") and f.is_file())
        if committed is not None and directory.name in LOADED_TABLES:
            listed = set(committed.get(directory.name, []))
            files = [f for f in files if f.name in listed]
        if files:
            tables[directory.name] = files
    return tables


def _connect(database: str, read_only: bool, config: dict) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(database, read_only=read_only, config=config)
    except (duckdb.ParserException, duckdb.SyntaxException) as error:  # only the config is parsed here
        raise QueryError(f"invalid --memory-limit or --threads: {one_line(error)}") from None


def execute(con: duckdb.DuckDBPyConnection, sql: str, timeout_seconds: float,
            cancel: threading.Event | None = None) -> pa.Table:
    """Run `sql` on `con` and close it. The query runs in a worker thread so that the calling
    thread stays free to stop it (DuckDB's `interrupt`) at the timeout, when `cancel` is set, or
    on Ctrl-C, which Python delivers to the main thread only."""
    outcome: dict = {}
    done = threading.Event()  # not Thread.is_alive: a Ctrl-C inside Thread.join can leave it wrong

    def work() -> None:
        try:
            relation = con.sql(sql)
            outcome["table"] = relation.to_arrow_table() if relation is not None else pa.table({})
        except BaseException as error:  # handed to the calling thread
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=work, name="depeche-sql", daemon=True).start()
    deadline = time.monotonic() + timeout_seconds
    reason = None
    try:
        while not done.wait(min(0.05, max(0.0, deadline - time.monotonic()))):
            if cancel is not None and cancel.is_set():
                reason = "query cancelled"
            elif time.monotonic() >= deadline:
                reason = f"query interrupted after {timeout_seconds:g} s (--timeout)"
            if reason:
                break
    except KeyboardInterrupt:
        reason = "query cancelled"
    if reason is not None and not _stop(con, done):
        raise QueryError(reason)  # the connection is still in use: leave it to process exit
    con.close()
    if reason is not None:
        raise QueryError(reason)
    if "error" in outcome:
        raise _query_error(outcome["error"])
    return outcome["table"]


def _stop(con: duckdb.DuckDBPyConnection, done: threading.Event) -> bool:
    """Interrupt the query until it stops (an interrupt landing just before the query starts is
    lost, hence the loop); False after STOP_GRACE_SECONDS, or at once on a second Ctrl-C."""
    give_up = time.monotonic() + STOP_GRACE_SECONDS
    try:
        while not done.is_set() and time.monotonic() < give_up:
            con.interrupt()
            done.wait(0.1)
    except KeyboardInterrupt:
        pass
    return done.is_set()


def _query_error(error: BaseException) -> BaseException:
    message = one_line(error)
    if isinstance(error, duckdb.PermissionException):
        return QueryError(f"refused: ad-hoc SQL cannot read or write files nor load extensions ({message})")
    if isinstance(error, duckdb.InvalidInputException) and "read-only" in message:
        return QueryError(f"refused: the warehouse is read-only for ad-hoc SQL ({message})")
    if isinstance(error, duckdb.InvalidInputException) and "has been locked" in message:
        return QueryError(f"refused: ad-hoc SQL cannot change settings ({message})")
    if is_damage(error):
        return QueryError(f"the warehouse is damaged ({message}): {REPAIR_HINT}")
    if isinstance(error, duckdb.OutOfMemoryException):
        return QueryError(f"query needs more memory than allowed (--memory-limit): {message}")
    if isinstance(error, (duckdb.Error, pa.ArrowException, OSError)):
        return QueryError(f"query failed: {message}")
    return error  # a bug of ours: let it show


def write_parquet(result: QueryResult, path: Path) -> None:
    pq.write_table(result.table, path)


def format_result(result: QueryResult, fmt: str, max_rows: int = 1000) -> str:
    """`csv` (LF line ends; lists and structs as JSON), `json` (one compact array) and `jsonl` (one
    object a line; numbers as numbers, times in ISO 8601): every row. `table`: at most `max_rows`
    rows (0 = all), numbers right-aligned, and a count line; values and headers are printed
    verbatim (never read as Rich markup)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_csv_value(v) for v in row] for row in result.rows)
        return out.getvalue()
    if fmt in ("json", "jsonl"):
        records = [dict(zip(result.columns, map(_json_value, row))) for row in result.rows]
        if fmt == "jsonl":
            return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        return json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n"
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    total = result.table.num_rows
    shown = result.table.slice(0, max_rows) if max_rows else result.table
    table = Table(show_lines=False)
    for field in result.table.schema:
        numeric = pa.types.is_integer(field.type) or pa.types.is_floating(field.type) or pa.types.is_decimal(field.type)
        table.add_column(Text(field.name), justify="right" if numeric else "left")
    for row in _rows(shown):
        table.add_row(*(Text("NULL" if v is None else str(v)) for v in row))
    console = Console(file=io.StringIO(), width=200, force_terminal=False, markup=False, emoji=False, highlight=False)
    console.print(table)
    hidden = total - shown.num_rows
    note = f"({total:,} rows, {hidden:,} not shown: --max-rows)" if hidden else f"({total:,} rows)"
    return console.file.getvalue().rstrip() + "\n" + note + "\n"


def _json_value(value):
    """A value as JSON has it: numbers stay numbers, dates and times ISO 8601, bytes as hex."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def _csv_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(_json_value(value), ensure_ascii=False, separators=(",", ":"))
    converted = _json_value(value)
    return "" if converted is None else converted


def _rows(table: pa.Table) -> list[tuple]:
    return list(zip(*(column.to_pylist() for column in table.columns))) if table.num_columns else []
