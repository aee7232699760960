"""chrome_rules: which reason code a whole line of web-site chrome gets, and the helper expressions
(credits, consent banners, date prefixes, datelines, publisher lines)."""

from __future__ import annotations

import pytest

from depeche.tasks import chrome_rules as rules


def reason(line: str) -> str | None:
    match = rules.COMPILED_LINE_PATTERNS.match(" ".join(line.split()))
    return match.lastgroup if match else None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Temps de lecture : 3 min", "reading_time"),
        ("5 min read", "reading_time"),
        ("Accueil > Monde > Europe", "navigation"),
        ("Aller au contenu principal", "navigation"),
        ("Live", "navigation"),
        ("Newsletter", "newsletter"),
        ("Inscrivez-vous à notre newsletter", "newsletter"),
        ("Partager sur Facebook", "social"),
        ("Facebook | Twitter | LinkedIn", "social"),
        ("Suivre", "social"),
        ("Publicité", "advertising"),
        ("Laisser un commentaire", "comments"),
        ("12 commentaires", "comments"),
        ("À lire aussi", "related"),
        ("Related articles:", "related"),
        # a header alone is "related" (footer); followed by a title it is one inline link
        ("Lire aussi : La France et l'Allemagne", "related_link"),
        ("Abonnés", "related_link"),
        ("© 2024 Le Monde", "legal"),
        ("Tous droits réservés.", "legal"),
        ("Par Jean Dupont", "byline"),
        ("Par Jean Dupont, à Berlin", "byline"),
        ("AFP", "byline"),
        ("(AFP)", "byline"),
        ("Ouest-France avec AFP.", "byline"),
        ("Publié le 22 février 2023 à 10h05", "byline"),
        ("Le 10 juillet 2025 à 19h12, modifié le 11 juillet 2025", "byline"),
        ("il y a 3 heures", "byline"),
        ("Vidéo", "media_label"),
        ("02:15", "media_label"),
        # white space is collapsed and case ignored
        ("  PUBLICITÉ  ", "advertising"),
    ],
)
def test_chrome_lines_get_their_reason(line, expected):
    assert reason(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Le ministre a été reçu à l'Élysée par le président de la République.",
        # a long line that mentions a newsletter is article text
        "Par ailleurs, le ministre a rappelé lors de la conférence de presse que la newsletter du ministère n'était pas un sujet.",
        # "par" followed by a lower-case word is no byline
        "par la suite",
        "Les élections de 2024 en France",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert reason(line) is None


@pytest.mark.xfail(strict=True, reason="chrome_rules.py LINE_PATTERNS['byline']: an agency credit in parentheses that "
                   "opens with 'Avec' or has two agencies ('(Avec AFP)', '(FRANCE 24 avec AFP et Reuters)') matches no pattern")
@pytest.mark.parametrize("line", ["(Avec AFP)", "(FRANCE 24 avec AFP et Reuters)"])
def test_parenthesised_agency_credits_are_bylines(line):
    assert reason(line) == "byline"


@pytest.mark.parametrize(
    ("line", "is_credit"),
    [("Photo : AFP", True), ("Jean Dupont / Reuters", True), ("(Photo Jean Dupont)", True), ("Le ministre à Paris (AFP)", True),
     ("Illustration, Getty", True), ("Le ministre a parlé à Paris.", False)],
)
def test_credit_markers(line, is_credit):
    assert bool(rules.COMPILED_CREDIT.search(line)) is is_credit
    if is_credit:  # every credit contains one of the cheap hints that let other lines skip the regex
        assert any(hint in line.lower() for hint in rules.CREDIT_HINTS)


@pytest.mark.parametrize(
    ("line", "is_banner"),
    [("We use cookies to improve your experience", True), ("Nous et nos partenaires utilisons des traceurs", True),
     ("Cookies are great", False)],
)
def test_consent_banner_starts_a_line(line, is_banner):
    assert bool(rules.COMPILED_CONSENT_BANNER.match(line)) is is_banner


@pytest.mark.parametrize(
    ("line", "found", "rest"),
    [("Date : 12/03/2024 Le texte", "12/03/2024", "Le texte"), ("date 2023-09 Suite", "2023-09", "Suite"),
     ("Datum: 05.03.2024", "05.03.2024", "")],
)
def test_date_prefix(line, found, rest):
    match = rules.COMPILED_DATE_PREFIX.match(line)
    assert (match.group("date"), line[match.end():]) == (found, rest)


@pytest.mark.parametrize(
    ("line", "found"),
    [("Publié le 22 février 2023", "22 février 2023"), ("Mis à jour : 2024-03-05 ", "2024-03-05"),
     ("Published on March 3, 2021", "March 3, 2021")],
)
def test_dateline(line, found):
    assert rules.COMPILED_DATELINE.match(line).group("date") == found


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Par Euronews", ["Euronews"]),
        ("Par : RFI", ["RFI"]),
        ("Texte par : FRANCE 24", ["FRANCE 24"]),
        ("By Reuters", ["Reuters"]),
        ("Le Monde avec AFP", ["Le Monde"]),
        ("(FRANCE 24 avec AFP)", ["FRANCE 24"]),
        ("© 2025 Reuters. All rights reserved", ["Reuters"]),
        ("© Copyright Euronews 2026", ["Euronews"]),
        ("Copyright 2025 BBC.", ["BBC"]),
        # the name needs its capital; a two-word person is not a publisher
        ("par euronews", []),
        ("Par Jean Dupont", []),
    ],
)
def test_publisher_lines(line, names):
    assert [m.group("name") for p in rules.COMPILED_PUBLISHER_LINES if (m := p.match(line))] == names


def test_every_reason_is_a_named_group_of_the_one_expression():
    assert set(rules.COMPILED_LINE_PATTERNS.groupindex) == set(rules.LINE_PATTERNS)
    assert rules.END_OF_BODY_REASONS <= set(rules.LINE_PATTERNS)
