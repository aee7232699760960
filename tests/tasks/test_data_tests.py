import duckdb
import pytest

from depeche.tasks.data_tests import DataTestFailure, run_data_tests


@pytest.fixture
def tests_dir(tmp_path):
    (tmp_path / "checks.toml").write_text(
        '[primary_keys]\nparents = ["id"]\n\n[foreign_keys]\n"children.parent_id" = "parents.id"\n\n'
        '[accepted_values]\n"parents.label" = ["PER", "ORG"]\n',
        encoding="utf-8",
    )
    (tmp_path / "no_negative_sizes.sql").write_text("-- sizes are never negative\nselect * from children where size < 0\n")
    return tmp_path


def outcomes(con, tests_dir):
    return {o.name: o.offending_rows for o in run_data_tests(con, tests_dir)}


def test_clean_data_passes_every_test(tests_dir):
    con = duckdb.connect()
    con.execute("create table parents as select * from (values (1, 'PER'), (2, 'ORG')) t(id, label)")
    con.execute("create table children as select * from (values (1, 1, 5), (2, 2, 0)) t(id, parent_id, size)")
    assert set(outcomes(con, tests_dir).values()) == {0}


def test_each_kind_of_breakage_is_counted_by_name(tests_dir):
    con = duckdb.connect()
    con.execute("create table parents as select * from (values (1, 'PER'), (1, 'XXX'), (null, 'ORG')) t(id, label)")
    con.execute("create table children as select * from (values (1, 1, -5), (2, 9, 0)) t(id, parent_id, size)")
    found = outcomes(con, tests_dir)
    assert found == {
        "parents.primary_key_unique": 1,
        "parents.primary_key_not_null": 1,
        "children.parent_id.references_parents": 1,
        "parents.label.accepted_values": 1,
        "no_negative_sizes": 1,
    }
    failure = DataTestFailure([o for o in run_data_tests(con, tests_dir) if not o.passed])
    assert "no_negative_sizes (1 offending rows)" in str(failure)
