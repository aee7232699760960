from depeche.tasks import nlp
from depeche.tasks.tag import ner_mentions, trim_span, unlinked_entity


def test_trim_span_drops_elisions_articles_and_punctuation():
    text = "l’Anadolu, la Chine. s’"
    assert text[slice(*trim_span(text, 0, 9))] == "Anadolu"
    assert text[slice(*trim_span(text, 11, 20))] == "Chine"
    assert trim_span(text, 21, 23) is None


def test_unlinked_entity_ids_are_stable_and_accent_insensitive():
    assert unlinked_entity("Sergueï Lavrov", "PER").entity_id == unlinked_entity("SERGUEI LAVROV", "PER").entity_id
    assert unlinked_entity("Lavrov", "PER").entity_id != unlinked_entity("Lavrov", "LOC").entity_id


def test_ner_mentions_have_offsets_into_clean_text():
    text = "Titre\n\nLe ministre russe Sergueï Lavrov a reçu Wang Yi à Moscou."
    start = text.index("Le ministre")
    spans = ner_mentions(start, nlp.load_tagger("fr_core_news_md")(text[start:]), text[start:])
    assert {(text[s:e], label) for s, e, label in spans} >= {("Sergueï Lavrov", "PER"), ("Wang Yi", "PER"), ("Moscou", "LOC")}
