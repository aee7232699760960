"""Role phrases in English, German, Spanish and Italian resolved to the holder at the article's
date (tasks/link/roles.py); French ones are in test_document.py."""

from datetime import date

import pytest


def holders(mentions):
    return {surface: entity for surface, entity, _, method in mentions if method == "role"}


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    ("The deal was praised by the Russian president.", "en", date(2019, 6, 4), "Russian president", "vladimir-putin"),
    ("Britain's prime minister flew to Washington.", "en", date(2023, 3, 14), "Britain's prime minister", "rishi-sunak"),
    ("Der russische Präsident reiste ab.", "de", date(2018, 6, 5), "russische Präsident", "vladimir-putin"),
    ("Er traf den US-Präsidenten im Weißen Haus.", "de", date(2022, 11, 4), "US-Präsidenten", "joe-biden"),
    ("Russlands Präsident sprach lange.", "de", date(2018, 6, 5), "Russlands Präsident", "vladimir-putin"),
    ("La canciller alemana llegó tarde.", "es", date(2018, 11, 30), "canciller alemana", "angela-merkel"),
    ("El presidente francés viajará a Pekín.", "es", date(2023, 3, 31), "presidente francés", "emmanuel-macron"),
    ("Su par chino respondió.", "es", date(2018, 11, 30), "par chino", None),  # no counterpart named before
    ("Il presidente della Commissione europea ha firmato.", "it", date(2019, 3, 24), "presidente della Commissione europea", "jean-claude-juncker"),
    ("Der NATO-Generalsekretär lobte die Pläne.", "de", date(2025, 5, 23), "NATO-Generalsekretär", "mark-rutte"),
    ("El secretario general de la OTAN llegó a Madrid.", "es", date(2019, 6, 1), "secretario general de la OTAN", "jens-stoltenberg"),
    ("Der Kremlchef empfing ihn.", "de", date(2018, 6, 5), "Kremlchef", "vladimir-putin"),  # one country's title
])
def test_role_phrases_in_other_languages(link_without_model, text, language, published, phrase, holder):
    resolved = holders(link_without_model(text, language, published))
    if holder is None:
        assert phrase not in resolved or not resolved[phrase].startswith(("vladimir", "xi"))
    else:
        assert resolved.get(phrase) == holder


def test_the_holder_changes_with_the_date(link_without_model):
    text = "The German chancellor arrived."
    assert holders(link_without_model(text, "en", date(2019, 1, 10)))["German chancellor"] == "angela-merkel"
    assert holders(link_without_model(text, "en", date(2023, 1, 10)))["German chancellor"] == "olaf-scholz"
    assert holders(link_without_model(text, "en", date(2025, 7, 18)))["German chancellor"] == "friedrich-merz"


def test_a_bare_role_is_the_holder_named_most_and_never_a_president_for_a_prime_minister(link_without_model):
    text = ("Rishi Sunak hosted Anthony Albanese. Sunak spoke first, then Joe Biden. "
            "The prime minister said the deal was historic.")
    assert holders(link_without_model(text, "en", date(2023, 3, 14)))["prime minister"] == "rishi-sunak"
    text = "Anthony Albanese met Donald Trump at the White House. Trump praised him. The Prime Minister smiled."
    assert holders(link_without_model(text, "en", date(2025, 10, 21)))["Prime Minister"] == "anthony-albanese"


def test_a_nationality_that_contradicts_the_phrase_resolves_nothing(link_without_model):
    # "defence secretary" is Britain's office; "US defence secretary" is not John Healey
    resolved = holders(link_without_model("The US defence secretary flew in.", "en", date(2025, 10, 21)))
    assert "john-healey" not in resolved.values()


def test_an_apposed_name_is_the_mention_and_the_role_is_not_counted_twice(link_without_model):
    mentions = link_without_model("Indian Prime Minister Narendra Modi met US President Joe Biden.", "en", date(2023, 6, 22))
    assert [entity for _, entity, _, _ in mentions] == ["narendra-modi", "joe-biden"]


def test_a_counterpart_holds_the_office_of_the_last_person_or_title_named(link_without_model):
    # the US president heads state and government: his Australian counterpart is the one the article names
    text = "Anthony Albanese and Joe Biden met in San Diego. The US president spoke first. His Australian counterpart spoke next."
    assert holders(link_without_model(text, "en", date(2023, 3, 14)))["Australian counterpart"] == "anthony-albanese"
    # the nearest title says which office, even of a person the role table lacks
    text = "The agreement was signed by Defence Minister Manohar Parrikar and his French counterpart."
    assert holders(link_without_model(text, "en", date(2016, 9, 23)))["French counterpart"] == "jean-yves-le-drian"


def test_a_title_of_the_country_wins_over_the_general_one_and_two_word_nationalities(link_without_model):
    # Iran's president heads its government (the Supreme Leader is head of state)
    assert holders(link_without_model("The Iranian president spoke.", "en", date(2015, 7, 20)))["Iranian president"] == "hassan-rouhani"
    assert holders(link_without_model("the South African president arrived.", "en", date(2025, 5, 22)))["South African president"] == "cyril-ramaphosa"


def test_a_monarchs_title_with_no_holder_named_is_the_monarch_of_the_one_kingdom_named(link_without_model):
    assert holders(link_without_model("Trump arrived in Britain. The Queen hosted a banquet.", "en", date(2019, 6, 4)))["Queen"] == "elizabeth-ii"
    assert "Queen" not in holders(link_without_model("The Queen hosted a banquet.", "en", date(2019, 6, 4)))  # which kingdom?
    text = "La venta a Arabia Saudí preocupa en España. El Rey no opinó."  # two kingdoms: the page's language says which
    assert holders(link_without_model(text, "es", date(2018, 9, 13)))["Rey"] == "felipe-vi"
    text = "The sale to Saudi Arabia worries Spain. The King said nothing."  # neither speaks the page's language
    assert "King" not in holders(link_without_model(text, "en", date(2018, 9, 13)))


def test_a_title_with_no_holder_named_is_the_holder_in_the_country_the_page_is_about(link_without_model):
    # a Singapore paper: the United States are named more, but their president is not "the prime minister"
    text = "Trump and Kim met in Singapore. The United States paid nothing; the United States had asked. The Prime Minister spoke."
    assert holders(link_without_model(text, "en", date(2018, 6, 12)))["Prime Minister"] == "lee-hsien-loong"
    # a German page on a Land: Germany's « Ministerpräsident » is no country's head of government
    text = "Das Werk in Deutschland liefert nach Russland. Der Ministerpräsident sprach von einem guten Tag."
    assert "Ministerpräsident" not in holders(link_without_model(text, "de", date(2024, 2, 12)))


def test_a_feminine_title_does_not_name_a_man(link_without_model):
    text = "Claudia Sheinbaum habló con Donald Trump. Trump insistió. Más tarde, la presidenta anunció un acuerdo."
    assert holders(link_without_model(text, "es", date(2025, 3, 6)))["presidenta"] == "claudia-sheinbaum"
    text = "Sheinbaum habló con Trump. Trump insistió, y Trump colgó. Más tarde, el presidente anunció aranceles."
    assert holders(link_without_model(text, "es", date(2025, 3, 6)))["presidente"] == "donald-trump"


def test_british_and_american_spellings_of_a_title(link_without_model):
    text = "The US defence secretary flew to Tokyo. The US defense secretary spoke."
    resolved = holders(link_without_model(text, "en", date(2023, 6, 1)))
    assert resolved["US defence secretary"] == resolved["US defense secretary"] == "lloyd-austin"


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    # a former or next holder
    ("The former German chancellor spoke.", "en", date(2023, 1, 10), "German chancellor", "angela-merkel"),
    ("Der designierte US-Präsident schwieg.", "de", date(2017, 1, 16), "US-Präsident", "donald-trump"),
    ("The US president-elect spoke.", "en", date(2016, 12, 1), "US president", "donald-trump"),
    ("L'ancien président américain a parlé.", "fr", date(2023, 1, 10), "président américain", "donald-trump"),
    # a word of time before a bare title: the former, the next or the present holder
    ("Angela Merkel and Olaf Scholz spoke. The former chancellor agreed.", "en", date(2023, 5, 1), "chancellor", "angela-merkel"),
    ("Michelle Bachelet y Gabriel Boric hablaron. La expresidenta criticó el plan.", "es", date(2023, 5, 1), "expresidenta", "michelle-bachelet"),
    ("Theresa May met Donald Trump. The outgoing prime minister smiled.", "en", date(2019, 6, 4), "prime minister", "theresa-may"),
    # a bare title is whom the last title designated, however often the article names another
    ("Sheinbaum recibió a Trump. Sheinbaum habló de aranceles, y Sheinbaum de migración. "
     "El mandatario estadounidense tomó la decisión. El mandatario insistió.", "es", date(2025, 3, 6), "mandatario", "donald-trump"),
    # Sunak was chancellor until July 2022; in 2023 he is prime minister, and "the chancellor" is Hunt
    ("Rishi Sunak met Joe Biden in San Diego. The UK chancellor said the pact would pay.", "en", date(2023, 3, 14), "UK chancellor", "jeremy-hunt"),
    # a name after a conjunction is no apposition
    ("Olaf Scholz arrived on Monday. The German chancellor and Justin Trudeau signed the pact.", "en", date(2022, 8, 23), "German chancellor", "olaf-scholz"),
    # a president-elect is not the president before his term
    ("Joe Biden won. Donald Trump conceded nothing. The president signed the sanctions.", "en", date(2020, 12, 14), "president", "donald-trump"),
    # no country is named: Berlin and Merkel say the page is about Germany
    ("Merkel flew from Berlin to Brussels. The vice-chancellor stayed home.", "en", date(2015, 7, 13), "vice-chancellor", "sigmar-gabriel"),
])
def test_who_a_title_in_context_designates(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published))[phrase] == holder


def test_a_dotted_abbreviation_is_a_nationality(link_without_model):
    resolved = holders(link_without_model("Later, the U.S. president flew home and the U.K. prime minister stayed.", "en", date(2025, 6, 17)))
    assert resolved["U.S. president"] == "donald-trump" and resolved["U.K. prime minister"] == "keir-starmer"


def test_a_countrys_leader_is_whoever_leads_it(link_without_model):
    resolved = holders(link_without_model("The German leader met the Russian leader and the Japanese leader.", "en", date(2022, 8, 23)))
    assert resolved["German leader"] == "olaf-scholz"  # a parliamentary republic: the head of government
    assert resolved["Russian leader"] == "vladimir-putin" and resolved["Japanese leader"] == "fumio-kishida"


def test_the_outlets_country_is_the_one_a_bare_title_is_about(gazetteer):
    from depeche.tasks.link import link_document
    from depeche.tasks.segment import Sentence
    from depeche.tasks.world_names import country_of_url

    text = "Macri llegó a Madrid, donde Rajoy y Felipe VI lo recibieron en España. El Presidente habló."
    bounds = [Sentence(0, len(text), 0)]
    by_outlet = {}
    for url in ("https://www.diario.com.ar/nota", "https://www.diario.es/nota", None):
        mentions, _ = link_document(text, None, bounds, gazetteer, date(2017, 2, 23), "es", source_country=country_of_url(url))
        by_outlet[url] = next((m.entity_id for m in mentions if m.surface == "Presidente"), None)
    assert by_outlet["https://www.diario.com.ar/nota"] == "mauricio-macri"
    assert by_outlet["https://www.diario.es/nota"] == by_outlet[None] == "mariano-rajoy"


@pytest.mark.parametrize("url, country", [
    ("https://www.lanacion.com.ar/politica/x", "ARG"), ("https://www.bbc.co.uk/news", "GBR"), ("https://nzz.ch/x", "CHE"),
    ("https://www.elpais.com/x", None), ("https://t.co/x", None), ("https://example.io", None), (None, None),
])
def test_the_country_of_an_address(url, country):
    from depeche.tasks.world_names import country_of_url

    assert country_of_url(url) == country


def test_a_partys_leader(link_without_model):
    resolved = holders(link_without_model("Der SPD-Chef schwieg. Die CDU-Vorsitzende kritisierte den Plan.", "de", date(2019, 6, 4)))
    assert resolved["CDU-Vorsitzende"] == "annegret-kramp-karrenbauer"
    assert holders(link_without_model("The Labour leader refused to attend.", "en", date(2023, 6, 4)))["Labour leader"] == "keir-starmer"
