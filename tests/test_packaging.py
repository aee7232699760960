"""The project as a user installs it: a wheel (what `pip install .`, pipx or a git URL build), in a
fresh virtual environment, run from a directory that is not the checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = dist.glob("depeche-*.whl")
    return path


def test_the_wheel_holds_one_package_with_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"depeche", wheel.name.split("-py3")[0] + ".dist-info"}
    for needed in ("depeche/flows/cli.py", "depeche/tasks/warehouse/store.py", "depeche/sql/models/event_clusters.sql",
                   "depeche/sql/tests/checks.toml", "depeche/sql/examples/who_met_whom.sql",
                   "depeche/data/reference/event_triggers.csv", "depeche/data/reference/people.csv"):
        assert needed in names, needed


def test_the_installed_wheel_runs_the_sample_from_any_directory(wheel, sample_raw, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    # The dependencies are those of this environment (no download); the project itself only from the wheel.
    (venv_site,) = (venv / "lib").glob("python3*/site-packages")
    (venv_site / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "user-data")}
    for name in ("PREFECT_HOME", "PREFECT_API_URL", "DEPECHE_REFERENCE_DIR", "DEPECHE_SQL", "PYTHONPATH"):
        env.pop(name, None)

    def depeche(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "depeche"), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)

    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import depeche.tasks, sys; print(depeche.tasks.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr  # not the checkout
    run = depeche("run", "--raw", str(sample_raw), "--warehouse", "wh")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "5 documents loaded" in run.stdout and "0 rejected" in run.stdout and "6 models rebuilt" in run.stdout, run.stdout
    assert "data tests: 0 passed" not in run.stdout
    events = depeche("sql", "select count(*) as n from events", "--format", "csv", "--warehouse", "wh")
    assert events.returncode == 0 and int(events.stdout.split()[1]) > 30
    # Prefect's state goes to the user's data directory: not the working directory, not the install.
    assert (tmp_path / "user-data" / "depeche" / "prefect").is_dir()
    assert not (elsewhere / ".prefect").exists() and not list(venv.glob("lib/python3*/site-packages/**/.prefect"))
