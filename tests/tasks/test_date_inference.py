"""date_inference.infer_publication_date: the publication date an article's own words imply, or None."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from depeche.tasks.date_inference import InferredDate, infer_publication_date

FRENCH_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def test_the_weekdays_written_in_these_tests_are_the_calendars():
    for day, weekday in [
        (date(2024, 5, 16), 3), (date(2024, 5, 1), 2), (date(2024, 5, 17), 4), (date(2024, 4, 15), 0),
        (date(2024, 3, 16), 5), (date(2025, 5, 15), 3), (date(2025, 2, 6), 3), (date(2025, 5, 16), 4),
        (date(2030, 5, 16), 3), (date(2019, 5, 16), 3),
    ]:  # fmt: skip
        assert day.weekday() == weekday, day


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Le président a reçu ce jeudi 16 mai son homologue brésilien, cinq mois après le sommet de décembre 2023.", "fr", date(2024, 5, 16)),
        ("Les syndicats ont défilé ce mercredi 1er mai contre la réforme votée en 2023.", "fr", date(2024, 5, 1)),
        ("Ce samedi 16 mars, les agriculteurs ont bloqué l'autoroute, comme en janvier 2024.", "fr", date(2024, 3, 16)),
        ("The senator said on Thursday, May 16, that the deal struck in 2023 was holding.", "en", date(2024, 5, 16)),
        ("Talks resumed this Thursday (May 16), a year after the ceasefire of 2023.", "en", date(2024, 5, 16)),
        ("Ministers met on Friday 17 May to review the 2023 budget.", "en", date(2024, 5, 17)),
        ("El Gobierno aprobó el lunes 15 de abril la reforma, un año después de las protestas de 2023.", "es", date(2024, 4, 15)),
        ("Der Bundestag hat am Donnerstag, 16. Mai, das Gesetz beschlossen, über das seit 2023 gestritten wird.", "de", date(2024, 5, 16)),
        ("Le président a reçu ce jeudi 16 mai son homologue, après le sommet de décembre 2023.", None, date(2024, 5, 16)),
    ],
)
def test_a_weekday_with_its_day_and_month_takes_the_year_after_the_latest_past_one(text, language, expected):
    found = infer_publication_date(text, language)
    assert (found.value.year, found.value.month) == (expected.year, expected.month)


@pytest.mark.parametrize(
    ("text", "language", "precision"),
    [
        ("Le président a reçu ce jeudi 16 mai son homologue, après le sommet de décembre 2023.", "fr", "day"),
        ("Talks resumed this Thursday (May 16), a year after the ceasefire of 2023.", "en", "day"),
        ("The senator said today that the deal he signed on Thursday, May 16, after the 2023 crisis, holds.", "en", "day"),
        ("Hoy, el Gobierno recordó que aprobó el lunes 15 de abril la reforma, tras las protestas de 2023.", "es", "day"),
        ("The senator said on Thursday, May 16, that the deal struck in 2023 was holding.", "en", "month"),
        ("Ministers met on Friday 17 May to review the 2023 budget.", "en", "month"),
        ("El Gobierno aprobó el lunes 15 de abril la reforma, un año después de las protestas de 2023.", "es", "month"),
        ("Der Bundestag hat am Donnerstag, 16. Mai, das Gesetz beschlossen, über das seit 2023 gestritten wird.", "de", "month"),
    ],
)
def test_a_weekday_of_the_week_of_writing_gives_the_day_a_narrated_one_the_month(text, language, precision):
    found = infer_publication_date(text, language)
    assert found.precision == precision
    assert found.value.day == (found.value.day if precision == "day" else 1)


def test_n_years_after_a_named_year_gives_the_year():
    for text, language in [
        ("Le tunnel a ouvert il y a neuf ans, en 2016, et rien n'a changé.", "fr"),
        ("Der Tunnel wurde vor bald neun Jahren, im Juni 2016, eröffnet.", "de"),
        ("The line opened in 2016, nine years ago, and is full.", "en"),
        ("El túnel se abrió hace 9 años, en 2016.", "es"),
    ]:
        found = infer_publication_date(text, language)
        assert (found.value, found.precision) == (date(2025, 1, 1), "year"), text
    assert infer_publication_date("Il y a plus de dix ans, en 2012, le tunnel a ouvert.", "fr") is None  # "more than": no year


def test_the_evidence_quotes_the_weekday_and_the_year_it_rests_on():
    found = infer_publication_date("Le président a reçu ce jeudi 16 mai son homologue, après le sommet de décembre 2023.", "fr")
    assert found == InferredDate(date(2024, 5, 16), "day", "jeudi 16 mai … décembre 2023")


@pytest.mark.parametrize(
    "text",
    [
        "Le président a reçu ce jeudi 16 mai son homologue brésilien.",  # no year named: 2019, 2024, 2030…
        "The senator spoke on Thursday, May 16, about the budget.",
        "Le président a reçu ce jeudi 16 mai son homologue, après la crise de 2021.",  # neither 2021 nor 2022 fits
        "Les ventes ont chuté l'an dernier, en 2023. Le président a reçu ce jeudi 15 mai son homologue.",  # 2024 vs 2025
    ],
)
def test_a_weekday_that_no_year_settles_gives_nothing(text):
    assert infer_publication_date(text, None) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023, et vise la neutralité carbone d'ici 2030.", "fr"),
        ("Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023, avant la présidentielle prévue en 2030.", "fr"),
        ("Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023 ; les élections de 2030 auront lieu en mai.", "fr"),
        ("Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023, en vue des Jeux de 2030.", "fr"),
        ("Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023 ; le pays vise 75 % d'énergies vertes en 2050.", "fr"),
        ("The senator spoke on Thursday, May 16, about the 2023 deal, which aims to cut emissions by 2030.", "en"),
        ("The senator spoke on Thursday, May 16, about the 2023 deal ahead of the upcoming 2030 games.", "en"),
        ("El Gobierno aprobó el jueves 16 de mayo el plan, tras la crisis de 2023, con vigencia hasta 2030.", "es"),
        ("Der Bundestag hat am Donnerstag, 16. Mai, nach der Krise von 2023 das Klimaziel bis 2030 bestätigt.", "de"),
    ],
)
def test_a_year_announced_rather_than_narrated_does_not_count(text, language):
    # 16 May 2030 is a Thursday too: counting 2030 as narrated would give it
    assert infer_publication_date(text, language).value.replace(day=16) == date(2024, 5, 16)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Les ventes ont chuté de 4 % l'an dernier, en 2023, selon l'Insee.", "fr", 2024),
        ("Le déficit s'est creusé l'année dernière (2023).", "fr", 2024),
        ("La récolte sera meilleure cette année, en 2024, que la précédente.", "fr", 2024),
        ("Sales fell by 4% last year, in 2023, the agency said.", "en", 2024),
        ("Inflation will ease this year (2024), the bank said.", "en", 2024),
        ("The talks will resume next year, in 2025.", "en", 2024),
        ("Las ventas cayeron el año pasado, en 2023, según el instituto.", "es", 2024),
        ("Der Umsatz ist letztes Jahr (2023) gesunken.", "de", 2024),
    ],
)
def test_a_relative_year_beside_its_number_gives_the_year(text, language, expected):
    found = infer_publication_date(text, language)
    assert (found.value, found.precision) == (date(expected, 1, 1), "year")


def test_a_relative_year_and_a_year_in_another_sentence_are_not_related():
    assert infer_publication_date("Les ventes ont chuté l'an dernier. En 2019, elles avaient progressé.", "fr") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ce mois-ci, le gouvernement a présenté le 4 février 2025 son plan pour l'hôpital.", "fr", date(2025, 2, 1)),
        ("Le mois dernier, en mars 2024, les prix de l'énergie ont baissé.", "fr", date(2024, 4, 1)),
        ("Earlier this month, on Oct. 1, 2025, the board voted to sell the plant.", "en", date(2025, 10, 1)),
        ("Prices rose last month, in December 2023, for the first time in a year.", "en", date(2024, 1, 1)),
        ("El mes pasado, en marzo de 2024, el paro bajó.", "es", date(2024, 4, 1)),
        ("Die Regierung hat diesen Monat, am 4. Februar 2025, den Haushalt vorgelegt.", "de", date(2025, 2, 1)),
    ],
)
def test_a_relative_month_beside_a_dated_event_gives_the_month(text, language, expected):
    found = infer_publication_date(text, language)
    assert (found.value, found.precision) == (expected, "month")


def test_a_day_agreeing_with_the_month_wins():
    text = "Ce jeudi 6 février, le ministre a défendu le plan que le gouvernement a présenté ce mois-ci, le 4 février 2025."
    found = infer_publication_date(text, "fr")
    assert (found.value, found.precision) == (date(2025, 2, 6), "day")


def test_a_relative_year_settles_a_weekday_that_no_other_year_does():
    text = "Les négociations reprendront l'an prochain, en 2025. Le ministre a reçu ce jeudi 16 mai les syndicats."
    assert infer_publication_date(text, "fr").value == date(2024, 5, 16)


@pytest.mark.parametrize(
    "text",
    [
        "Les ventes ont chuté l'an dernier, en 2023. Le mois dernier, en mars 2025, elles ont rebondi.",  # 2024 vs 2025
        "Les ventes ont chuté l'an dernier, en 2023. Cette année, en 2026, elles rebondiront.",
        "Ce vendredi 17 mai, le ministre a défendu le plan présenté ce mois-ci, le 4 février 2024.",  # May vs February
    ],
)
def test_clues_that_disagree_give_nothing(text):
    assert infer_publication_date(text, "fr") is None


def test_the_ingestion_date_settles_a_weekday_that_fell_once_in_the_recent_years():
    text = "Le président a reçu ce vendredi 16 mai son homologue brésilien."
    found = infer_publication_date(text, "fr", not_after=date(2025, 5, 26))
    assert (found.value, found.precision) == (date(2025, 5, 16), "day")


def test_the_ingestion_date_does_not_choose_between_two_recent_years():
    # Thursday 16 May: 2019 and 2024
    assert infer_publication_date("Le président a reçu ce jeudi 16 mai son homologue.", "fr", not_after=date(2024, 6, 1)) is None


def test_nothing_is_dated_after_the_ingestion_date():
    text = "Le président a reçu ce jeudi 16 mai son homologue, après le sommet de décembre 2023."
    assert infer_publication_date(text, "fr", not_after=date(2024, 5, 10)) is None
    assert infer_publication_date("Les ventes ont chuté l'an dernier, en 2023.", "fr", not_after=date(2023, 12, 1)) is None


def test_a_year_after_the_ingestion_date_is_not_narrated():
    text = "Le président a reçu ce jeudi 16 mai son homologue après la crise de 2023 ; la réforme s'appliquera en 2030."
    assert infer_publication_date(text, "fr", not_after=date(2024, 6, 1)).value == date(2024, 5, 16)


def test_the_ingestion_date_is_never_the_answer():
    assert infer_publication_date("Le ministre a reçu les syndicats.", "fr", not_after=date(2024, 6, 1)) is None


def test_a_full_date_is_not_a_weekday_without_its_year():
    # the caller parses « jeudi 16 mai 2019 »; here it only names 2019
    assert infer_publication_date("Le traité a été signé le jeudi 16 mai 2019.", "fr") is None


def test_other_languages_give_nothing():
    assert infer_publication_date("Il presidente ha ricevuto giovedì 16 maggio il suo omologo, dopo la crisi del 2023.", "it") is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)))
def test_a_french_weekday_after_a_past_year_is_that_day_or_nothing(day):
    text = (
        f"Le ministre a présenté ce {FRENCH_WEEKDAYS[day.weekday()]} {day.day} {FRENCH_MONTHS[day.month - 1]} "
        f"sa réforme, après la crise de l'énergie survenue en {day.year - 1}."
    )
    found = infer_publication_date(text, "fr")
    assert found is None or found.value == day


def test_a_weekday_is_not_in_the_month_the_text_narrates_by_its_year():
    # 27 November 2014 was a Thursday too, but a writer in November 2014 would not say « en novembre 2014 »
    text = ("Le pape est arrivé jeudi 27 novembre à Ankara. Son prédécesseur François s'était lui-même rendu "
            "en Turquie en novembre 2014.")
    found = infer_publication_date(text, "fr", not_after=date(2026, 12, 7))
    assert (found.value, found.precision) == (date(2025, 11, 1), "month")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Cour a rendu hier jeudi 16 mai son arrêt, attendu depuis la crise de 2023.", "fr"),
        ("Der Stadtrat hat am gestrigen Donnerstag, dem 16. Mai, den Haushalt beschlossen, nach dem Streit von 2023.", "de"),
        ("El tribunal falló ayer jueves 16 de mayo, tras la crisis de 2023.", "es"),
    ],
)
def test_a_weekday_said_of_yesterday_gives_the_day_after(text, language):
    assert infer_publication_date(text, language) == InferredDate(date(2024, 5, 17), "day", infer_publication_date(text, language).evidence)


def test_a_german_weekday_with_dem_before_its_day():
    found = infer_publication_date("Das Abkommen wurde an diesem Donnerstag, dem 16. Mai, unterzeichnet, ein Jahr nach dem Streit von 2023.", "de")
    assert (found.value, found.precision) == (date(2024, 5, 16), "day")


def test_a_spanish_relative_year_after_de():
    found = infer_publication_date("El objetivo es llegar a las elecciones del año próximo, en 2025, con la inflación controlada.", "es")
    assert (found.value, found.precision) == (date(2024, 1, 1), "year")


@pytest.mark.parametrize(
    "text",
    [
        # 16 May 2030 is a Thursday too: « au plus tôt en 2030 » is announced, « en 2023, ne sera » narrated
        "Le texte, négocié depuis mai 2023, ne sera voté ce jeudi 16 mai qu'en première lecture, pour une application au plus tôt en 2030.",
        "The bill, drafted in 2023, was debated this Thursday, May 16, and will take effect in 2030 at the earliest.",
    ],
)
def test_a_year_at_the_earliest_is_announced_and_a_comma_ends_the_years_clause(text):
    assert infer_publication_date(text, None).value == date(2024, 5, 16)


def test_the_pages_copyright_year_settles_a_weekday_no_year_of_the_text_does():
    text = "La criée a rouvert ce mardi 4 mars, après trois semaines de tempêtes."
    assert infer_publication_date(text, "fr") is None
    assert infer_publication_date(text, "fr", not_after=date(2025, 12, 31)) == InferredDate(date(2025, 3, 4), "day", "mardi 4 mars")


def test_a_season_across_two_years_names_its_first():
    # 8 February is a Sunday in 2026; the only year named is the season's
    found = infer_publication_date("Am heutigen Sonntag, 8. Februar, herrscht große Lawinengefahr, die zweite Periode in diesem Winter 2025/26.", "de")
    assert (found.value, found.precision) == (date(2026, 2, 8), "day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("En enero de 2025, hace exactamente un año, las lluvias habían superado los 80 mm.", "es"),
        ("In January 2025, a year ago, rainfall had passed 80 mm.", "en"),
        ("En janvier 2025, il y a un an, les pluies dépassaient 80 mm.", "fr"),
        ("Im Januar 2025, vor genau einem Jahr, hatte es über 80 Millimeter geregnet.", "de"),
    ],
)
def test_a_year_ago_beside_its_year_gives_the_next(text, language):
    found = infer_publication_date(text, language)
    assert (found.value, found.precision) == (date(2026, 1, 1), "year")


def test_a_stated_relative_year_outweighs_a_later_year_no_marker_announces():
    text = ("Im vergangenen Jahr 2025 setzten so viele Fahrgäste über wie nie. Der Beirat berät an diesem Mittwoch, "
            "21. Januar, über eine neue Fähre, die Ende 2027 kommen könnte.")
    assert infer_publication_date(text, "de").value == date(2026, 1, 21)


def test_the_latest_figures_of_a_year_narrate_it():
    found = infer_publication_date("The agency said this Thursday, May 16, that the latest figures for 2023 show a fall.", "en")
    assert found.value == date(2024, 5, 16)
