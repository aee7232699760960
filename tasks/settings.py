"""The one settings object: defaults, then environment variables, then CLI flags."""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# The folder holding tasks/, sql/ and data/reference/: the checkout, or `depeche/` in site-packages
# (pyproject.toml installs them side by side), so the data is found from any working directory.
PROJECT_ROOT = Path(str(importlib.resources.files("depeche.tasks"))).parent

ENV_PREFIX = "DEPECHE_"
RUNNERS = ("local", "dask")
__all__ = ["PROJECT_ROOT", "RUNNERS", "Settings", "ValidationError"]


class Settings(BaseModel):
    """Everything a run needs to know: resolved once in the entry point (defaults, then DEPECHE_*
    environment variables, then flags), validated, and passed whole to the flow, which Prefect
    stores as the run's one parameter."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    raw_dir: Path = Path("data/raw")
    warehouse_dir: Path = Path("data/warehouse")
    sql_dir: Path = PROJECT_ROOT / "sql"
    # Pipelines per ISO 639-1 language; other languages use any installed `<lang>_core_*` package.
    spacy_models: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_SPACY_MODELS))
    reference_dir: Path = PROJECT_ROOT / "data" / "reference"
    gazetteer_path: Path | None = None  # the user's own entity file (same columns as people.csv)
    # 100 documents: a batch's two task runs and its load cost the flow process and Prefect's API
    # some 0.3 s of CPU, taken from the workers; at 50 the 2-worker run was 1.68x the 1-worker
    # run, at 100 1.80x (pipeline bench, 1,000 documents). Fewer documents are spread over the
    # workers evenly (planning.batches).
    batch_size: int = Field(100, ge=1)
    max_file_bytes: int = Field(20 * 1024 * 1024, ge=1)
    # The work spent on one document, so that a huge page becomes a reject or a recorded cut
    # rather than a stuck run. Measured on a 2-core machine once the stages were linear:
    # cleaning takes 1–2 s per million characters of HTML (trafilatura and htmldate), analysis
    # about 25 s per million characters of clean text (spaCy); no real article comes near either.
    max_html_chars: int = Field(2_000_000, ge=1)  # after removing scripts, styles and comments: ≤ 4 s of cleaning
    max_clean_chars: int = Field(200_000, ge=1)  # ≤ 5 s of analysis; a longer text is cut at a paragraph break
    # local: the flow's tasks hand each batch to a pool of `workers` processes on this machine;
    # dask: the batch tasks run on a Dask cluster, the one at `dask_address` or a new local one.
    runner: Literal["local", "dask"] = "local"
    workers: int = Field(default_factory=lambda: default_workers(), ge=1)
    dask_address: str | None = None  # e.g. tcp://10.0.0.5:8786; only with runner="dask"
    # A batch that takes longer in a worker is retried document by document, and a document that
    # takes this long alone is stopped and rejected (reason 'timeout'); local runner only.
    document_timeout_seconds: float = Field(120.0, gt=0)
    # How long a writer waits for readers (`depeche sql`, `check`) to let go of the DuckDB file.
    lock_wait_seconds: float = Field(30.0, ge=0)
    full_refresh: bool = False
    prune: bool = False
    # Bounds of one ad-hoc query (`depeche sql`, `depeche status`).
    query_memory_limit: str = "2GB"  # DuckDB's syntax: "500MB", "2GB"…
    query_threads: int = Field(2, ge=1)
    query_timeout_seconds: float = Field(300.0, gt=0)

    @property
    def duckdb_path(self) -> Path:
        return self.warehouse_dir / "depeche.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.warehouse_dir / "parquet"

    def resolved(self) -> "Settings":
        """The same settings with absolute paths, for a process that outlives the current directory."""
        return self.changed(
            raw_dir=self.raw_dir.resolve(), warehouse_dir=self.warehouse_dir.resolve(),
            gazetteer_path=self.gazetteer_path.resolve() if self.gazetteer_path else None,
        )

    def changed(self, **changes) -> "Settings":
        """A copy with `changes`, validated like any other value (flags given after loading)."""
        return Settings.model_validate({**self.model_dump(), **changes})

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, overridden by DEPECHE_* environment variables, overridden by explicit values.

        `overrides` whose value is None are ignored, so CLI flags that were not given fall through.
        """
        env = os.environ if env is None else env
        values: dict = {}
        # Raw strings: the model converts and validates them, and an error names the field.
        for name in ENV_FIELDS:
            raw = env.get(ENV_PREFIX + _env_name(name))
            if raw not in (None, ""):
                values[name] = raw
        # DEPECHE_SPACY_MODEL_EN=en_core_web_md names the pipeline of a language; French keeps its default.
        models = {
            key[len(ENV_PREFIX + SPACY_MODEL_PREFIX):].lower(): value
            for key, value in env.items()
            if key.startswith(ENV_PREFIX + SPACY_MODEL_PREFIX) and value
        }
        if models:
            values["spacy_models"] = {**DEFAULT_SPACY_MODELS, **models}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)


SPACY_MODEL_PREFIX = "SPACY_MODEL_"
DEFAULT_SPACY_MODELS = {"fr": "fr_core_news_md"}

ENV_FIELDS = (
    "raw_dir", "warehouse_dir", "sql_dir", "gazetteer_path", "reference_dir", "batch_size", "max_file_bytes",
    "max_html_chars", "max_clean_chars", "runner", "workers", "dask_address", "document_timeout_seconds", "lock_wait_seconds", "query_memory_limit", "query_threads",
    "query_timeout_seconds",
)


# What one worker process holds at most (a spaCy model twice, the reference data, a batch), with margin.
WORKER_MEMORY_BYTES = 1 << 30


def default_workers() -> int:
    """One worker per core this process may use, but no more than the memory holds at 1 GiB each."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return max(1, cores)
    return max(1, min(cores, memory // WORKER_MEMORY_BYTES - 1))


def _env_name(field_name: str) -> str:
    # DEPECHE_RAW and DEPECHE_WAREHOUSE are the documented names for the two directories.
    return {"raw_dir": "RAW", "warehouse_dir": "WAREHOUSE", "sql_dir": "SQL"}.get(
        field_name, field_name.upper()
    )
