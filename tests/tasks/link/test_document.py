import re
from datetime import date


from depeche.tasks.gazetteer import load_gazetteer
from depeche.tasks.link import link_document
from depeche.tasks.segment import Sentence


def spans_of(text: str, *named: tuple[str, str]) -> list[tuple[int, int, str]]:
    """NER spans as spaCy would give them: (surface, label) pairs located in the text."""
    out = []
    for surface, label in named:
        for match in re.finditer(re.escape(surface), text):
            out.append((match.start(), match.end(), label))
    return out


def link(text, ner, gazetteer, published=None):
    bounds = [Sentence(m.start(), m.end(), i) for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]?", text))]
    mentions, entities = link_document(text, ner, bounds, gazetteer, published)
    by_id = {e.entity_id: e for e in entities}
    return [(m.surface, m.entity_id, m.method) for m in mentions], by_id


def test_aliases_in_french_and_english_link_to_one_entity(gazetteer):
    text = "Vladimir Poutine a parlé. Putin a répondu. M. Poutine est parti."
    mentions, entities = link(text, spans_of(text, ("Vladimir Poutine", "PER"), ("Putin", "PER"), ("M. Poutine", "PER")), gazetteer)
    assert {entity for _, entity, _ in mentions} == {"vladimir-putin"}
    assert entities["vladimir-putin"].kb_id == "Q7747" and entities["vladimir-putin"].country_code == "RUS"


def test_roles_resolve_to_the_holder_at_the_article_date(gazetteer):
    text = "Le ministre chinois des Affaires étrangères est arrivé à Moscou."
    ner = spans_of(text, ("ministre chinois des Affaires étrangères", "ORG"), ("Moscou", "LOC"))
    march, _ = link(text, ner, gazetteer, date(2023, 3, 15))
    september, _ = link(text, ner, gazetteer, date(2023, 9, 15))
    assert ("ministre chinois des Affaires étrangères", "qin-gang", "role") in march
    assert ("ministre chinois des Affaires étrangères", "wang-yi", "role") in september
    assert ("Moscou", "moscow", "ner") in march


def test_a_named_recent_holder_wins_over_an_unnamed_one(gazetteer):
    text = "Wang Yi est à Moscou. Le chef de la diplomatie chinoise a été reçu au Kremlin."
    mentions, _ = link(text, spans_of(text, ("Wang Yi", "PER"), ("Moscou", "LOC"), ("Kremlin", "LOC")), gazetteer, date(2023, 2, 22))
    assert ("chef de la diplomatie chinoise", "wang-yi", "role") in mentions
    assert ("Kremlin", "kremlin", "ner") in mentions


def test_without_a_date_only_a_named_holder_is_used(gazetteer):
    text = "Le président russe a parlé longtemps."
    mentions, _ = link(text, [], gazetteer, None)
    assert mentions == [("président russe", "country-rus", "role")]  # no person: the country's government
    text = "Vladimir Poutine est arrivé. Le président russe a parlé."
    mentions, _ = link(text, spans_of(text, ("Vladimir Poutine", "PER")), gazetteer, None)
    assert ("président russe", "vladimir-putin", "role") in mentions


def test_counterpart_takes_the_role_of_the_person_named_before(gazetteer):
    text = "Sergueï Lavrov a reçu son homologue chinois à Moscou."
    mentions, _ = link(text, spans_of(text, ("Sergueï Lavrov", "PER"), ("Moscou", "LOC")), gazetteer, date(2024, 4, 9))
    assert ("homologue chinois", "wang-yi", "role") in mentions


def test_apposition_is_one_mention_and_bare_role_phrases_are_not_entities(gazetteer):
    text = "Le président chinois Xi Jinping a salué le ministre des Affaires étrangères."
    ner = spans_of(text, ("Xi Jinping", "PER"), ("ministre des Affaires étrangères", "ORG"))
    mentions, entities = link(text, ner, gazetteer, date(2024, 5, 16))
    assert mentions == [("Xi Jinping", "xi-jinping", "ner")]


def test_short_names_and_gazetteer_matches_ner_missed(gazetteer):
    text = "Wang Yi a vu Jake Sullivan à Malte. Wang a salué Sullivan. Les deux ont évoqué l'OTAN."
    ner = spans_of(text, ("Wang Yi", "PER"), ("Jake Sullivan", "PER"), ("Wang", "PER"), ("Sullivan", "PER"))
    ner = [s for s in ner if not (text[s[0]:s[1]] == "Wang" and text[s[0]:s[0] + 7] == "Wang Yi")]
    ner = [s for s in ner if not (text[s[0]:s[1]] == "Sullivan" and text[s[0] - 5:s[0]] == "Jake ")]
    mentions, _ = link(text, ner, gazetteer)
    assert ("Wang", "wang-yi", "ner") in mentions and ("Sullivan", "jake-sullivan", "ner") in mentions
    assert ("Malte", "country-mlt", "gazetteer") in mentions and ("OTAN", "nato", "gazetteer") in mentions


def test_ner_span_inside_a_longer_alias_is_widened(gazetteer):
    text = "Le dirigeant nord-coréen Kim Jong Un a quitté la Russie."
    mentions, _ = link(text, spans_of(text, ("Kim Jong", "PER")), gazetteer, date(2023, 9, 18))
    assert ("Kim Jong Un", "kim-jong-un", "ner") in mentions


def test_short_aliases_match_only_with_their_case(gazetteer):
    text = "Un diplomate a vu un représentant de l'UE et de l'ONU au siège de l'UN."
    mentions, _ = link(text, [], gazetteer)
    assert {entity for _, entity, _ in mentions} >= {"united-nations"}
    assert all(surface not in ("Un", "un") for surface, _, _ in mentions)


def test_unlinked_names_keep_an_entity_of_their_own(gazetteer):
    text = "Paul Vallet, chercheur, a parlé."
    mentions, entities = link(text, spans_of(text, ("Paul Vallet", "PER")), gazetteer)
    (surface, entity_id, _), = mentions
    assert entity_id.startswith("x-per-") and entities[entity_id].kb_id is None


def test_a_user_gazetteer_extends_the_reference(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "entity_id,name,label,country_code,kb_id,actor_code,aliases\n"
        "paul-vallet,Paul Vallet,PER,FRA,,FRAEDU,Paul Vallet|Vallet\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(extra_file=extra)
    text = "Selon Vallet, la Chine n'est pas neutre."
    mentions, _ = link(text, [], gazetteer)
    assert ("Vallet", "paul-vallet", "gazetteer") in mentions


def test_chrome_words_are_never_entities(gazetteer):
    text = "Temps de lecture. Newsletter. Partager. Publicité. Accueil."
    mentions, _ = link(text, [], gazetteer)
    assert mentions == []


def test_this_country_is_the_country_named_last_nearby(gazetteer):
    text = "Narendra Modi sera au Brésil jusqu’à jeudi et rencontrera des ministres de ce pays. " + "Rien. " * 100 + "Ce pays n’est pas nommé."
    mentions, _ = link(text, spans_of(text, ("Narendra Modi", "PER"), ("Brésil", "LOC")), gazetteer)
    assert ("ce pays", "country-bra", "anaphor") in mentions
    assert not any(surface == "Ce pays" for surface, _, _ in mentions)  # too far from any country


def test_a_role_without_a_known_holder_stands_for_its_country(gazetteer):
    # Bosnia's presidency is held by three people at once: the role table names none
    text = "Le chef de l'État bosnien a quitté la salle."
    mentions, _ = link(text, [], gazetteer, date(2024, 2, 17))
    assert mentions == [("chef de l'État bosnien", "country-bih", "role")]


def test_a_bare_role_is_the_one_holder_the_article_names(gazetteer):
    text = "Olaf Scholz est arrivé à Brasilia. Samedi, le chancelier avait rencontré le président de la Commission."
    mentions, _ = link(text, spans_of(text, ("Olaf Scholz", "PER")), gazetteer, date(2023, 1, 30))
    assert ("chancelier", "olaf-scholz", "role") in mentions
    assert not any(surface.startswith("président") for surface, _, _ in mentions)  # « de la Commission »: another role
    alone = "Samedi, le chancelier est parti."  # nobody named: nobody resolved
    assert link(alone, [], gazetteer, date(2023, 1, 30))[0] == []


def test_a_place_taken_with_its_preposition_links_without_it(gazetteer):
    text = "Plus tôt, au Caire, il a vu le président."
    mentions, _ = link(text, spans_of(text, ("au Caire", "LOC")), gazetteer, date(2024, 2, 6))
    assert ("Caire", "cairo", "ner") in mentions


def test_a_role_the_name_after_its_comma_names_is_that_person():
    from datetime import date

    from depeche.tasks.gazetteer import load_gazetteer
    from depeche.tasks.link import link_document

    text = "Emmanuel Macron a appelé Beyrouth. Jean-Noël Barrot a été reçu par le président de la République, Joseph Aoun."
    mentions, _ = link_document(text, [], [(0, 34, 0), (35, len(text), 1)], load_gazetteer(), date(2025, 3, 18))
    role = next(m for m in mentions if m.surface.startswith("président"))
    assert role.entity_id == "joseph-aoun"


def test_a_person_the_gazetteer_lacks_takes_the_nationality_that_introduces_them():
    from datetime import date

    from depeche.tasks.gazetteer import load_gazetteer
    from depeche.tasks.link import link_document

    text = "L'émissaire américain Amos Hochstein est arrivé à Beyrouth. Il a vu Jean Dupont."
    start = text.index("Amos Hochstein")
    other = text.index("Jean Dupont")
    ner = [(start, start + len("Amos Hochstein"), "PER"), (other, other + len("Jean Dupont"), "PER")]
    _, entities = link_document(text, ner, [(0, 59, 0), (60, len(text), 1)], load_gazetteer(), date(2024, 11, 20))
    countries = {e.name: e.country_code for e in entities if e.entity_id.startswith("x-per-")}
    assert countries == {"Amos Hochstein": "USA", "Jean Dupont": None}


def test_a_german_name_with_its_adjective_declined_is_that_name(gazetteer):
    text = "Das berichtete ein Sprecher der Deutschen Presse-Agentur."
    bounds = [Sentence(0, len(text), 0)]
    mentions, _ = link_document(text, None, bounds, gazetteer, date(2024, 3, 4), "de")
    assert [(m.surface, m.entity_id) for m in mentions] == [("Deutschen Presse-Agentur", "deutsche-presse-agentur")]


def test_a_place_before_based_is_the_place_not_part_of_the_name_after(gazetteer):
    text = "The Shanghai-based New Development Bank aimed to lend more."
    mentions, _ = link_document(text, None, [Sentence(0, len(text), 0)], gazetteer, date(2023, 8, 24), "en")
    assert [(m.surface, m.entity_id) for m in mentions] == [("Shanghai", "shanghai"), ("New Development Bank", "new-development-bank")]


def test_the_body_a_persons_title_names_is_a_mention_inside_the_persons(link_without_model):
    text = "Christine Lagarde visited Abuja, Nigeria. The IMF managing director praised the float."
    mentions = link_without_model(text, "en", date(2016, 6, 16))
    assert ("IMF managing director", "christine-lagarde", "PER", "role") in mentions
    assert ("IMF", "international-monetary-fund", "ORG", "in_role") in mentions
    text = "Olaf Scholz reiste nach Washington. Der US-Präsident empfing ihn."
    assert not any(method == "in_role" for *_, method in link_without_model(text, "de", date(2023, 3, 3)))
