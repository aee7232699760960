"""The warehouse's writer lock: one `depeche run` at a time, held for the whole run."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from depeche.tasks.warehouse.store import WarehouseBusy


@contextmanager
def run_lock(warehouse_dir: Path, timeout_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's writer lock for a whole run; a second writer waits, then fails clearly."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    handle = open(warehouse_dir / ".run.lock", "a+")
    deadline = time.monotonic() + timeout_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another `depeche run` is writing to {warehouse_dir}; wait for it to finish "
                        f"(or pass a lock timeout) — two writers are never allowed"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
