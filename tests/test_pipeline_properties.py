"""Property test across the stages: any text becomes rows whose offsets slice clean_text, and
loading the same input twice changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from depeche.tasks import batch, ingest
from depeche.tasks.settings import Settings
from depeche.tasks.warehouse import Warehouse

WORDS = st.sampled_from([
    "Vladimir Poutine", "a rencontré", "Wang Yi", "à Moscou", "le président russe", "« Nous parlons »", "a-t-il dit",
    "Partager", "Temps de lecture : 2 min", "\n\n", "\n", ".", " ", "\u00a0", "\u200b", "é", "Ω", "😀", "\r\n", "\x00", "…",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map("".join)))
def test_any_text_loads_consistently_and_idempotently(text):
    with tempfile.TemporaryDirectory() as root:
        root = Path(root)
        (root / "raw").mkdir()
        path = root / "raw" / "page.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        config = Settings(raw_dir=root / "raw", warehouse_dir=root / "wh")
        try:
            files = [ingest.hash_file(str(path), config.max_file_bytes)]
        except ingest.Rejected:
            return
        tables = batch.analyse_batch(batch.prepare_batch(files, config), config, "prop")
        documents = tables["documents"].to_pylist()
        if not documents:
            assert tables["rejects"].num_rows == 1 and tables["rejects"].to_pylist()[0]["reason"]
            return
        clean = documents[0]["clean_text"]
        for row in tables["sentences"].to_pylist():
            assert 0 <= row["start_char"] < row["end_char"] <= len(clean) and clean[row["start_char"]:row["end_char"]] == row["text"]
        for row in tables["mentions"].to_pylist():
            assert clean[row["start_char"]:row["end_char"]] == row["surface"]
        for row in tables["quotes"].to_pylist():
            assert clean[row["start_char"]:row["end_char"]] == row["text"]
        store = Warehouse(config.warehouse_dir)
        store.initialise()
        store.load_batch(tables)
        with store.connect(read_only=True) as con:
            once = store.table_fingerprints(con)
        store.load_batch(tables)
        with store.connect(read_only=True) as con:
            assert store.table_fingerprints(con) == once
        assert store.verify() == []
