"""Fault injection for the tests, armed by environment variables (so they reach worker processes):

* `DEPECHE_CRASH_AT=<point>` kills the process there. The points are where a crash is most
  damaging: while cleaning or tagging a batch, between a batch's Parquet files and its DuckDB
  commit, and while the models are rebuilt.
* `DEPECHE_BUG_AT=clean:<marker>` makes cleaning raise, as a bug would, on a document whose
  beginning holds `marker`.
"""

from __future__ import annotations

import os
import signal

CRASH_POINTS = ("clean", "tag", "before_commit", "models")


def crash_point(name: str) -> None:
    """SIGKILL this process (no cleanup, like a power cut or the OOM killer) if asked to at `name`."""
    if os.environ.get("DEPECHE_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def injected_bug(point: str, text: str) -> None:
    """Raise ZeroDivisionError, a bug of ours, at `point` on a text holding the armed marker."""
    where, _, marker = os.environ.get("DEPECHE_BUG_AT", "").partition(":")
    if where == point and marker and marker in text:
        raise ZeroDivisionError(f"a bug injected at {point} (DEPECHE_BUG_AT)")
