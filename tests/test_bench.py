"""Smoke runs of every bench script with the smallest sizes they accept, so the benches cannot rot
unnoticed: each runs as a user runs it (`python bench/x.py …` from the repository root, in a fresh
process) and must exit 0 and print its table. No test asserts a time: the numbers are the bench's
business, not the suite's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PEER_BENCH = ROOT.parent / "shared" / "peer-bench"


def run_bench(script: str, *args: str, env: dict | None = None, timeout: float = 180, exit_codes=(0,)) -> list[str]:
    """The stdout lines of `python bench/<script> args…` run from the repository root; fails on
    an exit code not in `exit_codes`."""
    done = subprocess.run([sys.executable, str(Path("bench") / script), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=env)
    assert done.returncode in exit_codes, f"bench/{script} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout.splitlines()


def columns(line: str) -> list[str]:
    return line.split()


def row(lines: list[str], *first: str) -> list[str]:
    """The columns of the first line starting with the columns `first`."""
    found = [columns(line) for line in lines if columns(line)[: len(first)] == list(first)]
    assert found, f"no row starting with {first!r} in:\n" + "\n".join(lines)
    return found[0]


def numbers(cells: list[str]) -> list[float]:
    return [float(c.replace(",", "").rstrip("%")) for c in cells]


# ------------------------------------------------------------------------------- synthetic warehouse
def test_synthetic_tables_have_every_column_of_the_warehouse_schemas():
    from bench import synthetic_warehouse
    from depeche.tasks.warehouse import RUNS_SCHEMA, SCHEMAS

    tables = synthetic_warehouse.generate(documents=20, mentions=200, events=20, quotes=20, seed=0)
    assert set(tables) == {*SCHEMAS, "runs"}
    for name, table in tables.items():
        assert table.schema == (RUNS_SCHEMA if name == "runs" else SCHEMAS[name]), name


def test_a_column_added_to_the_warehouse_is_null_in_the_synthetic_tables(monkeypatch):
    import pyarrow as pa

    from bench import synthetic_warehouse

    monkeypatch.setattr(synthetic_warehouse, "RUNS_SCHEMA", synthetic_warehouse.RUNS_SCHEMA.append(pa.field("docs_new", pa.int64())))
    monkeypatch.setitem(synthetic_warehouse.SCHEMAS, "events",
                        synthetic_warehouse.SCHEMAS["events"].append(pa.field("new_note", pa.string())))
    tables = synthetic_warehouse.generate(documents=20, mentions=200, events=20, quotes=20, seed=0)
    assert tables["runs"].column("docs_new").null_count == tables["runs"].num_rows > 0
    assert tables["events"].column("new_note").null_count == tables["events"].num_rows > 0


def test_synthetic_warehouse_script(tmp_path):
    out = tmp_path / "warehouse"
    lines = run_bench("synthetic_warehouse.py", str(out), "--documents", "50", "--mentions", "500", "--events", "50",
                      "--quotes", "50")
    assert lines[0].startswith("synthetic warehouse ") and " built in " in lines[0]
    counts = {cells[0]: int(cells[1].replace(",", "")) for cells in map(columns, lines[1:])}
    assert {"documents", "removed_chrome", "sentences", "entities", "mentions", "events", "quotes", "rejects", "runs"} <= set(counts)
    assert (counts["documents"], counts["mentions"], counts["events"], counts["quotes"]) == (50, 500, 50, 50)
    assert (out / "depeche.duckdb").exists()


def test_models_bench(tmp_path):
    # Exit 1 means a time target was missed on a busy machine: this smoke run asserts shapes, never times.
    lines = run_bench("models_bench.py", "--documents", "200", "--mentions", "5000", "--events", "500", "--quotes", "500",
                      "--keep", str(tmp_path / "warehouse"), exit_codes=(0, 1))
    header = next(i for i, line in enumerate(lines) if columns(line) == ["section", "name", "rows", "measured", "target", "ratio", "result"])
    body = lines[header + 2:]
    table = [columns(line) for line in body[: body.index("")]]  # the table ends at the first blank line
    sections = {cells[0] for cells in table}
    assert {"input", "build", "models", "model", "query", "test"} <= sections
    assert row(lines, "input", "documents")[2] == "200"
    assert not any("failed" in line or "model failure" in line for line in lines)
    data_tests = [cells for cells in table if cells[0] == "test"]
    assert data_tests and all(cells[-1] == "PASS" for cells in data_tests), data_tests  # 0 offending rows: not a time
    assert any(line.startswith("verdict: ") for line in lines)


# ------------------------------------------------------------------------------- cleaner
def test_clean_bench_text():
    lines = run_bench("clean_bench.py", "text", "--copies", "1", "--repeats", "1")
    assert lines[0].split() == ["articles", "runs", "median", "articles/CPU", "s", "best", "worst"]
    articles, runs, *rates = numbers(columns(lines[1]))
    assert articles == len(list((ROOT / "data" / "raw").glob("*.txt"))) and runs == 1 and len(rates) == 3


@pytest.mark.skipif(not (PEER_BENCH / "score.py").exists(), reason=f"no peer bench at {PEER_BENCH}")
def test_clean_bench_html(tmp_path):
    out = tmp_path / "peer"
    lines = run_bench("clean_bench.py", "html", "--limit", "2", "--set", "aeb", "--out", str(out))
    assert lines[0].split() == ["set", "extractor", "precision", "recall", "F1", "pages/s"]
    for name in ("depeche", "trafilatura", "ratio"):
        assert len(numbers(row(lines, "aeb", name)[2:])) == 4
    assert (out / "depeche" / "summary.json").exists() and (out / "trafilatura" / "summary.json").exists()


@pytest.mark.skipif(not (PEER_BENCH / "score.py").exists(), reason=f"no peer bench at {PEER_BENCH}")
def test_clean_bench_speed():
    lines = run_bench("clean_bench.py", "speed", "--limit", "2", "--repeats", "1")
    assert lines[0].split() == ["pages", "runs", "depeche_pages/s", "trafilatura_pages/s", "ratio"]
    pages, runs, *rates = numbers(columns(lines[1]))
    assert (pages, runs) == (2, 1) and len(rates) == 3 and all(rate > 0 for rate in rates)


def test_extractors_module_is_importable():
    from bench.extractors import depeche_body

    html = ("<html><head><title>Sommet</title></head><body><article><h1>Sommet</h1>"
            "<p>Le président a rencontré mardi son homologue pour discuter de la situation régionale.</p>"
            "</article></body></html>")
    assert isinstance(depeche_body(html), str)


# ------------------------------------------------------------------------------- entities and events
def test_entities_bench_quality():
    lines = run_bench("entities_bench.py", "quality", "--set", "sample", "--set", "dev")
    assert lines[0].split() == ["set", "lang", "system", "scope", "P", "R", "F1"]
    for language in ("fr", "en", "de", "es"):
        for scope in ("all", "PER", "ORG", "LOC"):
            set_name = "sample" if language == "fr" else "dev"
            assert all(0 <= x <= 1 for x in numbers(row(lines, set_name, language, "linked", scope)[4:]))
    assert len(row(lines, "sample", "fr", "raw", "spaCy", "all")) == 8  # the French model alone, for comparison
    roles = lines.index(next(line for line in lines if line.split()[:3] == ["set", "lang", "roles"]))
    assert all(0 <= numbers(row(lines[roles:], "dev", language)[4:])[0] <= 1 for language in ("en", "de", "es"))


def test_entities_bench_speed():
    lines = run_bench("entities_bench.py", "speed", "--copies", "1", "--repeats", "1")
    assert lines[0].split() == ["system", "cores", "median", "words/s"]
    assert len(row(lines, "spaCy", "senter+ner", "1")) == 4
    assert len(row(lines, "spaCy", "senter+ner", "+", "linking", "1")) == 6
    assert any(re.match(r"linking adds [+-][\d.]+% to spaCy's time on 1 core", line) for line in lines)


def test_events_bench():
    lines = run_bench("events_bench.py", "--copies", "1")
    assert lines[0].split() == ["doc", "gold", "found", "match", "P", "R", "dates", "quotes", "speaker", "published"]
    assert len([line for line in lines[1:] if re.match(r"\d{3} ", line)]) == len(list((ROOT / "data" / "raw").glob("*.txt")))
    assert any(re.match(r"events: precision [\d.]+  recall [\d.]+  date accuracy", line) for line in lines)
    assert any(re.match(r"quotes: found \d+/\d+  speaker accuracy", line) for line in lines)
    speed = next(i for i, line in enumerate(lines) if line.split()[:2] == ["sentences", "events+quotes"])
    assert len(numbers(columns(lines[speed + 1]))) == 5


# ------------------------------------------------------------------------------- incremental runs
@pytest.mark.e2e
def test_incremental_bench(tmp_path):
    """Three `depeche run` processes (first run, one re-run, one file added) on the sample alone: about 40 s."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    lines = run_bench("incremental_bench.py", "--copies", "1", "--repeats", "1", "--sample-only", "--keep", str(tmp_path / "work"), env=env,
                      timeout=600)
    documents = int(re.match(r"corpus: (\d+) files", lines[0]).group(1))
    assert row(lines, "run")[:2] == ["run", "loaded"]
    assert int(row(lines, "first", "run")[2]) == documents
    assert int(row(lines, "re-run,", "nothing", "changed")[3]) == 0
    assert int(row(lines, "one", "file", "added")[3]) == 1
    assert any(line.startswith("re-run with nothing changed, median: ") for line in lines)


# ------------------------------------------------------------------------------- pipeline bench
def test_generated_corpus_is_deterministic_distinct_and_mixed_like_its_templates():
    from bench import corpus

    articles = list(corpus.generate(68, seed=3))
    assert articles == list(corpus.generate(68, seed=3))
    assert articles != list(corpus.generate(68, seed=4))
    assert len({data for _, data in articles}) == len(articles)
    templates = corpus.templates()
    html_share = len(templates["html"]) / (len(templates["html"]) + len(templates["text"]))
    html = [name for name, _ in articles if name.endswith(".html")]
    assert len(html) == int(len(articles) * html_share)
    assert all(name.endswith((".html", ".txt")) for name, _ in articles)


def test_generated_corpus_swaps_names_with_french_elision_and_shifts_dates_together():
    from bench import corpus

    table = {**{form: form for group in corpus.SWAP_GROUPS for person in group for form in person},
             "Emmanuel Macron": "François Hollande", "Macron": "Hollande"}
    assert corpus.swap_names("La visite d’Emmanuel Macron. M. Macron a parlé.", table) == \
        "La visite de François Hollande. M. Hollande a parlé."
    shifted = corpus.shift_dates("Publié le 1er mars 2024, modifié le 01/03/2024 (2024-03-01T10:00)", -1)
    assert shifted == "Publié le 29 février 2024, modifié le 29/02/2024 (2024-02-29T10:00)"


def number_after(lines: list[str], *name: str) -> float:
    """The first number of the row whose first columns are `name`."""
    return numbers(row(lines, *name)[len(name):len(name) + 1])[0]


@pytest.mark.e2e
def test_pipeline_bench(tmp_path):
    """Two `depeche run` processes on 6 generated documents, then the HTML cleaning race: about 40 s.
    The one-worker run and its ratio are left out here (the ratios are tested below, without runs)."""
    work = tmp_path / "work"
    lines = run_bench("pipeline_bench.py", "--docs", "6", "--only", "workers2,noop,html", "--out", str(work),
                      timeout=600)
    assert re.match(r"corpus: 6 documents \(5 text, 1 HTML", lines[0])
    assert columns(next(line for line in lines if line.startswith("section")))[:4] == ["section", "name", "docs", "seconds"]
    assert number_after(lines, "workers2", "run", "(its", "own", "time)") == 6
    for stage in ("clean", "tag", "load"):
        docs, *measured = numbers(row(lines, "workers2", stage)[2:])
        assert docs == 6 and len(measured) == 3 and all(x > 0 for x in measured)
    for memory in (("peak", "RSS", "flow", "process"), ("peak", "RSS", "total"), ("warehouse", "on", "disk")):
        assert number_after(lines, "workers2", *memory) > 0
    assert number_after(lines, "noop", "run", "(its", "own", "time)") == 0
    for name in (("no-op", "re-run", "÷", "first", "run,", "wall"), ("our", "HTML", "÷", "trafilatura,", "pages/s")):
        assert number_after(lines, "ratio", *name) > 0
    assert row(lines, "ratio", "our", "HTML")[-1] in ("met", "MET")  # "met" or "NOT MET": never a failure
    assert not work.exists()  # removed without --keep


def test_pipeline_bench_ratios_over_rounds_are_medians_with_their_range():
    sys.path.insert(0, str(ROOT))
    from bench import pipeline_bench as bench

    def run(seconds: float, wall: float):
        return bench.PipelineRun(bench.Command("", wall, bench.MemorySampler(0)), {"seconds": seconds}, 0, 0)

    rounds = [{"workers2": run(10, 20), "workers1": run(one, 30), "dask": run(dask, 25)}
              for one, dask in ((19, 10.5), (16, 12), (17, 11))]
    ratios = {r[1]: r for r in bench.ratio_rows(rounds, None, [])}
    assert ratios["workers1 ÷ workers2, run time (median of 3: 1.60–1.90)"][7:] == ("1.70", "≥ 1.7", "met")
    assert ratios["dask ÷ default runner, run time (median of 3: 1.05–1.20)"][7:] == ("1.10", "≤ 1.1", "met")
    assert bench.median_run(rounds, "workers1").summary["seconds"] == 17
    single = {r[1]: r for r in bench.ratio_rows(rounds[:1], None, [])}
    assert single["workers1 ÷ workers2, run time"][7] == "1.90"
