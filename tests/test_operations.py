"""Operations: a run against a real Prefect server (flow run, task runs, artifacts), serving with a
schedule, the UI command, the prefect.yaml deployment, removed and edited files, progress output."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from depeche.flows.server import free_port, is_healthy, local_server
from depeche.tasks.settings import Settings
from depeche.tasks.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "depeche.flows.cli"]


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """A real Prefect server on a free loopback port, in its own process group."""
    home = tmp_path_factory.mktemp("prefect-home")
    with local_server(home=home, log_path=home / "server.log") as server:
        yield server.url


def _client(url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: url}):
        return get_client(sync_client=True)


def _env(url: str | None, **extra: str) -> dict:
    env = {**os.environ, **extra}
    env.pop("PREFECT_API_URL", None)
    if url:
        env["PREFECT_API_URL"] = url
    return env


def test_run_is_visible_in_the_prefect_server(prefect_server, sample_raw, tmp_path):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterId

    (tmp_path / "raw").mkdir()
    for path in sample_raw.iterdir():
        shutil.copy(path, tmp_path / "raw" / path.name)
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    env = _env(prefect_server, DEPECHE_RAW=str(tmp_path / "raw"), DEPECHE_WAREHOUSE=str(tmp_path / "wh"))
    run = subprocess.run(CLI + ["run", "--batch-size", "2"], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr

    with _client(prefect_server) as client:
        flow_runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["depeche-etl"])))
        assert len(flow_runs) == 1
        flow_run = flow_runs[0]
        assert flow_run.state.is_completed() and flow_run.name.startswith("etl ")
        run_filter = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.id]))
        names = {task_run.name for task_run in client.read_task_runs(flow_run_filter=run_filter)}
        assert {"plan", "analyse[batch 1/3]", "analyse[batch 3/3]", "load[batch 2/3]", "models", "data-tests", "finish", "report"} <= names
        artifacts = {
            a.key: a for a in client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id])))
        }
    stages = {row["stage"]: row for row in _table(artifacts["depeche-stages"].data)}
    assert stages["discover"]["in"] == 6 and stages["clean"]["in"] == 6 and stages["clean"]["rejected"] == 1
    assert stages["tag"]["out"] == 5 and "events" in stages["tag"]["produced"]
    assert stages["data tests"]["rejected"] == 0 and stages["data tests"]["out"] > 40
    summary = artifacts["depeche-summary"].data
    assert "completed" in summary and "**5 documents loaded**" in summary and "**1 rejected**" in summary
    assert "`empty`" in summary and "Wang Yi" in summary and "All " in summary
    assert re.search(r"\| 0\d\d [A-Z][a-z]+ ", summary)  # CAMEO codes with their names in words
    assert "/report/index.html)" in summary and "](file://" in summary  # a link to the run's HTML report
    assert stages["data tests"]["produced"].endswith(" passed, 0 failed")
    assert artifacts["depeche-progress"].type == "progress" and float(artifacts["depeche-progress"].data) == 100.0
    assert "3/3 done, 6/6 documents (100%)" in run.stderr  # plain progress lines when not a terminal


def _table(data) -> list[dict]:
    return json.loads(data) if isinstance(data, str) else data


def test_serve_registers_a_scheduled_deployment_whose_runs_load(prefect_server, sample_raw, tmp_path):
    env = _env(prefect_server, DEPECHE_RAW=str(sample_raw), DEPECHE_WAREHOUSE=str(tmp_path / "wh"))
    serve = subprocess.Popen(
        CLI + ["serve", "--cron", "*/30 * * * *", "--name", "every-half-hour"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deployment = None
        deadline = time.monotonic() + 120
        while deployment is None and time.monotonic() < deadline:
            assert serve.poll() is None, serve.stdout.read()
            with _client(prefect_server) as client:
                try:
                    deployment = client.read_deployment_by_name("depeche-etl/every-half-hour")
                except Exception:  # not registered yet
                    time.sleep(1)
        assert deployment is not None, "the deployment was not registered within 120 s"
        assert [schedule.schedule.cron for schedule in deployment.schedules] == ["*/30 * * * *"]
        stored = deployment.parameters["settings"]  # the whole settings object, every field
        assert stored["raw_dir"] == str(sample_raw) and stored["warehouse_dir"] == str(tmp_path / "wh")
        assert Settings.model_validate(stored).reference_dir.is_dir() and stored["spacy_models"] == {"fr": "fr_core_news_md"}
        # A run of the deployment: the served process validates the stored settings back into
        # Settings and loads the sample.
        with _client(prefect_server) as client:
            flow_run = client.create_flow_run_from_deployment(deployment.id)
            deadline = time.monotonic() + 240
            while not (state := client.read_flow_run(flow_run.id).state).is_final() and time.monotonic() < deadline:
                assert serve.poll() is None, serve.stdout.read()
                time.sleep(2)
        assert state.is_completed(), state.message
        with Warehouse(tmp_path / "wh").connect(read_only=True) as con:
            assert con.execute("select count(*) from documents").fetchall() == [(5,)]
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()


def test_ui_command_serves_on_loopback(tmp_path):
    port = free_port()
    ui = subprocess.Popen(
        CLI + ["ui", "--port", str(port)], env=_env(None, PREFECT_HOME=str(tmp_path / "home")),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        first = ui.stdout.readline()
        assert first.strip() == f"Prefect UI: http://127.0.0.1:{port}", first + ui.stdout.read(2000) if ui.poll() is not None else first
        assert f"export PREFECT_API_URL=http://127.0.0.1:{port}/api" in ui.stdout.readline() + ui.stdout.readline()
        assert is_healthy(f"http://127.0.0.1:{port}/api")
    finally:
        os.killpg(ui.pid, signal.SIGINT)
        ui.wait(timeout=30)
    assert not is_healthy(f"http://127.0.0.1:{port}/api")


def test_prefect_yaml_deploys_the_flow_with_its_parameters():
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = config["deployments"]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        flow = load_flow_from_entrypoint(deployment["entrypoint"])
    finally:
        os.chdir(cwd)
    assert flow.name == "depeche-etl"
    assert set(deployment["parameters"]) == set(flow.parameters.properties) == {"settings"}
    assert Settings.model_validate(deployment["parameters"]["settings"]).raw_dir == Path("data/raw")
    assert deployment["schedules"][0]["cron"] == "*/30 * * * *"


def test_removed_files_are_reported_then_pruned_and_edited_files_replaced(prefect_harness, sample_raw, tmp_path):
    from depeche.flows.etl import run_etl
    from depeche.tasks.settings import Settings

    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", batch_size=2, workers=2)
    run_etl(settings)
    store = Warehouse(settings.warehouse_dir)

    def documents() -> dict[str, str]:
        with store.connect(read_only=True) as con:
            return dict(con.execute("select regexp_extract(source_path, '[^/]+$'), doc_id from documents").fetchall())

    before = documents()
    gone, edited = sorted(before)[:2]
    (raw / gone).unlink()
    with open(raw / edited, "a", encoding="utf-8") as handle:
        handle.write("\nMise à jour : le ministre a quitté Moscou mardi soir.\n")
    kept = run_etl(settings)
    assert kept.docs_removed == 1 and kept.docs_pruned == 0 and kept.docs_loaded == 1
    after = documents()
    assert after[gone] == before[gone]  # removed file: kept until --prune
    assert after[edited] != before[edited] and len(after) == 5  # edited file: the new version replaced the old
    with store.connect(read_only=True) as con:
        assert con.execute("select count(*) from events where doc_id = ?", [before[edited]]).fetchone() == (0,)
        assert con.execute("select docs_removed from runs order by started_at desc limit 1").fetchone() == (1,)

    pruned = run_etl(Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", batch_size=2, workers=2, prune=True))
    assert pruned.docs_pruned == 1 and pruned.docs_loaded == 0
    assert gone not in documents() and len(documents()) == 4
    with store.connect(read_only=True) as con:
        assert con.execute("select count(*) from mentions where doc_id = ?", [before[gone]]).fetchone() == (0,)
    assert store.verify() == []
    assert run_etl(settings).docs_removed == 0


def test_progress_shows_a_bar_in_a_terminal_and_lines_otherwise(prefect_harness):
    from prefect import flow

    from depeche.tasks.progress import RunProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    @flow
    def two_batches(stream) -> None:
        progress = RunProgress(total=10, batches=2, stream=stream)
        progress.advance(6, 1)
        progress.advance(4, 2)
        progress.close()

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        two_batches(stream)
    assert "10/10" in terminal.getvalue() and "━" in terminal.getvalue()
    assert log.getvalue().splitlines() == [
        "depeche: 10 document(s) to process in 2 batch(es)",
        "depeche: batch 1/2 done, 6/10 documents (60%)", "depeche: batch 2/2 done, 10/10 documents (100%)",
    ]


def test_failed_data_tests_fail_the_run_and_show_in_its_artifacts(prefect_harness, sample_raw, tmp_path, monkeypatch):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    from depeche.flows.etl import run_etl
    from depeche.tasks.data_tests import DataTestFailure
    from depeche.tasks.settings import Settings

    sql_dir = tmp_path / "sql"
    shutil.copytree(ROOT / "sql", sql_dir)
    (sql_dir / "tests" / "no_document_mentions_putin.sql").write_text(
        "select doc_id from mentions where entity_id = 'vladimir-putin'", encoding="utf-8"
    )
    settings = Settings(raw_dir=sample_raw, warehouse_dir=tmp_path / "wh", batch_size=5, workers=1, sql_dir=sql_dir)
    with pytest.raises(DataTestFailure, match="no_document_mentions_putin"):
        run_etl(settings)
    with get_client(sync_client=True) as client:
        (summary,) = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["depeche-summary"])), limit=1, sort=ArtifactSort.CREATED_DESC)
        flow_run = client.read_flow_run(summary.flow_run_id)
    assert flow_run.state.is_failed()
    assert ": failed" in summary.data and "FAILED" in summary.data and "| `no_document_mentions_putin` |" in summary.data
    with Warehouse(settings.warehouse_dir).connect(read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("failed",)]


def test_editing_reference_data_reprocesses_the_documents(prefect_harness, sample_raw, tmp_path, monkeypatch):
    from depeche.flows.etl import run_etl
    from depeche.tasks.settings import Settings

    reference = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", reference)
    # Passed in the settings object only: every field reaches the flow, none is rebuilt from the environment.
    settings = Settings(raw_dir=sample_raw, warehouse_dir=tmp_path / "wh", batch_size=5, workers=1, reference_dir=reference)
    assert run_etl(settings).docs_loaded == 5
    with open(reference / "event_triggers.csv", "a", encoding="utf-8") as handle:
        handle.write("042,fr,\\b(?:a effectué une tournée)\\b,a phrase added by a user\n")
    again = run_etl(settings)
    assert again.docs_loaded == 5 and again.docs_skipped == 0
    with Warehouse(settings.warehouse_dir).connect(read_only=True) as con:
        assert con.execute("select count(distinct pipeline_version), count(*) from documents").fetchone() == (1, 5)
    assert Warehouse(settings.warehouse_dir).verify() == []


def test_a_bug_on_one_document_loads_the_rest_and_fails_the_run(prefect_harness, sample_raw, tmp_path, monkeypatch):
    from depeche.flows.etl import StageBugs, run_etl
    from depeche.tasks.settings import Settings

    monkeypatch.setenv("DEPECHE_BUG_AT", "clean:Lavrov")  # in the worker processes too
    settings = Settings(raw_dir=sample_raw, warehouse_dir=tmp_path / "wh", batch_size=5, workers=1)
    with pytest.raises(StageBugs, match=r"hit a bug in a stage"):
        run_etl(settings)
    with Warehouse(settings.warehouse_dir).connect(read_only=True) as con:
        bugs = con.execute("select count(*) from rejects where reason = 'clean_error' and detail like 'ZeroDivisionError%'").fetchall()[0][0]
        loaded = con.execute("select count(*) from documents").fetchall()[0][0]
        assert con.execute("select status from runs").fetchall() == [("failed",)]
    assert bugs >= 1 and loaded == 5 - bugs and loaded >= 1
