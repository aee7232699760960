"""Who a title stands for from what the page said before it (tasks/link/referents.py): a counterpart,
a host or a guest, a predecessor or successor, "the minister"."""

from datetime import date

import pytest

from tests.tasks.link.conftest import holders


def test_a_counterpart_holds_the_office_of_the_last_person_or_title_named(link_without_model):
    # the US president heads state and government: his Australian counterpart is the one the article names
    text = "Anthony Albanese and Joe Biden met in San Diego. The US president spoke first. His Australian counterpart spoke next."
    assert holders(link_without_model(text, "en", date(2023, 3, 14)))["Australian counterpart"] == "anthony-albanese"
    # the nearest title says which office, even of a person the role table lacks
    text = "The agreement was signed by Defence Minister Manohar Parrikar and his French counterpart."
    assert holders(link_without_model(text, "en", date(2016, 9, 23)))["French counterpart"] == "jean-yves-le-drian"
    # a country's short name before it, and German's plain « Kollege » after a nationality
    text = "Mélanie Joly, who will host her U.S. counterpart in Charlevoix, spoke."
    assert holders(link_without_model(text, "en", date(2025, 3, 12)))["counterpart"] == "marco-rubio"
    text = "Heiko Maas will das Thema mit seinem amerikanischen Kollegen besprechen."
    assert holders(link_without_model(text, "de", date(2019, 12, 21)))["amerikanischen Kollegen"] == "mike-pompeo"


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    ("Olaf Scholz flog nach Ottawa. Justin Trudeau wartete. Scholz dankte seinem kanadischen Gastgeber.", "de", date(2022, 8, 23),
     "kanadischen Gastgeber", "justin-trudeau"),
    ("Xi Jinping kam nach Bern. Xi traf Doris Leuthard. Der chinesische Gast lobte die Schweiz.", "de", date(2017, 1, 16),
     "chinesische Gast", "xi-jinping"),
    ("Olaf Scholz kam nach Peking, wo Xi Jinping wartete. Der Gast aus Deutschland sprach.", "de", date(2022, 11, 4),
     "Gast aus Deutschland", "olaf-scholz"),
    # a host with no nationality: the leader of the country the page is about
    ("Angela Merkel empfing Barack Obama in Hannover. Merkel sprach über Deutschland und Berlin. Die Gastgeberin lobte ihn.",
     "de", date(2016, 4, 24), "Gastgeberin", "angela-merkel"),
    ("Shinzo Abe met Donald Trump in Tokyo, Japan. His Japanese host spoke first.", "en", date(2019, 5, 27), "Japanese host", "shinzo-abe"),
])
def test_a_host_or_a_guest_is_the_leader_of_that_country_the_page_names(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published)).get(phrase) == holder


def test_a_host_or_guest_of_no_known_country_or_leader_resolves_nothing(link_without_model):
    assert holders(link_without_model("The guest spoke. Our host smiled.", "en", date(2019, 5, 27))) == {}


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    ("Gabriel Boric habló. El antecesor de Boric criticó el plan.", "es", date(2024, 3, 1), "El antecesor de Boric", "sebastian-pinera"),
    ("Ferdinand Marcos Jr. spoke. His predecessor was arrested.", "en", date(2025, 3, 12), "His predecessor", "rodrigo-duterte"),
    # "his": the man's, not the woman named after him
    ("Ferdinand Marcos Jr. met Shabana Mahmood. His predecessor was arrested.", "en", date(2025, 3, 12), "His predecessor", "rodrigo-duterte"),
    ("Olaf Scholz sprach. Sein Vorgänger schwieg.", "de", date(2024, 3, 1), "Sein Vorgänger", "angela-merkel"),
    ("Angela Merkel sprach. Ihr Nachfolger schwieg.", "de", date(2024, 3, 1), "Ihr Nachfolger", "olaf-scholz"),
])
def test_a_predecessor_or_successor_held_the_office_of_the_person_just_named(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published)).get(phrase) == holder


def test_a_successor_not_yet_in_office_or_of_an_office_left_long_ago_is_nobody(link_without_model):
    # Cameron's successor took office five days later; his earlier office (opposition leader) is not the one meant
    text = "David Cameron flew to Warsaw, a farewell lap before he hands over to his successor."
    assert holders(link_without_model(text, "en", date(2016, 7, 8))) == {}


def test_the_minister_is_the_last_minister_named_by_title(link_without_model):
    text = ("Foreign Affairs Minister Chrystia Freeland spent weeks in Washington. On Sunday evening, the minister "
            "and the U.S. Trade Representative issued a joint statement.")
    assert holders(link_without_model(text, "en", date(2018, 10, 1)))["minister"] == "chrystia-freeland"
    assert "minister" not in holders(link_without_model("On Sunday evening, the minister spoke.", "en", date(2018, 10, 1)))
    # a title resolved without a name next to it counts too
    text = "In Abuja, Nigeria. The Minister of Finance said the policy works. The minister, who is due to appear, insisted."
    assert holders(link_without_model(text, "en", date(2016, 6, 16)))["minister"] == "kemi-adeosun"
