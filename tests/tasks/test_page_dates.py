"""When a text page was published: its date lines, under its byline, in its header, or what its text
tells (tasks/page_dates.py, through the cleaner that ranks the candidates)."""

from datetime import date

import pytest

from depeche.tasks import page_dates
from depeche.tasks.clean import clean_document, clean_text_page


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("Le 10 juillet 2025 à 19h12, modifié le 10 juillet 2025 à 21h40", "2025-07-10"),  # Le Parisien
        ("Publié le 19/08/23 à 07h32 — Mis à jour le 19/08/23 à 10h15", "2023-08-19"),  # two-digit year
    ],
)
def test_date_stamp_lines_of_other_outlets(stamp, expected):
    page = f"Le Journal\n\nUn titre d'article assez long pour en être un\n\n{stamp}\n\n" + "Une phrase du corps de l'article qui dit quelque chose. " * 6
    result = clean_document(page, "text")
    assert result.published_at.isoformat() == expected
    assert stamp not in result.clean_text


STANDFIRST = "Les négociateurs se sont quittés sans accord après trois jours de discussions sur le financement de la transition."
BODY = ("La délégation européenne a proposé un compromis sur le calendrier des versements, que plusieurs pays "
        "du Sud ont jugé insuffisant au regard des besoins exprimés depuis l'an dernier.")


ENGLISH_STANDFIRST = "The negotiators left without a deal after three days of talks on how to finance the transition."
ENGLISH_BODY = ("The European delegation proposed a compromise on the payment schedule, which several countries "
                "of the South found too small for the needs they have set out since last year.")


@pytest.mark.parametrize("title, standfirst, date_line, body, source", [
    # a CMS's own wording, after the standfirst
    ("Climat : les négociations de Bonn s'achèvent sans accord", STANDFIRST, "Ce contenu a été publié le 17 juin 2024 - 14:20", BODY, "dateline"),
    # glued to its time and to an update, as copied from a page (the rules take it for a byline)
    ("Bonn climate talks end without a deal", ENGLISH_STANDFIRST, "June 17, 20244:20 PM GMT+2Updated 3 hours ago", ENGLISH_BODY, "byline"),
    # one line of author, place and date: too long a line, but its last part is the date
    ("Bonn climate talks end without a deal", ENGLISH_STANDFIRST,
     "By Margaret Ellison-Whitfield and Jonathan Oduya | Bonn, North Rhine-Westphalia | June 17, 2024, 4:20 pm", ENGLISH_BODY, "dateline"),
    # a desk and a date whose "a. m." ends it like a sentence
    ("Bonn climate talks end without a deal", ENGLISH_STANDFIRST, "Redacción Internacional | 17 de junio de 2024 - 07:40 a. m.", ENGLISH_BODY, "dateline"),
])
def test_a_header_line_holding_a_full_date_is_the_date_line_and_removed(title, standfirst, date_line, body, source):
    result = clean_text_page(f"{title}\n\n{standfirst}\n\n{date_line}\n\n{body}\n")
    assert (str(result.published_at), result.published_precision, result.published_source) == ("2024-06-17", "day", source)
    assert date_line not in result.clean_text and standfirst in result.clean_text


def test_the_date_line_under_a_byline_and_under_chrome_taken_for_the_headline():
    page = (
        "LA CRÓNICA PORTEÑA\nPolítica | Economía | El Mundo | Sociedad | Deportes\n\n"
        "Dólar oficial: $38,10 | Riesgo país: 731 | Merval: -0,4%\n\nEL MUNDO\n\n"
        "G20 en Buenos Aires: Macri abre la cumbre con un llamado al diálogo\n\n"
        "El presidente argentino recibió a los líderes en Costa Salguero.\n\n"
        "Por Martín Echeverría Lagos\n30 de noviembre de 2018\n\n"
        "Con una foto de familia y un discurso centrado en el multilateralismo, Mauricio Macri inauguró este "
        "viernes la primera cumbre del G20 que se celebra en Sudamérica, ante los jefes de Estado y de Gobierno "
        "reunidos en el predio de Costa Salguero, a orillas del Río de la Plata, y pidió diálogo.\n"
    )
    result = clean_text_page(page)
    assert (str(result.published_at), result.published_precision) == ("2018-11-30", "day")


def test_a_page_without_a_date_line_gets_the_date_its_text_tells():
    page = (f"Climat : les négociations de Bonn s'achèvent sans accord\n\n{STANDFIRST}\n\n"
            "Les délégués se sont retrouvés ce lundi 17 juin, six mois après la conférence de décembre 2023 à Dubaï, "
            "pour une dernière séance de travail.\n\n" + BODY + "\n")
    result = clean_text_page(page)
    assert (str(result.published_at), result.published_precision, result.published_source) == ("2024-06-17", "day", "inferred")


def test_the_date_under_a_byline_is_the_published_one_not_the_update():
    page = ("HANBIT NEWS AGENCY | English Service\n\nMoon, Kim pledge complete denuclearization at Panmunjom\n\n"
            "By Park Seo-yeon and Jonathan Hale\n2018.04.27 21:48  |  Updated 2018.04.28 09:05\n\n" + ENGLISH_BODY + "\n")
    result = clean_text_page(page)
    assert (str(result.published_at), result.published_precision) == ("2018-04-27", "day")


@pytest.mark.parametrize("byline", [
    "Par Mathilde Rivoire - Le 14/01/2026 à 07:45 - Mis à jour le 15/01/2026 à 11:02",
    "Mathilde Rivoire, publié le 14 janvier 2026 à 07h45, modifié le 15 janvier 2026 à 11h02.",
])
def test_a_byline_with_its_update_on_one_line_gives_the_published_date(byline):
    result = clean_text_page(f"Villard-de-Lans : la piste de luge rouvre après dix jours\n\n{byline}\n\n{BODY}\n\n{BODY}\n")
    assert (str(result.published_at), result.published_precision) == ("2026-01-14", "day")


def test_a_year_to_come_in_a_teaser_is_no_publication_date():
    page = ("Avalanche au-dessus de Sion : deux skieurs secourus\n\nLes plus lus\n1. Verbier : la télécabine rouvre\n"
            f"2. Sion 2038 : le comité dévoile son budget prévisionnel\n\n{BODY}\n\n{BODY}\n")
    published = clean_text_page(page).published_at
    assert published is None or published.year < 2038


def test_the_latest_possible_date_is_the_end_of_the_copyright_year_or_an_updates_whichever_comes_first():
    assert page_dates.latest_possible(["Corporación Voz de Galicia, S.L. © 2025 · Aviso legal"]) == date(2025, 12, 31)
    assert page_dates.latest_possible(["Copyright © 1996–2024 Example Media"]) == date(2024, 12, 31)
    assert page_dates.latest_possible(["© Le Courrier 2025", "Modifié le 10/07/2024 à 08h14"]) == date(2024, 12, 31)
    assert page_dates.latest_possible(["Lire aussi : la criée de 2030 en projet", "Le Temps SA · Impressum"]) is None


def test_a_page_whose_footer_bounds_it_gets_the_date_its_weekday_gives():
    page = (f"Pêche : la criée rouvre après les tempêtes\n\n{STANDFIRST}\n\n"
            "Les bateaux sont sortis ce mardi 4 mars, après trois semaines de tempêtes.\n\n" + BODY + "\n\n"
            "© 2025 La Voix du Port · Mentions légales\n")
    result = clean_text_page(page)
    assert (str(result.published_at), result.published_precision, result.published_source) == ("2025-03-04", "day", "inferred")
