"""What the event coder's tests share: mentions placed in a text, and the coder run on parsed sentences."""

import re
from datetime import date

from depeche.tasks import nlp
from depeche.tasks.events import MentionRef, candidate_sentences, code_events, find_quotes, find_statements


def mention(text, surface, entity_id, label, country=None, actor=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return MentionRef(start, start + len(surface), entity_id, label, country, actor)


def events_of(text, mentions, lexicon, published=date(2023, 9, 18), sentences=None):
    """Events of a French text, one sentence unless `sentences` says otherwise."""
    sentences = sentences or [(0, len(text), 0)]
    candidates = candidate_sentences(sentences, text, lexicon)
    parser = nlp.load_parser("fr_core_news_md")
    parsed = [parser(text[s:e]) for s, e, _, _ in candidates]
    return code_events(text, candidates, parsed, mentions, published, "fr", lexicon, (), sentences)


def codes_and_actors(events):
    return [(e.cameo_code, e.actor1_id, e.actor2_id) for e in events]


def said_events(text, mentions, lexicon, published=date(2024, 3, 1)):
    """Events of a text of several sentences, with its statements, as the pipeline codes them."""
    sentences = [(m.start(), m.end(), n) for n, m in enumerate(re.finditer(r"[^.!?]+[.!?]\s*", text))]
    candidates = candidate_sentences(sentences, text, lexicon)
    parser = nlp.load_parser("fr_core_news_md")
    statements = find_statements(text, sentences, mentions, find_quotes(text, sentences, mentions))
    parsed = [parser(text[s:e]) for s, e, _, _ in candidates]
    return [(e.cameo_code, e.actor1_id, e.actor2_id) for e in code_events(text, candidates, parsed, mentions, published, "fr", lexicon, statements)]
