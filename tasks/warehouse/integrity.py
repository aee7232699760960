"""Checking that the two copies of the warehouse agree, and repairing one from the other.

DuckDB is the primary copy and Parquet the second one. `verify` compares them table by table;
`repair` rebuilds the DuckDB file from the Parquet files when the database is gone or unreadable,
and otherwise rewrites damaged or disagreeing Parquet files from DuckDB. Repair never deletes: a
file it replaces, and a database it cannot read, are moved aside for a person to look at.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from depeche.tasks.warehouse.schemas import DOCUMENT_TABLES, LOADED_TABLES, PRIMARY_KEYS, RUNS_SCHEMA, SCHEMAS, conform, fingerprint_sql, quote_identifier
from depeche.tasks.warehouse.store import Warehouse, WarehouseNeedsRepair, one_line


def table_problems(store: Warehouse) -> dict[str, list[str]]:
    """Per loaded table, what is wrong between DuckDB and Parquet (an empty list when they agree)."""
    with store.connect(read_only=True) as con:
        listed: dict[str, list[str]] = {}
        for table_name, file_name in con.execute("SELECT table_name, file_name FROM _parquet_files").fetchall():
            listed.setdefault(table_name, []).append(file_name)
        expected = table_fingerprints(con)
    # Parquet is read after the database is closed: a reader never holds the file for long.
    on_disk = store.data_files()
    scratch = duckdb.connect()
    problems: dict[str, list[str]] = {}
    for name in LOADED_TABLES:
        files = [store.parquet_dir / name / f for f in sorted(listed.get(name, []))]
        found = problems[name] = []
        orphans = sorted(set(on_disk.get(name, [])) - set(files))
        if orphans:
            found.append(f"{name}: {len(orphans)} orphan Parquet file(s) not in the manifest, e.g. {orphans[0]}")
        rows, digest, sound = 0, 0, True
        for path in files:
            if not path.exists():
                found.append(f"{name}: Parquet file listed but missing: {path}")
                sound = False
                continue
            try:
                table = read_parquet(path, name)
            except (OSError, pa.ArrowException) as error:
                found.append(f"{name}: corrupt Parquet file {path}: {one_line(error)}")
                sound = False
                continue
            scratch.register("parquet_rows", table)
            count, part = scratch.execute(fingerprint_sql("parquet_rows", SCHEMAS[name].names)).fetchall()[0]
            scratch.unregister("parquet_rows")
            rows, digest = rows + count, digest ^ part
        if sound and (rows, digest) != expected[name]:
            found.append(
                f"{name}: DuckDB has {expected[name][0]} rows, Parquet {rows}, contents differ" if rows == expected[name][0]
                else f"{name}: DuckDB has {expected[name][0]} rows, Parquet has {rows}"
            )
    scratch.close()
    return problems


def table_fingerprints(con) -> dict[str, tuple[int, int]]:
    """(row count, order-independent content hash) of each loaded table in DuckDB."""
    return {name: tuple(con.execute(fingerprint_sql(quote_identifier(name), SCHEMAS[name].names)).fetchall()[0]) for name in LOADED_TABLES}


def verify(store: Warehouse) -> list[str]:
    return [problem for found in table_problems(store).values() for problem in found]


def read_parquet(path: Path, name: str) -> pa.Table:
    """One Parquet file of table `name`, fully decoded (so damage anywhere in it shows)."""
    return conform(pq.read_table(path), SCHEMAS[name])


def repair(store: Warehouse) -> list[str]:
    """Make DuckDB and Parquet agree again from whichever copy is sound; returns what was done.
    The caller holds the writer lock."""
    if _database_is_sound(store):
        return _rewrite_parquet_from_duckdb(store)
    return _rebuild_duckdb_from_parquet(store)


def _database_is_sound(store: Warehouse) -> bool:
    if not store.duckdb_path.exists():
        return False
    try:
        with store.connect() as con:
            if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_parquet_files'").fetchall()[0][0]:
                return False
            # Reading every row is what shows a truncated file: its catalogue alone still opens.
            for name in (*LOADED_TABLES, "runs", "_parquet_files", "_document_files"):
                con.execute(f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {quote_identifier(name)} t").fetchall()
            return True
    except WarehouseNeedsRepair:
        return False


def _rewrite_parquet_from_duckdb(store: Warehouse) -> list[str]:
    """The database is readable: every table whose Parquet files disagree with it is written again
    from it, file by file for document tables; replaced files go to quarantine."""
    actions = [f"moved an unlisted file to quarantine: {path}" for path in _quarantine_orphans(store)]
    damaged = {name: found for name, found in table_problems(store).items() if found}
    with store.connect() as con:
        for name in damaged:
            files = [row[0] for row in con.execute("SELECT file_name FROM _parquet_files WHERE table_name = ?", [name]).fetchall()]
            con.execute("BEGIN TRANSACTION")
            if name in DOCUMENT_TABLES:
                replacements = [(file, store.file_rows_from_duckdb(con, name, file)) for file in files]
            else:
                columns = ", ".join(quote_identifier(c) for c in SCHEMAS[name].names)
                replacements = [(None, con.sql(f"SELECT {columns} FROM {quote_identifier(name)}").to_arrow_table().cast(SCHEMAS[name]))]
            con.execute("DELETE FROM _parquet_files WHERE table_name = ?", [name])
            con.execute("DELETE FROM _document_files WHERE table_name = ?", [name])
            for _, rows in replacements:
                if rows.num_rows:
                    store.record_file(con, name, store.write_parquet(name, rows).name, rows)
            con.execute("COMMIT")
            store.publish_manifest(con)
            for file in files:
                if (store.parquet_dir / name / file).exists():
                    store.quarantine(store.parquet_dir / name / file)
            actions.append(f"{name}: rewrote its Parquet files from DuckDB ({'; '.join(damaged[name])}); the old ones are in {store.quarantine_dir / name}")
    return actions


def _quarantine_orphans(store: Warehouse) -> list[Path]:
    with store.connect() as con:
        listed = store.listed_files(con)
    return store.quarantine_unlisted(listed)


def _rebuild_duckdb_from_parquet(store: Warehouse) -> list[str]:
    """A new database from the Parquet files, built beside the old one and swapped in at the end.
    Where two files hold the same document (a crash between writing and committing), the newer
    file's version wins; unreadable files are moved to quarantine."""
    actions: list[str] = []
    set_aside: list[Path] = []
    building = store.duckdb_path.with_name(".depeche.duckdb.repairing")
    building.unlink(missing_ok=True)
    con = duckdb.connect(str(building))
    try:
        store.create_tables(con)
        for name in LOADED_TABLES:
            files = sorted(store.data_files().get(name, []), key=lambda path: path.stat().st_mtime_ns)
            pieces, readable = [], []
            for rank, path in enumerate(files):
                try:
                    table = read_parquet(path, name)
                except (OSError, pa.ArrowException) as error:
                    set_aside.append(path)
                    actions.append(f"{name}: {path} is unreadable ({one_line(error)}); moved to quarantine")
                    continue
                readable.append(path)
                pieces.append(table.append_column("_file", pa.array([path.name] * table.num_rows, pa.string()))
                              .append_column("_rank", pa.array([rank] * table.num_rows, pa.int64())))
            if pieces:
                kept = _newest_rows(con, name, pa.concat_tables(pieces))
                set_aside += _record_recovered(store, con, name, readable, kept, actions)
        runs = store.parquet_dir / "runs" / "runs.parquet"
        if runs.exists():
            try:
                con.register("recovered_runs", conform(pq.read_table(runs), RUNS_SCHEMA))
                con.execute("INSERT INTO runs BY NAME SELECT * FROM recovered_runs")
            except (OSError, pa.ArrowException) as error:
                actions.append(f"runs: {runs} is unreadable ({one_line(error)}); the run history starts again")
        con.execute("UPDATE runs SET status = 'crashed' WHERE status = 'running'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if store.duckdb_path.exists():
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        broken = store.duckdb_path.with_name(f"depeche.duckdb.broken-{stamp}")
        store.duckdb_path.rename(broken)
        store.duckdb_path.with_suffix(".duckdb.wal").unlink(missing_ok=True)
        actions.insert(0, f"the unreadable database was moved to {broken}")
    building.rename(store.duckdb_path)
    for path in set_aside:
        store.quarantine(path)
    with store.connect() as check:
        store.publish_manifest(check)
        documents = check.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    actions.append(f"rebuilt {store.duckdb_path} from the Parquet files: {documents} documents")
    return actions


def _newest_rows(con, name: str, recovered: pa.Table) -> pa.Table:
    """The rows to keep: for a document table, each document's rows from the newest file holding
    it; then one row per primary key (the newest)."""
    con.register("recovered", recovered)
    query = "SELECT * FROM recovered"
    if name in DOCUMENT_TABLES:
        query = ("SELECT r.* FROM recovered r SEMI JOIN (SELECT doc_id, arg_max(_file, _rank) AS _file FROM recovered GROUP BY doc_id) n "
                 "USING (doc_id, _file)")
    if name in PRIMARY_KEYS:
        key = ", ".join(quote_identifier(c) for c in PRIMARY_KEYS[name])
        query = f"SELECT * FROM ({query}) QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY _rank DESC) = 1"
    kept = con.sql(query).to_arrow_table()
    con.unregister("recovered")
    return kept


def _record_recovered(store: Warehouse, con, name: str, files: list[Path], kept: pa.Table, actions: list[str]) -> list[Path]:
    """Insert the kept rows and list their files; a file that lost rows to a newer one is written
    again with only its kept rows. Returns the files to set aside."""
    rows = kept.drop_columns(["_file", "_rank"]).cast(SCHEMAS[name])
    con.register("kept_rows", rows)
    con.execute(f"INSERT INTO {quote_identifier(name)} BY NAME SELECT * FROM kept_rows")
    con.unregister("kept_rows")
    set_aside = []
    for path in files:
        mine = kept.filter(pc.equal(kept.column("_file"), path.name)).drop_columns(["_file", "_rank"]).cast(SCHEMAS[name])
        if mine.num_rows == pq.read_metadata(path).num_rows:
            if mine.num_rows:
                store.record_file(con, name, path.name, mine)
            continue
        if mine.num_rows:
            store.record_file(con, name, store.write_parquet(name, mine).name, mine)
        set_aside.append(path)
        actions.append(f"{name}: {path.name} held rows superseded by a newer file; moved to quarantine")
    return set_aside
