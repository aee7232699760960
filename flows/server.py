"""A local Prefect server (API and UI) on the loopback interface, as a child process: for
`depeche ui`, for `depeche serve` when no server is configured, and for the tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 4200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def api_url(port: int) -> str:
    return f"http://{LOOPBACK}:{port}/api"


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_server(port: int, home: Path | None = None, log_path: Path | None = None) -> subprocess.Popen:
    """Start `prefect server start` bound to 127.0.0.1 in its own process group."""
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # the server itself must not be a client of another server
    if home is not None:
        env["PREFECT_HOME"] = str(home)
    env.update({"PREFECT_SERVER_API_HOST": LOOPBACK, "PREFECT_SERVER_API_PORT": str(port), "PREFECT_UI_API_URL": api_url(port)})
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    output = open(log_path, "ab") if log_path else subprocess.DEVNULL
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", LOOPBACK, "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_healthy(process: subprocess.Popen, url: str, timeout_seconds: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode} before answering at {url}")
        if is_healthy(url):
            return
        time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"the Prefect server did not answer at {url} within {timeout_seconds:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server and every process it started (it runs its services as children)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@dataclass(frozen=True)
class RunningServer:
    url: str
    process: subprocess.Popen


@contextmanager
def local_server(port: int | None = None, home: Path | None = None, log_path: Path | None = None) -> Iterator[RunningServer]:
    """A running local server for the duration of the block. The server runs in its own process
    group, so a SIGTERM or SIGHUP to us would leave it behind: they end the block instead."""
    port = port or free_port()
    url = api_url(port)
    process = start_server(port, home, log_path)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, _exit_on_signal)
    try:
        wait_until_healthy(process, url)
        yield RunningServer(url, process)
    finally:
        stop_server(process)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)
