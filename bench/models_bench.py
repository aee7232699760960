"""SQL models and README example queries on a synthetic warehouse, against their time targets.

    python bench/models_bench.py [--mentions 1000000] [--events 100000] [--documents 50000] [--quotes 100000]
                                 [--seed 0] [--keep DIR]

1. builds a synthetic warehouse (bench/synthetic_warehouse.py) in a temporary directory (or DIR);
2. rebuilds every model of sql/models with tasks.models.run_models: target 10 s in total;
3. runs each sql/examples/*.sql 5 times on a read-only connection (as `depeche sql` does): target
   a median of 200 ms per query;
4. runs the data tests (sql/tests/checks.toml and sql/tests/*.sql), which should find no offending
   row on this consistent data.

Model, example and test files are read when the bench runs. The exit status is 1 when a target is
missed or something fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/models_bench.py`: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench import synthetic_warehouse  # noqa: E402
from depeche.tasks.models import run_models  # noqa: E402
from depeche.tasks.warehouse import RUNS_SCHEMA, SCHEMAS, Warehouse  # noqa: E402

MODELS_DIR = ROOT / "sql" / "models"
EXAMPLES_DIR = ROOT / "sql" / "examples"
TESTS_DIR = ROOT / "sql" / "tests"
MODELS_TARGET_S = 10.0
QUERY_TARGET_MS = 200.0
QUERY_RUNS = 5
INPUT_TABLES = [*SCHEMAS, "runs"]
assert RUNS_SCHEMA is not None


def _read_sql(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip().rstrip(";").strip()


def _count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def time_models(store: Warehouse) -> tuple[list[tuple[str, float, int | None]], str | None]:
    """[(model, seconds, rows)] and the error, if a model failed."""
    with store.connect() as con:
        started = time.perf_counter()
        try:
            timings = run_models(con, MODELS_DIR)
            error = None
        except Exception as failure:  # a failing model stops run_models: report it, go on with the rest
            timings, error = [], f"{type(failure).__name__}: {failure}"
        total = time.perf_counter() - started
        rows = []
        for name, seconds in timings:
            try:
                rows.append((name, seconds, _count(con, name)))
            except duckdb.Error:
                rows.append((name, seconds, None))
    return rows + [("TOTAL", total, None)], error


def time_examples(store: Warehouse) -> list[dict]:
    """Each example query run QUERY_RUNS times on one read-only connection (configured as `depeche sql`)."""
    try:
        from depeche.tasks.query import SAFE_CONFIG
    except ImportError:
        SAFE_CONFIG = {}
    results = []
    paths = sorted(EXAMPLES_DIR.glob("*.sql")) if EXAMPLES_DIR.exists() else []
    con = duckdb.connect(str(store.duckdb_path), read_only=True, config=SAFE_CONFIG)
    try:
        for path in paths:
            sql = _read_sql(path)
            times, rows, error = [], None, None
            for _ in range(QUERY_RUNS):
                started = time.perf_counter()
                try:
                    relation = con.sql(sql)
                    table = relation.to_arrow_table() if relation is not None else None
                except Exception as failure:
                    error = f"{type(failure).__name__}: {str(failure).splitlines()[0]}"
                    break
                times.append((time.perf_counter() - started) * 1000)
                rows = table.num_rows if table is not None else 0
            results.append({"name": path.name, "ms": statistics.median(times) if times and not error else None,
                            "all_ms": times, "rows": rows, "error": error})
    finally:
        con.close()
    return results


def run_tests(store: Warehouse) -> list[dict]:
    """Offending rows per data test (declared checks and singular tests), on a read-only connection."""
    try:
        from depeche.tasks.data_tests import declared_tests, singular_tests

        tests = declared_tests(TESTS_DIR / "checks.toml") if (TESTS_DIR / "checks.toml").exists() else []
        tests = [(t.name, t.sql) for t in tests + singular_tests(TESTS_DIR)]
    except ImportError:
        tests = [(p.stem, _read_sql(p)) for p in sorted(TESTS_DIR.glob("*.sql"))]
    results = []
    with store.connect(read_only=True) as con:
        for name, sql in tests:
            started = time.perf_counter()
            try:
                count, error = con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0], None
            except Exception as failure:
                count, error = None, f"{type(failure).__name__}: {str(failure).splitlines()[0]}"
            results.append({"name": name, "offending": count, "error": error, "ms": (time.perf_counter() - started) * 1000})
    return results


def _fmt_int(n) -> str:
    return "" if n is None else f"{n:,}"


def report(build_s, input_rows, models, model_error, examples, tests, args) -> bool:
    """Print the one table; True when every target is met and nothing failed."""
    lines = []  # (section, name, rows, measured, target, ratio, result)
    for name, n in input_rows.items():
        lines.append(("input", name, _fmt_int(n), "", "", "", ""))
    lines.append(("build", "synthetic warehouse", "", f"{build_s:.1f} s", "", "", ""))
    ok = True
    for name, seconds, rows in models:
        if name == "TOTAL":
            passed = model_error is None and seconds <= MODELS_TARGET_S
            ok &= passed
            lines.append(("models", "TOTAL (all models)", "", f"{seconds:.2f} s", f"{MODELS_TARGET_S:.0f} s",
                          f"{seconds / MODELS_TARGET_S:.2f}", "PASS" if passed else "FAIL"))
        else:
            lines.append(("model", name, _fmt_int(rows), f"{seconds:.2f} s", "", f"{seconds / MODELS_TARGET_S:.2f}", ""))
    if model_error:
        lines.append(("model", "ERROR", "", "", "", "", "FAIL"))
    if not examples:
        lines.append(("query", f"(no {EXAMPLES_DIR.relative_to(ROOT)}/*.sql)", "", "", "", "", ""))
    for e in examples:
        if e["error"]:
            ok = False
            lines.append(("query", e["name"], "", "error", f"{QUERY_TARGET_MS:.0f} ms", "", "FAIL"))
        else:
            passed = e["ms"] <= QUERY_TARGET_MS
            ok &= passed
            lines.append(("query", e["name"], _fmt_int(e["rows"]), f"{e['ms']:.1f} ms", f"{QUERY_TARGET_MS:.0f} ms",
                          f"{e['ms'] / QUERY_TARGET_MS:.2f}", "PASS" if passed else "FAIL"))
    for t in tests:
        passed = t["error"] is None and t["offending"] == 0
        ok &= passed
        lines.append(("test", t["name"], "error" if t["error"] else _fmt_int(t["offending"]), f"{t['ms']:.0f} ms", "0 rows",
                      "", "PASS" if passed else "FAIL"))
    header = ("section", "name", "rows", "measured", "target", "ratio", "result")
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    align = ["<", "<", ">", ">", ">", ">", "<"]
    print(f"\nsynthetic warehouse: {args.documents:,} documents, {args.mentions:,} mentions, {args.events:,} events, "
          f"{args.quotes:,} quotes, seed {args.seed}; DuckDB {duckdb.__version__}, {os.cpu_count()} CPU(s)")
    print("  ".join(f"{h:{a}{w}}" for h, a, w in zip(header, align, widths)))
    print("  ".join("-" * w for w in widths))
    for row in lines:
        print("  ".join(f"{str(c):{a}{w}}" for c, a, w in zip(row, align, widths)).rstrip())
    if model_error:
        print(f"\nmodel failure: {model_error}")
    for e in examples:
        if e["error"]:
            print(f"query {e['name']} failed: {e['error']}")
        elif e["all_ms"]:
            print(f"query {e['name']}: runs {', '.join(f'{ms:.1f}' for ms in e['all_ms'])} ms")
    for t in tests:
        if t["error"]:
            print(f"test {t['name']} failed to run: {t['error']}")
    print(f"\nverdict: {'all targets met' if ok else 'TARGET MISSED OR FAILURE'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the warehouse in DIR and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="depeche-models-bench-") as temporary:
        root = args.keep if args.keep else Path(temporary)
        print(f"building the synthetic warehouse in {root} …", flush=True)
        started = time.perf_counter()
        synthetic_warehouse.build(root, documents=args.documents, mentions=args.mentions, events=args.events,
                                  quotes=args.quotes, seed=args.seed)
        build_s = time.perf_counter() - started
        store = Warehouse(root)
        with store.connect(read_only=True) as con:
            input_rows = {name: _count(con, name) for name in INPUT_TABLES}
        print(f"built in {build_s:.1f} s; rebuilding the models …", flush=True)
        models, model_error = time_models(store)
        print("timing the example queries and running the data tests …", flush=True)
        examples = time_examples(store)
        tests = run_tests(store)
        ok = report(build_s, input_rows, models, model_error, examples, tests, args)
        if args.keep:
            print(f"warehouse kept in {args.keep}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
