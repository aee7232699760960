"""Data tests: declared checks (`sql/tests/checks.toml`) and singular tests (`sql/tests/*.sql`,
each a query returning the offending rows, as dbt's singular tests do)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataTest:
    name: str
    sql: str  # selects the offending rows


@dataclass(frozen=True)
class Outcome:
    name: str
    offending_rows: int

    @property
    def passed(self) -> bool:
        return self.offending_rows == 0


class DataTestFailure(RuntimeError):
    def __init__(self, failures: list[Outcome]):
        self.failures = failures
        super().__init__(
            "data tests failed: " + ", ".join(f"{f.name} ({f.offending_rows} offending rows)" for f in failures)
        )


def declared_tests(checks_file: Path) -> list[DataTest]:
    """Primary keys unique and not null, foreign keys present in their parent, accepted values."""
    checks = tomllib.loads(checks_file.read_text(encoding="utf-8"))
    tests: list[DataTest] = []
    for table, columns in checks.get("primary_keys", {}).items():
        key = ", ".join(columns)
        nulls = " or ".join(f"{c} is null" for c in columns)
        tests.append(DataTest(f"{table}.primary_key_unique", f"select {key}, count(*) as n from {table} group by {key} having count(*) > 1"))
        tests.append(DataTest(f"{table}.primary_key_not_null", f"select * from {table} where {nulls}"))
    for child, parent in checks.get("foreign_keys", {}).items():
        child_table, child_column = child.split(".")
        parent_table, parent_column = parent.split(".")
        tests.append(DataTest(
            f"{child}.references_{parent_table}",
            f"select c.{child_column} from {child_table} as c anti join {parent_table} as p "
            f"on c.{child_column} = p.{parent_column} where c.{child_column} is not null",
        ))
    for column, values in checks.get("accepted_values", {}).items():
        table, name = column.split(".")
        listed = ", ".join(repr(v) for v in values)
        tests.append(DataTest(f"{column}.accepted_values", f"select {name} from {table} where {name} is not null and {name} not in ({listed})"))
    return tests


def singular_tests(tests_dir: Path) -> list[DataTest]:
    return [DataTest(path.stem, path.read_text(encoding="utf-8").strip().rstrip(";")) for path in sorted(tests_dir.glob("*.sql"))]


def run_data_tests(con, tests_dir: Path) -> list[Outcome]:
    """Every test with its number of offending rows (a test whose SQL fails counts as failing)."""
    tests = declared_tests(tests_dir / "checks.toml") if (tests_dir / "checks.toml").exists() else []
    outcomes = []
    for test in tests + singular_tests(tests_dir):
        count = con.execute(f"select count(*) from ({test.sql})").fetchone()[0]
        outcomes.append(Outcome(test.name, count))
    return outcomes
