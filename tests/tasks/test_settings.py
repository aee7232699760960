"""Settings: defaults, then DEPECHE_* environment variables, then explicit values; validated, frozen,
and serialisable (Prefect stores it as the flow's parameter, Dask pickles it to workers)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from depeche.tasks.settings import PROJECT_ROOT, Settings, ValidationError


def test_defaults_point_at_folders_of_the_checkout():
    settings = Settings.load(env={})
    assert settings == Settings()
    # sql/ and data/reference/ are found from any working directory
    assert settings.sql_dir == PROJECT_ROOT / "sql" and (settings.sql_dir / "models" / "event_clusters.sql").is_file()
    assert (settings.reference_dir / "people.csv").is_file() and (settings.reference_dir / "roles.csv").is_file()
    # the raw and warehouse folders are relative to the checkout and shipped with it
    assert settings.raw_dir == Path("data/raw") and (PROJECT_ROOT / settings.raw_dir).is_dir()
    assert settings.warehouse_dir == Path("data/warehouse") and (PROJECT_ROOT / settings.warehouse_dir).is_dir()
    assert settings.duckdb_path == Path("data/warehouse/depeche.duckdb")
    assert settings.parquet_dir == Path("data/warehouse/parquet")
    assert settings.spacy_models == {"fr": "fr_core_news_md"}
    assert (settings.batch_size, settings.runner, settings.gazetteer_path, settings.full_refresh) == (100, "local", None, False)
    assert 1 <= settings.workers <= 4


def test_environment_overrides_defaults():
    env = {
        "DEPECHE_RAW": "/in", "DEPECHE_WAREHOUSE": "/out", "DEPECHE_SQL": "/sql", "DEPECHE_BATCH_SIZE": "7",
        "DEPECHE_RUNNER": "dask", "DEPECHE_LOCK_WAIT_SECONDS": "1.5", "DEPECHE_SPACY_MODEL_FR": "fr_core_news_sm",
        "DEPECHE_GAZETTEER_PATH": "/mine.csv", "DEPECHE_QUERY_MEMORY_LIMIT": "500MB",
    }
    settings = Settings.load(env=env)
    assert settings.raw_dir == Path("/in") and settings.warehouse_dir == Path("/out") and settings.sql_dir == Path("/sql")
    assert (settings.batch_size, settings.runner, settings.lock_wait_seconds) == (7, "dask", 1.5)
    assert settings.spacy_models == {"fr": "fr_core_news_sm"}
    assert settings.gazetteer_path == Path("/mine.csv") and settings.query_memory_limit == "500MB"
    # an empty variable is as good as unset
    assert Settings.load(env={"DEPECHE_BATCH_SIZE": ""}).batch_size == 100


def test_a_spacy_pipeline_per_language_from_the_environment():
    settings = Settings.load(env={"DEPECHE_SPACY_MODEL_EN": "en_core_web_md", "DEPECHE_SPACY_MODEL_DE": "de_core_news_sm"})
    assert settings.spacy_models == {"fr": "fr_core_news_md", "en": "en_core_web_md", "de": "de_core_news_sm"}


def test_environment_names_are_the_documented_ones():
    # DEPECHE_RAW_DIR is not the name of raw_dir's variable: it is ignored
    assert Settings.load(env={"DEPECHE_RAW_DIR": "/elsewhere"}).raw_dir == Path("data/raw")


def test_explicit_values_override_the_environment_and_none_falls_through():
    env = {"DEPECHE_BATCH_SIZE": "7", "DEPECHE_RAW": "/in"}
    settings = Settings.load(env=env, batch_size=3, raw_dir=None, workers=None)
    assert settings.batch_size == 3  # the flag wins over the variable
    assert settings.raw_dir == Path("/in")  # a flag not given (None) leaves the variable's value
    assert settings.workers == Settings().workers  # ... and the default


@pytest.mark.parametrize(
    ("values", "field"),
    [({"batch_size": 0}, "batch_size"), ({"runner": "celery"}, "runner"), ({"query_timeout_seconds": 0}, "query_timeout_seconds"),
     ({"lock_wait_seconds": -1}, "lock_wait_seconds"), ({"no_such_setting": 1}, "no_such_setting")],
)
def test_validation_errors_name_the_field(values, field):
    with pytest.raises(ValidationError) as caught:
        Settings(**values)
    assert [error["loc"] for error in caught.value.errors()] == [(field,)]


def test_an_invalid_environment_value_is_a_validation_error_naming_the_field():
    with pytest.raises(ValidationError) as caught:
        Settings.load(env={"DEPECHE_BATCH_SIZE": "0"})
    assert [error["loc"] for error in caught.value.errors()] == [("batch_size",)]


def test_a_non_numeric_environment_value_names_the_field():
    with pytest.raises(ValidationError, match="batch_size"):
        Settings.load(env={"DEPECHE_BATCH_SIZE": "many"})


def test_settings_are_frozen_and_changed_makes_a_validated_copy():
    settings = Settings()
    with pytest.raises(ValidationError):
        settings.batch_size = 2
    copy = settings.changed(batch_size=2)
    assert (copy.batch_size, settings.batch_size) == (2, 100)
    with pytest.raises(ValidationError):
        settings.changed(batch_size=0)


def test_resolved_makes_paths_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings(raw_dir=Path("in"), gazetteer_path=Path("mine.csv")).resolved()
    assert settings.raw_dir == tmp_path / "in" and settings.gazetteer_path == tmp_path / "mine.csv"
    assert settings.warehouse_dir == tmp_path / "data" / "warehouse"


def test_round_trips_through_json_and_pickle():
    settings = Settings(raw_dir=Path("/in"), gazetteer_path=Path("/mine.csv"), batch_size=3, runner="dask",
                        spacy_models={"fr": "fr_core_news_sm", "en": "en_core_web_sm"}, prune=True)
    dumped = settings.model_dump(mode="json")
    assert dumped["raw_dir"] == "/in" and dumped["gazetteer_path"] == "/mine.csv" and dumped["runner"] == "dask"
    assert Settings.model_validate(dumped) == settings
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert isinstance(Settings.model_validate(dumped).raw_dir, Path)
