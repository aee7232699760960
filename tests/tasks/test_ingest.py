import gzip
import os

import pytest

from depeche.tasks import ingest

MAX = 10_000_000
FRENCH = "Le président français a reçu à l’Élysée son homologue ; « c’était très réussi », a-t-il dit.\n"


def read(tmp_path, name: str, data: bytes) -> ingest.DecodedDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return ingest.read_document(ingest.hash_file(str(path), MAX), MAX)


def test_doc_id_is_derived_from_bytes(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "b.txt"
    b.parent.mkdir()
    a.write_text(FRENCH)
    b.write_text(FRENCH)
    assert ingest.hash_file(str(a), MAX).doc_id == ingest.hash_file(str(b), MAX).doc_id
    b.write_text(FRENCH + "x")
    assert ingest.hash_file(str(a), MAX).doc_id != ingest.hash_file(str(b), MAX).doc_id


def test_discover_is_recursive_and_filters_suffixes(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    for name in ["a.txt", "deep/b.HTML", "deep/er/c.htm", "deep/d.txt.gz", "e.pdf", ".hidden.txt", "notes.md"]:
        (tmp_path / name).write_text("x")
    os.symlink(tmp_path, tmp_path / "deep" / "loop")  # a directory link loop must not hang discovery
    paths, problems = ingest.discover(tmp_path)
    assert [os.path.relpath(p, tmp_path) for p in paths] == ["a.txt", "deep/b.HTML", "deep/d.txt.gz", "deep/er/c.htm"]
    assert problems == []


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b""), ("latin-1", b"")],
)
def test_decodes_common_encodings_of_french_text(tmp_path, encoding, prefix):
    text = FRENCH.replace("’", "'") if encoding == "latin-1" else FRENCH
    doc = read(tmp_path, "a.txt", prefix + (text * 20).encode(encoding))
    assert doc.text.lstrip("\ufeff").startswith(text.rstrip("\n")[:40])
    assert "Élysée" in doc.text and "Ã" not in doc.text


def test_gzip_is_decompressed_and_truncated_gzip_rejected(tmp_path):
    data = gzip.compress(FRENCH.encode())
    assert read(tmp_path, "a.txt.gz", data).text == FRENCH
    with pytest.raises(ingest.Rejected) as rejected:
        read(tmp_path, "b.txt.gz", data[: len(data) // 2])
    assert rejected.value.reason == "corrupt_gzip"


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b"  \n\t \r\n", "empty"), (bytes(range(256)) * 40, "binary"), (b"\x00\x01\x02\x03" * 500, "binary")],
)
def test_rejects_empty_and_binary_files(tmp_path, data, reason):
    with pytest.raises(ingest.Rejected) as rejected:
        read(tmp_path, "bad.txt", data)
    assert rejected.value.reason == reason


def test_size_limit_is_a_setting(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("a" * 2000)
    with pytest.raises(ingest.Rejected) as rejected:
        ingest.hash_file(str(path), max_bytes=1000)
    assert rejected.value.reason == "too_large" and "1000" in rejected.value.detail


def test_html_declared_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Élysée – « déjà »</p></body></html>'
    doc = read(tmp_path, "page.html", html.encode("cp1252"))
    assert doc.kind == "html" and "Élysée – « déjà »" in doc.text


def test_a_file_name_that_is_not_utf8_is_loaded_with_its_name_escaped(tmp_path):
    from depeche.tasks import batch
    from depeche.tasks.settings import Settings
    from depeche.tasks.warehouse import Warehouse

    raw = tmp_path / "raw"
    raw.mkdir()
    name = os.fsdecode(b"bad\xff\xfe name.txt")
    (raw / name).write_text("Un titre assez long pour un article\n\n" + FRENCH * 3, encoding="utf-8")
    (raw / "missing\udcff.txt").symlink_to(raw / "nowhere")  # a bad name among the rejects too
    paths, _ = ingest.discover(raw)
    files, rejected = [], []
    for path in paths:
        try:
            files.append(ingest.hash_file(path, MAX))
        except ingest.Rejected as reject:
            rejected.append(batch.Reject(path, None, reject.reason, f"{path}: {reject.detail}"))
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh")
    prepared = batch.prepare_batch(files, settings)
    prepared.rejects += rejected
    tables = batch.analyse_batch(prepared, settings, "run")
    assert tables["documents"].column("source_path").to_pylist() == [str(raw / "bad\\xff\\xfe name.txt")]
    assert tables["rejects"].column("source_path").to_pylist() == [str(raw / "missing\\xff.txt")]
    store = Warehouse(settings.warehouse_dir)
    store.initialise()
    assert store.load_batch(tables)["documents"] == 1 and store.verify() == []


def test_printable_path_keeps_valid_names_and_escapes_only_bad_bytes():
    assert ingest.printable_path("data/raw/é – 東京.txt") == "data/raw/é – 東京.txt"
    assert ingest.printable_path(os.fsdecode(b"a\xe9b.txt")) == "a\\xe9b.txt"
