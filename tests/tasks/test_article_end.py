"""The article-end model: a page's tail (comments, appeals, bios) goes, the story's last paragraphs stay."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from depeche.tasks import article_end, clean, line_classifier
from depeche.tasks.page_vocabulary import unquoted

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

STORY = [
    "Inondations : la Vésubie à nouveau coupée du reste du département",
    "La route départementale qui relie Nice à Saint-Martin-Vésubie a de nouveau été emportée dans la nuit de mardi à "
    "mercredi, quatre ans après la tempête Alex, ont indiqué les services du département des Alpes-Maritimes.",
    "Quelque deux cents habitants de Roquebillière et de Lantosque sont privés de liaison routière, et la préfecture a "
    "ouvert un gymnase pour accueillir les automobilistes bloqués, selon un communiqué publié mercredi matin.",
    "« Nous avons tout reconstruit, et tout est à refaire », a déploré le maire de Roquebillière, Gérard Manfredi, qui "
    "réclame à l'État une aide d'urgence pour les commerces de la vallée.",
    "Les travaux de déblaiement devraient durer au moins trois semaines, a précisé le conseil départemental.",
]
TAIL = [
    "Commentaires",
    "Jeannot06 - il y a 2 heures",
    "Toujours la même chose, personne n'écoute les habitants de la vallée depuis des années.",
    "Marie L. - il y a 1 heure",
    "Courage aux habitants, on pense à vous.",
    "Vous avez aimé cet article ? Soutenez l'information locale : abonnez-vous pour 1 € le premier mois.",
]


def test_the_shipped_model_and_its_version_in_the_cleaners():
    assert article_end.model()["weights"] and 0.5 <= article_end.model()["threshold"] < 1.0
    assert f"end-{article_end.version()}" in clean.CLEANER_VERSION


def test_reader_comments_under_their_headers_after_a_comments_marker_end_the_story():
    result = clean.clean_text_page("\n\n".join(STORY + TAIL))
    assert all(paragraph in result.clean_text for paragraph in STORY[1:])
    assert "personne n'écoute" not in result.clean_text and "Soutenez l'information locale" not in result.clean_text


def test_comments_and_appeals_past_the_story_are_cut_on_a_labelled_page():
    page = FIXTURES / "pages_train4" / "013_nzherald_en_rugby_inferred.txt"
    result = clean.clean_text_page(page.read_text(encoding="utf-8"))
    assert "trained lightly at Alexandra Park this afternoon" in result.clean_text  # the story's last paragraph
    assert "Good call not to rush him." not in result.clean_text and "Kiwi_Kev" not in result.clean_text


def test_a_story_without_a_tail_keeps_its_last_paragraph():
    result = clean.clean_text_page("\n\n".join(STORY))
    assert STORY[-1] in result.clean_text
    assert "after_article_end" not in {block.reason for block in result.removed}


def test_the_we_and_you_of_a_quotation_are_not_the_sites():
    assert "vous" not in unquoted("« On pense à vous », a dit le maire.")
    assert "uns" not in unquoted("»Man hat uns viel versprochen«, sagt er.")
    assert unquoted("Abonnez-vous dès aujourd'hui.") == "Abonnez-vous dès aujourd'hui."


@given(st.lists(st.text(max_size=120), max_size=10))
def test_any_lines_get_places_and_at_most_one_tail(texts):
    lines = [clean._make_line(i, " ".join(text.split())) for i, text in enumerate(texts)]
    kept = line_classifier.body_lines(lines, 0, len(lines) - 1, None)
    places = article_end.places(lines, kept)
    assert len(places) == max(len(kept) - 1, 0)
    assert all(0.0 <= article_end.tail_probability(found) <= 1.0 for found in places)
    start = article_end.tail_start(lines, 0, len(lines) - 1, None)
    assert start is None or start in kept[1:]


def test_a_long_paragraph_of_the_story_never_opens_its_tail():
    paragraph = " ".join(STORY[1:4])  # three of the story's sentences, some sixty words
    assert article_end._story_paragraph(clean._make_line(0, paragraph))
    assert not article_end._story_paragraph(clean._make_line(0, "Abonnez-vous pour lire la suite de nos articles, vous aussi, dès aujourd'hui et sans engagement, pour soutenir une rédaction indépendante qui enquête chaque jour sur votre région et ses habitants."))
