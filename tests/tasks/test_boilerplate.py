"""Cross-page boilerplate: lines one source repeats on its articles, never a story's own paragraphs."""

from __future__ import annotations

from depeche.tasks.boilerplate import Page, repeated_lines, source_key
from depeche.tasks.page_vocabulary import word_key

NEWSLETTER = "Recevez chaque matin l'essentiel de l'actualité régionale dans votre boîte mail."


def article(title: str, *paragraphs: str, source: str | None = "exemple.fr") -> Page:
    return Page(source, [title, *paragraphs])


def long(n: int, topic: str) -> str:
    return f"Le conseil municipal de la ville numéro {n} a voté {topic} après un débat de plusieurs heures entre la majorité et l'opposition."


def test_a_line_two_articles_of_one_source_share_is_dropped_from_both():
    pages = [article("Titre un", long(1, "le budget"), NEWSLETTER), article("Titre deux", long(2, "les travaux"), NEWSLETTER)]
    assert repeated_lines(pages, {}) == [{2}, {2}]


def test_two_versions_of_one_story_keep_their_shared_paragraphs():
    first = article("Titre", long(1, "le budget"), long(2, "la rénovation"), "Une phrase courte commune.")
    update = article("Titre mis à jour", long(1, "le budget"), long(2, "la rénovation"), "Une phrase courte commune.", long(3, "un ajout"))
    assert repeated_lines([first, update], {}) == [set(), set()]


def test_pages_of_two_sources_are_never_compared_pages_of_unknown_source_among_themselves():
    pages = [article("A", long(1, "x"), NEWSLETTER, source="a.fr"), article("B", long(2, "y"), NEWSLETTER, source="b.fr"),
             article("C", long(3, "z"), NEWSLETTER, source=None), article("D", long(4, "w"), NEWSLETTER, source=None)]
    assert repeated_lines(pages, {}) == [set(), set(), {2}, {2}]


def test_a_story_two_outlets_run_shares_its_paragraphs_without_losing_them():
    wire = [long(1, "le budget"), long(2, "la rénovation"), "« Nous ne céderons pas », a déclaré le maire."]
    pages = [article("Budget voté", *wire, source=None), article("Le budget est voté", *wire[:2], wire[2], long(9, "un ajout"), source=None)]
    assert repeated_lines(pages, {}) == [set(), set()]


def test_what_the_warehouse_learned_applies_to_a_single_page_but_never_to_its_title():
    page = article(NEWSLETTER, long(1, "le budget"), NEWSLETTER)
    assert repeated_lines([page], {"exemple.fr": [word_key(NEWSLETTER)]}) == [{2}]


def test_the_source_is_the_host_without_www_else_the_publisher():
    assert source_key("https://www.exemple.fr/a/b.html", "Exemple") == "exemple.fr"
    assert source_key(None, "  Le  Monde ") == "le monde"
    assert source_key(None, None) is None
