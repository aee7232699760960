from hypothesis import given, settings, strategies as st

from depeche.tasks import nlp
from depeche.tasks.segment import Span, paragraph_spans, sentence_spans


def test_paragraph_spans_are_trimmed_offsets():
    text = "Titre\n\n  Premier paragraphe. Deux phrases.  \n\n\n\nDernier."
    spans = paragraph_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Titre", "Premier paragraphe. Deux phrases.", "Dernier."]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_paragraph_offsets_always_slice_to_stripped_non_empty_text(text):
    previous_end = 0
    for span in paragraph_spans(text):
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert span.start >= previous_end
        previous_end = span.end


def test_sentences_with_the_real_model_have_offsets_into_the_page():
    text = "Un titre\n\nLe ministre russe Sergueï Lavrov a reçu Wang Yi à Moscou. Ils ont parlé de l'Ukraine.\n\nFin."
    pipeline = nlp.load_tagger("fr_core_news_md")
    sentences = []
    for span in paragraph_spans(text):
        sentences += sentence_spans(span, pipeline(text[span.start : span.end]), text)
    assert [text[s.start : s.end] for s in sentences] == [
        "Un titre",
        "Le ministre russe Sergueï Lavrov a reçu Wang Yi à Moscou.",
        "Ils ont parlé de l'Ukraine.",
        "Fin.",
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Le président a parlé.", "« Oui ! »", "Wang Yi", "\n\n", " ", "Moscou, le 3 mars.", "…", "a-t-il dit"]), max_size=25))
def test_sentence_offsets_property(parts):
    text = "".join(parts)
    pipeline = nlp.load_tagger("fr_core_news_md")
    for span in paragraph_spans(text):
        for sentence in sentence_spans(span, pipeline(text[span.start : span.end]), text):
            assert span.start <= sentence.start < sentence.end <= span.end
            assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]


def test_a_title_or_an_initial_does_not_end_a_sentence():
    text = "Mr. Modi met Mr. Lula. They signed. John F. Kennedy was there."
    spans = sentence_spans(Span(0, len(text)), nlp.load_sentencizer()(text), text)
    assert [text[s.start : s.end] for s in spans] == ["Mr. Modi met Mr. Lula.", "They signed.", "John F. Kennedy was there."]


def test_an_opening_quotation_mark_starts_the_next_sentence():
    text = 'Witkoff praised Qatar. "Qatar has been a partner," he said. "We will not let it collapse."'
    spans = sentence_spans(Span(0, len(text)), nlp.load_sentencizer()(text), text)
    assert [text[s.start : s.end] for s in spans] == [
        "Witkoff praised Qatar.", '"Qatar has been a partner," he said.', '"We will not let it collapse."'
    ]
