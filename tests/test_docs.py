"""The documentation against the code: the warehouse tables against the Arrow schemas, every relative
link against the files, the README's settings table against `Settings.load`. Fast: no Prefect, no spaCy."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _prose(path: Path) -> str:
    """The page without its fenced code blocks (whose brackets are not links)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def _table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the first Markdown table after `heading`, header and rule excluded."""
    start = text.index(heading)
    rows, seen_table = [], False
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            seen_table = True
            rows.append(line)
        elif seen_table:
            break
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    return cells[2:]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", _prose(path), re.M)}


def test_docs_pages_exist():
    names = {p.name for p in DOCS}
    assert {"architecture.md", "cleaning.md", "entities.md", "events.md", "warehouse.md", "operations.md", "benchmarks.md"} <= names


def test_readme_links_every_docs_page():
    linked = set(LINK.findall(_prose(README)))
    for page in DOCS:
        assert f"docs/{page.name}" in linked, f"README.md does not link docs/{page.name}"


def test_warehouse_table_matches_the_arrow_schemas():
    from depeche.tasks.warehouse import RUNS_SCHEMA, SCHEMAS

    schemas = {**SCHEMAS, "runs": RUNS_SCHEMA}
    rows = _table_after((ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8"), "## Tables")
    documented = {}
    for cells in rows:
        name = re.fullmatch(r"`([^`]+)`", cells[0])
        assert name, f"table name not in backticks: {cells[0]!r}"
        documented[name.group(1)] = cells[-1]
    assert set(documented) == set(schemas)
    for table, schema in schemas.items():
        listed = set(re.findall(r"`([^`]+)`", documented[table]))
        missing = [column for column in schema.names if column not in listed]
        assert not missing, f"docs/warehouse.md, table {table}: columns not listed: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page):
    for target in LINK.findall(_prose(page)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: link to a missing file: {target}"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file), f"{page.name}: link to a missing heading: {target}"


# A valid value, different from the default, for each environment variable of the settings table.
VALUES = {
    "DEPECHE_RAW": "/elsewhere/raw",
    "DEPECHE_WAREHOUSE": "/elsewhere/warehouse",
    "DEPECHE_BATCH_SIZE": "7",
    "DEPECHE_WORKERS": "17",
    "DEPECHE_RUNNER": "dask",
    "DEPECHE_DASK_ADDRESS": "tcp://10.0.0.5:8786",
    "DEPECHE_DOCUMENT_TIMEOUT_SECONDS": "30",
    "DEPECHE_MAX_FILE_BYTES": "1234",
    "DEPECHE_MAX_HTML_CHARS": "1234",
    "DEPECHE_MAX_CLEAN_CHARS": "1234",
    "DEPECHE_SPACY_MODEL_FR": "fr_core_news_sm",
    "DEPECHE_GAZETTEER_PATH": "/elsewhere/people.csv",
    "DEPECHE_REFERENCE_DIR": "/elsewhere/reference",
    "DEPECHE_LOCK_WAIT_SECONDS": "7.5",
    "DEPECHE_QUERY_TIMEOUT_SECONDS": "12",
    "DEPECHE_QUERY_MEMORY_LIMIT": "500MB",
    "DEPECHE_QUERY_THREADS": "3",
}


def _readme_setting_names() -> list[str]:
    rows = _table_after(README.read_text(encoding="utf-8"), "| setting | env var | default |")
    names = [name for cells in rows for name in re.findall(r"`(DEPECHE_\w+)`", cells[1])]
    assert len(names) >= 10
    return names


def test_every_readme_setting_is_read_by_settings_load():
    from depeche.tasks.settings import Settings

    default = Settings.load(env={}).model_dump()
    for name in _readme_setting_names():
        assert name in VALUES, f"README names {name}: add a valid value for it to VALUES in this test"
        changed = Settings.load(env={name: VALUES[name]}).model_dump()
        fields = [field for field in default if changed[field] != default[field]]
        assert len(fields) == 1, f"{name} changes {fields or 'no setting'}"


def test_every_depeche_variable_documented_exists_in_the_code():
    """A cheaper net than the test above, over every page: each DEPECHE_* name is spelled out in the
    code, or is `DEPECHE_` + a field of `Settings` (how `Settings.load` reads most of them)."""
    code = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("tasks/settings.py", "flows/cli.py", "tasks/faults.py"))
    fields = set(re.findall(r"^    (\w+): ", (ROOT / "tasks" / "settings.py").read_text(encoding="utf-8"), re.M))
    for name in sorted(set(re.findall(r"DEPECHE_[A-Z0-9_]+", "\n".join(p.read_text(encoding="utf-8") for p in PAGES)))):
        suffix = name.removeprefix("DEPECHE_")
        assert name in code or f'"{suffix}"' in code or suffix.lower() in fields, f"{name} is documented but not in the code"
