"""Shared fixtures: Prefect's test harness once per session, and one real run on the sample corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from depeche.flows.cli import configure_prefect

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"

configure_prefect()


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the whole session (its start-up costs ~10 s, so only once)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, raw / path.name)
    return raw


@pytest.fixture(scope="session")
def sample_run(prefect_harness, sample_raw, tmp_path_factory):
    """The real flow run once on the sample corpus into a temporary warehouse."""
    from depeche.flows.etl import run_etl
    from depeche.tasks.settings import Settings

    settings = Settings(raw_dir=sample_raw, warehouse_dir=tmp_path_factory.mktemp("warehouse"), batch_size=2, workers=2)
    totals = run_etl(settings)
    return settings, totals
