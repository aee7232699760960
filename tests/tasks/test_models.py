import duckdb
import pytest

from depeche.tasks.models import ModelError, discover_models, order_models, run_models


def write(tmp_path, name, sql):
    (tmp_path / f"{name}.sql").write_text(sql)


def test_models_run_in_dependency_order_found_by_parsing(tmp_path):
    write(tmp_path, "a_totals", "-- one row\nselect sum(n) as total from b_base")
    write(tmp_path, "b_base", "with raw_numbers as (select n from numbers) select n from raw_numbers")
    con = duckdb.connect()
    con.execute("create table numbers as select range as n from range(5)")
    assert [m.name for m in order_models(discover_models(tmp_path))] == ["b_base", "a_totals"]
    run_models(con, tmp_path)
    assert con.execute("select total from a_totals").fetchall() == [(10,)]


def test_cycles_are_reported_with_their_members(tmp_path):
    write(tmp_path, "x", "select * from y")
    write(tmp_path, "y", "select * from x")
    with pytest.raises(ModelError, match="cycle"):
        order_models(discover_models(tmp_path))


def test_a_failing_model_names_itself(tmp_path):
    write(tmp_path, "broken", "select no_such_column from (select 1 as a)")
    with pytest.raises(ModelError, match="broken"):
        run_models(duckdb.connect(), tmp_path)
