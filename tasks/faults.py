"""Fault injection for the crash-safety tests: `DEPECHE_CRASH_AT=<point>` kills the process there.

The points are where a crash is most damaging: while cleaning or tagging a batch, between a batch's Parquet
files and its DuckDB commit, and while the models are rebuilt.
"""

from __future__ import annotations

import os
import signal

CRASH_POINTS = ("clean", "tag", "before_commit", "models")


def crash_point(name: str) -> None:
    """SIGKILL this process (no cleanup, like a power cut or the OOM killer) if asked to at `name`."""
    if os.environ.get("DEPECHE_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
