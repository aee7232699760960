import subprocess
import sys
import time
from datetime import datetime, timezone

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from depeche.tasks.warehouse import (
    LOADED_TABLES, Warehouse, WarehouseBusy, WarehouseNeedsRepair, empty_table, repair, run_lock, table_from_rows,
)


def batch(doc_id: str, text: str, entity: str = "x-per-1") -> dict:
    tables = {name: empty_table(name) for name in LOADED_TABLES}
    tables["documents"] = table_from_rows("documents", [{"doc_id": doc_id, "clean_text": text, "pipeline_version": "v1"}])
    tables["sentences"] = table_from_rows("sentences", [{"doc_id": doc_id, "sentence_id": 0, "paragraph_id": 0, "start_char": 0, "end_char": len(text), "text": text}])
    tables["entities"] = table_from_rows("entities", [{"entity_id": entity, "name": "Lavrov", "label": "PER"}])
    tables["mentions"] = table_from_rows("mentions", [{"mention_id": f"{doc_id}-m0", "doc_id": doc_id, "sentence_id": 0, "start_char": 0, "end_char": 6, "surface": text[:6], "label": "PER", "entity_id": entity}])
    return tables


def counts(store: Warehouse) -> dict:
    with store.connect(read_only=True) as con:
        return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in LOADED_TABLES}


def test_load_is_idempotent_per_document_and_parquet_agrees(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    store.load_batch(batch("d2", "Lavrov répond."))
    store.load_batch(batch("d1", "Lavrov parle encore."))  # re-processing replaces, never duplicates
    assert counts(store) == {**{n: 0 for n in LOADED_TABLES}, "documents": 2, "sentences": 2, "mentions": 2, "entities": 1}
    with store.connect(read_only=True) as con:
        assert con.execute("select clean_text from documents where doc_id = 'd1'").fetchone()[0] == "Lavrov parle encore."
    assert store.verify() == []


def test_failed_load_leaves_nothing_behind(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    bad = batch("d1", "Lavrov parle.")
    bad["mentions"] = table_from_rows("mentions", [{"mention_id": "dup", "doc_id": "d1"}, {"mention_id": "dup", "doc_id": "d1"}])
    with pytest.raises(duckdb.ConstraintException):
        store.load_batch(bad)
    assert sum(counts(store).values()) == 0
    assert not list(store.parquet_dir.glob("*/*.parquet"))
    assert store.verify() == []


def test_orphan_parquet_files_from_a_crash_are_moved_to_quarantine(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    orphan = store.write_parquet("documents", table_from_rows("documents", [{"doc_id": "ghost"}]))
    assert any("orphan" in problem for problem in store.verify())
    assert store.initialise() == [tmp_path / "quarantine" / "documents" / orphan.name]
    assert not orphan.exists() and store.verify() == []
    assert (tmp_path / "quarantine" / "documents" / orphan.name).exists()  # set aside, never deleted


def test_second_writer_is_refused_clearly(tmp_path):
    with run_lock(tmp_path):
        with pytest.raises(WarehouseBusy, match="another `depeche run`"):
            with run_lock(tmp_path, timeout_seconds=0.3):
                pass
    with run_lock(tmp_path):
        pass


def test_reprocessing_rewrites_only_the_files_holding_the_document(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    store.load_batch(batch("d2", "Lavrov répond."))
    d2_files = {
        p.name for table in ("documents", "sentences", "mentions") for p in (store.parquet_dir / table).glob("*.parquet")
        if duckdb.connect().execute(f"select list(distinct doc_id) from '{p}'").fetchone()[0] == ["d2"]
    }
    store.load_batch(batch("d1", "Lavrov parle encore."))
    remaining = {p.name for p in store.parquet_dir.glob("*/*.parquet")}
    assert d2_files and d2_files <= remaining  # d2's files were not touched
    assert store.verify() == []


def two_documents() -> dict:
    """d1 and d2 in one batch, so each table's Parquet file holds both."""
    first, second = batch("d1", "Lavrov parle."), batch("d2", "Lavrov répond.")
    return {name: pa.concat_tables([first[name], second[name]]) for name in first}


def damage(path, count: int = 64) -> None:
    """Flip `count` bytes in the middle of a file, as a bad disk or a bad copy would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(b ^ 0xFF for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


def parquet_files(store: Warehouse) -> set:
    return {p.relative_to(store.parquet_dir) for p in store.parquet_dir.glob("*/*.parquet")}


def test_a_lost_database_never_costs_the_parquet_files_and_repair_rebuilds_it(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    store.load_batch(batch("d2", "Lavrov répond."))
    before, files = counts(store), parquet_files(store)
    store.duckdb_path.unlink()
    with pytest.raises(WarehouseNeedsRepair, match="depeche repair"):
        store.initialise()
    assert parquet_files(store) == files  # nothing was swept away
    actions = repair(store)
    assert any("rebuilt" in action for action in actions)
    assert counts(store) == before and store.verify() == [] and store.initialise() == []


def test_repair_keeps_the_newest_version_of_a_document_a_crash_left_twice(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    time.sleep(0.01)
    newer = batch("d1", "Lavrov parle encore.")  # written, never committed: a crash before the commit
    for name in ("documents", "sentences", "mentions"):
        store.write_parquet(name, newer[name])
    store.duckdb_path.unlink()
    repair(store)
    with store.connect(read_only=True) as con:
        assert con.execute("select clean_text from documents").fetchall() == [("Lavrov parle encore.",)]
        assert con.execute("select text from sentences").fetchall() == [("Lavrov parle encore.",)]
    assert store.verify() == []
    assert len(list((tmp_path / "quarantine").glob("*/*.parquet"))) == 3  # the older version, set aside


def test_an_unreadable_database_is_named_with_the_repair_hint_then_rebuilt(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    store.duckdb_path.write_bytes(b"\0" * 4096)
    with pytest.raises(WarehouseNeedsRepair, match="cannot open .*depeche repair"):
        store.initialise()
    repair(store)
    assert counts(store)["documents"] == 1 and store.verify() == []
    assert len(list(tmp_path.glob("depeche.duckdb.broken-*"))) == 1  # set aside, not deleted


def test_a_corrupt_parquet_file_is_reported_by_name_and_a_run_rewrites_it_from_duckdb(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(two_documents())
    (documents_file,) = (store.parquet_dir / "documents").glob("*.parquet")
    damage(documents_file)
    problems = store.verify()
    assert len(problems) == 1 and problems[0].startswith(f"documents: corrupt Parquet file {documents_file}: "), problems
    store.load_batch(batch("d1", "Lavrov parle encore."))  # re-processing d1 rewrites the file holding d2 too
    assert store.verify() == [] and counts(store)["documents"] == 2


def test_repair_rewrites_damaged_parquet_from_a_sound_database(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(two_documents())
    for path in store.parquet_dir.glob("*/*.parquet"):
        damage(path)
    assert store.verify() != []
    repair(store)
    assert store.verify() == [] and counts(store)["sentences"] == 2
    assert list((tmp_path / "quarantine").glob("*/*.parquet"))


def test_a_run_left_running_by_a_killed_process_is_marked_crashed(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.record_run({"run_id": "r1", "status": "running", "started_at": datetime.now(timezone.utc)})
    store.initialise()
    with store.connect(read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("crashed",)]
    assert pq.read_table(store.parquet_dir / "runs" / "runs.parquet").column("status").to_pylist() == ["crashed"]


def test_a_writer_outlasts_a_short_reader_and_names_a_long_one(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    reader = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); print('reading', flush=True); time.sleep(float(sys.argv[2]))",
         str(store.duckdb_path), "1.5"],
        stdout=subprocess.PIPE, text=True,
    )
    assert reader.stdout.readline().strip() == "reading"
    Warehouse(tmp_path, lock_wait_seconds=30).load_batch(batch("d1", "Lavrov parle."))  # waits for the reader
    reader.wait()
    reader = subprocess.Popen(reader.args[:-1] + ["30"], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        with pytest.raises(WarehouseBusy, match="lock_wait_seconds"):
            Warehouse(tmp_path, lock_wait_seconds=0.5).load_batch(batch("d2", "Lavrov répond."))
    finally:
        reader.kill()
    assert counts(store)["documents"] == 1 and store.verify() == []


def test_boilerplate_lines_are_the_short_paragraphs_three_documents_of_one_source_share(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    promo = "Soutenez une rédaction indépendante : abonnez-vous dès 1 €."
    for n, (url, name) in enumerate([("https://www.exemple.fr/a", None), (None, "Exemple.FR"), ("http://exemple.fr/c?x=1", None),
                                     ("https://autre.fr/d", None), ("https://autre.fr/e", None)]):
        tables = batch(f"d{n}", f"Titre {n}\n\nUn paragraphe propre à l'article {n}.\n\n{promo}")
        tables["documents"] = table_from_rows("documents", [{
            "doc_id": f"d{n}", "clean_text": f"Titre {n}\n\nUn paragraphe propre à l'article {n}.\n\n{promo}",
            "title": f"Titre {n}", "url": url, "source_name": name, "pipeline_version": "v1",
        }])
        store.load_batch(tables)
    # exemple.fr: three documents (a URL with www., a publisher's name, another URL); autre.fr: two.
    assert store.boilerplate_lines() == {"exemple.fr": ["soutenez une rédaction indépendante abonnez-vous dès 1"]}
