"""The coder on French sentences parsed by spaCy: roles from the parse, phrases, modality,
statements, restatements (tasks/events/coder.py and the modules it ties)."""

from datetime import date

from depeche.tasks import nlp
from depeche.tasks.events import candidate_sentences, code_events, quad_class
from tests.tasks.events.support import codes_and_actors, events_of, mention, said_events


def test_quad_classes_follow_the_cameo_root():
    assert [quad_class(c) for c in ("010", "042", "057", "061", "111", "112", "163", "190")] == [1, 1, 1, 2, 3, 3, 4, 4]


def test_talks_with_actors_from_the_parse_and_place(lexicon):
    text = "Wang Yi s’est entretenu lundi avec Sergueï Lavrov à Moscou."
    mentions = [
        mention(text, "Wang Yi", "wang-yi", "PER", "CHN", "CHNGOV"),
        mention(text, "Sergueï Lavrov", "sergey-lavrov", "PER", "RUS", "RUSGOV"),
        mention(text, "Moscou", "moscow", "LOC", "RUS", "RUSGOV"),
    ]
    event, visit = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id, event.location_id) == ("040", "wang-yi", "sergey-lavrov", "moscow")
    assert (event.event_date, event.date_precision, event.quad_class, event.goldstein) == (date(2023, 9, 18), "day", 1, 1.0)
    # Talks in Moscow are also the Chinese minister's visit to Russia.
    assert (visit.cameo_code, visit.actor1_id, visit.actor2_id) == ("042", "wang-yi", "country-rus")


def test_a_future_visit_is_an_intent_and_a_past_one_a_visit(lexicon):
    future = "Vladimir Poutine se rendra en Chine en mai."
    past = "Vladimir Poutine s’est rendu en Chine en mai."
    for text, code in ((future, "036"), (past, "042")):
        mentions = [mention(text, "Vladimir Poutine", "vladimir-putin", "PER", "RUS", "RUSGOV"), mention(text, "Chine", "country-chn", "LOC", "CHN", "CHN")]
        (event,) = events_of(text, mentions, lexicon)
        assert (event.cameo_code, event.actor1_id, event.actor2_id) == (code, "vladimir-putin", "country-chn")


def test_negated_events_are_not_events(lexicon):
    text = "Vladimir Poutine n’a pas rencontré Joe Biden."
    mentions = [mention(text, "Vladimir Poutine", "vladimir-putin", "PER"), mention(text, "Joe Biden", "joe-biden", "PER")]
    assert events_of(text, mentions, lexicon) == []


def test_passive_agent_is_the_source(lexicon):
    text = "Pékin a été critiqué par l’Occident pour son silence."
    mentions = [mention(text, "Pékin", "beijing", "LOC", "CHN", "CHNGOV"), mention(text, "Occident", "western-world", "LOC", None, "WST")]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id) == ("111", "western-world", "country-chn")


def test_a_host_receiving_a_foreign_leader_is_also_the_guest_s_visit(lexicon):
    text = "Emmanuel Macron a reçu Olaf Scholz à l’Élysée mardi."
    mentions = [
        mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
        mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV"),
        mention(text, "Élysée", "elysee-palace", "LOC", "FRA"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [
        ("043", "emmanuel-macron", "olaf-scholz"), ("042", "olaf-scholz", "country-fra"),
    ]


def test_a_call_with_an_apposed_counterpart(lexicon):
    text = "Antony Blinken s’est entretenu par téléphone avec son homologue chinois, Wang Yi, jeudi."
    mentions = [mention(text, "Antony Blinken", "antony-blinken", "PER", "USA"), mention(text, "Wang Yi", "wang-yi", "PER", "CHN")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("041", "antony-blinken", "wang-yi")]


def test_a_meeting_abroad_for_both_sides_is_at_a_third_location(lexicon):
    text = "Narendra Modi a rencontré Joe Biden à Bali, en marge du G20."
    mentions = [
        mention(text, "Narendra Modi", "narendra-modi", "PER", "IND"),
        mention(text, "Joe Biden", "joe-biden", "PER", "USA"),
        mention(text, "Bali", "bali", "LOC", "IDN"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("044", "narendra-modi", "joe-biden")]


def test_a_visit_goes_to_the_country_of_the_place(lexicon):
    text = "Recep Tayyip Erdogan s’est rendu lundi à Bakou pour une visite de deux jours."
    mentions = [mention(text, "Recep Tayyip Erdogan", "recep-tayyip-erdogan", "PER", "TUR"), mention(text, "Bakou", "baku", "LOC", "AZE", "AZEGOV")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("042", "recep-tayyip-erdogan", "country-aze")]


def test_an_expected_visitor_intends_to_visit(lexicon):
    text = "Le président turc est attendu à Moscou en juin, tandis que Viktor Orban se rendra à Pékin."
    mentions = [
        mention(text, "président turc", "recep-tayyip-erdogan", "PER", "TUR"),
        mention(text, "Moscou", "moscow", "LOC", "RUS", "RUSGOV"),
        mention(text, "Viktor Orban", "viktor-orban", "PER", "HUN"),
        mention(text, "Pékin", "beijing", "LOC", "CHN", "CHNGOV"),
    ]
    assert sorted(codes_and_actors(events_of(text, mentions, lexicon))) == [
        ("036", "recep-tayyip-erdogan", "country-rus"), ("036", "viktor-orban", "country-chn"),
    ]


def test_a_visit_noun_names_its_visitor_and_place_and_a_planned_one_is_an_intent(lexicon):
    text = "Washington prépare activement la visite de Narendra Modi aux États-Unis, prévue en juin."
    mentions = [
        mention(text, "Washington", "washington-dc", "LOC", "USA", "USAGOV"),
        mention(text, "Narendra Modi", "narendra-modi", "PER", "IND"),
        mention(text, "États-Unis", "country-usa", "LOC", "USA", "USA"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("036", "narendra-modi", "country-usa")]


def test_talks_between_two_parties_named_after_the_noun(lexicon):
    text = "Les négociations entre l’Arménie et l’Azerbaïdjan ont repris à Washington."
    mentions = [
        mention(text, "Arménie", "country-arm", "LOC", "ARM", "ARM"),
        mention(text, "Azerbaïdjan", "country-aze", "LOC", "AZE", "AZE"),
        mention(text, "Washington", "washington-dc", "LOC", "USA", "USAGOV"),
    ]
    assert [(c, frozenset((a, b))) for c, a, b in codes_and_actors(events_of(text, mentions, lexicon))] == [
        ("046", frozenset(("country-arm", "country-aze")))
    ]


def test_each_country_of_a_participle_clause_visits(lexicon):
    text = "Le sommet s’est ouvert lundi, les ministres de l’Italie et de l’Espagne s’étant rendus à Kiev la veille."
    mentions = [
        mention(text, "Italie", "country-ita", "LOC", "ITA", "ITA"),
        mention(text, "Espagne", "country-esp", "LOC", "ESP", "ESP"),
        mention(text, "Kiev", "kyiv", "LOC", "UKR", "UKRGOV"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [
        ("042", "country-ita", "country-ukr"), ("042", "country-esp", "country-ukr"),
    ]


def test_a_definite_meeting_noun_without_actors_is_not_a_new_event(lexicon):
    text = "À l’issue de la réunion, Olaf Scholz a souligné la nécessité pour l’Allemagne d’aider l’Ukraine."
    mentions = [
        mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU"),
        mention(text, "Allemagne", "country-deu", "LOC", "DEU", "DEU"),
        mention(text, "Ukraine", "country-ukr", "LOC", "UKR", "UKR"),
    ]
    assert events_of(text, mentions, lexicon) == []


def test_sanctions_name_who_imposes_them_and_on_whom(lexicon):
    text = "Téhéran a dénoncé les sanctions imposées par l’Union européenne contre l’Iran."
    mentions = [
        mention(text, "Téhéran", "tehran", "LOC", "IRN", "IRNGOV"),
        mention(text, "Union européenne", "european-union", "ORG"),
        mention(text, "Iran", "country-irn", "LOC", "IRN", "IRN"),
    ]
    assert ("163", "european-union", "country-irn") in codes_and_actors(events_of(text, mentions, lexicon))


def test_a_meeting_told_twice_is_one_event_and_two_dates_are_two(lexicon):
    text = (
        "Olaf Scholz a rencontré Emmanuel Macron en mai. "
        "Les deux dirigeants se sont rencontrés à Berlin en mai. "
        "Olaf Scholz a aussi rencontré Emmanuel Macron en juillet."
    )
    firsts = [text.index(s) for s in ("Olaf", "Les deux", "Olaf Scholz a aussi")]
    sentences = [(start, end, n) for n, (start, end) in enumerate(zip(firsts, firsts[1:] + [len(text)]))]
    mentions = [mention(text, "Olaf Scholz", "olaf-scholz", "PER", nth=n) for n in (0, 1)] + [
        mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", nth=n) for n in (0, 1)
    ]
    candidates = candidate_sentences(sentences, text, lexicon)
    parser = nlp.load_parser("fr_core_news_md")
    events = code_events(text, candidates, [parser(text[s:e]) for s, e, _, _ in candidates], mentions, date(2023, 9, 18), "fr", lexicon)
    assert [(e.cameo_code, e.sentence_id, e.event_date) for e in events] == [("040", 0, date(2023, 5, 1)), ("040", 2, date(2023, 7, 1))]


def test_habitual_and_negated_events_are_not_events(lexicon):
    text = "Joe Biden ne reçoit que rarement des dirigeants étrangers à la Maison-Blanche."
    mentions = [mention(text, "Joe Biden", "joe-biden", "PER", "USA"), mention(text, "Maison-Blanche", "white-house", "ORG", "USA")]
    assert events_of(text, mentions, lexicon) == []


def test_each_event_is_dated_by_its_own_clause(lexicon):
    text = "Giorgia Meloni se rendra à Tokyo en octobre, tandis que Fumio Kishida est attendu à Rome en mars."
    mentions = [
        mention(text, "Giorgia Meloni", "giorgia-meloni", "PER", "ITA"), mention(text, "Tokyo", "tokyo", "LOC", "JPN", "JPNGOV"),
        mention(text, "Fumio Kishida", "fumio-kishida", "PER", "JPN"), mention(text, "Rome", "rome", "LOC", "ITA", "ITAGOV"),
    ]
    dated = {e.actor1_id: (e.cameo_code, e.event_date, e.date_precision) for e in events_of(text, mentions, lexicon)}
    assert dated == {
        "giorgia-meloni": ("036", date(2023, 10, 1), "month"), "fumio-kishida": ("036", date(2024, 3, 1), "month"),
    }


def test_talks_whose_parties_the_parser_attached_elsewhere(lexicon):
    text = "Le Qatar a salué des pourparlers à Doha entre des délégués d’Israël et du Hamas."
    mentions = [
        mention(text, "Qatar", "country-qat", "LOC", "QAT", "QAT"), mention(text, "Doha", "doha", "LOC", "QAT", "QATGOV"),
        mention(text, "Israël", "country-isr", "LOC", "ISR", "ISR"), mention(text, "Hamas", "hamas", "ORG"),
    ]
    pairs = {(e.cameo_code[:2], frozenset((e.actor1_id, e.actor2_id))) for e in events_of(text, mentions, lexicon)}
    assert ("04", frozenset(("country-isr", "hamas"))) in pairs


def test_a_praise_verb_attributing_a_quotation_praises_nobody(lexicon):
    text = "« Nous avons beaucoup avancé », s’est félicité Pedro Sánchez à Madrid."
    mentions = [mention(text, "Pedro Sánchez", "pedro-sanchez", "PER", "ESP"), mention(text, "Madrid", "madrid", "LOC", "ESP", "ESPGOV")]
    assert events_of(text, mentions, lexicon) == []


def test_the_setting_of_a_meeting_deep_in_the_clause_makes_the_visit(lexicon):
    text = "Ursula von der Leyen a rencontré Lula, le président brésilien, ce lundi à Brasilia."
    mentions = [
        mention(text, "Ursula von der Leyen", "ursula-von-der-leyen", "PER", "BEL"),
        mention(text, "Lula", "lula", "PER", "BRA"),
        mention(text, "Brasilia", "brasilia", "LOC", "BRA", "BRAGOV"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [
        ("040", "ursula-von-der-leyen", "lula"), ("042", "ursula-von-der-leyen", "country-bra"),
    ]


def test_the_partner_named_on_the_object_and_support_as_endorsement(lexicon):
    text = "Narendra Modi veut renforcer la coopération militaire avec Washington."
    mentions = [mention(text, "Narendra Modi", "narendra-modi", "PER", "IND"), mention(text, "Washington", "washington-dc", "LOC", "USA", "USAGOV")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("030", "narendra-modi", "country-usa")]
    text = "Le Brésil soutient les négociations de paix."
    mentions = [mention(text, "Brésil", "country-bra", "LOC", "BRA", "BRA")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("051", "country-bra", None)]


def test_a_country_after_a_for_sanctions_is_the_target_not_the_place(lexicon):
    text = "Les États-Unis ont imposé des sanctions à la Russie."
    mentions = [mention(text, "États-Unis", "country-usa", "LOC", "USA", "USA"), mention(text, "Russie", "country-rus", "LOC", "RUS", "RUS")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("163", "country-usa", "country-rus")]


def test_a_name_after_a_meeting_verb_is_its_object_and_only_a_quotation_inverts_the_subject(lexicon):
    text = "À la veille du sommet, Stéphane Séjourné, le chef de la diplomatie française, a rencontré Antony Blinken à Washington."
    mentions = [
        mention(text, "Stéphane Séjourné", "stephane-sejourne", "PER", "FRA"),
        mention(text, "Antony Blinken", "antony-blinken", "PER", "USA"),
        mention(text, "Washington", "washington-dc", "LOC", "USA", "USAGOV"),
    ]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [
        ("040", "stephane-sejourne", "antony-blinken"), ("042", "stephane-sejourne", "country-usa"),
    ]


def test_a_compound_adjective_names_the_other_side_of_a_relation(lexicon):
    text = "Olaf Scholz a salué le partenariat franco-allemand lors de sa conférence de presse."
    mentions = [mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV")]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id) == ("051", "olaf-scholz", "country-fra")


def test_a_compound_adjective_needs_a_nationality_and_the_source_on_one_side(lexicon):
    assert lexicon.relation_countries("la stratégie indo-pacifique et le monde anglo-saxon") == []
    assert lexicon.relation_countries("les relations sino-américaines") == ["country-chn", "country-usa"]
    text = "Narendra Modi a salué le partenariat russo-chinois."  # India is neither side: praise, no target
    mentions = [mention(text, "Narendra Modi", "narendra-modi", "PER", "IND", "INDGOV")]
    assert [(e.cameo_code, e.actor2_id) for e in events_of(text, mentions, lexicon)] == [("051", None)]


def test_stressing_the_importance_of_cooperation_endorses_it(lexicon):
    text = "Antony Blinken a souligné « l’importance des relations américano-japonaises » à Tokyo."
    mentions = [mention(text, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"), mention(text, "Tokyo", "tokyo", "LOC", "JPN", "JPNGOV")]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id) == ("051", "antony-blinken", "country-jpn")


def test_an_expected_visit_to_a_capital_the_parse_misses(lexicon):
    text = "Emmanuel Macron est attendu à Berlin lundi."
    mentions = [mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"), mention(text, "Berlin", "berlin", "LOC", "DEU", "DEUGOV")]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id, event.location_id) == ("036", "emmanuel-macron", "country-deu", "berlin")


def test_praising_someones_commitment_names_them(lexicon):
    text = "Ursula von der Leyen a salué l’engagement du Canada en faveur de l’Ukraine."
    mentions = [
        mention(text, "Ursula von der Leyen", "ursula-von-der-leyen", "PER", None, "EUR"),
        mention(text, "Canada", "country-can", "LOC", "CAN", "CAN"),
        mention(text, "Ukraine", "country-ukr", "LOC", "UKR", "UKR"),
    ]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id) == ("051", "ursula-von-der-leyen", "country-can")


def test_a_speaker_who_says_a_relation_will_grow_intends_to_cooperate(lexicon):
    text = "Narendra Modi a affirmé que les relations indo-américaines continueraient de se renforcer."
    mentions = [mention(text, "Narendra Modi", "narendra-modi", "PER", "IND", "INDGOV")]
    assert codes_and_actors(events_of(text, mentions, lexicon)) == [("030", "narendra-modi", "country-usa")]
    text = "Le ministre a affirmé que les prix continueraient de se développer."  # no relation, no actor
    assert events_of(text, [], lexicon) == []


def test_an_intent_to_cooperate_and_an_intent_to_visit_are_two_events(lexicon):
    text = "Recep Tayyip Erdogan veut renforcer la coopération avec l’Azerbaïdjan. Recep Tayyip Erdogan est attendu en Azerbaïdjan en mai."
    mentions = [
        mention(text, "Recep Tayyip Erdogan", "recep-tayyip-erdogan", "PER", "TUR", "TURGOV"),
        mention(text, "Azerbaïdjan", "country-aze", "LOC", "AZE", "AZE"),
        mention(text, "Recep Tayyip Erdogan", "recep-tayyip-erdogan", "PER", "TUR", "TURGOV", nth=1),
        mention(text, "Azerbaïdjan", "country-aze", "LOC", "AZE", "AZE", nth=1),
    ]
    sentences = [(0, text.index(" Recep", 10), 0), (text.index(" Recep", 10) + 1, len(text), 1)]
    candidates = candidate_sentences(sentences, text, lexicon)
    parser = nlp.load_parser("fr_core_news_md")
    coded = code_events(text, candidates, [parser(text[s:e]) for s, e, _, _ in candidates], mentions, date(2024, 3, 1), "fr", lexicon)
    assert sorted(codes_and_actors(coded)) == [("030", "recep-tayyip-erdogan", "country-aze"), ("036", "recep-tayyip-erdogan", "country-aze")]


def test_praise_of_a_relation_in_a_quote_is_the_speakers_praise_of_the_other_side(lexicon):
    text = "« La coopération entre la France et l’Allemagne a une grande importance pour l’Europe », a déclaré Emmanuel Macron."
    mentions = [
        mention(text, "France", "country-fra", "LOC", "FRA", "FRA"), mention(text, "Allemagne", "country-deu", "LOC", "DEU", "DEU"),
        mention(text, "Europe", "europe", "LOC"), mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
    ]
    assert said_events(text, mentions, lexicon) == [("051", "emmanuel-macron", "country-deu")]
    # Nobody says it: a description, not praise. A third party praises neither side in particular.
    unsaid = "La coopération entre la France et l’Allemagne a une grande importance pour l’Europe."
    assert said_events(unsaid, mentions[:3], lexicon) == []
    modi = text.replace("Emmanuel Macron", "Narendra Modi")
    assert said_events(modi, mentions[:3] + [mention(modi, "Narendra Modi", "narendra-modi", "PER", "IND", "INDGOV")], lexicon) == []


def test_our_relations_are_with_the_speakers_counterpart_told_before(lexicon):
    text = (
        "Narendra Modi a rencontré Joe Biden à Washington. "
        "« Nos relations se renforcent de jour en jour », a déclaré M. Modi."
    )
    mentions = [
        mention(text, "Narendra Modi", "narendra-modi", "PER", "IND", "INDGOV"), mention(text, "Joe Biden", "joe-biden", "PER", "USA", "USAGOV"),
        mention(text, "Washington", "washington-dc", "LOC", "USA", "USAGOV"), mention(text, "Modi", "narendra-modi", "PER", "IND", "INDGOV", nth=1),
    ]
    assert ("051", "narendra-modi", "country-usa") in said_events(text, mentions, lexicon)


def test_what_the_speakers_side_will_or_should_do_is_the_speakers_intent(lexicon):
    promised = "Olaf Scholz a assuré à Volodymyr Zelensky que l’Allemagne soutiendrait l’Ukraine."
    mentions = [
        mention(promised, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV"),
        mention(promised, "Volodymyr Zelensky", "volodymyr-zelensky", "PER", "UKR", "UKRGOV"),
        mention(promised, "Allemagne", "country-deu", "LOC", "DEU", "DEU"), mention(promised, "Ukraine", "country-ukr", "LOC", "UKR", "UKR"),
    ]
    assert said_events(promised, mentions, lexicon) == [("032", "olaf-scholz", "country-ukr")]
    prescribed = "Washington et Tokyo devraient renforcer leur coopération, a déclaré Antony Blinken."
    mentions = [
        mention(prescribed, "Washington", "washington-dc", "LOC", "USA", "USAGOV"), mention(prescribed, "Tokyo", "tokyo", "LOC", "JPN", "JPNGOV"),
        mention(prescribed, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"),
    ]
    assert said_events(prescribed, mentions, lexicon) == [("030", "antony-blinken", "country-jpn")]


def test_reported_facts_and_other_peoples_plans_keep_their_actors(lexicon):
    planned = "Vladimir Poutine se rendra en Inde en décembre, a annoncé le Kremlin."
    mentions = [
        mention(planned, "Vladimir Poutine", "vladimir-putin", "PER", "RUS", "RUSGOV"), mention(planned, "Inde", "country-ind", "LOC", "IND", "IND"),
        mention(planned, "Kremlin", "kremlin", "ORG", "RUS", "RUSGOV"),
    ]
    assert said_events(planned, mentions, lexicon) == [("036", "vladimir-putin", "country-ind")]
    agreed = "Le Brésil et l’Argentine ont signé un accord commercial, a déclaré Lula."
    mentions = [
        mention(agreed, "Brésil", "country-bra", "LOC", "BRA", "BRA"), mention(agreed, "Argentine", "country-arg", "LOC", "ARG", "ARG"),
        mention(agreed, "Lula", "lula", "PER", "BRA", "BRAGOV"),
    ]
    assert said_events(agreed, mentions, lexicon) == [("057", "country-bra", "country-arg")]


def test_an_act_named_by_its_origin_adjective_falls_on_whom_it_targets(lexicon):
    text = "Téhéran a dénoncé les sanctions européennes contre l’Iran."
    mentions = [mention(text, "Téhéran", "tehran", "LOC", "IRN", "IRNGOV"), mention(text, "Iran", "country-irn", "LOC", "IRN", "IRN")]
    assert ("163", "european-union", "country-irn") in said_events(text, mentions, lexicon)
    text = "Des frappes russes sur Kharkiv ont tué trois civils."
    mentions = [mention(text, "Kharkiv", "kharkiv", "LOC", "UKR")]
    assert said_events(text, mentions, lexicon) == [("190", "country-rus", "country-ukr")]
    text = "La Corée du Nord contourne les sanctions onusiennes depuis des années."
    mentions = [mention(text, "Corée du Nord", "country-prk", "LOC", "PRK", "PRK")]
    assert said_events(text, mentions, lexicon) == [("163", "united-nations", "country-prk")]


def test_accused_acts_hypothetical_and_habitual_events_are_not_reported_events(lexicon):
    accused = "Antony Blinken a accusé Pékin de soutenir la Russie."
    mentions = [
        mention(accused, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"),
        mention(accused, "Pékin", "beijing", "LOC", "CHN", "CHNGOV"), mention(accused, "Russie", "country-rus", "LOC", "RUS", "RUS"),
    ]
    assert said_events(accused, mentions, lexicon) == [("112", "antony-blinken", "country-chn")]
    hypothetical = "Hakan Fidan se rendra à Moscou pour préparer une éventuelle visite de Vladimir Poutine en Turquie."
    mentions = [
        mention(hypothetical, "Hakan Fidan", "hakan-fidan", "PER", "TUR", "TURGOV"), mention(hypothetical, "Moscou", "moscow", "LOC", "RUS", "RUSGOV"),
        mention(hypothetical, "Vladimir Poutine", "vladimir-putin", "PER", "RUS", "RUSGOV"), mention(hypothetical, "Turquie", "country-tur", "LOC", "TUR", "TUR"),
    ]
    assert said_events(hypothetical, mentions, lexicon) == [("036", "hakan-fidan", "country-rus")]
    habitual = "Le Brésil et l’Allemagne tiennent tous les deux ans des consultations intergouvernementales."
    mentions = [mention(habitual, "Brésil", "country-bra", "LOC", "BRA", "BRA"), mention(habitual, "Allemagne", "country-deu", "LOC", "DEU", "DEU")]
    assert said_events(habitual, mentions, lexicon) == []


def test_the_two_leaders_are_the_pair_the_article_is_about(lexicon):
    text = (
        "Lula a reçu Olaf Scholz à Brasilia. Olaf Scholz avait vu Gabriel Boric à Santiago. "
        "Lula a salué la visite. Les deux dirigeants se sont engagés à renforcer leur coopération."
    )
    mentions = [
        mention(text, "Lula", "lula", "PER", "BRA", "BRAGOV"), mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV"),
        mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV", nth=1), mention(text, "Gabriel Boric", "gabriel-boric", "PER", "CHL", "CHLGOV"),
        mention(text, "Lula", "lula", "PER", "BRA", "BRAGOV", nth=1),
    ]
    assert ("030", "lula", "olaf-scholz") in said_events(text, mentions, lexicon)


def test_received_somewhere_without_a_named_host_is_a_visit(lexicon):
    text = "Giorgia Meloni a été reçue mardi à Tunis."
    mentions = [mention(text, "Giorgia Meloni", "giorgia-meloni", "PER", "ITA", "ITAGOV"), mention(text, "Tunis", "tunis", "LOC", "TUN", "TUNGOV")]
    assert said_events(text, mentions, lexicon) == [("042", "giorgia-meloni", "country-tun")]


def test_expelling_diplomats_and_recalling_an_ambassador_reduce_relations(lexicon):
    text = "Le Canada a expulsé lundi six diplomates indiens. Alger avait rappelé le jour même son ambassadeur à Paris."
    mentions = [
        mention(text, "Canada", "country-can", "LOC", "CAN", "CAN"), mention(text, "Alger", "algiers", "LOC", "DZA", "DZAGOV"),
        mention(text, "Paris", "paris", "LOC", "FRA", "FRAGOV"),
    ]
    assert said_events(text, mentions, lexicon) == [("161", "country-can", "country-ind"), ("161", "country-dza", "country-fra")]


def test_an_inverted_pronoun_attribution_makes_a_statement_of_the_previous_speaker(lexicon):
    text = (
        "Emmanuel Macron a été reçu par le roi Mohammed VI. "
        "La France soutiendra le Maroc dans les enceintes internationales, a-t-il ajouté."
    )
    mentions = [
        mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
        mention(text, "Mohammed VI", "mohammed-vi-of-morocco", "PER", "MAR", "MARGOV"),
        mention(text, "France", "country-fra", "LOC", "FRA", "FRA"), mention(text, "Maroc", "country-mar", "LOC", "MAR", "MAR"),
    ]
    assert ("032", "emmanuel-macron", "country-mar") in said_events(text, mentions, lexicon)


def test_plus_negates_only_with_ne(lexicon):
    earlier = "Plus tôt dans la journée, Antony Blinken s'était entretenu avec Abdel Fattah al-Sissi."
    mentions = [mention(earlier, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"),
                mention(earlier, "Abdel Fattah al-Sissi", "abdel-fattah-el-sisi", "PER", "EGY", "EGYGOV")]
    assert ("040", "antony-blinken", "abdel-fattah-el-sisi") in codes_and_actors(events_of(earlier, mentions, lexicon))
    never = "Antony Blinken ne s'est plus entretenu avec Abdel Fattah al-Sissi."
    mentions = [mention(never, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"),
                mention(never, "Abdel Fattah al-Sissi", "abdel-fattah-el-sisi", "PER", "EGY", "EGYGOV")]
    assert events_of(never, mentions, lexicon) == []


def test_parties_that_sign_together_make_one_event_per_pair(lexicon):
    text = "Emmanuel Macron, Olaf Scholz et Giorgia Meloni ont signé une déclaration commune à Rome."
    mentions = [mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
                mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV"),
                mention(text, "Giorgia Meloni", "giorgia-meloni", "PER", "ITA", "ITAGOV")]
    pairs = {(a, b) for code, a, b in codes_and_actors(events_of(text, mentions, lexicon)) if code == "057"}
    assert pairs == {("emmanuel-macron", "olaf-scholz"), ("emmanuel-macron", "giorgia-meloni"), ("olaf-scholz", "giorgia-meloni")}


def test_an_invitation_is_a_circumstance_of_the_visit_not_its_destination(lexicon):
    # the announced visit is an intent between the invited and the inviter, in Paris; Macron is no place visited
    text = "Joseph Aoun doit se rendre à Paris le 28 mars, à l'invitation d'Emmanuel Macron."
    mentions = [mention(text, "Joseph Aoun", "joseph-aoun", "PER", "LBN", "LBNGOV"), mention(text, "Paris", "paris", "LOC", "FRA", "FRAGOV"),
                mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV")]
    (event,) = events_of(text, mentions, lexicon)
    assert (event.cameo_code, event.actor1_id, event.actor2_id, event.location_id) == ("036", "joseph-aoun", "emmanuel-macron", "paris")


def test_an_undated_event_happened_on_the_day_its_paragraph_named(lexicon):
    text = "Antony Blinken est arrivé mardi à Doha. Il a été reçu par l'émir Tamim ben Hamad Al-Thani.\n\nLe Qatar a reçu Olaf Scholz."
    mentions = [mention(text, "Antony Blinken", "antony-blinken", "PER", "USA", "USAGOV"), mention(text, "Doha", "doha", "LOC", "QAT", "QATGOV"),
                mention(text, "Tamim ben Hamad Al-Thani", "tamim-bin-hamad-al-thani", "PER", "QAT", "QATGOV"),
                mention(text, "Qatar", "country-qat", "LOC", "QAT", "QATGOV"), mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU", "DEUGOV")]
    first, second = text.index("Il a"), text.index("Le Qatar")
    sentences = [(0, first - 1, 0), (first, second - 2, 1), (second, len(text), 2)]
    dated = {(e.cameo_code, e.actor1_id): (e.event_date, e.date_precision) for e in events_of(text, mentions, lexicon, date(2024, 2, 7), sentences)}
    assert dated[("043", "tamim-bin-hamad-al-thani")] == (date(2024, 2, 6), "day")
    assert dated[("043", "country-qat")] == (date(2024, 2, 7), "reported")  # another paragraph: the publication day


def test_a_passive_agent_hung_on_a_circumstance_is_the_host(lexicon):
    text = "Emmanuel Macron avait été accueilli en grande pompe par le roi Charles III au château de Windsor."
    mentions = [mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
                mention(text, "Charles III", "charles-iii", "PER", "GBR", "GBRGOV")]
    assert ("043", "charles-iii", "emmanuel-macron") in codes_and_actors(events_of(text, mentions, lexicon))


def test_an_apposed_person_outranks_an_unlinked_name_for_the_role(lexicon):
    text = "La ministre britannique de l'Intérieur, Yvette Cooper, doit se rendre à Paris la semaine prochaine."
    mentions = [mention(text, "ministre britannique de l'Intérieur", "x-org-67048216d914", "ORG"),
                mention(text, "Yvette Cooper", "yvette-cooper", "PER", "GBR", "GBRGOV"), mention(text, "Paris", "paris", "LOC", "FRA", "FRAGOV")]
    assert ("036", "yvette-cooper", "country-fra") in codes_and_actors(events_of(text, mentions, lexicon))


def test_a_host_with_no_place_named_receives_the_guest_at_home(lexicon):
    text = "Donald Trump a reçu Ilham Aliev à la Maison-Blanche."
    mentions = [mention(text, "Donald Trump", "donald-trump", "PER", "USA", "USAGOV"), mention(text, "Ilham Aliev", "ilham-aliyev", "PER", "AZE", "AZEGOV"),
                mention(text, "Maison-Blanche", "white-house", "ORG", "USA", "USAGOV")]
    coded = codes_and_actors(events_of(text, mentions, lexicon))
    assert ("043", "donald-trump", "ilham-aliyev") in coded and ("042", "ilham-aliyev", "country-usa") in coded


def test_celle_ci_is_the_person_named_last_and_a_pronominal_verb_no_passive(lexicon):
    text = "Giorgia Meloni était à Rome. Celle-ci s'était déjà rendue seule à Tunis le 6 juin pour préparer le terrain."
    mentions = [mention(text, "Giorgia Meloni", "giorgia-meloni", "PER", "ITA", "ITAGOV"), mention(text, "Tunis", "tunis", "LOC", "TUN", "TUNGOV")]
    assert ("042", "giorgia-meloni", "country-tun") in codes_and_actors(events_of(text, mentions, lexicon))


def test_coercion_in_the_words_of_today_tariffs_recalls_and_strikes(lexicon):
    cases = [
        ("Washington a imposé des droits de douane de 25 % au Canada.", ["Washington", "Canada"], ("163", "country-usa", "country-can")),
        ("Le Mali a rappelé son ambassadeur en Algérie.", ["Mali", "Algérie"], ("161", "country-mli", "country-dza")),
    ]
    ids = {"Washington": ("washington-dc", "LOC", "USA", "USAGOV"), "Canada": ("country-can", "LOC", "CAN", "CAN"),
           "Mali": ("country-mli", "LOC", "MLI", "MLI"), "Algérie": ("country-dza", "LOC", "DZA", "DZA")}
    for text, names, expected in cases:
        mentions = [mention(text, name, *ids[name]) for name in names]
        assert expected in codes_and_actors(events_of(text, mentions, lexicon)), text


def test_an_institution_nobody_names_acts_for_the_country_of_its_adjective(lexicon):
    text = "Le gouvernement algérien a dénoncé la décision du Mali."
    mentions = [mention(text, "Mali", "country-mli", "LOC", "MLI", "MLI")]
    assert ("111", "country-dza", "country-mli") in codes_and_actors(events_of(text, mentions, lexicon))


def test_a_measure_a_verb_of_decision_takes_is_the_decider_s(lexicon):
    cases = [
        ("Paris a annoncé l’expulsion de douze agents consulaires algériens.", {"Paris": ("paris", "LOC", "FRA", "FRAGOV")}, ("161", "country-fra", "country-dza")),
        ("Le Mali a annoncé le rappel de son ambassadeur à Alger.", {"Mali": ("country-mli", "LOC", "MLI", "MLI"), "Alger": ("algiers", "LOC", "DZA", "DZAGOV")},
         ("161", "country-mli", "country-dza")),
    ]
    for text, names, expected in cases:
        mentions = [mention(text, name, *found) for name, found in names.items()]
        assert expected in codes_and_actors(events_of(text, mentions, lexicon)), text


def test_a_name_nothing_links_yields_to_a_known_party_of_the_same_side(lexicon):
    text = "Jean-Noël Barrot s’est entretenu au Grand Sérail avec le Premier ministre Nawaf Salam."
    mentions = [
        mention(text, "Jean-Noël Barrot", "jean-noel-barrot", "PER", "FRA", "FRAGOV"),
        mention(text, "Grand Sérail", "x-per-0123456789ab", "PER"),
        mention(text, "Nawaf Salam", "nawaf-salam", "PER", "LBN", "LBNGOV"),
    ]
    pairs = {(a, b) for _, a, b in codes_and_actors(events_of(text, mentions, lexicon))}
    assert ("jean-noel-barrot", "nawaf-salam") in pairs and not any("x-per-0123456789ab" in pair for pair in pairs)


def test_a_name_nothing_links_codes_no_event_alone(lexicon):
    text = "Jean Dupont a rencontré Emmanuel Macron à Paris."
    mentions = [mention(text, "Jean Dupont", "x-per-0123456789ab", "PER"), mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV")]
    assert events_of(text, mentions, lexicon) == []


def test_an_announced_trip_to_meet_someone_is_an_intent_toward_them_not_the_place(lexicon):
    text = "Abiy Ahmed est attendu dans les prochaines semaines à Nairobi, où il doit discuter avec William Ruto."
    mentions = [
        mention(text, "Abiy Ahmed", "abiy-ahmed", "PER", "ETH", "ETHGOV"),
        mention(text, "Nairobi", "nairobi", "LOC", "KEN", "KENGOV"),
        mention(text, "William Ruto", "william-ruto", "PER", "KEN", "KENGOV"),
    ]
    intents = [e for e in codes_and_actors(events_of(text, mentions, lexicon)) if e[0] == "036"]
    assert ("036", "abiy-ahmed", "william-ruto") in intents and ("036", "abiy-ahmed", "country-ken") not in intents
