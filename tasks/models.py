"""SQL models: `sql/models/<table>.sql` files, run in dependency order, each materialised as a table
(`stg_*` staging models as views: they only rename and key, and feed the tables)."""

from __future__ import annotations

import graphlib
import time
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp


STAGING_PREFIX = "stg_"


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    sql: str
    depends_on: frozenset[str]

    @property
    def is_view(self) -> bool:
        return self.name.startswith(STAGING_PREFIX)


class ModelError(RuntimeError):
    pass


def discover_models(models_dir: Path) -> list[Model]:
    """Every model file with the tables its SELECT reads, found by parsing the SQL (sqlglot, DuckDB dialect)."""
    models = []
    for path in sorted(models_dir.glob("*.sql")):
        sql = path.read_text(encoding="utf-8").strip().rstrip(";")
        try:
            tree = sqlglot.parse_one(sql, read="duckdb")
        except sqlglot.errors.ParseError as error:
            raise ModelError(f"{path.name}: cannot parse the SQL: {error}") from error
        ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
        tables = {table.name for table in tree.find_all(exp.Table)} - ctes
        models.append(Model(path.stem, path, sql, frozenset(tables)))
    return models


def order_models(models: list[Model]) -> list[Model]:
    """Models sorted so that each runs after the models it reads; a cycle is an error naming it."""
    by_name = {m.name: m for m in models}
    sorter = graphlib.TopologicalSorter({m.name: {d for d in m.depends_on if d in by_name} for m in models})
    try:
        return [by_name[name] for name in sorter.static_order()]
    except graphlib.CycleError as error:
        raise ModelError(f"models depend on each other in a cycle: {' -> '.join(error.args[1])}") from error


def run_models(con, models_dir: Path) -> list[tuple[str, float]]:
    """Build every model; returns (model, seconds) in the order run."""
    timings = []
    for model in order_models(discover_models(models_dir)):
        started = time.perf_counter()
        kind = "VIEW" if model.is_view else "TABLE"
        try:
            # A model that changed kind (table <-> view) must drop its old object first.
            old_kind = _existing_kind(con, model.name)
            if old_kind is not None and old_kind != kind:
                con.execute(f"DROP {old_kind} {model.name}")
            con.execute(f"CREATE OR REPLACE {kind} {model.name} AS {model.sql}")
        except Exception as error:
            raise ModelError(f"model {model.name} ({model.path}) failed: {error}") from error
        timings.append((model.name, time.perf_counter() - started))
    return timings


def _existing_kind(con, name: str) -> str | None:
    if con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND NOT internal", [name]).fetchone()[0]:
        return "VIEW"
    if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0]:
        return "TABLE"
    return None


def materialise(store, models_dir: Path) -> list[tuple[str, float]]:
    """Build every model in the warehouse `store` and export each table model to Parquet."""
    with store.connect() as con:
        timings = run_models(con, models_dir)
        for name, _ in timings:
            if not name.startswith(STAGING_PREFIX):
                store.export_table(con, name)
    return timings

