"""Quotations and who is speaking now (tasks/events/quotes.py)."""

from depeche.tasks.events import MentionRef, find_quotes


def mention(text: str, surface: str, entity_id: str, label: str, nth: int = 0) -> MentionRef:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return MentionRef(start, start + len(surface), entity_id, label)


def sentences_of(text: str) -> list[tuple[int, int, int]]:
    out, start = [], 0
    for n, end in enumerate(i + 2 for i, c in enumerate(text) if text[i : i + 2] in (". ", ".\n")):
        out.append((start, end, n))
        start = end
    return out + [(start, len(text), len(out))]


def test_a_term_or_title_in_quotes_that_nobody_said_is_no_quotation():
    text = "Les dirigeants ont évoqué « l'esprit de Camp David » et le « Pacte pour l'avenir » adopté à New York."
    assert find_quotes(text, sentences_of(text), []) == []


def test_unattributed_speech_still_counts():
    text = "Sur une banderole, on lisait : « Nous ne partirons pas d'ici tant que justice ne sera pas rendue. »"
    assert [q.speaker_id for q in find_quotes(text, sentences_of(text), [])] == [None]


def test_the_speaker_goes_on_through_the_paragraph():
    text = ('"This is an attack on democracy," Ursula von der Leyen told reporters after the summit. '
            '"Those responsible must be held accountable."\n\n"We will respond," an official said.')
    mentions = [mention(text, "Ursula von der Leyen", "ursula-von-der-leyen", "PER")]
    speakers = [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)]
    assert speakers == ["ursula-von-der-leyen", "ursula-von-der-leyen", None]  # not past the paragraph


def test_he_said_is_the_person_the_text_moved_on_to():
    text = ('"It is a total disgrace," Donald Trump wrote on Tuesday. '
            'Speaking to journalists, Cyril Ramaphosa was unapologetic. "Their absence is their loss," he said. '
            '"The world does not stop because one country stays home," he added.')
    mentions = [mention(text, "Donald Trump", "donald-trump", "PER"), mention(text, "Cyril Ramaphosa", "cyril-ramaphosa", "PER")]
    speakers = [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)]
    assert speakers == ["donald-trump", "cyril-ramaphosa", "cyril-ramaphosa"]


def test_a_partial_quote_belongs_to_the_subject_of_its_clause():
    text = ('Antony Blinken said Beijing had chosen to "overreact" to the visit. '
            'Donald Tusk praised Friedrich Merz for what he called "a real change of tone in Berlin." '
            'Merz then spoke with Keir Starmer, who condemned the strike as "barbaric."')
    mentions = [mention(text, "Antony Blinken", "antony-blinken", "PER"), mention(text, "Beijing", "beijing", "LOC"),
                mention(text, "Donald Tusk", "donald-tusk", "PER"), mention(text, "Friedrich Merz", "friedrich-merz", "PER"),
                mention(text, "Merz", "friedrich-merz", "PER", nth=1), mention(text, "Keir Starmer", "keir-starmer", "PER")]
    speakers = [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)]
    assert speakers == ["antony-blinken", "donald-tusk", "keir-starmer"]


def test_a_name_right_after_the_quote_with_its_verb_attributes_it():
    text = 'Merz pledged two systems. "Germany understands what is at stake," Zelensky wrote on Telegram.'
    mentions = [mention(text, "Merz", "friedrich-merz", "PER"), mention(text, "Zelensky", "volodymyr-zelenskyy", "PER")]
    assert [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)] == ["volodymyr-zelenskyy"]


def test_a_pronoun_subject_and_a_name_after_a_conjunction_do_not_take_the_quote():
    text = ('"We intend to write the rules," Mr. Lula said at a joint press statement. '
            'He thanked Narendra Modi for what he called "a brother\'s welcome". '
            'Wang Yi called the trip "a complete farce" and accused Washington of meddling.')
    mentions = [mention(text, "Lula", "luiz-inacio-lula-da-silva", "PER"), mention(text, "Narendra Modi", "narendra-modi", "PER"),
                mention(text, "Wang Yi", "wang-yi", "PER"), mention(text, "Washington", "washington-dc", "LOC")]
    speakers = [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)]
    assert speakers == ["luiz-inacio-lula-da-silva", "luiz-inacio-lula-da-silva", "wang-yi"]
