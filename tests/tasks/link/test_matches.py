"""Alias matches of the reference data, and what makes a match part of something else
(tasks/link/matches.py), through the linker of a language without a model."""

from datetime import date


def test_a_place_named_like_another_languages_function_word_is_a_place_and_a_surname_after_a_particle_is_not(link_without_model):
    # « lima » is Indonesian for five, « indien » Dutch for "if": neither is a function word of these pages
    found = {(surface, entity) for surface, entity, _, _ in link_without_model("Vizcarra llegará a Lima esta tarde.", "es", date(2018, 3, 23))}
    assert ("Lima", "lima") in found
    found = {(surface, entity) for surface, entity, _, _ in link_without_model("Der Kanzler reist nach Indien.", "de", date(2023, 2, 25))}
    assert ("Indien", "country-ind") in found
    found = {surface for surface, _, _, _ in link_without_model("Senator Leila de Lima was freed in Manila.", "en", date(2023, 11, 13))}
    assert "Lima" not in found and "Manila" in found


def test_a_german_noun_after_its_article_is_no_town_spelled_like_it(link_without_model):
    text = "Der Kanzler will ausländischen Investoren die Türen öffnen, sagte er in Turin."
    found = [(surface, entity) for surface, entity, _, _ in link_without_model(text, "de", date(2016, 6, 8))]
    assert found.count(("Turin", "turin")) == 1 and not any(surface == "Türen" for surface, _ in found)


def test_an_organisations_or_a_places_name_after_a_first_name_is_a_surname(link_without_model):
    text = "Baroness Patricia Scotland opened the summit in Apia. Dessen Vorsitzender Oliver Hermes sagte nichts."
    found = {(surface, label) for surface, _, label, _ in link_without_model(text, "en", date(2024, 10, 25))}
    assert ("Patricia Scotland", "PER") in found and ("Scotland", "LOC") not in found


def test_a_place_before_words_that_end_in_an_organisation_noun_opens_that_organisations_name(link_without_model):
    text = "Shares fell on the Ghana Stock Exchange in Accra, and the Ghana Cocoa Board cut its forecast for Ghana."
    found = {(surface, label) for surface, _, label, _ in link_without_model(text, "en", date(2023, 5, 18))}
    assert {("Ghana Stock Exchange", "ORG"), ("Ghana Cocoa Board", "ORG"), ("Ghana", "LOC")} <= found


def test_a_company_is_named_without_its_legal_form(link_without_model):
    text = "Die andere Hälfte tragen Uniper, OMV und Shell. Auch Daimler und Bosch reisten nach Teheran."
    linked = {(surface, entity) for surface, entity, _, _ in link_without_model(text, "de", date(2016, 10, 3))}
    assert {("Shell", "shell-plc"), ("Daimler", "mercedes-benz-group")} <= linked
