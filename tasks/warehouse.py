"""Every write to the warehouse: Arrow schemas, Parquet files and the DuckDB database.

Loading a batch is crash-safe: Parquet files are written under new names (temp file + rename),
then one DuckDB transaction inserts the rows *and* records those file names in `_parquet_files`.
A Parquet file that no committed transaction lists is an orphan of a crash and is deleted at the
next start, so Parquet and DuckDB always hold the same rows.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tasks.faults import crash_point

STR = pa.string()
INT = pa.int32()
BIG = pa.int64()
TS = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", STR), ("raw_sha256", STR), ("source_path", STR), ("source_name", STR), ("url", STR),
            ("title", STR), ("language", STR), ("published_at", pa.date32()), ("published_precision", STR),
            ("clean_text", STR), ("n_chars_raw", BIG), ("n_chars_clean", BIG), ("n_bytes", BIG),
            ("encoding", STR), ("content_type", STR), ("tag_model", STR), ("tag_status", STR),
            ("pipeline_version", STR), ("ingested_at", TS), ("run_id", STR),
        ]
    ),
    "removed_chrome": pa.schema([("doc_id", STR), ("position", INT), ("text", STR), ("reason", STR)]),
    "sentences": pa.schema(
        [("doc_id", STR), ("sentence_id", INT), ("paragraph_id", INT), ("start_char", BIG), ("end_char", BIG), ("text", STR)]
    ),
    "entities": pa.schema(
        [("entity_id", STR), ("name", STR), ("label", STR), ("country_code", STR), ("kb_id", STR), ("actor_code", STR)]
    ),
    "mentions": pa.schema(
        [
            ("mention_id", STR), ("doc_id", STR), ("sentence_id", INT), ("start_char", BIG), ("end_char", BIG),
            ("surface", STR), ("label", STR), ("entity_id", STR), ("method", STR),
        ]
    ),
    "events": pa.schema(
        [
            ("event_id", STR), ("doc_id", STR), ("sentence_id", INT), ("cameo_code", STR), ("quad_class", INT),
            ("goldstein", pa.float64()), ("actor1_id", STR), ("actor2_id", STR), ("location_id", STR),
            ("event_date", pa.date32()), ("date_precision", STR), ("trigger", STR), ("confidence", pa.float64()),
        ]
    ),
    "quotes": pa.schema(
        [("quote_id", STR), ("doc_id", STR), ("sentence_id", INT), ("speaker_id", STR), ("text", STR),
         ("start_char", BIG), ("end_char", BIG)]
    ),
    "rejects": pa.schema(
        [("run_id", STR), ("source_path", STR), ("raw_sha256", STR), ("reason", STR), ("detail", STR), ("rejected_at", TS)]
    ),
}
RUNS_SCHEMA = pa.schema(
    [
        ("run_id", STR), ("flow_run_id", STR), ("started_at", TS), ("finished_at", TS), ("status", STR),
        ("docs_seen", BIG), ("docs_loaded", BIG), ("docs_skipped", BIG), ("docs_rejected", BIG),
        ("pipeline_version", STR), ("docs_removed", BIG), ("docs_pruned", BIG),
    ]
)
PRIMARY_KEYS = {
    "documents": ("doc_id",),
    "removed_chrome": ("doc_id", "position", "reason"),
    "sentences": ("doc_id", "sentence_id"),
    "entities": ("entity_id",),
    "mentions": ("mention_id",),
    "events": ("event_id",),
    "quotes": ("quote_id",),
    "runs": ("run_id",),
}
# Tables whose rows belong to one document: re-processing a document replaces them.
DOCUMENT_TABLES = ("documents", "removed_chrome", "sentences", "mentions", "events", "quotes")
LOADED_TABLES = tuple(SCHEMAS)

_DUCK_TYPES = {
    pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
    pa.date32(): "DATE", TS: "TIMESTAMPTZ",
}


class KnownDocument(NamedTuple):
    pipeline_version: str
    language: str | None
    source_path: str


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB write lock."""


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()


def table_from_rows(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Warehouse:
    """Paths of one warehouse: `depeche.duckdb` and `parquet/<table>/*.parquet` under `root`."""

    root: Path

    @property
    def duckdb_path(self) -> Path:
        return self.root / "depeche.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.root / "parquet"

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if read_only and not self.duckdb_path.exists():
            raise FileNotFoundError(f"no warehouse at {self.duckdb_path}: run `depeche run` first")
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(self.duckdb_path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise WarehouseBusy(
                    f"the warehouse {self.duckdb_path} is locked by another process (a run in progress?)"
                ) from error
            raise
        try:
            yield con
        finally:
            con.close()

    def initialise(self) -> None:
        """Create missing tables and remove Parquet files left by a crashed load."""
        with self.connect() as con:
            for name, schema in {**SCHEMAS, "runs": RUNS_SCHEMA}.items():
                columns = ", ".join(f'"{f.name}" {_DUCK_TYPES[f.type]}' for f in schema)
                key = PRIMARY_KEYS.get(name)
                key_sql = f", PRIMARY KEY ({', '.join(key)})" if key else ""
                con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns}{key_sql})")
                # A newer pipeline may add columns: old rows get NULL, and are re-processed when
                # their pipeline version is out of date.
                present = {row[0] for row in con.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{name}'").fetchall()}
                for column in schema:
                    if column.name not in present:
                        con.execute(f'ALTER TABLE {name} ADD COLUMN "{column.name}" {_DUCK_TYPES[column.type]}')
            con.execute("CREATE TABLE IF NOT EXISTS _parquet_files (table_name VARCHAR, file_name VARCHAR, PRIMARY KEY (table_name, file_name))")
            # Which Parquet files hold a document's rows: re-processing rewrites only those.
            has_index = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_document_files'").fetchone()[0]
            con.execute("CREATE TABLE IF NOT EXISTS _document_files (doc_id VARCHAR, table_name VARCHAR, file_name VARCHAR)")
            if not has_index:
                self._index_existing_files(con)
            listed = set(con.execute("SELECT table_name || '/' || file_name FROM _parquet_files").fetchall())
        listed = {row[0] for row in listed}
        if self.parquet_dir.exists():
            for path in self.parquet_dir.glob("*/*"):
                if f"{path.parent.name}/{path.name}" not in listed and path.parent.name in LOADED_TABLES:
                    path.unlink()

    def known_documents(self) -> dict[str, KnownDocument]:
        """Every loaded document by doc_id."""
        with self.connect() as con:
            rows = con.execute("SELECT doc_id, pipeline_version, language, source_path FROM documents").fetchall()
        return {row[0]: KnownDocument(*row[1:]) for row in rows}

    def known_rejects(self) -> set[tuple[str, str, str]]:
        with self.connect() as con:
            return set(con.execute("SELECT source_path, raw_sha256, reason FROM rejects").fetchall())

    def load_batch(self, tables: dict[str, pa.Table], replaces: dict[str, list[str]] | None = None) -> dict[str, int]:
        """Load one batch atomically; rows of documents loaded before are replaced, and so are the
        older versions that `replaces` names for a new document (a file edited in place) once that
        document is in. Returns rows per table."""
        tables = {name: table for name, table in tables.items() if table.num_rows}
        doc_ids = tables["documents"].column("doc_id").to_pylist() if "documents" in tables else []
        doc_ids += [old for new in doc_ids for old in (replaces or {}).get(new, [])]
        with self.connect() as con:
            if "entities" in tables:
                tables["entities"] = _new_rows(con, "entities", tables["entities"])
            tables = {name: table for name, table in tables.items() if table.num_rows}
            written = {name: self._write_parquet(name, table) for name, table in tables.items()}
            crash_point("before_commit")
            superseded: list[Path] = []
            con.execute("BEGIN TRANSACTION")
            try:
                if doc_ids:
                    superseded = self._remove_documents(con, doc_ids)
                for name, table in tables.items():
                    con.register("batch_rows", table)
                    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM batch_rows")
                    con.unregister("batch_rows")
                    self._record_file(con, name, written[name].name, table)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                for path in written.values():
                    path.unlink(missing_ok=True)
                raise
        for path in superseded:
            path.unlink(missing_ok=True)
        return {name: table.num_rows for name, table in tables.items()}

    def remove_documents(self, doc_ids: list[str]) -> int:
        """Delete documents and all their rows, in one transaction (for --prune). Returns how many."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                present = con.execute("SELECT count(*) FROM documents WHERE list_contains(?, doc_id)", [doc_ids]).fetchone()[0]
                superseded = self._remove_documents(con, doc_ids)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        for path in superseded:
            path.unlink(missing_ok=True)
        return present

    def _remove_documents(self, con, doc_ids: list[str]) -> list[Path]:
        """Inside a transaction: delete the documents' rows and rewrite the Parquet files holding them."""
        present = [row[0] for row in con.execute("SELECT doc_id FROM documents WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()]
        if not present:
            return []
        superseded = []
        holding = con.execute(
            "SELECT DISTINCT table_name, file_name FROM _document_files WHERE list_contains(?, doc_id)", [present]
        ).fetchall()
        for name, file_name in holding:
            path = self.parquet_dir / name / file_name
            table = _conform(pq.read_table(path), SCHEMAS[name])
            kept = table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=pa.array(present))))
            con.execute("DELETE FROM _parquet_files WHERE table_name = ? AND file_name = ?", [name, file_name])
            con.execute("DELETE FROM _document_files WHERE table_name = ? AND file_name = ?", [name, file_name])
            if kept.num_rows:
                self._record_file(con, name, self._write_parquet(name, kept).name, kept)
            superseded.append(path)
        for name in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {name} WHERE list_contains(?, doc_id)", [present])
        return superseded

    def _record_file(self, con, name: str, file_name: str, table: pa.Table) -> None:
        con.execute("INSERT INTO _parquet_files VALUES (?, ?)", [name, file_name])
        if name in DOCUMENT_TABLES:
            docs = pc.unique(table.column("doc_id")).to_pylist()
            con.executemany("INSERT INTO _document_files VALUES (?, ?, ?)", [(doc, name, file_name) for doc in docs])

    def _index_existing_files(self, con) -> None:
        """Build the document -> file index of a warehouse written before it existed."""
        for name, file_name in con.execute("SELECT table_name, file_name FROM _parquet_files").fetchall():
            path = self.parquet_dir / name / file_name
            if name in DOCUMENT_TABLES and path.exists():
                docs = pc.unique(pq.read_table(path, columns=["doc_id"]).column("doc_id")).to_pylist()
                con.executemany("INSERT INTO _document_files VALUES (?, ?, ?)", [(doc, name, file_name) for doc in docs])

    def _write_parquet(self, name: str, table: pa.Table) -> Path:
        directory = self.parquet_dir / name
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / f"{uuid.uuid4().hex}.parquet"
        temporary = directory / f".{final.name}.tmp"
        pq.write_table(table, temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        return final

    def record_run(self, row: dict) -> None:
        """Insert or update the run's row, and keep `parquet/runs/runs.parquet` equal to the table."""
        with self.connect() as con:
            con.execute("DELETE FROM runs WHERE run_id = ?", [row["run_id"]])
            con.register("run_row", pa.Table.from_pylist([row], schema=RUNS_SCHEMA))
            con.execute("INSERT INTO runs BY NAME SELECT * FROM run_row")
            self.export_table(con, "runs")

    def export_table(self, con, name: str) -> None:
        """Write a whole (small or derived) table to `parquet/<name>/<name>.parquet` atomically."""
        directory = self.parquet_dir / name
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / f"{name}.parquet"
        temporary = directory / f".{name}.parquet.tmp"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{temporary}' (FORMAT parquet)")
        os.replace(temporary, final)

    def table_fingerprints(self, con) -> dict[str, tuple[int, int]]:
        """(row count, order-independent content hash) of each loaded table in DuckDB."""
        out = {}
        for name in LOADED_TABLES:
            columns = ", ".join(f'"{c}"' for c in _columns(con, name))
            out[name] = tuple(con.execute(f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM (SELECT {columns} FROM {name}) t").fetchone())
        return out

    def verify(self) -> list[str]:
        """Problems found: Parquet and DuckDB disagreeing, missing or orphan files; empty when sound."""
        problems: list[str] = []
        with self.connect(read_only=True) as con:
            listed: dict[str, list[str]] = {}
            for table_name, file_name in con.execute("SELECT table_name, file_name FROM _parquet_files").fetchall():
                listed.setdefault(table_name, []).append(file_name)
            for name, (rows, digest) in self.table_fingerprints(con).items():
                columns = ", ".join(f'"{c}"' for c in _columns(con, name))
                files = [self.parquet_dir / name / f for f in listed.get(name, [])]
                missing = [f for f in files if not f.exists()]
                if missing:
                    problems.append(f"{name}: {len(missing)} Parquet file(s) listed but missing, e.g. {missing[0]}")
                    continue
                on_disk = set(self.parquet_dir.joinpath(name).glob("*.parquet")) if self.parquet_dir.joinpath(name).exists() else set()
                orphans = on_disk - set(files)
                if orphans:
                    problems.append(f"{name}: {len(orphans)} orphan Parquet file(s) not in the manifest, e.g. {sorted(orphans)[0]}")
                if files:
                    file_list = ", ".join(f"'{f}'" for f in files)
                    parquet_rows, parquet_digest = con.execute(
                        f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM (SELECT {columns} FROM read_parquet([{file_list}], union_by_name = true)) t"
                    ).fetchone()
                else:
                    parquet_rows, parquet_digest = 0, 0
                if (parquet_rows, parquet_digest) != (rows, digest):
                    problems.append(f"{name}: DuckDB has {rows} rows, Parquet {parquet_rows}, contents differ" if parquet_rows == rows else f"{name}: DuckDB has {rows} rows, Parquet has {parquet_rows}")
        return problems

    def wipe(self) -> None:
        """Remove the database and every Parquet file (for --full-refresh)."""
        for path in (self.duckdb_path, self.duckdb_path.with_suffix(".duckdb.wal")):
            path.unlink(missing_ok=True)
        if self.parquet_dir.exists():
            for path in sorted(self.parquet_dir.glob("**/*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table read from an older Parquet file, with columns added since then as NULL."""
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _columns(con, name: str) -> list[str]:
    """The table's columns in a fixed order: DuckDB's and Parquet's column order may differ."""
    return sorted(row[0] for row in con.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{name}'").fetchall())


def _new_rows(con, name: str, table: pa.Table) -> pa.Table:
    """Rows of a shared table (entities) whose key is not in the warehouse yet."""
    key = PRIMARY_KEYS[name][0]
    table = _unique(table, key)
    con.register("candidate_rows", table)
    fresh = con.sql(f"SELECT c.* FROM candidate_rows c ANTI JOIN {name} t USING ({key})").to_arrow_table()
    con.unregister("candidate_rows")
    return fresh.cast(SCHEMAS[name]) if fresh.num_rows else SCHEMAS[name].empty_table()


def _unique(table: pa.Table, key: str) -> pa.Table:
    seen: set = set()
    keep = []
    for i, value in enumerate(table.column(key).to_pylist()):
        keep.append(value not in seen)
        seen.add(value)
    return table.filter(pa.array(keep))


@contextmanager
def run_lock(warehouse_dir: Path, timeout_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's writer lock for a whole run; a second writer waits, then fails clearly."""
    import fcntl
    import time

    warehouse_dir.mkdir(parents=True, exist_ok=True)
    handle = open(warehouse_dir / ".run.lock", "a+")
    deadline = time.monotonic() + timeout_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another `depeche run` is writing to {warehouse_dir}; wait for it to finish "
                        f"(or pass a lock timeout) — two writers are never allowed"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
