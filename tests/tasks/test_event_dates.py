from datetime import date

import pytest

from depeche.tasks.event_dates import resolve_event_date

PUBLISHED = date(2023, 2, 22)  # a Wednesday


@pytest.mark.parametrize(
    "sentence,future,expected",
    [
        ("Le 24 février, les présidents ont échangé par téléphone.", False, (date(2022, 2, 24), "day")),
        ("Il sera à Moscou du 31 mars au 2 avril.", True, (date(2023, 3, 31), "day")),
        ("Vladimir Poutine a jugé mercredi que la relation…", False, (date(2023, 2, 22), "day")),
        ("Il a reçu lundi son homologue.", False, (date(2023, 2, 20), "day")),
        ("Blinken devrait rencontrer lundi le vice-président.", True, (date(2023, 2, 27), "day")),
        ("Xi Jinping est attendu en Russie en mai.", True, (date(2023, 5, 1), "month")),
        ("Une visite est envisagée au printemps.", True, (date(2023, 3, 1), "season")),
        ("Ils se sont parlé le mois dernier.", False, (date(2023, 1, 1), "month")),
        ("Lors d'un sommet l'an dernier, ils ont signé un accord.", False, (date(2022, 1, 1), "year")),
        ("Les deux pays coopèrent depuis 2022.", False, (date(2022, 1, 1), "year")),
        ("Le sommet du 5 février 2021 a eu lieu.", False, (date(2021, 2, 5), "day")),
    ],
)
def test_expressions_resolve_against_the_publication_date(sentence, future, expected):
    resolved = resolve_event_date(sentence, PUBLISHED, "fr", future)
    assert (resolved.value, resolved.precision) == expected


def test_without_an_expression_the_event_is_reported_on_the_publication_date():
    resolved = resolve_event_date("Les deux ministres se sont entretenus.", PUBLISHED, "fr", False)
    assert (resolved.value, resolved.precision) == (PUBLISHED, "reported")


def test_without_a_publication_date_only_explicit_years_resolve():
    assert resolve_event_date("Ils se sont vus mercredi.", None, "fr", False).value is None
    assert resolve_event_date("Le 5 février 2021 ils se sont vus.", None, "fr", False).value == date(2021, 2, 5)


def test_a_month_said_last_or_next_is_the_nearest_one_that_way():
    published = date(2024, 1, 26)
    assert resolve_event_date("Ils négocient depuis juillet dernier.", published, "fr", False).value == date(2023, 7, 1)
    assert resolve_event_date("Il viendra en septembre prochain.", published, "fr", True).value == date(2024, 9, 1)
    assert resolve_event_date("Ils se sont vus en janvier dernier.", published, "fr", False).value == date(2023, 1, 1)
