"""The page classifier: pages without an article (consent walls, error pages, login walls) are
rejected, articles short or long are not, on the labelled pages and on any text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depeche.tasks import article_classifier, clean
from depeche.tasks.ingest import decode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LABELLED = sorted(p for directory in FIXTURES.glob("pages*") for p in directory.glob("*.expected.json"))
NO_ARTICLE = [p for p in LABELLED if json.loads(p.read_text(encoding="utf-8")).get("no_article")]
ARTICLES = [p for p in LABELLED if p not in NO_ARTICLE]


def cleaned(expected_path: Path) -> clean.CleanResult:
    name = expected_path.name.removesuffix(".expected.json")
    page = next(p for p in expected_path.parent.glob(name + ".*") if not p.name.endswith(".json"))
    text, _ = decode(page.read_bytes(), is_html=page.suffix == ".html")
    return clean.clean_document(text, "html" if page.suffix == ".html" else "text")


def test_the_shipped_model_and_its_version_in_the_cleaners():
    model = article_classifier.model()
    assert set(model["weights"]) == set(article_classifier.features("Titre", []))
    assert 0.0 < model["threshold"] < 0.5
    assert f"pages-{article_classifier.version()}" in clean.CLEANER_VERSION


def test_a_consent_wall_in_full_sentences_is_no_article():
    result = clean.clean_text_page(
        "Le Quotidien du Jura\n\n"
        "Vos choix concernant les cookies\n\n"
        "Avec votre accord, nous et nos 180 partenaires utilisons des cookies pour stocker et accéder à des données "
        "personnelles vous concernant, comme votre navigation sur ce site.\n\n"
        "Vous pouvez modifier vos choix à tout moment dans les paramètres de confidentialité en bas de chaque page.\n\n"
        "Accepter et continuer\n\nParamétrer"
    )
    assert result.clean_text.strip() and not result.has_article


def test_a_german_consent_wall_is_no_article_though_its_nouns_are_capitalised():
    result = clean.clean_text_page(
        "Willkommen beim Tagesboten\n\n"
        "Wir und unsere 212 Partner speichern und verarbeiten personenbezogene Daten wie Ihre IP-Adresse und "
        "Cookie-Kennungen, um Inhalte und Anzeigen zu personalisieren und die Reichweite unseres Angebots zu messen.\n\n"
        "Mit einem Klick auf „Akzeptieren“ stimmen Sie der Verarbeitung Ihrer Daten zu. Ihre Einwilligung können Sie "
        "jederzeit über die Datenschutz-Einstellungen am Ende jeder Seite widerrufen.\n\n"
        "Akzeptieren\n\nEinstellungen"
    )
    assert result.clean_text.strip() and not result.has_article


def test_names_are_capitalised_words_no_function_word_introduces():
    assert article_classifier._names("Bundeskanzler Olaf Scholz hat die Partner der Koalition empfangen".split()) == 2
    assert article_classifier._names("Le président Macron a reçu la Première ministre".split()) == 1


def test_an_error_page_in_full_sentences_is_no_article():
    result = clean.clean_text_page(
        "We can't find the page you were looking for.\n\n"
        "The link you followed may be broken, or the page may have been removed from our website.\n\n"
        "Try searching for it, or go back to our homepage to see today's news.\n\n"
        "Go to the homepage"
    )
    assert not result.has_article


def test_a_news_brief_of_three_sentences_is_an_article():
    result = clean.clean_text_page(
        "Séisme de magnitude 5,1 au large de la Crète\n\n"
        "Un séisme de magnitude 5,1 a secoué mercredi matin le sud de la Crète, a indiqué l'Institut géodynamique "
        "d'Athènes, sans faire de victimes selon les premiers bilans.\n\n"
        "« Nous n'avons signalé aucun dégât important », a déclaré le maire d'Héraklion, Alexis Kalokairinos."
    )
    assert result.has_article


@pytest.mark.parametrize("expected_path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name.split('.')[0]}")
def test_labelled_articles_are_kept(expected_path):
    assert cleaned(expected_path).has_article


def test_most_labelled_pages_without_an_article_are_rejected():
    # A floor, not every page (23 of 27 when last trained): the threshold is set to lose no article,
    # and the held-out figures are the trainer's (bench/train_article_classifier.py).
    rejected = sum(not cleaned(p).has_article for p in NO_ARTICLE)
    assert len(NO_ARTICLE) >= 25 and rejected >= 0.8 * len(NO_ARTICLE)


@given(st.text(max_size=80), st.lists(st.text(max_size=200), max_size=6))
def test_any_page_gets_features_and_a_probability(title, texts):
    lines = [clean._make_line(i, " ".join(text.split())) for i, text in enumerate(texts)]
    found = article_classifier.features(title, lines)
    assert set(found) == set(article_classifier.model()["weights"])
    assert 0.0 <= article_classifier.article_probability(found) <= 1.0
