"""Every write to the warehouse: Parquet files and the DuckDB database.

Loading a batch is crash-safe: Parquet files are written under new names (temp file + rename),
then one DuckDB transaction inserts the rows *and* records those file names in `_parquet_files`.
A Parquet file that no committed transaction lists is left by a crash; the next start moves it to
`quarantine/` (it is never deleted: the manifest might be the damaged copy), so Parquet and DuckDB
always hold the same rows.
"""

from __future__ import annotations

import json
import os
import shutil
import time
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

from depeche.tasks.faults import crash_point
from depeche.tasks.warehouse.schemas import (
    ALL_SCHEMAS, DOCUMENT_TABLES, DUCK_TYPES, LOADED_TABLES, PRIMARY_KEYS, RUNS_SCHEMA, SCHEMAS, create_table_sql,
    quote_identifier,
)

DEFAULT_LOCK_WAIT_SECONDS = 30.0
# The writer lives in the flow process, beside Prefect: DuckDB's default (80 % of the machine's
# memory) would let the SQL models over a large warehouse grow it without bound; past this it
# spills to <warehouse>/depeche.duckdb.tmp instead.
WRITER_MEMORY_LIMIT = "1GiB"
MANIFEST_NAME = "_manifest.json"
DAMAGE_SIGNS = ("could not read enough bytes", "not a valid duckdb database", "corrupt", "checksum", "failed to read database header")
REPAIR_HINT = "`depeche repair` rebuilds what is damaged from the other copy; `depeche run --full-refresh` starts over from the raw files"


# The open writer connection of a run, by DuckDB file: see Warehouse.held.
_HELD: dict[Path, duckdb.DuckDBPyConnection] = {}


class KnownDocument(NamedTuple):
    pipeline_version: str
    language: str | None
    source_path: str


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB file or the writer lock for longer than we wait."""


class WarehouseNeedsRepair(RuntimeError):
    """The DuckDB file and the Parquet files disagree in a way a run must not paper over."""


def read_manifest(parquet_dir: Path) -> dict[str, list[str]] | None:
    """The committed Parquet files by table, as last published; None when there is no manifest."""
    try:
        return json.loads((parquet_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["tables"]
    except (OSError, ValueError, KeyError):
        return None


def one_line(error: BaseException) -> str:
    """An error's message on one line (DuckDB and Arrow messages span several), for a person."""
    return " ".join(str(error).split()) or type(error).__name__


def is_damage(error: BaseException) -> bool:
    """Whether a DuckDB error says its file is damaged (truncated, overwritten), not busy or full."""
    text = str(error).lower()
    return isinstance(error, duckdb.Error) and any(sign in text for sign in DAMAGE_SIGNS)


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Warehouse:
    """Paths of one warehouse: `depeche.duckdb` and `parquet/<table>/*.parquet` under `root`."""

    root: Path
    # A reader (`depeche sql`, `check`) holds the file for its query: writers wait that long for it.
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS

    @property
    def duckdb_path(self) -> Path:
        return self.root / "depeche.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.root / "parquet"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep one writer connection open for a run: `connect` inside hands out cursors on it.

        Opening the file per batch and closing it (which checkpoints) cost a tenth of the flow
        process's CPU, taken from the workers; DuckDB checkpoints a held database itself once its
        write-ahead log passes a threshold, and replays a log a crash leaves on the next open."""
        key = self.duckdb_path.resolve()
        if key in _HELD:
            yield
            return
        self.root.mkdir(parents=True, exist_ok=True)
        _HELD[key] = self._open(read_only=False)
        try:
            yield
        finally:
            _HELD.pop(key).close()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the DuckDB file; a writer retries with back-off while readers hold it.
        Inside `held`, a cursor on the run's connection, for reading as for writing (the run is
        the process's only writer, and DuckDB would refuse a second connection to the file)."""
        held = _HELD.get(self.duckdb_path.resolve())
        if read_only and held is None and not self.duckdb_path.exists():
            raise FileNotFoundError(f"no warehouse at {self.duckdb_path}: run `depeche run` first")
        if not read_only and held is None:
            self.root.mkdir(parents=True, exist_ok=True)
        con = held.cursor() if held is not None else self._open(read_only)
        try:
            yield con
        except duckdb.Error as error:
            if held is not None and isinstance(error, duckdb.FatalException):
                # The database is invalidated (a full disk, say): what was committed is in its log,
                # and the run's next connection (a retry, the run's record) opens the file anew.
                held.close()
                _HELD[self.duckdb_path.resolve()] = self._open(read_only=False)
            if is_damage(error):
                raise WarehouseNeedsRepair(f"{self.duckdb_path} is damaged ({one_line(error)}): {REPAIR_HINT}") from None
            raise
        finally:
            con.close()

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + (0.0 if read_only else self.lock_wait_seconds)
        pause = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.duckdb_path), read_only=read_only)
                if not read_only:
                    con.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}'")
                return con
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise WarehouseNeedsRepair(f"cannot open {self.duckdb_path} ({one_line(error)}): {REPAIR_HINT}") from None
                if read_only:
                    raise WarehouseBusy(f"a run is writing to {self.duckdb_path}; try again when it ends") from None
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"the warehouse {self.duckdb_path} is held by another process (a run, or a long query) "
                        f"after {self.lock_wait_seconds:g} s of waiting (lock_wait_seconds)"
                    ) from None
                time.sleep(pause)
                pause = min(1.0, pause * 2)

    def data_files(self) -> dict[str, list[Path]]:
        """Parquet files on disk for each loaded table (complete ones: temp files start with a dot)."""
        return {
            name: sorted((self.parquet_dir / name).glob("[!.]*.parquet"))
            for name in LOADED_TABLES if (self.parquet_dir / name).is_dir()
        }

    def initialise(self) -> list[Path]:
        """Create missing tables, mark runs a crash left `running` as `crashed`, and move Parquet files
        that no committed load lists (a crash's leftovers) to `quarantine/`; returns the moved files.

        Refuses, naming `depeche repair`, when the manifest cannot be trusted: the DuckDB file is gone
        or new while Parquet files exist, or it lists files that are missing."""
        on_disk = [path for paths in self.data_files().values() for path in paths]
        if on_disk and not self.duckdb_path.exists():
            raise WarehouseNeedsRepair(
                f"{self.duckdb_path} is missing but {self.parquet_dir} holds {len(on_disk)} Parquet file(s) of an earlier "
                f"warehouse: {REPAIR_HINT}"
            )
        with self.connect() as con:
            if on_disk and not _table_exists(con, "_parquet_files"):
                raise WarehouseNeedsRepair(f"{self.duckdb_path} has no manifest while {self.parquet_dir} holds {len(on_disk)} file(s): {REPAIR_HINT}")
            self.create_tables(con)
            listed = self.listed_files(con)
            missing = sorted(f"{t}/{f}" for t, f in listed if not (self.parquet_dir / t / f).exists())
            if missing:
                raise WarehouseNeedsRepair(
                    f"{len(missing)} Parquet file(s) listed in {self.duckdb_path} are missing, e.g. {self.parquet_dir / missing[0]}: {REPAIR_HINT}"
                )
            if con.execute("UPDATE runs SET status = 'crashed' WHERE status = 'running'").fetchall()[0][0]:
                self.export_table(con, "runs")
            self.publish_manifest(con)
        for leftover in self.parquet_dir.glob("*/.*.tmp") if self.parquet_dir.exists() else ():
            leftover.unlink()  # an interrupted write: never a complete file
        return self.quarantine_unlisted(listed)

    def listed_files(self, con) -> set[tuple[str, str]]:
        """(table, file name) of every Parquet file a committed load recorded."""
        return set(con.execute("SELECT table_name, file_name FROM _parquet_files").fetchall())

    def quarantine_unlisted(self, listed: set[tuple[str, str]]) -> list[Path]:
        """Move the Parquet files of loaded tables that `listed` does not name to quarantine/."""
        return [
            self.quarantine(path) for paths in self.data_files().values() for path in paths
            if (path.parent.name, path.name) not in listed
        ]

    def create_tables(self, con) -> None:
        for name, schema in ALL_SCHEMAS.items():
            con.execute(create_table_sql(name, schema))
            # A newer pipeline may add columns: old rows get NULL, and are re-processed when
            # their pipeline version is out of date.
            present = {row[0] for row in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [name]).fetchall()}
            for column in schema:
                if column.name not in present:
                    con.execute(f"ALTER TABLE {quote_identifier(name)} ADD COLUMN {quote_identifier(column.name)} {DUCK_TYPES[column.type]}")
        con.execute("CREATE TABLE IF NOT EXISTS _parquet_files (table_name VARCHAR, file_name VARCHAR, PRIMARY KEY (table_name, file_name))")
        # Which Parquet files hold a document's rows: re-processing rewrites only those.
        con.execute("CREATE TABLE IF NOT EXISTS _document_files (doc_id VARCHAR, table_name VARCHAR, file_name VARCHAR)")

    def quarantine(self, path: Path) -> Path:
        """Move a Parquet file out of the warehouse's view without losing it."""
        target = self.quarantine_dir / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        return target

    def known_documents(self) -> dict[str, KnownDocument]:
        """Every loaded document by doc_id."""
        with self.connect() as con:
            rows = con.execute("SELECT doc_id, pipeline_version, language, source_path FROM documents").fetchall()
        return {row[0]: KnownDocument(*row[1:]) for row in rows}

    def boilerplate_lines(self, limit: int = 5_000) -> dict[str, list[str]]:
        """Paragraphs (not titles) of at most BOILERPLATE_MAX_WORDS words (counted roughly, by ten
        characters a word) that MIN_PAGES_IN_WAREHOUSE or more loaded documents of one source share,
        by source (its URL's host, else its publisher), as `page_vocabulary.word_key`s; the `limit` most
        widespread."""
        from depeche.tasks.boilerplate import BOILERPLATE_MAX_WORDS, MIN_PAGES_IN_WAREHOUSE
        from depeche.tasks.page_vocabulary import word_key

        with self.connect() as con:
            rows = con.execute(
                r"""
                WITH paragraphs AS (
                    SELECT doc_id,
                           coalesce(nullif(regexp_extract(url, '^[A-Za-z]+://(?:www\.)?([^/:?#]+)', 1), ''),
                                    lower(regexp_replace(trim(source_name), '\s+', ' ', 'g'))) AS source,
                           unnest(CASE WHEN title IS NULL THEN string_split(clean_text, chr(10) || chr(10))
                                       ELSE string_split(clean_text, chr(10) || chr(10))[2:] END) AS paragraph
                    FROM documents WHERE url IS NOT NULL OR source_name IS NOT NULL
                )
                SELECT source, paragraph FROM paragraphs
                WHERE source IS NOT NULL AND length(paragraph) <= ?
                GROUP BY source, paragraph HAVING count(DISTINCT doc_id) >= ?
                ORDER BY count(DISTINCT doc_id) DESC, source, paragraph LIMIT ?
                """,
                [10 * BOILERPLATE_MAX_WORDS, MIN_PAGES_IN_WAREHOUSE, limit],
            ).fetchall()
        learned: dict[str, list[str]] = {}
        for source, paragraph in rows:
            learned.setdefault(source, []).append(word_key(paragraph))
        return learned

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
            written = {name: self.write_parquet(name, table) for name, table in tables.items()}
            crash_point("before_commit")
            superseded: list[Path] = []
            con.execute("BEGIN TRANSACTION")
            try:
                if doc_ids:
                    superseded = self._remove_documents(con, doc_ids)
                for name, table in tables.items():
                    con.register("batch_rows", table)
                    con.execute(f"INSERT INTO {quote_identifier(name)} BY NAME SELECT * FROM batch_rows")
                    con.unregister("batch_rows")
                    self.record_file(con, name, written[name].name, table)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                for path in written.values():
                    path.unlink(missing_ok=True)
                raise
            self.publish_manifest(con)
        for path in superseded:
            path.unlink(missing_ok=True)
        return {name: table.num_rows for name, table in tables.items()}

    def remove_documents(self, doc_ids: list[str]) -> int:
        """Delete documents and all their rows, in one transaction (for --prune). Returns how many."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                present = con.execute("SELECT count(*) FROM documents WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()[0][0]
                superseded = self._remove_documents(con, doc_ids)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            self.publish_manifest(con)
        for path in superseded:
            path.unlink(missing_ok=True)
        return present

    def _remove_documents(self, con, doc_ids: list[str]) -> list[Path]:
        """Inside a transaction: delete the documents' rows and rewrite the Parquet files holding them.

        A rewritten file's remaining rows come from DuckDB, not from the old file, so a damaged
        Parquet file is replaced by a sound one instead of failing every run."""
        present = [row[0] for row in con.execute("SELECT doc_id FROM documents WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()]
        if not present:
            return []
        superseded = []
        holding = con.execute(
            "SELECT DISTINCT table_name, file_name FROM _document_files WHERE list_contains(?, doc_id)", [present]
        ).fetchall()
        for name, file_name in holding:
            kept = self.file_rows_from_duckdb(con, name, file_name, excluding=present)
            con.execute("DELETE FROM _parquet_files WHERE table_name = ? AND file_name = ?", [name, file_name])
            con.execute("DELETE FROM _document_files WHERE table_name = ? AND file_name = ?", [name, file_name])
            if kept.num_rows:
                self.record_file(con, name, self.write_parquet(name, kept).name, kept)
            superseded.append(self.parquet_dir / name / file_name)
        for name in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {quote_identifier(name)} WHERE list_contains(?, doc_id)", [present])
        return superseded

    def file_rows_from_duckdb(self, con, name: str, file_name: str, excluding: list[str] = ()) -> pa.Table:
        """The rows DuckDB holds for one Parquet file of a document table (less `excluding` documents)."""
        columns = ", ".join(quote_identifier(f.name) for f in SCHEMAS[name])
        table = con.sql(
            f"SELECT {columns} FROM {quote_identifier(name)} WHERE doc_id IN "
            "(SELECT doc_id FROM _document_files WHERE table_name = ? AND file_name = ?) AND NOT list_contains(?, doc_id)",
            params=[name, file_name, list(excluding)],
        ).to_arrow_table()
        return table.cast(SCHEMAS[name])

    def record_file(self, con, name: str, file_name: str, table: pa.Table) -> None:
        con.execute("INSERT INTO _parquet_files VALUES (?, ?)", [name, file_name])
        if name in DOCUMENT_TABLES:
            # One statement over the batch's ids (executemany ran one insert per document).
            con.register("file_documents", pa.table({"doc_id": pc.unique(table.column("doc_id"))}))
            con.execute("INSERT INTO _document_files SELECT doc_id, ?, ? FROM file_documents", [name, file_name])
            con.unregister("file_documents")

    def write_parquet(self, name: str, table: pa.Table) -> Path:
        directory = self.parquet_dir / name
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / f"{uuid.uuid4().hex}.parquet"
        _write_atomically(table, final)
        return final

    def record_run(self, row: dict) -> None:
        """Insert or update the run's row, and keep `parquet/runs/runs.parquet` equal to the table."""
        with self.connect() as con:
            con.execute("DELETE FROM runs WHERE run_id = ?", [row["run_id"]])
            con.register("run_row", pa.Table.from_pylist([row], schema=RUNS_SCHEMA))
            con.execute("INSERT INTO runs BY NAME SELECT * FROM run_row")
            con.unregister("run_row")
            self.export_table(con, "runs")

    def export_table(self, con, name: str) -> None:
        """Write a whole (small or derived) table to `parquet/<name>/<name>.parquet` atomically."""
        reader = con.sql(f"SELECT * FROM {quote_identifier(name)}").to_arrow_reader(100_000)
        _write_atomically(reader, self.parquet_dir / name / f"{name}.parquet")

    def publish_manifest(self, con) -> None:
        """Write the committed Parquet files to `parquet/_manifest.json`, for readers that cannot
        open the database while a run holds it."""
        files: dict[str, list[str]] = {}
        for table_name, file_name in con.execute("SELECT table_name, file_name FROM _parquet_files ORDER BY ALL").fetchall():
            files.setdefault(table_name, []).append(file_name)
        self.parquet_dir.mkdir(parents=True, exist_ok=True)
        temporary = self.parquet_dir / f".{MANIFEST_NAME}.tmp"
        temporary.write_text(json.dumps({"tables": files}), encoding="utf-8")
        os.replace(temporary, self.parquet_dir / MANIFEST_NAME)

    def wipe(self) -> None:
        """Remove the database and every Parquet file (for --full-refresh)."""
        for path in (self.duckdb_path, self.duckdb_path.with_suffix(".duckdb.wal")):
            path.unlink(missing_ok=True)
        if self.parquet_dir.exists():
            shutil.rmtree(self.parquet_dir)

    def table_fingerprints(self, con) -> dict[str, tuple[int, int]]:
        from depeche.tasks.warehouse.integrity import table_fingerprints

        return table_fingerprints(con)

    def verify(self) -> list[str]:
        """Problems found: Parquet and DuckDB disagreeing, missing, corrupt or orphan files; empty when sound."""
        from depeche.tasks.warehouse.integrity import verify

        return verify(self)


def _write_atomically(data: pa.Table | pa.RecordBatchReader, final: Path) -> None:
    """Temp file, fsync, rename: a reader or a crash never sees half a file."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.name}.tmp")
    try:
        if isinstance(data, pa.Table):
            pq.write_table(data, temporary)
        else:
            with pq.ParquetWriter(temporary, data.schema) as writer:
                for batch in data:
                    writer.write_batch(batch)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def _table_exists(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0])


def _new_rows(con, name: str, table: pa.Table) -> pa.Table:
    """Rows of a shared table (entities) whose key is not in the warehouse yet."""
    key = PRIMARY_KEYS[name][0]
    table = _unique(table, key)
    con.register("candidate_rows", table)
    fresh = con.sql(f"SELECT c.* FROM candidate_rows c ANTI JOIN {quote_identifier(name)} t USING ({quote_identifier(key)})").to_arrow_table()
    con.unregister("candidate_rows")
    return fresh.cast(SCHEMAS[name]) if fresh.num_rows else SCHEMAS[name].empty_table()


def _unique(table: pa.Table, key: str) -> pa.Table:
    seen: set = set()
    keep = []
    for value in table.column(key).to_pylist():
        keep.append(value not in seen)
        seen.add(value)
    return table.filter(pa.array(keep))
