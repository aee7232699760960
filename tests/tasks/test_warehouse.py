import duckdb
import pytest

from tasks.warehouse import LOADED_TABLES, Warehouse, WarehouseBusy, empty_table, run_lock, table_from_rows


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


def test_orphan_parquet_files_from_a_crash_are_removed(tmp_path):
    store = Warehouse(tmp_path)
    store.initialise()
    store.load_batch(batch("d1", "Lavrov parle."))
    orphan = store._write_parquet("documents", table_from_rows("documents", [{"doc_id": "ghost"}]))
    assert any("orphan" in problem for problem in store.verify())
    store.initialise()
    assert not orphan.exists() and store.verify() == []


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
