"""Quality floors of entity linking, per language, on the gold sets the tagger was developed on
(`bench/entities_bench.py quality` prints the same figures; the blind set is measured there only,
and once). A floor sits a little under today's figure: it catches a regression, not noise."""

from __future__ import annotations

import pytest

from bench import entities_bench
from depeche.tasks.settings import Settings

# language -> (entity F1, share of role mentions resolved to their holder), development figures at the time of writing:
# fr 0.968 / -, de 0.860 / 0.93, en 0.875 / 0.78, es 0.867 / 0.80, it 0.871 / 0.94, pt 0.853 / 0.89
FLOORS = {"fr": (0.95, None), "de": (0.83, 0.85), "en": (0.84, 0.72), "es": (0.84, 0.72), "it": (0.84, 0.85), "pt": (0.82, 0.8)}


def scores(set_name: str) -> dict[str, tuple[float, float | None]]:
    raw_dir, gold_dir = entities_bench.SETS[set_name]
    tables = entities_bench.pipeline_tables(Settings(raw_dir=raw_dir))
    counts: dict[str, list[int]] = {}
    for doc in tables["documents"].to_pylist():
        gold = entities_bench.read_gold(gold_dir / f"{doc['source_path'].rsplit('/', 1)[-1].rsplit('.', 1)[0]}.json")
        predicted = entities_bench.linked_prediction(doc["doc_id"], tables)
        correct, hit = entities_bench.match(predicted, gold["entities"], by_id=True)
        outcomes = entities_bench.role_outcomes(doc["doc_id"], doc["clean_text"], gold.get("roles", []), tables)
        tp_fp_fn_right_total = counts.setdefault(gold["lang"], [0, 0, 0, 0, 0])
        tp_fp_fn_right_total[0] += sum(correct)
        tp_fp_fn_right_total[1] += len(correct) - sum(correct)
        tp_fp_fn_right_total[2] += len(gold["entities"]) - len(hit)
        tp_fp_fn_right_total[3] += sum(found == role["entity_id"] for role, found in outcomes)
        tp_fp_fn_right_total[4] += len(outcomes)
    return {
        lang: (2 * tp / (2 * tp + fp + fn), right / total if total else None)
        for lang, (tp, fp, fn, right, total) in counts.items()
    }


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[float, float | None]]:
    return {**scores("dev"), **scores("sample")}


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_entity_f1_and_role_resolution_floors(measured, language):
    f1_floor, roles_floor = FLOORS[language]
    f1, roles = measured[language]
    assert f1 >= f1_floor, f"{language}: entity F1 {f1:.3f} < {f1_floor}"
    if roles_floor is not None:
        assert roles >= roles_floor, f"{language}: roles resolved {roles:.3f} < {roles_floor}"
