"""The line classifier: its shipped model, its features on any text, and its verdicts in a page."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depeche.tasks import clean, line_classifier

PARAGRAPH = ("Le gouvernement a présenté mardi un plan de soutien aux agriculteurs touchés par la sécheresse, "
             "qui prévoit des aides directes et un report des cotisations sociales pour les exploitations les plus fragiles.")
SECOND = ("Les syndicats agricoles ont salué un premier pas, tout en estimant que les montants annoncés restaient "
          "très en deçà des pertes subies depuis le début de l'été dans le sud du pays.")
THIRD = ("La ministre doit recevoir les représentants de la filière la semaine prochaine pour préciser le calendrier "
         "des versements, qui pourraient intervenir avant la fin de l'année selon son entourage.")


def page(*middle: str) -> str:
    return "\n\n".join(["Sécheresse : le gouvernement débloque une aide d'urgence pour les agriculteurs", PARAGRAPH, *middle, SECOND, THIRD])


def test_the_shipped_model_has_weights_a_threshold_and_its_version_in_the_cleaners():
    model = line_classifier.model()
    assert model["weights"] and 0.5 <= model["threshold"] < 1.0
    assert line_classifier.version() in clean.CLEANER_VERSION


def test_a_share_bar_and_an_author_name_between_paragraphs_are_removed_a_subhead_kept():
    result = clean.clean_text_page(page("FacebookXLinkedInWhatsAppCopier le lien", "Julien Marchetti", "Des aides jugées insuffisantes"))
    assert "Copier le lien" not in result.clean_text and "Julien Marchetti" not in result.clean_text
    assert "Des aides jugées insuffisantes" in result.clean_text
    assert {block.reason for block in result.removed} >= {"line_classifier"}
    assert all(paragraph in result.clean_text for paragraph in (PARAGRAPH, SECOND, THIRD))


@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=8))
def test_any_lines_get_features_and_a_probability(texts):
    lines = [clean._make_line(i, " ".join(text.split())) for i, text in enumerate(texts)]
    facts = line_classifier.page_facts(lines, 0)
    for i in range(len(lines)):
        found = line_classifier.features(lines, i, 0, len(lines) - 1, facts)
        assert 0.0 <= line_classifier.chrome_probability(found) <= 1.0


def facts_of(*texts: str, first_body: int = 1) -> line_classifier.PageFacts:
    return line_classifier.page_facts([clean._make_line(i, text) for i, text in enumerate(texts)], first_body)


def test_a_pull_quote_echoes_its_paragraph_a_lone_quote_does_not():
    quote = "« Les montants annoncés restaient très en deçà des pertes »"
    paragraph = "Les syndicats ont estimé que les montants annoncés restaient très en deçà des pertes subies cet été."
    assert line_classifier.echoes_page(facts_of(paragraph, quote), 1)
    assert not line_classifier.echoes_page(facts_of(PARAGRAPH, quote), 1)
    assert not line_classifier.echoes_page(facts_of(paragraph, "« Jamais vu »", paragraph), 1)  # too short to tell


def test_a_bio_opens_with_the_name_of_its_byline():
    facts = facts_of("Camille Rochat", PARAGRAPH, "Camille Rochat est journaliste à la rubrique économie depuis 2019.")
    assert line_classifier.names_on_page(facts, 2) == (True, False)
    assert line_classifier.names_on_page(facts, 0) == (False, True)
    assert line_classifier.names_on_page(facts, 1) == (False, False)


def test_the_sites_name_comes_from_a_title_bar_or_a_copyright_line():
    facts = facts_of("Le gouvernement débloque une aide | Le Courrier du Sud", PARAGRAPH,
                     "Le Courrier du Sud", "Soutenez Le Courrier du Sud en vous abonnant", "© 2025 La Gazette. Tous droits réservés.")
    assert facts.sites == {"le courrier du sud", "la gazette"}
    assert line_classifier.site_mentions(facts, 2) == (True, False)
    assert line_classifier.site_mentions(facts, 3) == (False, True)
    assert line_classifier.site_mentions(facts, 1) == (False, False)


def test_a_line_in_the_body_names_no_site():
    assert not facts_of(PARAGRAPH, "2e étape : 8 avril – Curitiba", "3e étape : 22 avril – à confirmer", first_body=0).sites


def test_a_byline_with_its_bio_after_the_story_is_removed():
    result = clean.clean_text_page(page("Julien Marchetti", "Julien Marchetti est correspondant à Bruxelles depuis 2018 et suit les questions agricoles."))
    assert "Julien Marchetti" not in result.clean_text
    assert all(paragraph in result.clean_text for paragraph in (PARAGRAPH, SECOND, THIRD))


@pytest.mark.parametrize("caption", [
    "Le chantier de la ligne 1 place Carnot, en février. Photo ER/Clément Vautrin",
    "Vehículos de reparto en un polígono de la Zona Franca, el pasado 3 de mayo. / FERRAN NADEU",
    "Nieuwbouw voor studenten aan de rand van het park. Beeld Raymond Rutting",
    "Fishermen unload their catch at the port. File Photo by Erin Kessler/UPI",
    "Barcos de pesca en el puerto de Vigo, en una imagen de archivo. OSCAR VAZQUEZ",
])
def test_a_caption_ends_with_its_credit(caption):
    assert line_classifier.credit_tail(caption)


@pytest.mark.parametrize("sentence", [
    "Le gouvernement a présenté un plan pour la SNCF et la RATP.",
    "Le ministre a cité un rapport 20/30 de la Cour des comptes.",
    "Photo AFP",  # a credit alone: the wording rules' (chrome_rules.py)
])
def test_a_sentence_naming_bodies_in_capitals_has_no_credit(sentence):
    assert not line_classifier.credit_tail(sentence)


def test_an_offer_names_a_price_and_a_period():
    assert line_classifier.offers_a_price("Profitez de 1 € le premier mois, sans engagement")
    assert line_classifier.offers_a_price("Unlock this article from €1 for the first month.")
    assert not line_classifier.offers_a_price("Le projet coûtera 12 millions d'euros.")


def test_a_name_alone_may_hold_particles():
    assert all(map(line_classifier._is_name, ["Sanne de Bruijn", "Ursula von der Leyen", "M. Fernández Rial", "Le Temps"]))
    assert not any(map(line_classifier._is_name, ["de la Cruz", "Vendredi 12 mars", "Lire aussi", "Jean"]))


def test_a_menu_in_the_header_names_no_site():
    facts = facts_of("News | Opinion | Sport | Culture | Lifestyle", "Titre | Le Courrier du Sud", PARAGRAPH, first_body=2)
    assert facts.sites == {"le courrier du sud"}
