"""Bare titles (« le chancelier », "the Prime Minister", « la expresidenta ») resolved to a holder
(tasks/link/bare_titles.py), through the linker of a language without a model."""

from datetime import date

import pytest

from tests.tasks.link.conftest import holders


def test_a_bare_role_is_the_holder_named_most_and_never_a_president_for_a_prime_minister(link_without_model):
    text = ("Rishi Sunak hosted Anthony Albanese. Sunak spoke first, then Joe Biden. "
            "The prime minister said the deal was historic.")
    assert holders(link_without_model(text, "en", date(2023, 3, 14)))["prime minister"] == "rishi-sunak"
    text = "Anthony Albanese met Donald Trump at the White House. Trump praised him. The Prime Minister smiled."
    assert holders(link_without_model(text, "en", date(2025, 10, 21)))["Prime Minister"] == "anthony-albanese"


def test_an_english_title_without_its_article_in_the_headline_or_after_a_and_a_mood(link_without_model):
    text = ("Salmond quits but PM promises English votes\n\nDavid Cameron spoke in London about Britain. "
            "At 7am, a relieved PM walked out of Number 10. A former prime minister and a senior minister said nothing.")
    roles = [(surface, entity) for surface, entity, _, method in link_without_model(text, "en", date(2014, 9, 19)) if method == "role"]
    assert roles == [("PM", "david-cameron")] * 2  # no former or senior one
    body = "David Cameron spoke in London about Britain. Later PM questions were held."
    assert not holders(link_without_model("Salmond quits\n\n" + body, "en", date(2014, 9, 19)))  # only the headline drops it
    text = "Kanzler in Peking\n\nOlaf Scholz landete in China und traf Xi Jinping."
    assert holders(link_without_model(text, "de", date(2022, 11, 4)))["Kanzler"] == "olaf-scholz"


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


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    # a former or next holder
    ("The former German chancellor spoke.", "en", date(2023, 1, 10), "German chancellor", "angela-merkel"),
    ("Der designierte US-Präsident schwieg.", "de", date(2017, 1, 16), "US-Präsident", "donald-trump"),
    ("The US president-elect spoke.", "en", date(2016, 12, 1), "president", "donald-trump"),
    ("L'ancien président américain a parlé.", "fr", date(2023, 1, 10), "président américain", "donald-trump"),
    # a word of time before a bare title: the former, the next or the present holder
    ("Angela Merkel and Olaf Scholz spoke. The former chancellor agreed.", "en", date(2023, 5, 1), "chancellor", "angela-merkel"),
    ("Michelle Bachelet y Gabriel Boric hablaron. La expresidenta criticó el plan.", "es", date(2023, 5, 1), "expresidenta", "michelle-bachelet"),
    ("Theresa May met Donald Trump. The outgoing prime minister smiled.", "en", date(2019, 6, 4), "prime minister", "theresa-may"),
    # a bare title is whom the last title designated, however often the article names another
    ("Sheinbaum recibió a Trump. Sheinbaum habló de aranceles, y Sheinbaum de migración. "
     "El mandatario estadounidense tomó la decisión. El mandatario insistió.", "es", date(2025, 3, 6), "mandatario", "donald-trump"),
    # Sunak was chancellor until July 2022; in 2023 he is prime minister, and "the chancellor" is Hunt
    ("Rishi Sunak met Joe Biden in San Diego. The UK chancellor said the pact would pay.", "en", date(2023, 3, 14), "chancellor", "jeremy-hunt"),
    # a name after a conjunction is no apposition
    ("Olaf Scholz arrived on Monday. The German chancellor and Justin Trudeau signed the pact.", "en", date(2022, 8, 23), "German chancellor", "olaf-scholz"),
    # two holders named as often: the one named first, the article's subject
    ("Turnbull pitches lithium to Modi. The Prime Minister used his first visit to court buyers.", "en", date(2017, 4, 11),
     "Prime Minister", "malcolm-turnbull"),
    # a president-elect is not the president before his term
    ("Joe Biden won. Donald Trump conceded nothing. The president signed the sanctions.", "en", date(2020, 12, 14), "president", "donald-trump"),
    # a president who heads the government is « el jefe del Ejecutivo », though no "prime minister"
    ("López Obrador habló en México. El jefe del Ejecutivo insistió.", "es", date(2023, 3, 2), "jefe del Ejecutivo", "andres-manuel-lopez-obrador"),
    # an organisation's title after a common noun's possessive: the organisation the page is about
    ("NATO leaders met in Warsaw. NATO agreed. The alliance's secretary-general said so.", "en", date(2016, 7, 8), "secretary-general", "jens-stoltenberg"),
    # ... even when a party leader named on the page heads an organisation too
    ("Recep Tayyip Erdogan bought the S-400. NATO protested, and NATO warned Ankara. The alliance's secretary-general was not told.",
     "en", date(2020, 12, 14), "secretary-general", "jens-stoltenberg"),
    # the next holder, not a later one: Trump (president again in 2025) is no president-elect in 2020
    ("Donald Trump signed it. Joe Biden won. The president-elect said nothing.", "en", date(2020, 12, 14), "president-elect", "joe-biden"),
    ("Pedro Castillo cayó. El presidente electo de Brasil habló.", "es", date(2022, 12, 9), "presidente electo de Brasil", "luiz-inacio-lula-da-silva"),
    # a title two countries spell alike ("defence secretary", Britain's or the American "defense secretary"):
    # the one whose holder the article names
    ("David Cameron spoke in Warsaw. Michael Fallon will travel to Tallinn. The defence secretary has insisted.",
     "en", date(2016, 7, 8), "defence secretary", "michael-fallon"),
    # no country is named: Berlin and Merkel say the page is about Germany
    ("Merkel flew from Berlin to Brussels. The vice-chancellor stayed home.", "en", date(2015, 7, 13), "vice-chancellor", "sigmar-gabriel"),
])
def test_who_a_title_in_context_designates(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published))[phrase] == holder


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


def test_a_kings_title_does_not_name_a_queen(link_without_model):
    # ten days after the Queen's death: the recent holder named is no "King"
    text = "Elizabeth II was buried. Charles III and Elizabeth II were remembered in Britain. The King thanked the crowds."
    assert holders(link_without_model(text, "en", date(2022, 9, 19)))["King"] == "charles-iii"


def test_the_visiting_holder_is_the_guest_and_a_former_one_the_home_countrys(link_without_model):
    text = ("Chinese President Xi Jinping and Prime Minister Nawaz Sharif met in Islamabad with President Mamnoon Hussain. "
            "Pakistan and Islamabad welcomed the visiting president, who praised Pakistan.")
    assert holders(link_without_model(text, "en", date(2015, 4, 21)))["president"] == "xi-jinping"
    text = ("Mark Carney hosted the G7 in Canada. Mark Rutte and Mark Rutte's staff came to Canada. "
            "Justin Trudeau watched from Ottawa. The former prime minister said nothing.")
    assert holders(link_without_model(text, "en", date(2025, 6, 17)))["prime minister"] == "justin-trudeau"


def test_a_german_titles_gender_is_its_last_nouns(link_without_model):
    text = ("Olaf Scholz und Robert Habeck reisten nach Kanada. Justin Trudeau und Chrystia Freeland empfingen sie. "
            "Die stellvertretende Premierministerin sprach von Wasserstoff.")
    resolved = holders(link_without_model(text, "de", date(2022, 8, 23)))
    assert resolved["stellvertretende Premierministerin"] == "chrystia-freeland"
