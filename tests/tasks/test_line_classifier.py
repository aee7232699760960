"""The line classifier: its shipped model, its features on any text, and its verdicts in a page."""

from __future__ import annotations

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
    facts = line_classifier.page_facts(lines)
    for i in range(len(lines)):
        found = line_classifier.features(lines, i, 0, len(lines) - 1, facts)
        assert 0.0 <= line_classifier.chrome_probability(found) <= 1.0
