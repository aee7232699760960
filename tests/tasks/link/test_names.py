"""Short names, acronyms in brackets and nationalities of names the reference data lacks
(tasks/link/names.py)."""

from datetime import date


def test_a_surname_after_the_full_name_is_that_person(link_without_model):
    text = "Rheinmetall chief executive Armin Papperger opened the plant. Papperger said jobs would follow."
    mentions = link_without_model(text, "en", date(2025, 7, 18))
    entity = {surface: entity for surface, entity, _, _ in mentions}
    assert entity["Papperger"] == entity["Armin Papperger"]


def test_an_acronym_in_brackets_is_the_name_it_spells(link_without_model):
    text = "The Indian Air Force (IAF) will fly the jets. Chancellor Sebastian Kurz (ÖVP) spoke later."
    mentions = link_without_model(text, "en", date(2016, 9, 23))
    entity = {surface: entity for surface, entity, _, _ in mentions}
    assert entity["IAF"] == entity["Indian Air Force"]
    assert entity["ÖVP"] != entity["Sebastian Kurz"]  # not its initials


def test_a_short_name_of_a_known_person_wins_over_a_capitalised_guess(link_without_model):
    text = "Moon leaves Osaka without a summit. South Korean President Moon Jae-in met no one."
    mentions = link_without_model(text, "en", date(2019, 6, 29))
    assert ("Moon", "moon-jae-in") in {(surface, entity) for surface, entity, _, _ in mentions}
    assert not any(surface == "South Korean" for surface, *_ in mentions)


def test_every_method_a_mention_gets_is_one_the_data_tests_accept(link_without_model):
    import tomllib

    from depeche.tasks.settings import PROJECT_ROOT

    accepted = tomllib.loads((PROJECT_ROOT / "sql" / "tests" / "checks.toml").read_text(encoding="utf-8"))
    values = next(v for table in accepted.values() if isinstance(table, dict) for k, v in table.items() if k == "mentions.method")
    text = ("Chancellor Olaf Scholz met Armin Papperger of Rheinmetall in Germany. Scholz said this country "
            "would buy more. The German chancellor later met the Russian president.")
    methods = {method for *_, method in link_without_model(text, "en")}
    assert {"capitalised", "role", "gazetteer", "anaphor"} <= methods <= set(values)


def test_a_party_word_is_the_party_of_the_country_the_page_is_about(link_without_model):
    text = ("David Cameron spoke in London and Warsaw. Britain will send troops, London said. "
            "The plan was welcomed on the Conservative benches.")
    mentions = link_without_model(text, "en", date(2016, 7, 8))
    assert ("Conservative", "conservative-party-uk") in {(surface, entity) for surface, entity, _, _ in mentions}
    text = "Justin Trudeau spoke in Ottawa. Canada agreed, Ottawa said, and the Conservatives objected."
    mentions = link_without_model(text, "en", date(2018, 10, 1))
    assert ("Conservatives", "conservative-party-of-canada") in {(surface, entity) for surface, entity, _, _ in mentions}


def test_a_party_another_country_shares_a_word_with_is_the_home_partys_on_a_page_sure_of_its_country(link_without_model):
    text = ("Die Schweiz stimmt in Bern ab. In Zürich und Basel jubelt die SVP, Genf und Lausanne sagen Nein. "
            "Die FDP zeigte sich enttäuscht, die Schweiz müsse mit Brüssel reden.")
    linked = {(surface, entity) for surface, entity, _, _ in link_without_model(text, "de", date(2014, 2, 10))}
    assert ("FDP", "fdp-the-liberals") in linked
    text = "Die FDP will in Berlin und München mitregieren, sagte Christian Lindner in Deutschland."
    linked = {(surface, entity) for surface, entity, _, _ in link_without_model(text, "de", date(2021, 9, 27))}
    assert ("FDP", "free-democratic-party-germany") in linked


def test_a_partys_initials_name_it_on_a_page_about_its_country(link_without_model):
    text = "En Santiago, Chile debate el litio. La UDI pidió a la Contraloría revisar el acuerdo de Chile."
    linked = {(surface, entity) for surface, entity, _, _ in link_without_model(text, "es", date(2024, 1, 2))}
    assert ("UDI", "independent-democratic-union") in linked


def test_a_known_person_spelled_another_way_is_that_person(link_without_model):
    mentions = link_without_model("Der Minister traf in Teheran Präsident Hassan Ruhani und Ali Chamenei.", "de", date(2015, 7, 20))
    linked = {(surface, entity) for surface, entity, _, _ in mentions}
    assert {("Hassan Ruhani", "hassan-rouhani"), ("Ali Chamenei", "ali-khamenei")} <= linked


def test_a_place_named_like_a_person_the_page_names_in_full_is_that_person(link_without_model):
    text = "Santos y Timochenko se dan la mano. En La Habana, Juan Manuel Santos selló el acuerdo con la guerrilla."
    mentions = link_without_model(text, "es", date(2015, 9, 24))
    assert [entity for surface, entity, _, _ in mentions if surface == "Santos"] == ["juan-manuel-santos"]


def test_a_body_named_by_its_kind_is_the_one_of_its_possessors_state(link_without_model):
    text = "Zhao Lijian, a spokesman for China's Foreign Ministry, said so. Beijing's Foreign Ministry agreed."
    mentions = link_without_model(text, "en", date(2021, 9, 25))
    ministry = "ministry-of-foreign-affairs-of-the-peoples-republic-of-china"
    assert [entity for surface, entity, _, _ in mentions if surface == "Foreign Ministry"] == [ministry, ministry]
    # one word and a page about two countries: whose Congress?
    text = "Bessent llegó a Buenos Aires desde Washington. Argentina y Estados Unidos firmaron. El Congreso calló."
    assert not any(surface == "Congreso" and entity and not entity.startswith("x-") for surface, entity, _, _ in link_without_model(text, "es", date(2025, 4, 14)))


def test_a_generic_name_of_a_state_body_is_the_home_states_on_a_page_about_it(link_without_model):
    text = ("Wien und Österreich reagierten. In Wien tagte Österreich. Im Bundeskanzleramt hieß es, "
            "Österreich sei vorbereitet.")
    mentions = link_without_model(text, "de", date(2025, 1, 2))
    assert [entity for surface, entity, _, _ in mentions if surface == "Bundeskanzleramt"] == ["federal-chancellery-of-austria"]


def test_a_german_genitive_names_the_longest_place(link_without_model):
    mentions = link_without_model("Sachsen-Anhalts Wirtschaft wächst, und Russlands Präsident schweigt.", "de")
    assert [(surface, entity) for surface, entity, _, _ in mentions][:1] == [("Sachsen-Anhalts", "sachsen-anhalt")]
    assert "Sachsen" not in [surface for surface, _, _, _ in mentions]


def test_a_name_introduced_by_a_nationality_in_another_spelling_is_that_country_s_person(link_without_model):
    # « Issaias Afeworki » is how some outlets write Isaias Afwerki; an unknown Eritrean stays unknown
    text = ("Eritrean President Issaias Afeworki received the Eritrean envoy John Dupuis in Asmara. "
            "Later, Abiy Ahmed was welcomed by Issaias Afeworki at the airport.")
    mentions = link_without_model(text, "en", date(2018, 7, 9))
    found = {surface: (entity, label) for surface, entity, label, _ in mentions}
    assert found["Issaias Afeworki"] == ("isaias-afwerki", "PER")
    assert [entity for surface, entity, _, _ in mentions if surface == "Issaias Afeworki"] == ["isaias-afwerki"] * 2  # also without its nationality
    assert found["John Dupuis"][0].startswith("x-")
