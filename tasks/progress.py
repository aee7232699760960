"""Progress of a run's long stage (documents cleaned, tagged and loaded), shown three ways: a Prefect
progress artifact the UI updates live, a rich bar in an interactive terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from typing import TextIO

from prefect.artifacts import create_progress_artifact, update_progress_artifact


class RunProgress:
    def __init__(self, total: int, batches: int, stream: TextIO | None = None):
        self.total = total
        self.batches = batches
        self.done = 0
        self.stream = stream or sys.stderr
        self.artifact_id = create_progress_artifact(
            progress=0.0 if total else 100.0, key="depeche-progress",
            description=f"Share of the run's {total} documents cleaned, tagged and loaded ({batches} batches)",
        )
        self._bar = None
        if not self.stream.isatty():
            print(f"depeche: {total} document(s) to process in {batches} batch(es)", file=self.stream, flush=True)
        elif total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TextColumn("batch {task.fields[batch]}"),
                TimeElapsedColumn(), TimeRemainingColumn(), console=Console(file=self.stream), transient=False,
            )
            self._task = self._bar.add_task("documents", total=total, batch=f"0/{batches}")
            self._bar.start()

    def advance(self, documents: int, batch: int) -> None:
        """`documents` more are done (loaded or rejected), with batch number `batch` finished."""
        self.done += documents
        percent = 100.0 * self.done / self.total if self.total else 100.0
        update_progress_artifact(self.artifact_id, progress=min(percent, 100.0))
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, batch=f"{batch}/{self.batches}")
        else:
            print(f"depeche: batch {batch}/{self.batches} done, {self.done}/{self.total} documents ({percent:.0f}%)",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
