"""What a user sees when something is wrong: one line and a non-zero exit, never a traceback, and
never a loss of data. Each case runs the real `depeche` command in its own process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from depeche.tasks.warehouse import Warehouse

CLI = [sys.executable, "-m", "depeche.flows.cli"]


def depeche(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    environment.pop("PREFECT_API_URL", None)
    return subprocess.run(CLI + list(args), env=environment, capture_output=True, text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.endswith("starting Prefect and planning…")]
    assert len(lines) == 1 and lines[0].startswith("depeche: ") and expected in lines[0], result.stderr[-3000:]


@pytest.fixture
def warehouse_copy(sample_run, tmp_path) -> Path:
    """A copy of the sample run's warehouse, free to damage."""
    settings, _ = sample_run
    copy = tmp_path / "wh"
    shutil.copytree(settings.warehouse_dir, copy, ignore=shutil.ignore_patterns(".run.lock"))
    return copy


@pytest.mark.parametrize(
    "args, expected",
    [
        (["serve", "--interval", "-5"], "--interval must be a positive number"),
        (["serve", "--cron", "bad cron"], "is not a valid cron expression"),
    ],
)
def test_a_bad_schedule_is_refused_before_any_server_starts(args, expected, sample_raw):
    started = time.monotonic()
    one_line_error(depeche(*args, "--raw", str(sample_raw), timeout=60), expected)
    assert time.monotonic() - started < 30  # no 10 s server start before the refusal


def test_paths_that_are_files_are_named_as_such(sample_raw, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    one_line_error(depeche("run", "--raw", str(a_file), "--warehouse", str(tmp_path / "wh")), "is a file, not a directory")
    one_line_error(depeche("run", "--raw", str(sample_raw), "--warehouse", str(a_file)), "is a file, not a directory")


def test_a_missing_reference_file_stops_the_run_instead_of_rejecting_every_document(sample_raw, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "reference", reference)
    (reference / "event_triggers.csv").unlink()
    result = depeche("run", "--raw", str(sample_raw), "--warehouse", str(tmp_path / "wh"), DEPECHE_REFERENCE_DIR=str(reference))
    one_line_error(result, "event_triggers.csv: No such file")
    assert not (tmp_path / "wh" / "depeche.duckdb").exists()  # no document was rejected for it


@pytest.mark.parametrize("damage", ["zeroed", "truncated"])
def test_an_unreadable_database_names_repair_which_fixes_it(warehouse_copy, sample_raw, damage):
    database = warehouse_copy / "depeche.duckdb"
    data = database.read_bytes()
    database.write_bytes(b"\0" * len(data) if damage == "zeroed" else data[: len(data) // 3])
    one_line_error(depeche("run", "--raw", str(sample_raw), "--warehouse", str(warehouse_copy)), "depeche repair")
    if damage == "zeroed":  # a truncated file still answers what its first blocks hold
        one_line_error(depeche("sql", "select count(*) from sentences", "--warehouse", str(warehouse_copy)), "depeche repair")
    repaired = depeche("repair", "--warehouse", str(warehouse_copy))
    assert repaired.returncode == 0 and "Parquet and DuckDB agree" in repaired.stdout, repaired.stdout + repaired.stderr
    if damage == "zeroed":  # one re-run after a repair is enough to show that it skips what is loaded
        again = depeche("run", "--raw", str(sample_raw), "--warehouse", str(warehouse_copy))
        assert again.returncode == 0 and "0 documents loaded, 5 skipped" in again.stdout, again.stdout + again.stderr


def test_a_lost_database_keeps_the_parquet_files_and_repair_brings_everything_back(warehouse_copy, tmp_path):
    before = sorted(p.relative_to(warehouse_copy) for p in (warehouse_copy / "parquet").glob("*/*.parquet"))
    (warehouse_copy / "depeche.duckdb").unlink()
    some_raw = tmp_path / "raw"
    some_raw.mkdir()  # only some raw files left: the rest exists only in the warehouse now
    one_line_error(depeche("run", "--raw", str(some_raw), "--warehouse", str(warehouse_copy)), "depeche repair")
    assert sorted(p.relative_to(warehouse_copy) for p in (warehouse_copy / "parquet").glob("*/*.parquet")) == before
    assert depeche("repair", "--warehouse", str(warehouse_copy)).returncode == 0
    counted = depeche("sql", "select count(*) as n from documents", "--format", "csv", "--warehouse", str(warehouse_copy))
    assert counted.stdout.split() == ["n", "5"]
    assert depeche("check", "--warehouse", str(warehouse_copy)).returncode == 0


def test_check_names_a_corrupt_parquet_file_without_a_traceback(warehouse_copy):
    target = max((warehouse_copy / "parquet" / "sentences").glob("*.parquet"), key=lambda p: p.stat().st_size)
    data = bytearray(target.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    target.write_bytes(bytes(data))
    check = depeche("check", "--warehouse", str(warehouse_copy))
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    assert target.name in check.stdout and "depeche repair" in check.stdout, check.stdout
    assert depeche("repair", "--warehouse", str(warehouse_copy)).returncode == 0
    assert depeche("check", "--warehouse", str(warehouse_copy)).returncode == 0
    assert (warehouse_copy / "quarantine" / "sentences" / target.name).exists()


def test_sigterm_cancels_the_run_keeps_what_is_loaded_and_records_it(sample_raw, tmp_path):
    environment = {**os.environ, "DEPECHE_BATCH_SIZE": "1", "DEPECHE_WORKERS": "1"}
    environment.pop("PREFECT_API_URL", None)
    warehouse = tmp_path / "wh"
    run = subprocess.Popen(
        CLI + ["run", "--raw", str(sample_raw), "--warehouse", str(warehouse)], env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        for line in run.stderr:
            if "batch 1/5 done" in line:
                break
        run.send_signal(signal.SIGTERM)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130 and "run cancelled" in stderr and "Traceback" not in stderr, stderr[-3000:]
    store = Warehouse(warehouse)
    with store.connect(read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("cancelled",)]
        loaded = con.execute("select count(*) from documents").fetchall()[0][0]
    assert 1 <= loaded < 5 and store.verify() == []
    resumed = depeche("run", "--raw", str(sample_raw), "--warehouse", str(warehouse))
    assert resumed.returncode == 0 and f"{5 - loaded} documents loaded, {loaded} skipped" in resumed.stdout, resumed.stdout


def test_readers_in_a_loop_never_make_the_run_fail(sample_raw, warehouse_copy, tmp_path):
    """Analysts query while a scheduled run writes: the writer outlasts their short reads."""
    warehouse = warehouse_copy
    environment = {**os.environ, "DEPECHE_BATCH_SIZE": "1", "DEPECHE_WORKERS": "1"}
    environment.pop("PREFECT_API_URL", None)
    readers = subprocess.Popen(
        [sys.executable, "-c",
         "import os, subprocess, sys\n"
         "answers = 0\n"
         "while not os.path.exists(sys.argv[2]):\n"
         "    for command in (['sql', 'select count(*) from mentions'], ['check']):\n"
         "        answers += subprocess.run([sys.executable, '-m', 'depeche.flows.cli', *command, '--warehouse', sys.argv[1]], capture_output=True).returncode in (0, 1)\n"
         "print(answers)\n",
         str(warehouse), str(tmp_path / "stop")],
        env=environment, stdout=subprocess.PIPE, text=True,
    )
    try:
        refresh = depeche("run", "--raw", str(sample_raw), "--warehouse", str(warehouse), "--full-refresh", DEPECHE_BATCH_SIZE="1")
    finally:
        (tmp_path / "stop").touch()
        answered = int(readers.communicate(timeout=180)[0] or 0)
    assert refresh.returncode == 0 and "5 documents loaded" in refresh.stdout, refresh.stderr[-3000:]
    assert answered > 2
    with Warehouse(warehouse).connect(read_only=True) as con:
        assert con.execute("select status, count(*) from runs group by all").fetchall() == [("completed", 1)]


def test_every_command_says_what_it_does_and_every_option_has_help():
    from depeche.flows.cli import build_parser

    parser = build_parser()
    (commands,) = [action for action in parser._actions if action.dest == "command"]
    for name, command in commands.choices.items():
        assert command.description and command.description[0].isupper(), name
        for action in command._actions:
            assert action.help, f"depeche {name} {action.option_strings or action.dest} has no help text"


def test_version():
    from importlib.metadata import version

    result = depeche("--version", timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"depeche {version('depeche')}"


def test_report_writes_one_page_read_only_and_refuses_bad_options_in_one_line(warehouse_copy, tmp_path):
    database = warehouse_copy / "depeche.duckdb"
    before = database.stat().st_mtime_ns
    written = depeche("report", "--warehouse", str(warehouse_copy), "--actor", "WANG YI", "--since", "2023-01-01",
                      "--output", str(tmp_path / "wang.html"))
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"report written: {(tmp_path / 'wang.html').as_uri()}"
    page = (tmp_path / "wang.html").read_text(encoding="utf-8")
    assert "actor Wang Yi and its 10 most frequent partners" in page and "Consult" in page
    one_line_error(depeche("report", "--warehouse", str(warehouse_copy), "--since", "2023-02-30"), "--since '2023-02-30' is not a date")
    one_line_error(depeche("report", "--warehouse", str(warehouse_copy), "--since", "2024-01-01", "--until", "2023-01-01"), "is after --until")
    unknown = depeche("report", "--warehouse", str(warehouse_copy), "--actor", "Nobody Atall")
    one_line_error(unknown, "--actor 'Nobody Atall': no entity")
    assert unknown.returncode == 2
    assert database.stat().st_mtime_ns == before  # a reader never writes
    one_line_error(depeche("report", "--warehouse", str(tmp_path / "none")), "no warehouse at")
