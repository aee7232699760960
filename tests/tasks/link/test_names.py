"""Short names, acronyms in brackets and nationalities of names the reference data lacks
(tasks/link/names.py)."""

from datetime import date


def test_a_surname_after_the_full_name_is_that_person(link_without_model):
    text = "Rheinmetall chief executive Armin Papperger opened the plant. Papperger said jobs would follow."
    mentions = link_without_model(text, "en", date(2025, 7, 18))
    entity = {surface: entity for surface, entity, _, _ in mentions}
    assert entity["Papperger"] == entity["Armin Papperger"]


def test_an_acronym_in_brackets_is_the_name_it_spells(link_without_model):
    text = "The Indian Air Force (IAF) will fly the jets. Chancellor Sebastian Kurz (ÖVP) spoke later."
    mentions = link_without_model(text, "en", date(2016, 9, 23))
    entity = {surface: entity for surface, entity, _, _ in mentions}
    assert entity["IAF"] == entity["Indian Air Force"]
    assert entity["ÖVP"] != entity["Sebastian Kurz"]  # not its initials


def test_a_short_name_of_a_known_person_wins_over_a_capitalised_guess(link_without_model):
    text = "Moon leaves Osaka without a summit. South Korean President Moon Jae-in met no one."
    mentions = link_without_model(text, "en", date(2019, 6, 29))
    assert ("Moon", "moon-jae-in") in {(surface, entity) for surface, entity, _, _ in mentions}
    assert not any(surface == "South Korean" for surface, *_ in mentions)
