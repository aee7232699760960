"""Names in languages without a spaCy model, found by their capitals and typed by their words
(tasks/link/capitalised.py)."""

from datetime import date

import pytest


def names(mentions, method="capitalised"):
    return {(surface, label) for surface, _, label, how in mentions if how == method}


def test_people_companies_and_places_in_english(link_without_model):
    text = ("Kestrane Brackwell chief executive Marillyn Hewson met analysts in Philadelphia. "
            "Ben Wilson, an analyst at the Lowy Institute, said the Foreign Policy Research Institute agreed. "
            "Shares of Tyrholt rose.")
    found = names(link_without_model(text, "en", date(2019, 11, 14)))
    assert ("Kestrane Brackwell", "ORG") in found and ("Lowy Institute", "ORG") in found
    assert ("Foreign Policy Research Institute", "ORG") in found  # a role word inside an organisation's name
    assert ("Ben Wilson", "PER") in found  # « Ben » is a function word somewhere, and a first name here
    assert ("Tyrholt", "ORG") in found  # one word inside a sentence
    assert not any(surface.startswith("Shares") for surface, _ in found)  # a sentence's first word is no evidence


def test_a_name_after_a_title_is_the_person(link_without_model):
    text = "The deal was signed by Defence Minister Manohar Parrikar in New Delhi."
    found = names(link_without_model(text, "en", date(2016, 9, 23)))
    assert ("Manohar Parrikar", "PER") in found
    assert not any("Minister" in surface for surface, _ in found)


def test_products_titles_and_adjectives_are_not_organisations(link_without_model):
    text = ("India will buy Patriot missiles and Challenger 3 tanks, the Opposition Leader said. "
            "The group's European strategy was welcomed, and Corvane Holdings agreed.")
    found = names(link_without_model(text, "en", date(2025, 7, 18)))
    assert found == {("Corvane Holdings", "ORG")}


def test_german_nouns_are_not_names_but_compounds_and_first_names_are(link_without_model):
    text = ("Seit Monaten drängt die Regierung auf Gespräche. Der Baukonzern Hollmag und der Zulieferer "
            "Bosch verhandeln. Wendtner-Vorstand Roland Busch und Kravag-Chef Oliver Zipse reisten mit. "
            "Die Bundesregierung begrüßte das.")
    found = names(link_without_model(text, "de", date(2024, 4, 16)))
    assert ("Hollmag", "ORG") in found and ("Bundesregierung", "ORG") in found
    assert ("Bosch", "ORG") in found  # after « der Zulieferer », a company noun
    assert ("Roland Busch", "PER") in found and ("Oliver Zipse", "PER") in found
    assert ("Wendtner", "ORG") in found and ("Kravag", "ORG") in found  # before a hyphenated title
    assert not {surface for surface, _ in found} & {"Seit Monaten", "Regierung", "Gespräche", "Monaten"}


def test_spanish_names_keep_their_connectors(link_without_model):
    text = ("La Comisión Nacional de los Derechos Humanos criticó el acuerdo. "
            "El Gobierno de Canadá lo aprobó, según la Cámara de Comercio de México.")
    found = names(link_without_model(text, "es", date(2019, 6, 8)))
    assert ("Comisión Nacional de los Derechos Humanos", "ORG") in found
    assert ("Cámara de Comercio de México", "ORG") in found  # a country ends an organisation's name
    assert not any(surface.startswith("Gobierno") for surface, _ in found)  # Canada's government is Canada acting


@pytest.mark.parametrize("text, language", [
    ("PEKÍN - El presidente habló. ÚLTIMA HORA: aviso amarillo.", "es"),
    ("NEW DELHI — India signed the deal on Friday.", "en"),
])
def test_shouted_chrome_and_datelines_are_not_names(link_without_model, text, language):
    assert not names(link_without_model(text, language))


def test_a_one_word_name_found_once_is_a_name_wherever_it_is_written(link_without_model):
    text = "La petrolera Repsol cerró la compra. Según analistas, Repsol ganará peso en Canadá."
    mentions = link_without_model(text, "es", date(2015, 5, 8))
    repsol = [(surface, entity) for surface, entity, _, _ in mentions if surface == "Repsol"]
    assert len(repsol) == 2 and len({entity for _, entity in repsol}) == 1


def test_a_name_after_a_portfolio_title_is_the_person_not_the_title(link_without_model):
    text = "Treasurer Jim Calderwood and Resources Minister Madeleine King welcomed the deal."
    mentions = link_without_model(text, "en", date(2025, 10, 21))
    assert names(mentions) >= {("Jim Calderwood", "PER"), ("Madeleine King", "PER")}
    assert not any("Treasurer" in surface or "Minister" in surface for surface, _, _, _ in mentions)


def test_another_first_name_before_a_known_surname_is_another_person(link_without_model):
    mentions = link_without_model("Die Ministerin Petra Lindner traf die Presse. The Trump administration agreed.", "de", date(2025, 3, 4))
    assert ("Petra Lindner", "PER") in names(mentions)
    assert not any(entity == "christian-lindner" for _, entity, _, _ in mentions)
    assert any(surface == "Trump" and entity == "donald-trump" for surface, entity, _, _ in mentions)  # « The » is no first name here


def test_a_name_after_a_speech_verb_is_a_person(link_without_model):
    found = names(link_without_model("Das sagte Yanis Korakidis am Montag in Brüssel.", "de", date(2015, 7, 13)))
    assert ("Yanis Korakidis", "PER") in found

def test_a_place_before_a_head_noun_is_a_longer_name(link_without_model):
    mentions = link_without_model("Mourners filed into Westminster Abbey and past Wellington Arch in London.", "en", date(2022, 9, 19))
    surfaces = {surface for surface, _, _, _ in mentions}
    assert {"Westminster Abbey", "Wellington Arch", "London"} <= surfaces and "Westminster" not in surfaces


def test_tickers_titles_and_hyphenated_councils(link_without_model):
    text = "The NATO-Russia Council met. The Foreign Minister spoke as the CAD fell and US19 traded."
    mentions = link_without_model(text, "en", date(2016, 7, 8))
    assert ("NATO-Russia Council", "ORG") in names(mentions)
    assert not {surface for surface, _, _, _ in mentions} & {"CAD", "US19", "Foreign", "Foreign Minister", "Russia Council"} - {
        surface for surface, _, _, method in mentions if method == "role"}


def test_an_of_joins_an_organisations_or_a_places_name_not_a_persons(link_without_model):
    text = ("Marcus Tellwright of Adobe spoke. The Gospel of Luke was read. Talks with the Ministry of Agriculture, "
            "Fisheries and Food and the Chamber of Minerals and Energy went on, funded by the International "
            "Development Finance Corporation.")
    found = names(link_without_model(text, "en", date(2021, 9, 24)))
    assert {("Ministry of Agriculture, Fisheries and Food", "ORG"), ("Chamber of Minerals and Energy", "ORG"),
            ("International Development Finance Corporation", "ORG")} <= found  # "Finance" is a portfolio, no title
    assert not any(" of " in surface for surface, _ in found if surface.startswith(("Marcus", "Gospel")))
    text = "Das sagte Claire Demesmay von der Deutschen Gesellschaft. Der Mord an Jamal Khashoggi für Verdruss."
    surfaces = {surface for surface, _ in names(link_without_model(text, "de", date(2019, 10, 16)))}
    assert "Claire Demesmay" in surfaces and not any("Gesellschaft" in s or "Verdruss" in s for s in surfaces)


def test_a_romance_name_opens_with_its_head_noun(link_without_model):
    found = names(link_without_model("El Foro de Boao y el Salar de Atacama atraen inversión.", "es", date(2018, 4, 10)))
    assert {("Foro de Boao", "ORG"), ("Salar de Atacama", "LOC")} <= found or ("Foro de Boao", "ORG") in found


def test_a_german_organisation_kind_heads_its_name_before_a_connector_and_describes_the_one_after_it(link_without_model):
    text = ("Nils Schmid übernimmt das neu zugeschnittene Ministerium für Finanzen und Wirtschaft, "
            "nicht das Ministerium für Verkehr. Der Vorstandschef bot der Regierung Gespräche an. "
            "Zuvor besuchte die Delegation ein Werk des Zulieferers Borvatek in Chongqing.")
    found = names(link_without_model(text, "de", date(2011, 5, 12)))
    assert ("Ministerium für Finanzen und Wirtschaft", "ORG") in found and ("Borvatek", "ORG") in found
    assert not any(surface in ("Gespräche", "für", "Ministerium") for surface, _ in found)


def test_an_acronym_opening_a_name_makes_it_an_organisation_whatever_verb_follows(link_without_model):
    found = names(link_without_model("Die IHK Heilbronn-Franken warnte vor steigenden Strompreisen.", "de", date(2011, 5, 12)))
    assert ("IHK Heilbronn-Franken", "ORG") in found
    found = names(link_without_model("Die LNG-Lieferungen aus Katar beginnen 2026.", "de", date(2022, 11, 29)))
    assert not any(surface.startswith("LNG-") for surface, _ in found)


def test_a_name_whose_words_after_its_of_end_in_an_organisation_word_is_one_name(link_without_model):
    text = "Tinubu is standing trial at the Code of Conduct Tribunal. The Gospel of John was read. The Secretary of the Navy spoke."
    found = names(link_without_model(text, "en", date(2016, 6, 16)))
    assert ("Code of Conduct Tribunal", "ORG") in found
    assert not {surface for surface, _ in found} & {"Gospel of John", "Secretary of the Navy"}


def test_a_known_organisation_inside_a_longer_name_is_not_that_organisation(link_without_model):
    mentions = link_without_model("In Abuja, the Peoples Democratic Party, still split, met. The Democratic Party did not.", "en", date(2016, 6, 16))
    assert ("Peoples Democratic Party", "ORG") in names(mentions)
    assert [surface for surface, entity, _, _ in mentions if entity == "democratic-party"] == ["Democratic Party"]


def test_a_word_the_page_also_writes_in_lower_case_is_a_common_noun_not_a_name(link_without_model):
    text = ("Shares rose on the Lagos exchange, and the All-Share Index closed higher. The index had fallen for "
            "a week, but Dangote Cement gained.")
    found = names(link_without_model(text, "en", date(2016, 6, 16)))
    assert not any(surface == "Index" for surface, _ in found)


def test_a_ministers_portfolio_after_its_de_is_no_name(link_without_model):
    text = "Boric habló en La Moneda con la ministra de Minería. Luego habló la ministra de Pesca Ana Torvalde."
    found = names(link_without_model(text, "es", date(2024, 1, 2)))
    assert not any(surface.startswith(("Minería", "Pesca")) for surface, _ in found)
    assert ("Ana Torvalde", "PER") in found  # a name after the portfolio is the minister's


def test_a_peoples_plural_or_a_nations_adjective_is_no_organisation(link_without_model):
    text = ("After the vote in Edinburgh, Scots went to work; Americans, Europeans and Canadians watched, English voters "
            "asked for more, and Labour MPs and NGOs objected.")
    found = {surface for surface, _ in names(link_without_model(text, "en", date(2014, 9, 19)))}
    assert not found & {"Scots", "Americans", "Europeans", "Canadians", "English", "MPs", "NGOs"}


def test_a_german_word_shaped_like_a_town_after_a_preposition_is_a_place(link_without_model):
    text = "Der Grüne stammt aus Sigmaringen. Der Versorger betreibt in Philippsburg ein Kraftwerk, in Zukunft nicht mehr."
    found = names(link_without_model(text, "de", date(2011, 5, 12)))
    assert {("Sigmaringen", "LOC"), ("Philippsburg", "LOC")} <= found and not any(s == "Zukunft" for s, _ in found)


def test_an_abbreviation_before_its_number_is_no_name(link_without_model):
    text = "Katie Hobbs takes over on Jan. 2, and the new trade pact applies from Dec. 1 in Phoenix."
    found = {surface for surface, *_ in link_without_model(text, "en", date(2022, 12, 7))}
    assert not found & {"Jan", "Dec"} and "Phoenix" in found


def test_a_point_of_the_compass_glued_to_a_place_is_a_place(link_without_model):
    text = "Putin sprach über die Lage in der Ostukraine. Der Oberbürgermeister und das Unternehmen schwiegen."
    found = names(link_without_model(text, "de", date(2014, 6, 24)))
    assert ("Ostukraine", "LOC") in found and not any(s in ("Oberbürgermeister", "Unternehmen") for s, _ in found)


def test_a_town_geonames_knows_is_a_place_after_its_preposition_and_only_there(link_without_model):
    text = "Der Stausee bei Eupen lief über; aus Angst vor Plünderungen blieb die Familie in Raeren."
    found = names(link_without_model(text, "de", date(2021, 7, 16)))
    assert ("Eupen", "LOC") in found and not any(s == "Angst" for s, _ in found)


def test_a_korean_given_names_second_syllable_stays_in_the_name(link_without_model):
    text = "Unification Minister Cho Myoung-gyon said the talks would open in May, and the Abu Dhabi-based fund agreed."
    found = {surface for surface, _ in names(link_without_model(text, "en", date(2018, 4, 27)))}
    assert "Cho Myoung-gyon" in found and not any(surface.endswith("-based") for surface in found)
