"""Single words' shapes for the capitalised-name finder (tasks/link/name_shapes.py)."""

from depeche.tasks.gazetteer import tokens
from depeche.tasks.link.name_shapes import acronym, first_names, names_a_product, ticker


def test_acronyms_tickers_and_first_names():
    assert acronym("NATO") and acronym("ÖVP") and not acronym("XIV") and not acronym("ABCDEFG") and not acronym("Nato")
    assert ticker("US19") and ticker("KES") and not ticker("Kenya")
    assert first_names().get_gender("Oliver") != "unknown" and first_names().get_gender("Rheinmetall") == "unknown"


def test_a_model_number_or_a_product_noun_after_a_name_makes_it_a_products(gazetteer):
    for text, last in (("Challenger 3 tanks", 0), ("Patriot missiles", 0), ("Virginia-class submarines", 0)):
        assert names_a_product(tokens(text), last, gazetteer.name_words, "en"), text
    assert not names_a_product(tokens("Rheinmetall said"), 0, gazetteer.name_words, "en")
