from datetime import date

import pytest

from tasks import nlp
from tasks.events import MentionRef, candidate_sentences, code_events, find_quotes, load_lexicon, quad_class
from tasks.settings import Settings


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(Settings().reference_dir)


def mention(text, surface, entity_id, label, country=None, actor=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return MentionRef(start, start + len(surface), entity_id, label, country, actor)


def events_of(text, mentions, lexicon, published=date(2023, 9, 18)):
    sentences = [(0, len(text), 0)]
    candidates = candidate_sentences(sentences, text, lexicon)
    parser = nlp.load_parser("fr_core_news_md")
    parsed = [parser(text[s:e]) for s, e, _, _ in candidates]
    return code_events(text, candidates, parsed, mentions, published, "fr", lexicon)


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


def test_quotes_get_the_speaker_named_next_to_a_speech_verb():
    text = (
        "« Nos relations se développent de manière sûre », a déclaré Sergueï Lavrov. "
        "Selon Iouri Ouchakov, « leurs points de vue coïncident pratiquement ». "
        "« Nous ne céderons pas sur ce point », a-t-il ajouté. Le « Sud global » progresse."
    )
    mentions = [mention(text, "Sergueï Lavrov", "sergey-lavrov", "PER"), mention(text, "Iouri Ouchakov", "yuri-ushakov", "PER")]
    quotes = find_quotes(text, [(0, len(text), 0)], mentions)
    assert [(q.text, q.speaker_id) for q in quotes] == [
        ("Nos relations se développent de manière sûre", "sergey-lavrov"),
        ("leurs points de vue coïncident pratiquement", "yuri-ushakov"),
        ("Nous ne céderons pas sur ce point", "yuri-ushakov"),
    ]
    assert all(text[q.start_char : q.end_char] == q.text for q in quotes)
