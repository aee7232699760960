"""Role phrases in English, German, Spanish and Italian resolved to the holder at the article's
date (tasks/link/roles.py); French ones are in test_document.py."""

from datetime import date

import pytest

from tests.tasks.link.conftest import holders


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    ("The deal was praised by the Russian president.", "en", date(2019, 6, 4), "Russian president", "vladimir-putin"),
    ("Britain's prime minister flew to Washington.", "en", date(2023, 3, 14), "Britain's prime minister", "rishi-sunak"),
    ("Der russische Präsident reiste ab.", "de", date(2018, 6, 5), "russische Präsident", "vladimir-putin"),
    ("Er traf den US-Präsidenten im Weißen Haus.", "de", date(2022, 11, 4), "US-Präsidenten", "joe-biden"),
    ("Russlands Präsident sprach lange.", "de", date(2018, 6, 5), "Russlands Präsident", "vladimir-putin"),
    ("La canciller alemana llegó tarde.", "es", date(2018, 11, 30), "canciller alemana", "angela-merkel"),
    ("El presidente francés viajará a Pekín.", "es", date(2023, 3, 31), "presidente francés", "emmanuel-macron"),
    ("Su par chino respondió.", "es", date(2018, 11, 30), "par chino", None),  # no counterpart named before
    ("Il presidente della Commissione europea ha firmato.", "it", date(2019, 3, 24), "presidente della Commissione europea", "jean-claude-juncker"),
    ("Der NATO-Generalsekretär lobte die Pläne.", "de", date(2025, 5, 23), "NATO-Generalsekretär", "mark-rutte"),
    ("El secretario general de la OTAN llegó a Madrid.", "es", date(2019, 6, 1), "secretario general de la OTAN", "jens-stoltenberg"),
    ("Der Kremlchef empfing ihn.", "de", date(2018, 6, 5), "Kremlchef", "vladimir-putin"),  # one country's title
])
def test_role_phrases_in_other_languages(link_without_model, text, language, published, phrase, holder):
    resolved = holders(link_without_model(text, language, published))
    if holder is None:
        assert phrase not in resolved or not resolved[phrase].startswith(("vladimir", "xi"))
    else:
        assert resolved.get(phrase) == holder


def test_the_holder_changes_with_the_date(link_without_model):
    text = "The German chancellor arrived."
    assert holders(link_without_model(text, "en", date(2019, 1, 10)))["German chancellor"] == "angela-merkel"
    assert holders(link_without_model(text, "en", date(2023, 1, 10)))["German chancellor"] == "olaf-scholz"
    assert holders(link_without_model(text, "en", date(2025, 7, 18)))["German chancellor"] == "friedrich-merz"


def test_a_nationality_that_contradicts_the_phrase_resolves_nothing(link_without_model):
    # "defence secretary" is Britain's office; "US defence secretary" is not John Healey
    resolved = holders(link_without_model("The US defence secretary flew in.", "en", date(2025, 10, 21)))
    assert "john-healey" not in resolved.values()


def test_an_apposed_name_is_the_mention_and_the_role_is_not_counted_twice(link_without_model):
    mentions = link_without_model("Indian Prime Minister Narendra Modi met US President Joe Biden.", "en", date(2023, 6, 22))
    assert [entity for _, entity, _, _ in mentions] == ["narendra-modi", "joe-biden"]


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    # a verb between the title and a name: the title is a person of its own, not an apposition
    ("Earlier, the Taoiseach hosted Mr Biden at Farmleigh.", "en", date(2023, 4, 13), "Taoiseach", "leo-varadkar"),
    ("Der Kremlchef empfing Emmanuel Macron.", "de", date(2023, 4, 13), "Kremlchef", "vladimir-putin"),
])
def test_a_title_before_a_verb_and_a_name_is_no_apposition(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published)).get(phrase) == holder


def test_a_german_noun_after_a_title_is_no_name_in_apposition(link_without_model):
    resolved = holders(link_without_model("In Berlin äusserte der deutsche Bundeskanzler Verständnis für die Lage.", "de", date(2025, 8, 8)))
    assert resolved.get("deutsche Bundeskanzler") == "friedrich-merz"
    for text in ("Der deutsche Bundeskanzler Olaf Scholz sagte nichts.", "Olaf Scholz kam. Der deutsche Bundeskanzler Scholz sagte nichts."):
        assert holders(link_without_model(text, "de", date(2023, 4, 13))) == {}, text


def test_a_name_of_several_words_before_a_title_says_whose_and_stays_a_mention(link_without_model):
    mentions = link_without_model("Nigel Farage spoke first. The Brexit Party leader said no.", "en", date(2019, 6, 4))
    assert holders(mentions) == {"leader": "nigel-farage"}
    assert ("Brexit Party", "reform-uk", "ORG", "gazetteer") in mentions
    # "UK" ends a party's name here: not Britain's leader
    mentions = link_without_model("Keir Starmer spoke first. The Reform UK leader said no.", "en", date(2025, 7, 24))
    assert holders(mentions) == {"leader": "nigel-farage"}
    # an organisation's name before a title and a name is a mention too; a country's stays in the phrase
    mentions = link_without_model("Sinn Féin president Mary Lou McDonald spoke.", "en", date(2023, 4, 13))
    assert [entity for _, entity, _, _ in mentions] == ["sinn-fein", "mary-lou-mcdonald"]
    # a compound's hyphen makes one word of it
    assert holders(link_without_model("Der US-Präsident kam.", "de", date(2023, 4, 13))) == {"US-Präsident": "joe-biden"}


def test_a_seat_of_government_before_a_title_is_its_state(link_without_model):
    mentions = link_without_model("The White House national security adviser said so.", "en", date(2015, 1, 25))
    assert holders(mentions) == {"national security adviser": "susan-rice"}
    assert ("White House", "white-house", "ORG", "gazetteer") in mentions


def test_a_name_after_a_comma_or_an_honorific_is_in_apposition(link_without_model):
    for text in ("The Taoiseach, Leo Varadkar, spoke.", "The Taoiseach Mr Varadkar spoke."):
        mentions = link_without_model(text, "en", date(2023, 4, 13))
        assert [entity for _, entity, _, method in mentions if method == "role"] == [], text
        assert "leo-varadkar" in [entity for _, entity, _, _ in mentions], text


def test_a_title_of_the_country_wins_over_the_general_one_and_two_word_nationalities(link_without_model):
    # Iran's president heads its government (the Supreme Leader is head of state)
    assert holders(link_without_model("The Iranian president spoke.", "en", date(2015, 7, 20)))["Iranian president"] == "hassan-rouhani"
    assert holders(link_without_model("the South African president arrived.", "en", date(2025, 5, 22)))["South African president"] == "cyril-ramaphosa"


def test_british_and_american_spellings_of_a_title(link_without_model):
    text = "The US defence secretary flew to Tokyo. The US defense secretary spoke."
    resolved = holders(link_without_model(text, "en", date(2023, 6, 1)))
    assert resolved["defence secretary"] == resolved["defense secretary"] == "lloyd-austin"


def test_a_dotted_abbreviation_is_a_nationality(link_without_model):
    resolved = holders(link_without_model("Later, the U.S. president flew home and the U.K. prime minister stayed.", "en", date(2025, 6, 17)))
    assert resolved["president"] == "donald-trump" and resolved["prime minister"] == "keir-starmer"


def test_a_countrys_leader_is_whoever_leads_it(link_without_model):
    resolved = holders(link_without_model("The German leader met the Russian leader and the Japanese leader.", "en", date(2022, 8, 23)))
    assert resolved["German leader"] == "olaf-scholz"  # a parliamentary republic: the head of government
    assert resolved["Russian leader"] == "vladimir-putin" and resolved["Japanese leader"] == "fumio-kishida"


def test_a_partys_leader(link_without_model):
    resolved = holders(link_without_model("Der SPD-Chef schwieg. Die CDU-Vorsitzende kritisierte den Plan.", "de", date(2019, 6, 4)))
    assert resolved["CDU-Vorsitzende"] == "annegret-kramp-karrenbauer"
    assert holders(link_without_model("The Labour leader refused to attend.", "en", date(2023, 6, 4)))["leader"] == "keir-starmer"
    # a party's word after the title, of the country the page is about: Spain's Partido Popular
    text = "Mariano Rajoy y Alfredo Pérez Rubalcaba votaron en Madrid, España. El líder popular habló."
    assert holders(link_without_model(text, "es", date(2011, 11, 20)))["líder popular"] == "mariano-rajoy"
    # and before it, where the word is the party's name too
    text = "Keir Starmer hosted Narendra Modi at Chequers in Britain. The Conservative leader said the deal was thin."
    mentions = link_without_model(text, "en", date(2025, 7, 24))
    assert holders(mentions)["Conservative leader"] == "kemi-badenoch"
    assert ("Conservative", "conservative-party-uk", "ORG", "in_role") in mentions


def test_the_us_trade_representative_is_no_commerce_secretary(link_without_model):
    text = "Jamieson Greer and Howard Lutnick flew in. The US trade representative spoke first, then the US commerce secretary."
    resolved = holders(link_without_model(text, "en", date(2025, 5, 21)))
    assert (resolved["trade representative"], resolved["commerce secretary"]) == ("jamieson-greer", "howard-lutnick")


@pytest.mark.parametrize("text, language, published, phrase, holder", [
    ("Sachsen-Anhalts Ministerpräsident kam nach Berlin.", "de", date(2023, 6, 20), "Ministerpräsident", "reiner-haseloff"),
    ("Der sächsische Regierungschef widersprach.", "de", date(2023, 6, 20), "sächsische Regierungschef", "michael-kretschmer"),
    ("Der bayerische Ministerpräsident sprach.", "de", date(2023, 6, 20), "bayerische Ministerpräsident", "markus-soder"),
    ("The Ontario premier said no.", "en", date(2023, 6, 20), "premier", "doug-ford"),
    ("The Texas governor agreed.", "en", date(2023, 6, 20), "governor", "greg-abbott"),
    ("El presidente andaluz habló.", "es", date(2023, 6, 20), "presidente andaluz", "juanma-moreno"),
    ("Der Landeshauptmann von Tirol sprach.", "de", date(2023, 6, 20), "Landeshauptmann von Tirol", "anton-mattle"),
])
def test_a_region_named_or_its_adjective_says_whose_government_a_title_heads(link_without_model, text, language, published, phrase, holder):
    assert holders(link_without_model(text, language, published)).get(phrase) == holder


def test_a_title_any_country_uses_is_no_region_head_without_the_region_said(link_without_model):
    text = "Justin Trudeau and Doug Ford spoke in Toronto, Ontario. The Prime Minister said no."
    assert holders(link_without_model(text, "en", date(2025, 3, 12)))["Prime Minister"] == "justin-trudeau"
    # a title after a title and a comma is no apposition: two people
    text = "After a call with the Commerce Secretary, Ontario's Premier agreed."
    assert holders(link_without_model(text, "en", date(2025, 3, 12))) == {"Commerce Secretary": "howard-lutnick", "Ontario's Premier": "doug-ford"}


def test_a_bare_title_no_name_explains_is_the_holder_in_the_country_of_the_title_just_before(link_without_model):
    text = "Der italienische Wirtschaftsminister schwieg. Die Ministerpräsidentin hatte die Banken gelobt."
    assert holders(link_without_model(text, "de", date(2024, 9, 20)))["Ministerpräsidentin"] == "giorgia-meloni"
    # not for a former holder, whom the country alone does not say
    text = "The Kenyan president spoke. The former Prime Minister, who lost, stayed away."
    assert "Prime Minister" not in holders(link_without_model(text, "en", date(2015, 7, 26)))


def test_a_german_title_a_woman_holds_never_names_a_man(link_without_model):
    text = "Das Abkommen mit Washington fiel in Luxemburg. Die US-Handelsministerin bedauerte das Urteil."
    mentions = link_without_model(text, "de", date(2015, 10, 6))
    assert "michael-froman" not in {entity for _, entity, _, _ in mentions}
