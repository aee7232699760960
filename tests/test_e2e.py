"""The real flow on the sample corpus, read back with DuckDB SQL."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys

from pathlib import Path

import duckdb
import pytest

from depeche.tasks.warehouse import Warehouse

pytestmark = pytest.mark.e2e


def query(settings, sql, params=None):
    con = duckdb.connect(str(settings.duckdb_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_five_documents_with_metadata(sample_run):
    settings, totals = sample_run
    assert totals.docs_loaded == 5 and totals.docs_rejected == 0
    rows = query(settings, "select title, language, n_chars_clean > 1000, tag_status from documents order by source_path")
    assert len(rows) == 5
    assert all(language == "fr" and long and status == "tagged" for _, language, long, status in rows)
    assert rows[1][0] == "Vers un rapprochement entre la Russie et la Chine ?"
    assert query(settings, "select published_at::varchar, published_precision from documents where source_path like '%002_%'") == [("2023-09-01", "month")]


def test_lavrov_is_a_person_where_he_is_named(sample_run):
    settings, _ = sample_run
    docs = query(
        settings,
        "select distinct d.source_path from mentions m join documents d using (doc_id) "
        "where m.surface = 'Sergueï Lavrov' and m.label = 'PER'",
    )
    assert {os.path.basename(p) for (p,) in docs} >= {"001_56880a37b370735c.txt", "002_7001832de6ab5743.txt"}


def test_offsets_slice_clean_text(sample_run):
    settings, _ = sample_run
    bad_sentences = query(
        settings,
        "select count(*) from sentences s join documents d using (doc_id) "
        "where substr(d.clean_text, s.start_char + 1, s.end_char - s.start_char) <> s.text",
    )
    bad_mentions = query(
        settings,
        "select count(*) from mentions m join documents d using (doc_id) "
        "where substr(d.clean_text, m.start_char + 1, m.end_char - m.start_char) <> m.surface",
    )
    assert bad_sentences == [(0,)] and bad_mentions == [(0,)]
    assert query(settings, "select count(*) from sentences")[0][0] > 80
    # Every mention lies inside the sentence it points to (entities never cross a sentence break).
    assert query(
        settings,
        "select count(*) from mentions m join sentences s using (doc_id, sentence_id) "
        "where m.start_char < s.start_char or m.end_char > s.end_char",
    ) == [(0,)]


def test_no_chrome_reaches_the_warehouse(sample_run):
    settings, _ = sample_run
    for chrome in ["Temps de lecture", "Newsletter", "Partager", "Laissez-nous vos commentaires"]:
        assert query(settings, "select count(*) from documents where contains(clean_text, ?)", [chrome]) == [(0,)]
        assert query(settings, "select count(*) from mentions where contains(surface, ?)", [chrome]) == [(0,)]
    assert query(settings, "select count(*) from removed_chrome where reason = 'reading_time'") == [(4,)]


def test_linked_entities_and_roles(sample_run):
    settings, _ = sample_run
    roles = dict(query(
        settings,
        "select m.surface, m.entity_id from mentions m join documents d using (doc_id) "
        "where m.method = 'role' and d.source_path like '%001_%'",
    ))
    # Feb 2023: Qin Gang was minister, but the article names Wang Yi as China's top diplomat.
    assert roles["chef de la diplomatie chinoise"] == "wang-yi"
    assert roles["président russe"] == "vladimir-putin"
    assert query(settings, "select kb_id, country_code, actor_code from entities where entity_id = 'vladimir-putin'") == [("Q7747", "RUS", "RUSGOV")]


def test_wang_yi_meets_lavrov_in_moscow(sample_run):
    settings, _ = sample_run
    rows = query(
        settings,
        "select cameo_code, location_id, quad_class from events "
        "where actor1_id = 'wang-yi' and actor2_id = 'sergey-lavrov' and cameo_code like '04%'",
    )
    assert ("040", "moscow", 1) in rows
    assert query(settings, "select count(*) from events where cameo_code = '041' and actor1_id = 'xi-jinping' and actor2_id = 'vladimir-putin'")[0][0] >= 1
    assert query(settings, "select count(*) from events where event_date is null and date_precision <> 'reported'") == [(0,)]


def test_quotes_have_speakers(sample_run):
    settings, _ = sample_run
    ushakov = query(settings, "select text from quotes where speaker_id = 'yuri-ushakov'")
    assert any("coïncident pratiquement" in text for (text,) in ushakov)
    assert query(
        settings,
        "select count(*) from quotes q join documents d using (doc_id) "
        "where substr(d.clean_text, q.start_char + 1, q.end_char - q.start_char) <> q.text",
    ) == [(0,)]


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "sql" / "examples").glob("*.sql"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_readme_example_queries_answer_on_the_sample(sample_run, example):
    from depeche.tasks.query import run_query

    result = run_query(sample_run[0].warehouse_dir, example.read_text(encoding="utf-8"))
    assert result.table.num_rows > 0 and result.source == "duckdb"


def test_every_readme_example_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "docs" / "warehouse.md").read_text(encoding="utf-8")
    assert len(EXAMPLES) >= 6
    for example in EXAMPLES:
        assert example.read_text(encoding="utf-8").strip() in readme, example.name


def test_data_tests_pass_and_clusters_are_stable(sample_run, prefect_harness):
    from depeche.flows.etl import run_etl

    settings, totals = sample_run
    assert totals.data_tests_passed > 40
    before = query(settings, "select cluster_id, num_mentions from event_clusters order by 1")
    run_etl(settings)  # nothing new: models are rebuilt, cluster ids must not move
    assert query(settings, "select cluster_id, num_mentions from event_clusters order by 1") == before


def test_models_and_parquet_agree(sample_run):
    settings, _ = sample_run
    assert query(settings, "select sum(mentions) = (select count(*) from mentions) from mention_counts") == [(True,)]
    assert Warehouse(settings.warehouse_dir).verify() == []
    assert (settings.parquet_dir / "mention_counts" / "mention_counts.parquet").exists()


def test_incremental_runs(prefect_harness, sample_raw, tmp_path):
    from depeche.flows.etl import run_etl
    from depeche.tasks.settings import Settings

    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", batch_size=3, workers=2)
    run_etl(settings)
    store = Warehouse(settings.warehouse_dir)
    with store.connect(read_only=True) as con:
        before = store.table_fingerprints(con)

    again = run_etl(settings)
    assert again.docs_loaded == 0 and again.docs_skipped == 5
    with store.connect(read_only=True) as con:
        assert store.table_fingerprints(con) == before

    (raw / "new article.txt").write_text(
        "Sommet à Astana\n\nLe président kazakh Kassym-Jomart Tokaïev a reçu lundi à Astana le président chinois Xi Jinping pour un sommet régional.\n",
        encoding="utf-8",
    )
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (raw / "broken.txt.gz").write_bytes(gzip.compress(b"Un texte")[:12])
    (raw / "latin1.txt").write_bytes("Le ministre français a été reçu à l'Élysée par le président de la République.\n".encode("cp1252"))
    third = run_etl(settings)
    assert third.docs_loaded == 2 and third.docs_rejected == 3 and third.docs_skipped == 5
    reasons = dict(query(settings, "select regexp_extract(source_path, '[^/]+$'), reason from rejects"))
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary", "broken.txt.gz": "corrupt_gzip"}
    assert query(settings, "select count(*) from documents where contains(clean_text, 'Élysée')") == [(1,)]
    assert Warehouse(settings.warehouse_dir).verify() == []

    fourth = run_etl(settings)  # known rejects are not recorded twice
    assert fourth.docs_loaded == 0 and fourth.docs_rejected == 0
    assert query(settings, "select count(*) from rejects") == [(3,)]


def test_cli_run_sql_and_status(sample_raw, tmp_path):
    # A quote in the warehouse's path: no SQL is built from paths, in the writer or the readers.
    warehouse = tmp_path / "l'entrepôt" / "wh"
    env = {**os.environ, "DEPECHE_WAREHOUSE": str(warehouse), "DEPECHE_RAW": str(sample_raw), "DEPECHE_LOCK_WAIT_SECONDS": "1"}
    env.pop("PREFECT_API_URL", None)
    cli = [sys.executable, "-m", "depeche.flows.cli"]
    summary = tmp_path / "summary.json"
    run = subprocess.run(cli + ["run", "--summary-json", str(summary)], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "5 documents loaded" in run.stdout and "0 rejected" in run.stdout
    totals = json.loads(summary.read_text())
    assert totals["docs_loaded"] == 5 and totals["rows"]["sentences"] > 50
    assert {"plan", "clean", "tag", "load", "data tests"} <= set(totals["stage_seconds"]) and totals["wall_seconds"] > totals["seconds"] > 0

    answer = subprocess.run(cli + ["sql", "select count(*) as n from documents", "--format", "csv"], env=env, capture_output=True, text=True)
    assert answer.returncode == 0 and answer.stdout.split() == ["n", "5"]

    refused = subprocess.run(cli + ["sql", "delete from documents"], env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr

    status = subprocess.run(cli + ["status"], env=env, capture_output=True, text=True)
    assert status.returncode == 0 and "completed" in status.stdout

    tests = subprocess.run(cli + ["test"], env=env, capture_output=True, text=True)
    assert tests.returncode == 0 and " 0 failed" in tests.stdout

    check = subprocess.run(cli + ["check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0 and "agree" in check.stdout

    out = tmp_path / "events.parquet"
    exported = subprocess.run(cli + ["sql", "select * from events", "--format", "parquet", "--output", str(out)], env=env, capture_output=True, text=True)
    assert exported.returncode == 0 and duckdb.connect().execute(f"select count(*) from '{out}'").fetchone()[0] > 0

    escape = subprocess.run(cli + ["sql", "select * from read_csv('/etc/passwd')"], env=env, capture_output=True, text=True)
    assert escape.returncode == 1 and "Traceback" not in escape.stderr

    # Another process holds the write lock (as a run does): answers come from the Parquet files.
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(30)",
         str(warehouse / "depeche.duckdb")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        busy = subprocess.run(cli + ["sql", "select count(*) as n from documents", "--format", "csv"], env=env, capture_output=True, text=True)
        assert busy.returncode == 0 and busy.stdout.split() == ["n", "5"] and "Parquet" in busy.stderr
        second_run = subprocess.run(cli + ["run"], env=env, capture_output=True, text=True, timeout=300)
        assert second_run.returncode == 1 and "held by another process" in second_run.stderr and "Traceback" not in second_run.stderr
    finally:
        holder.kill()
