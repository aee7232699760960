"""A broken environment stops a run with one line naming what to fix, before any document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from depeche.tasks.preflight import EnvironmentProblem, check_environment
from depeche.tasks.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path) -> Settings:
    (tmp_path / "raw").mkdir()
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "reference")
    shutil.copytree(ROOT / "sql", tmp_path / "sql")
    return Settings(raw_dir=tmp_path / "raw", warehouse_dir=tmp_path / "wh", reference_dir=tmp_path / "reference", sql_dir=tmp_path / "sql")


def test_a_sound_environment_passes(settings):
    check_environment(settings)
    assert settings.warehouse_dir.is_dir()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda s: s.raw_dir.rmdir(), r"raw directory .*raw does not exist"),
        (lambda s: (s.raw_dir.rmdir(), s.raw_dir.write_text("x")), r"raw directory .* is a file, not a directory"),
        (lambda s: s.warehouse_dir.write_text("x"), r"warehouse .*wh is a file, not a directory"),
        (lambda s: shutil.rmtree(s.sql_dir / "models"), r"no SQL models in .*models"),
        (lambda s: (s.reference_dir / "event_triggers.csv").unlink(), r"reference data .*/event_triggers.csv: No such file"),
        (lambda s: (s.reference_dir / "cameo_codes.csv").write_text("code,label\n010,x\n"), r"reference data .* cannot be read: missing column"),
        (lambda s: shutil.rmtree(s.reference_dir), r"reference data directory .* does not exist"),
    ],
    ids=["raw missing", "raw is a file", "warehouse is a file", "no models", "reference file missing", "reference file broken", "no reference"],
)
def test_each_broken_piece_is_named(settings, damage, message):
    damage(settings)
    with pytest.raises(EnvironmentProblem, match=message):
        check_environment(settings)


def test_a_missing_spacy_model_is_named_with_how_to_install_it(settings):
    with pytest.raises(EnvironmentProblem, match=r"spaCy model 'fr_core_news_zz' .* not installed \(pip install fr-core-news-zz"):
        check_environment(Settings(**{**settings.__dict__, "spacy_models": {"fr": "fr_core_news_zz"}}))


def test_an_unwritable_warehouse_is_named(settings, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a parent directory should be")
    with pytest.raises(EnvironmentProblem, match="is not writable"):
        check_environment(Settings(**{**settings.__dict__, "warehouse_dir": blocker / "wh"}))
