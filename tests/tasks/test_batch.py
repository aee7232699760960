"""depeche.tasks.batch without spaCy parsing: the pipeline version, the rejects table, and what
prepare_batch (read, decode, clean) keeps or rejects."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from depeche.tasks import batch, ingest
from depeche.tasks.settings import PROJECT_ROOT, Settings

FRENCH = "Le ministre français des Affaires étrangères a été reçu à l’Élysée par le président de la République."
ARTICLE = f"Un titre d'article assez long\n\n{FRENCH}\n"


@pytest.fixture
def reference(tmp_path) -> Path:
    copy = tmp_path / "reference"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", copy)
    return copy


def version_parts(version: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in version.split(";"))


def test_pipeline_version_names_every_stage_the_model_and_the_reference(reference, tmp_path):
    settings = Settings(reference_dir=reference, warehouse_dir=tmp_path)
    parts = version_parts(batch.pipeline_version(settings, "fr"))
    assert parts["clean"] == batch.CLEANER_VERSION and parts["tag"] == batch.TAGGER_VERSION
    assert parts["events"] == batch.events.EVENTS_VERSION
    assert parts["model"] == "fr_core_news_md"
    assert re.fullmatch(r"[0-9a-f]{12}", parts["reference"])
    # no language detected: no model, same reference digest
    assert version_parts(batch.pipeline_version(settings, None)) == {**parts, "model": "none"}
    # a copy of the shipped files has the shipped files' digest (names and bytes, not paths)
    assert parts["reference"] == version_parts(batch.pipeline_version(Settings(), "fr"))["reference"]


def test_pipeline_version_changes_when_a_reference_file_changes(reference, tmp_path):
    settings = Settings(reference_dir=reference, warehouse_dir=tmp_path)
    before = batch.pipeline_version(settings, "fr")
    assert batch.pipeline_version(settings, "fr") == before  # stable while nothing changes
    with open(reference / "roles.csv", "a", encoding="utf-8") as handle:
        handle.write("head_of_state,FRA,someone-else,2040-01-01,\n")
    after = batch.pipeline_version(settings, "fr")
    assert after != before
    assert version_parts(after)["model"] == version_parts(before)["model"]


def test_pipeline_version_includes_the_users_entity_file(reference, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("entity_id,name,label,country_code,kb_id,actor_code,aliases\nx,X,PER,FRA,,,X\n", encoding="utf-8")
    without = batch.pipeline_version(Settings(reference_dir=reference), "fr")
    with_file = batch.pipeline_version(Settings(reference_dir=reference, gazetteer_path=mine), "fr")
    assert with_file != without


def test_rejects_table_rows():
    at = datetime(2024, 3, 5, 12, tzinfo=timezone.utc)
    rejects = [
        batch.Reject("/raw/empty.txt", "ab" * 32, "empty", "the file has no bytes"),
        # a file name that is not UTF-8 (surrogate escape) is written with \x escapes; no hash known
        batch.Reject("/raw/caf\udce9.txt", None, "unreadable", "cannot open /raw/caf\udce9.txt"),
    ]
    table = batch.rejects_table(rejects, "run-1", at)
    assert table.schema == batch.warehouse.SCHEMAS["rejects"]
    assert table.to_pylist() == [
        {"run_id": "run-1", "source_path": "/raw/empty.txt", "raw_sha256": "ab" * 32, "reason": "empty",
         "detail": "the file has no bytes", "rejected_at": at},
        {"run_id": "run-1", "source_path": "/raw/caf\\xe9.txt", "raw_sha256": None, "reason": "unreadable",
         "detail": "cannot open /raw/caf\\xe9.txt", "rejected_at": at},
    ]
    assert batch.rejects_table([], "run-1", at).num_rows == 0


def prepare(tmp_path, files: dict[str, bytes], **settings):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    config = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", **settings)
    hashed = [ingest.hash_file(str(raw / name), config.max_file_bytes) for name in sorted(files)]
    return raw, hashed, config


def test_prepare_batch_keeps_a_text_and_rejects_empty_binary_and_chrome_only(tmp_path):
    binary = b"\x00\x01\x02\x03\xff\xfe\x10\x11" * 512
    raw, hashed, settings = prepare(tmp_path, {
        "a_ok.txt": ARTICLE.encode(),
        "b_empty.txt": b"",
        "c_binary.txt": binary,
        "d_nav.html": b"<html><body><nav><a href='/'>Accueil</a> <a>Monde</a></nav></body></html>",
    })
    prepared = batch.prepare_batch(hashed, settings)
    assert [(Path(r.source_path).name, r.raw_sha256, r.reason) for r in prepared.rejects] == [
        ("b_empty.txt", hashlib.sha256(b"").hexdigest(), "empty"),
        ("c_binary.txt", hashlib.sha256(binary).hexdigest(), "binary"),
        ("d_nav.html", hashed[3].raw_sha256, "no_article_text"),
    ]
    assert prepared.rejects[0].detail == "the file has no bytes"
    assert prepared.rejects[1].detail == "3072 control bytes in the first 4096: not a text file"
    [document] = prepared.documents
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert (document.doc_id, document.raw_sha256, document.kind, document.encoding) == (digest[:16], digest, "text", "utf-8")
    assert (document.n_bytes, document.n_chars_raw) == (len(ARTICLE.encode()), len(ARTICLE))
    assert FRENCH in document.clean.clean_text and document.clean.language == "fr"


def test_prepare_batch_rejects_a_file_changed_after_discovery(tmp_path):
    raw, hashed, settings = prepare(tmp_path, {"a.txt": ARTICLE.encode()})
    (raw / "a.txt").write_bytes(ARTICLE.encode() + b"more")
    prepared = batch.prepare_batch(hashed, settings)
    assert [(r.reason, r.detail) for r in prepared.rejects] == [("changed_during_run", "the file changed between discovery and reading")]
    assert prepared.documents == []


def test_prepare_batch_sheds_scripts_before_applying_the_html_limit(tmp_path):
    body = f"<html><body><article><h1>Un titre d'article assez long</h1><p>{FRENCH}</p></article></body></html>"
    script = "<script>" + "x" * 5000 + "</script>"
    # over the limit with its script, under it without: kept
    raw, hashed, settings = prepare(tmp_path, {"a.html": (script + body).encode()}, max_html_chars=len(body) + 100)
    prepared = batch.prepare_batch(hashed, settings)
    assert prepared.rejects == [] and len(prepared.documents) == 1
    # over the limit even without it: rejected, naming the setting
    prepared = batch.prepare_batch(hashed, settings.changed(max_html_chars=len(body) - 1))
    assert [r.reason for r in prepared.rejects] == ["too_large"] and "max_html_chars" in prepared.rejects[0].detail


def test_a_bare_title_on_a_text_page_is_first_the_office_holder_of_the_country_its_site_names(tmp_path):
    page = ("WebHeute.at\nNachrichten | Wetter | Sport\n\nKiew-Reise: Scholz und Macron bei Selenskyj\n\n"
            "Donnerstag, 16. Juni 2022\n\nOlaf Scholz, Emmanuel Macron und Mario Draghi sind am Donnerstag in Kiew "
            "eingetroffen. Scholz traf Wolodymyr Selenskyj, Karl Nehammer begrüßte die Reise. "
            "Der Bundeskanzler sagte, die Ukraine gehöre zur europäischen Familie.\n")
    raw, hashed, settings = prepare(tmp_path, {"a.txt": page.encode()})
    tables = batch.analyse_batch(batch.prepare_batch(hashed, settings), settings, "run")
    roles = {m["surface"]: m["entity_id"] for m in tables["mentions"].to_pylist() if m["method"] == "role"}
    assert roles["Bundeskanzler"] == "karl-nehammer"  # an Austrian site's chancellor, though Scholz is named first
