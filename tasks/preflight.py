"""What a run needs from its environment, checked before any document is touched.

A missing reference file, spaCy model or SQL folder, or a warehouse that cannot be written, is the
machine's fault, not the data's: it stops the run with one line instead of rejecting every document.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import tempfile
from pathlib import Path

from depeche.tasks.settings import Settings


class EnvironmentProblem(RuntimeError):
    """The run cannot start or go on because of its environment; the message says what to fix."""


def check_environment(settings: Settings) -> None:
    """Raise EnvironmentProblem naming the first thing a run would trip over."""
    check_raw_dir(settings.raw_dir)
    check_warehouse_dir(settings.warehouse_dir)
    check_sql_dir(settings.sql_dir)
    check_reference_data(settings)
    check_spacy_models(settings)


def check_raw_dir(raw_dir: Path) -> None:
    if not raw_dir.exists():
        raise EnvironmentProblem(f"raw directory {raw_dir} does not exist")
    if not raw_dir.is_dir():
        raise EnvironmentProblem(f"raw directory {raw_dir} is a file, not a directory (--raw / DEPECHE_RAW)")
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        raise EnvironmentProblem(f"raw directory {raw_dir} cannot be read")


def check_warehouse_dir(warehouse_dir: Path) -> None:
    if warehouse_dir.exists() and not warehouse_dir.is_dir():
        raise EnvironmentProblem(f"warehouse {warehouse_dir} is a file, not a directory (--warehouse / DEPECHE_WAREHOUSE)")
    try:
        warehouse_dir.mkdir(parents=True, exist_ok=True)
        # os.access says yes to root on a read-only mount: only a real write tells.
        with tempfile.NamedTemporaryFile(dir=warehouse_dir, prefix=".write-check-"):
            pass
    except OSError as error:
        raise EnvironmentProblem(f"warehouse directory {warehouse_dir} is not writable: {error.strerror or error}") from None


def check_sql_dir(sql_dir: Path) -> None:
    for folder in ("models", "tests"):
        if not any((sql_dir / folder).glob("*.sql")):
            raise EnvironmentProblem(f"no SQL {folder} in {sql_dir / folder} (DEPECHE_SQL names the SQL folder)")


def check_reference_data(settings: Settings) -> None:
    """Parse the reference data the stages use, so a missing or broken file stops the run here
    (the parsed data is cached, so tagging does not parse it again)."""
    from depeche.tasks import events
    from depeche.tasks.batch import gazetteer_for, reference_version

    if not settings.reference_dir.is_dir():
        raise EnvironmentProblem(f"reference data directory {settings.reference_dir} does not exist (DEPECHE_REFERENCE_DIR)")
    try:
        gazetteer_for(settings)
        events.load_lexicon(settings.reference_dir, reference_version(settings.reference_dir, settings.gazetteer_path))
    except (OSError, ValueError, KeyError, csv.Error) as error:
        raise EnvironmentProblem(f"reference data in {settings.reference_dir} cannot be read: {_describe(error)}") from None


def check_spacy_models(settings: Settings) -> None:
    for language, name in settings.spacy_models.items():
        if importlib.util.find_spec(name) is None:
            raise EnvironmentProblem(
                f"the spaCy model {name!r} for language {language!r} is not installed "
                f"(pip install {name.replace('_', '-')}, or name another with DEPECHE_SPACY_MODEL_{language.upper()})"
            )


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    if isinstance(error, KeyError):
        return f"missing column {error}"
    return str(error)
