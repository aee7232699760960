"""Ad-hoc, read-only SQL on the warehouse."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tasks.warehouse import Warehouse

# No reading or writing of arbitrary files, no extension downloads, from an ad-hoc query.
SAFE_CONFIG = {"enable_external_access": False, "autoinstall_known_extensions": False, "autoload_known_extensions": False}
BUSY_RETRY_SECONDS = 2.0


class QueryError(RuntimeError):
    pass


@dataclass
class QueryResult:
    table: pa.Table
    source: str  # "duckdb" or "parquet" (when a run holds the database)

    @property
    def columns(self) -> list[str]:
        return self.table.column_names

    @property
    def rows(self) -> list[tuple]:
        return list(zip(*(column.to_pylist() for column in self.table.columns))) if self.table.num_columns else []


def run_query(warehouse_dir: Path, sql: str) -> QueryResult:
    """Run `sql` on a read-only connection; while a run holds the database, answer from Parquet."""
    store = Warehouse(warehouse_dir)
    if not store.duckdb_path.exists():
        raise FileNotFoundError(f"no warehouse at {store.duckdb_path}: run `depeche run` first")
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    while True:
        try:
            con = duckdb.connect(str(store.duckdb_path), read_only=True, config=SAFE_CONFIG)
            source = "duckdb"
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            con = _parquet_connection(store)
            source = "parquet"
            print("note: a run is writing to the warehouse; answering from the Parquet files", file=sys.stderr)
            break
    try:
        relation = con.sql(sql)
        table = relation.to_arrow_table() if relation is not None else pa.table({})
    except (duckdb.InvalidInputException, duckdb.PermissionException) as error:
        raise QueryError(f"refused: the warehouse is read-only for ad-hoc SQL ({error})") from error
    except duckdb.Error as error:
        raise QueryError(f"query failed: {error}") from error
    finally:
        con.close()
    return QueryResult(table, source)


def _parquet_connection(store: Warehouse):
    """In-memory DuckDB with a view per table over its Parquet files; only that folder is readable."""
    con = duckdb.connect()
    con.execute("SET allowed_directories = ?", [[str(store.parquet_dir.resolve()) + "/"]])
    for directory in sorted(p.resolve() for p in store.parquet_dir.iterdir() if p.is_dir()):
        if any(directory.glob("*.parquet")):
            con.execute(f"CREATE VIEW {directory.name} AS SELECT * FROM read_parquet('{directory}/*.parquet', union_by_name = true)")
    for name, value in SAFE_CONFIG.items():
        con.execute(f"SET {name} = {str(value).lower()}")
    return con


def write_parquet(result: QueryResult, path: Path) -> None:
    pq.write_table(result.table, path)


def format_result(result: QueryResult, fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return out.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows], default=str, ensure_ascii=False, indent=1)
    from rich.console import Console
    from rich.table import Table

    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*("NULL" if v is None else str(v) for v in row))
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(table)
    return console.file.getvalue().rstrip() + f"\n({len(result.rows)} rows)"
