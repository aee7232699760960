"""The one settings object: defaults, then environment variables, then CLI flags."""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

# The folder holding tasks/, sql/ and data/reference/: the checkout, or `depeche/` in site-packages
# (pyproject.toml installs them side by side), so the data is found from any working directory.
PROJECT_ROOT = Path(str(importlib.resources.files("depeche.tasks"))).parent

ENV_PREFIX = "DEPECHE_"
RUNNERS = ("thread", "dask")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built once in the entry point and passed down."""

    raw_dir: Path = Path("data/raw")
    warehouse_dir: Path = Path("data/warehouse")
    sql_dir: Path = PROJECT_ROOT / "sql"
    # Pipelines per ISO 639-1 language; other languages use any installed `<lang>_core_*` package.
    spacy_models: Mapping[str, str] = field(default_factory=lambda: {"fr": "fr_core_news_md"})
    reference_dir: Path = PROJECT_ROOT / "data" / "reference"
    gazetteer_path: Path | None = None  # the user's own entity file (same columns as people.csv)
    batch_size: int = 25
    max_file_bytes: int = 20 * 1024 * 1024
    # The work spent on one document, so that a huge page becomes a reject or a recorded cut
    # rather than a stuck run. Measured on a 2-core machine once the stages were linear:
    # cleaning takes 1–2 s per million characters of HTML (trafilatura and htmldate), analysis
    # about 25 s per million characters of clean text (spaCy); no real article comes near either.
    max_html_chars: int = 2_000_000  # after removing scripts, styles and comments: ≤ 4 s of cleaning
    max_clean_chars: int = 200_000  # ≤ 5 s of analysis; a longer text is cut at a paragraph break
    runner: str = "thread"
    workers: int = max(1, min(4, os.cpu_count() or 1))
    # How long a writer waits for readers (`depeche sql`, `check`) to let go of the DuckDB file.
    lock_wait_seconds: float = 30.0
    full_refresh: bool = False
    prune: bool = False
    # Bounds of one ad-hoc query (`depeche sql`, `depeche status`).
    query_memory_limit: str = "2GB"  # DuckDB's syntax: "500MB", "2GB"…
    query_threads: int = 2
    query_timeout_seconds: float = 300.0

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be positive, got {self.max_file_bytes}")
        if self.max_html_chars < 1:
            raise ValueError(f"max_html_chars must be positive, got {self.max_html_chars}")
        if self.max_clean_chars < 1:
            raise ValueError(f"max_clean_chars must be positive, got {self.max_clean_chars}")
        if self.runner not in RUNNERS:
            raise ValueError(f"runner must be one of {RUNNERS}, got {self.runner!r}")
        if self.lock_wait_seconds < 0:
            raise ValueError(f"lock_wait_seconds must not be negative, got {self.lock_wait_seconds}")
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        if not self.query_timeout_seconds > 0:
            raise ValueError(f"query_timeout_seconds must be positive, got {self.query_timeout_seconds}")
        if self.query_threads < 1:
            raise ValueError(f"query_threads must be at least 1, got {self.query_threads}")

    @property
    def duckdb_path(self) -> Path:
        return self.warehouse_dir / "depeche.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.warehouse_dir / "parquet"

    def resolved(self) -> "Settings":
        """The same settings with absolute paths, for a process that outlives the current directory."""
        return replace(
            self, raw_dir=self.raw_dir.resolve(), warehouse_dir=self.warehouse_dir.resolve(),
            gazetteer_path=self.gazetteer_path.resolve() if self.gazetteer_path else None,
        )

    def flow_parameters(self) -> dict:
        """The settings a flow run takes as parameters: JSON values, so a deployment can store them."""
        return {
            "raw_dir": str(self.raw_dir), "warehouse_dir": str(self.warehouse_dir), "batch_size": self.batch_size,
            "workers": self.workers, "max_file_bytes": self.max_file_bytes, "full_refresh": self.full_refresh, "prune": self.prune,
            "gazetteer_path": str(self.gazetteer_path) if self.gazetteer_path else None,
        }

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, overridden by DEPECHE_* environment variables, overridden by explicit values.

        `overrides` whose value is None are ignored, so CLI flags that were not given fall through.
        """
        env = os.environ if env is None else env
        values: dict = {}
        converters = {
            "raw_dir": Path,
            "warehouse_dir": Path,
            "sql_dir": Path,
            "gazetteer_path": Path,
            "reference_dir": Path,
            "batch_size": int,
            "max_file_bytes": int,
            "max_html_chars": int,
            "max_clean_chars": int,
            "runner": str,
            "workers": int,
            "lock_wait_seconds": float,
            "query_memory_limit": str,
            "query_threads": int,
            "query_timeout_seconds": float,
        }
        for name, convert in converters.items():
            raw = env.get(ENV_PREFIX + _env_name(name))
            if raw not in (None, ""):
                values[name] = convert(raw)
        model = env.get(ENV_PREFIX + "SPACY_MODEL_FR")
        if model:
            values["spacy_models"] = {"fr": model}
        # Explicit values may come as JSON (flow parameters): paths as strings.
        values.update({k: converters[k](v) if k in converters else v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _env_name(field_name: str) -> str:
    # DEPECHE_RAW and DEPECHE_WAREHOUSE are the documented names for the two directories.
    return {"raw_dir": "RAW", "warehouse_dir": "WAREHOUSE", "sql_dir": "SQL"}.get(
        field_name, field_name.upper()
    )
