"""Future and conditional read from the form (tasks/events/modality.py)."""

from depeche.tasks import nlp
from depeche.tasks.events.modality import future_or_conditional


def test_future_and_conditional_forms_the_tagger_misses_are_read_from_the_form():
    parser = nlp.load_parser("fr_core_news_md")
    forms = {
        "Ils coordonneraient": True, "Il soutiendrait": True, "Nous coopérerons": True, "Il prendrait": True, "Elle deviendra": True,
        "Il ira": True, "Il déclarait": False, "Il déclara": False, "Ils tiraient": False, "Ils considéraient": False, "Elle finissait": False,
        "Nous apprécions": False,
    }
    assert {text: future_or_conditional(parser(text)[1]) for text in forms} == forms
