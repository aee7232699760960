"""`depeche sql`'s sandbox, on a real DuckDB file and on its Parquet fallback (a writer holding the
file in another process, since DuckDB's lock is per process): no file is ever written or read
outside the warehouse's tables, names and paths never become SQL, queries are bounded, and
values are printed verbatim."""

from __future__ import annotations

import _thread
import hashlib
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from depeche.flows.cli import main
from depeche.tasks import query
from depeche.tasks.query import QueryError, format_result, open_parquet_fallback, reader_config, run_query
from depeche.tasks.settings import Settings
from depeche.tasks.warehouse import Warehouse

TITLES = ["[b]x[/b]", "[/x]", "[red]"]
ENDLESS = "select count(*) from range(1e12::bigint)"  # DuckDB 2 wants an integer, not range(1e12)


def make_warehouse(root: Path) -> Path:
    """A tiny warehouse: `documents` in DuckDB and the same rows in one committed Parquet file."""
    documents = pa.table({"doc_id": ["a", "b", "c"], "title": TITLES})
    (root / "parquet" / "documents").mkdir(parents=True)
    pq.write_table(documents, root / "parquet" / "documents" / f"{uuid.uuid4().hex}.parquet")
    con = duckdb.connect(str(root / "depeche.duckdb"))
    con.register("rows", documents)
    con.execute("create table documents as select * from rows")
    con.close()
    return root


def committed_file(root: Path) -> Path:
    return next((root / "parquet" / "documents").glob("*.parquet"))


def fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


class LockHolder:
    """Another process holding the DuckDB file open for writing, as a run does."""

    def __init__(self, database: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); sys.stdin.read()",
             str(database)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def free_warehouse(tmp_path_factory) -> Path:
    return make_warehouse(tmp_path_factory.mktemp("free"))


@pytest.fixture(scope="module")
def locked_warehouse(tmp_path_factory):
    root = make_warehouse(tmp_path_factory.mktemp("locked"))
    holder = LockHolder(root / "depeche.duckdb")
    yield root
    holder.release()


@pytest.fixture(params=["duckdb", "parquet"])
def warehouse(request, monkeypatch) -> Path:
    """Each test runs on both paths: the read-only DuckDB file, and the Parquet fallback."""
    monkeypatch.setattr(query, "BUSY_RETRY_SECONDS", 0.05)  # fall back at once, not after 2 s
    return request.getfixturevalue("free_warehouse" if request.param == "duckdb" else "locked_warehouse")


def source_of(root: Path) -> str:
    return "parquet" if root.name.startswith("locked") else "duckdb"


# Statements that touch files, extensions or settings: refused on both paths.
REFUSED = [
    "copy (select 1) to '{committed}' (format parquet)",
    "copy (select 1) to '{outside}/out.csv'",
    "copy documents to 'relative.csv'",
    "select 1; copy (select 1) to 'second.csv'",
    "export database '{outside}/export'",
    "attach '{outside}/new.duckdb' as n",
    "install httpfs",
    "load httpfs",
    "load '{outside}/evil.duckdb_extension'",
    "set enable_external_access = true",
    "set lock_configuration = false",
    "set allowed_directories = ['/']",
    "set profiling_output = '{outside}/profile.json'",
    "set memory_limit = '100GB'",
    "select * from read_parquet('{committed}')",
    "select * from '{committed}'",
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/passwd')",
    "select * from glob('/etc/*')",
]
# Statements that change the database: refused by the read-only file; on the fallback they may
# succeed on in-memory scratch objects, which vanish with the connection.
SCRATCH = [
    "create table t as select 1",
    "create view v as select 1",
    "drop table documents",
    "drop view documents",
    "insert into documents values ('z', 'z')",
    "update documents set title = 'changed'",
    "delete from documents",
    "checkpoint",
    # DuckDB lets the open file be attached again under another name, but only read-only
    "attach '{root}/depeche.duckdb' as w; create table w.x as select 1",
    "attach '{root}/depeche.duckdb' as w (read_only false)",
]


def _statement(template: str, root: Path, outside: Path) -> str:
    return template.format(committed=committed_file(root), outside=outside, root=root)


@pytest.mark.parametrize("template", REFUSED)
def test_no_statement_reaches_a_file(warehouse, template, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths land here, where we can see them
    outside = tmp_path / "outside"
    outside.mkdir()
    before = fingerprint(warehouse)
    with pytest.raises(QueryError, match="refused"):
        run_query(warehouse, _statement(template, warehouse, outside))
    assert fingerprint(warehouse) == before
    assert [p.name for p in tmp_path.rglob("*")] == ["outside"]


@pytest.mark.parametrize("template", SCRATCH)
def test_changes_never_reach_the_warehouse(warehouse, template, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = fingerprint(warehouse)
    source = source_of(warehouse)
    if source == "duckdb" and template != "checkpoint":
        with pytest.raises(QueryError):
            run_query(warehouse, _statement(template, warehouse, tmp_path))
    else:
        try:
            run_query(warehouse, _statement(template, warehouse, tmp_path))
        except QueryError:
            pass
    assert fingerprint(warehouse) == before and not any(tmp_path.iterdir())
    result = run_query(warehouse, "select count(*) as n from documents where title <> 'changed'")
    assert result.rows == [(3,)] and result.source == source


def test_reader_frees_the_duckdb_file_after_each_query(free_warehouse):
    for sql in ("select 1", "select nonsense"):
        try:
            run_query(free_warehouse, sql)
        except QueryError:
            pass
        duckdb.connect(str(free_warehouse / "depeche.duckdb")).close()  # same process: fails if a reader is open


def test_duckdb_scans_a_registered_arrow_dataset_with_external_access_off(free_warehouse):
    con = duckdb.connect(config=reader_config("256MB", 1))
    try:
        con.register("t", ds.dataset([str(committed_file(free_warehouse))], format="parquet"))
        assert con.sql("select count(*) from t").fetchall() == [(3,)]
        with pytest.raises(duckdb.PermissionException):
            con.sql(f"select * from read_parquet('{committed_file(free_warehouse)}')").fetchall()
        assert con.sql("select current_setting('lock_configuration')").fetchall() == [(True,)]
    finally:
        con.close()


def test_fallback_answers_through_the_real_lock(locked_warehouse, monkeypatch):
    monkeypatch.setattr(query, "BUSY_RETRY_SECONDS", 0.05)
    result = run_query(locked_warehouse, "select title from documents order by doc_id")
    assert result.source == "parquet" and [r[0] for r in result.rows] == TITLES


def test_fallback_unifies_columns_across_files(tmp_path):
    root = make_warehouse(tmp_path / "wh")
    pq.write_table(pa.table({"doc_id": ["d"], "extra": [1]}), root / "parquet" / "documents" / "new.parquet")
    con = open_parquet_fallback(Warehouse(root), reader_config("256MB", 1))
    rows = query.execute(con, "select doc_id, title, extra from documents order by doc_id", 30).to_pylist()
    assert rows[0] == {"doc_id": "a", "title": "[b]x[/b]", "extra": None} and rows[-1] == {"doc_id": "d", "title": None, "extra": 1}


INJECTION = "x as select 1; copy (select 1) to 'pwned.txt'; create view y"


def test_directory_names_never_become_sql(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_warehouse(tmp_path / "wh")
    for name in (INJECTION, "Upper", "with-dash", ".hidden"):
        (root / "parquet" / name).mkdir()
        pq.write_table(pa.table({"v": [1]}), root / "parquet" / name / "f.parquet")
    documents = root / "parquet" / "documents"
    pq.write_table(pa.table({"doc_id": ["tmp"]}), documents / ".half-written.parquet.tmp")
    pq.write_table(pa.table({"doc_id": ["hidden"]}), documents / ".hidden.parquet")
    before = set(tmp_path.rglob("*"))
    con = open_parquet_fallback(Warehouse(root), reader_config("256MB", 1))
    tables = query.execute(con, "select table_name from duckdb_tables() union all select view_name from duckdb_views() where not internal", 30)
    assert tables.column(0).to_pylist() == ["documents"]
    holder = LockHolder(root / "depeche.duckdb")
    try:
        monkeypatch.setattr(query, "BUSY_RETRY_SECONDS", 0.05)
        assert run_query(root, "select count(*) from documents").rows == [(3,)]  # no temp nor hidden file
        for name in ("x", "y"):
            with pytest.raises(QueryError):
                run_query(root, f"select * from {name}")
    finally:
        holder.release()
    assert set(tmp_path.rglob("*")) == before and not list(Path.cwd().rglob("pwned.txt"))


def test_a_quote_in_the_warehouse_path(tmp_path, monkeypatch):
    root = make_warehouse(tmp_path / "l'entrepôt")
    assert run_query(root, "select count(*) from documents").rows == [(3,)]
    holder = LockHolder(root / "depeche.duckdb")
    try:
        monkeypatch.setattr(query, "BUSY_RETRY_SECONDS", 0.05)
        result = run_query(root, "select count(*) from documents")
        assert result.rows == [(3,)] and result.source == "parquet"
    finally:
        holder.release()


def test_timeout_interrupts_the_query(warehouse):
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"query interrupted after 2 s \(--timeout\)"):
        run_query(warehouse, "select count(*) from documents, range(1e12::bigint)", timeout_seconds=2)
    assert time.monotonic() - started < 10


def test_cancel_from_another_thread(free_warehouse):
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(QueryError, match="query cancelled"):
        run_query(free_warehouse, ENDLESS, timeout_seconds=60, cancel=cancel)
    assert time.monotonic() - started < 5
    duckdb.connect(str(free_warehouse / "depeche.duckdb")).close()  # the reader let the file go


def test_ctrl_c_cancels_the_query(free_warehouse):
    timer = threading.Timer(0.5, _thread.interrupt_main)  # KeyboardInterrupt in the main thread, as Ctrl-C
    timer.start()
    started = time.monotonic()
    with pytest.raises(QueryError, match="query cancelled"):
        run_query(free_warehouse, ENDLESS, timeout_seconds=60)
    assert time.monotonic() - started < 5
    timer.join()


def test_memory_limit_stops_a_hungry_query(warehouse):
    started = time.monotonic()
    with pytest.raises(QueryError, match="memory"):
        run_query(warehouse, "select count(*) from (select distinct range from range(100000000))", memory_limit="64MB", threads=1)
    assert time.monotonic() - started < 20


def test_threads_and_memory_limit_are_applied(warehouse):
    rows = run_query(warehouse, "select current_setting('threads'), current_setting('memory_limit')", memory_limit="300MB", threads=1).rows
    assert rows[0][0] == 1 and rows[0][1].startswith("286")  # 300 MB in MiB


def test_table_format_prints_values_verbatim(free_warehouse):
    result = run_query(free_warehouse, 'select title as "[b]head[/b]" from documents order by doc_id')
    text = format_result(result, "table")
    assert "[b]head[/b]" in text and all(title in text for title in TITLES) and text.endswith("(3 rows)\n")
    settings = run_query(free_warehouse, "select * from duckdb_settings()")
    assert format_result(settings, "table").endswith(f"({settings.table.num_rows} rows)\n")
    brackets = format_result(run_query(free_warehouse, "select value, input_type from duckdb_settings() where name = 'allowed_directories'"), "table")
    assert "[]" in brackets and "VARCHAR[]" in brackets


def test_table_format_of_a_large_result_is_quick(free_warehouse):
    result = run_query(free_warehouse, "select range as n, 'v' || range as s from range(100000)")
    started = time.monotonic()
    text = format_result(result, "table", max_rows=1000)
    assert time.monotonic() - started < 5
    assert text.endswith("(100,000 rows, 99,000 not shown: --max-rows)\n") and "v999 " in text and "v1000 " not in text


def test_settings_query_bounds_from_the_environment():
    settings = Settings.load(env={"DEPECHE_QUERY_MEMORY_LIMIT": "1GB", "DEPECHE_QUERY_THREADS": "3", "DEPECHE_QUERY_TIMEOUT_SECONDS": "12.5"})
    assert (settings.query_memory_limit, settings.query_threads, settings.query_timeout_seconds) == ("1GB", 3, 12.5)
    assert (Settings().query_memory_limit, Settings().query_threads, Settings().query_timeout_seconds) == ("2GB", 2, 300.0)
    for bad in ("0", "-1", "nan"):
        with pytest.raises(ValueError, match="query_timeout_seconds"):
            Settings.load(env={"DEPECHE_QUERY_TIMEOUT_SECONDS": bad})


@pytest.mark.parametrize("argv, message, code", [
    (["select nonsense"], "query failed", 1),
    (["delete from documents"], "read-only", 1),
    ([ENDLESS, "--timeout", "1"], "query interrupted after 1 s (--timeout)", 1),
    (["select 1", "--timeout", "0"], "query_timeout_seconds: Input should be greater than 0", 2),
    (["select 1", "--memory-limit", "lots"], "invalid --memory-limit", 1),
    (["select 1", "--threads", "0"], "query_threads: Input should be greater than or equal to 1", 2),
])
def test_cli_errors_are_one_line(free_warehouse, capsys, argv, message, code):
    assert main(["sql", *argv, "--warehouse", str(free_warehouse)]) == code
    err = capsys.readouterr().err
    assert message in err and err.startswith("depeche: ") and err.count("\n") == 1 and "Traceback" not in err


def test_cli_missing_warehouse_and_max_rows(free_warehouse, tmp_path, capsys):
    assert main(["sql", "select 1", "--warehouse", str(tmp_path / "none")]) == 1
    assert "no warehouse" in capsys.readouterr().err
    assert main(["sql", "select * from range(3000)", "--max-rows", "10", "--warehouse", str(free_warehouse)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(3,000 rows, 2,990 not shown: --max-rows)")
    assert main(["sql", "select * from range(3000)", "--max-rows", "0", "--warehouse", str(free_warehouse)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(3,000 rows)")


def test_cli_on_a_locked_warehouse_answers_from_parquet(locked_warehouse, capsys, monkeypatch):
    monkeypatch.setattr(query, "BUSY_RETRY_SECONDS", 0.05)
    assert main(["sql", "select count(*) as n from documents", "--format", "csv", "--warehouse", str(locked_warehouse)]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == ["n", "3"] and "Parquet" in captured.err


def test_cli_status_under_the_query_bounds(tmp_path, capsys):
    root = make_warehouse(tmp_path / "wh")
    con = duckdb.connect(str(root / "depeche.duckdb"))
    con.execute("create table runs as select 'r1' as run_id, 'f' as flow_run_id, now() as started_at, '[b]completed[/b]' as status, 'v' as pipeline_version")
    con.close()
    assert main(["status", "--warehouse", str(root), "--timeout", "30", "--threads", "1", "--memory-limit", "256MB"]) == 0
    out = capsys.readouterr().out
    assert "[b]completed[/b]" in out and "flow_run_id" not in out and out.rstrip().endswith("(1 rows)")


def test_the_parquet_fallback_never_shows_a_batch_written_but_not_committed(tmp_path):
    from depeche.tasks.query import open_parquet_fallback, reader_config
    from depeche.tasks.warehouse import Warehouse, table_from_rows

    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch({"documents": table_from_rows("documents", [{"doc_id": "d1", "pipeline_version": "v"}])})
    store.write_parquet("documents", table_from_rows("documents", [{"doc_id": "uncommitted"}]))  # a load in progress
    con = open_parquet_fallback(store, reader_config("1GB", 1))
    try:
        assert con.execute("select doc_id from documents").fetchall() == [("d1",)]
    finally:
        con.close()


def _result(sql: str) -> query.QueryResult:
    return query.QueryResult(duckdb.connect().sql(sql).to_arrow_table(), "duckdb")


FORMATS_SQL = "select 1 as n, [1, 2] as l, '2024-01-02 03:04:05'::timestamp as t, 2.5::decimal(4, 1) as d, null as z, 'a,b' as s"


def test_csv_has_lf_line_ends_lists_as_json_and_no_blank_line():
    text = format_result(_result(FORMATS_SQL), "csv")
    assert text == 'n,l,t,d,z,s\n1,"[1,2]",2024-01-02T03:04:05,2.5,,"a,b"\n'


def test_json_is_one_compact_array_with_numbers_as_numbers_and_iso_times():
    assert format_result(_result(FORMATS_SQL), "json") == '[{"n":1,"l":[1,2],"t":"2024-01-02T03:04:05","d":2.5,"z":null,"s":"a,b"}]\n'
    assert format_result(_result("select * from range(2) t(i)"), "jsonl") == '{"i": 0}\n{"i": 1}\n'


def test_the_table_right_aligns_numbers():
    lines = format_result(_result("select 12345 as number, 'x' as word union all select 7, 'yyyyyyy'"), "table").splitlines()
    row = next(line for line in lines if "│" in line and " 7 " in line)
    assert row == "│      7 │ yyyyyyy │"
