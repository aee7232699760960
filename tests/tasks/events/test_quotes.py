"""Quotations and who is speaking now (tasks/events/quotes.py)."""

import re

from depeche.tasks.events import find_quotes
from tests.tasks.events.support import mention


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


def test_quote_speakers_from_inverted_verbs_coordination_and_addressees():
    text = (
        "Berlin et Paris ont qualifié les échanges de « francs, directs et utiles ». "
        "Dans ce contexte, l’Europe doit agir, a déclaré le chancelier allemand : « nous ne pouvons plus attendre ». "
        "Olaf Scholz a assuré à Emmanuel Macron que l’Allemagne « tiendrait tous ses engagements »."
    )
    mentions = [
        mention(text, "Berlin", "berlin", "LOC", "DEU", "DEUGOV"),
        mention(text, "Paris", "paris", "LOC", "FRA", "FRAGOV"),
        mention(text, "Europe", "europe", "LOC"),
        mention(text, "chancelier allemand", "olaf-scholz", "PER", "DEU"),
        mention(text, "Olaf Scholz", "olaf-scholz", "PER", "DEU"),
        mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA"),
    ]
    quotes = find_quotes(text, [(0, len(text), 0)], mentions)
    assert [q.speaker_id for q in quotes] == ["berlin", "olaf-scholz", "olaf-scholz"]


def test_short_quotes_count_only_when_someone_is_said_to_have_said_them():
    text = (
        "Les pays du « Sud global » observent. Josep Borrell a dénoncé les « sanctions illégales ». "
        "Narendra Modi et le président brésilien Lula ont déclaré entrer dans une « nouvelle ère »."
    )
    mentions = [
        mention(text, "Josep Borrell", "josep-borrell", "PER", None, "IGOEUREEC"),
        mention(text, "Narendra Modi", "narendra-modi", "PER", "IND", "INDGOV"), mention(text, "Lula", "lula", "PER", "BRA", "BRAGOV"),
    ]
    sentences = [(m.start(), m.end(), n) for n, m in enumerate(re.finditer(r"[^.!?]+[.!?]\s*", text))]
    quotes = find_quotes(text, sentences, mentions)
    assert [(q.text, q.speaker_id) for q in quotes] == [("sanctions illégales", "josep-borrell"), ("nouvelle ère", "narendra-modi")]


def test_quotes_inside_acts_of_speech_belong_to_their_subject():
    text = (
        "Le chancelier allemand a accusé Moscou de mener “une guerre d'agression brutale” contre son voisin, "
        "tout en saluant “le retour du Brésil sur la scène internationale”. "
        "Moussa Faki a critiqué le Conseil de sécurité, « incapable de faire taire les armes ». "
        "Il a ajouté que l’Afrique devait « parler d’une seule voix »."
    )
    mentions = [
        mention(text, "chancelier allemand", "olaf-scholz", "PER", "DEU"), mention(text, "Moscou", "moscow", "LOC", "RUS", "RUSGOV"),
        mention(text, "Brésil", "country-bra", "LOC", "BRA", "BRA"), mention(text, "Moussa Faki", "moussa-faki", "PER"),
        mention(text, "Conseil de sécurité", "united-nations-security-council", "ORG"),
    ]
    sentences = [(m.start(), m.end(), n) for n, m in enumerate(re.finditer(r"[^.!?]+[.!?]\s*", text))]
    assert [q.speaker_id for q in find_quotes(text, sentences, mentions)] == ["olaf-scholz", "olaf-scholz", "moussa-faki", "moussa-faki"]


def test_quote_speakers_named_by_selon_lui_pour_x_and_a_government_noun():
    text = (
        "Justin Trudeau a parlé longtemps. Selon lui, l’Inde a commis « une erreur fondamentale ». "
        "Pour Giorgia Meloni, il s’agit d’« une étape importante ». "
        "Les gouvernements de transition du Mali et du Burkina Faso ont averti que ce serait « une déclaration de guerre »."
    )
    mentions = [
        mention(text, "Justin Trudeau", "justin-trudeau", "PER", "CAN", "CANGOV"), mention(text, "Inde", "country-ind", "LOC", "IND", "IND"),
        mention(text, "Giorgia Meloni", "giorgia-meloni", "PER", "ITA", "ITAGOV"), mention(text, "Mali", "country-mli", "LOC", "MLI", "MLI"),
        mention(text, "Burkina Faso", "country-bfa", "LOC", "BFA", "BFA"),
    ]
    sentences = [(m.start(), m.end(), n) for n, m in enumerate(re.finditer(r"[^.!?]+[.!?]\s*", text))]
    assert [q.speaker_id for q in find_quotes(text, sentences, mentions)] == ["justin-trudeau", "giorgia-meloni", "country-mli"]


def test_a_partial_quote_after_the_verb_of_a_subject_and_its_object_is_the_subject_s():
    text = 'Shehbaz Sharif thanked Mohammed bin Salman for his hospitality and praised the Kingdom as "the closest friend Pakistan has ever had."'
    mentions = [mention(text, "Shehbaz Sharif", "shehbaz-sharif", "PER", "PAK"), mention(text, "Mohammed bin Salman", "mohammed-bin-salman", "PER", "SAU")]
    assert [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)] == ["shehbaz-sharif"]


def test_a_name_inside_a_relative_clause_closed_before_the_verb_is_not_the_speaker():
    text = "Nasser Bourita, qui s'était entretenu avec José Manuel Albares, a salué le « courage politique » du chef de l'exécutif espagnol."
    mentions = [mention(text, "Nasser Bourita", "nasser-bourita", "PER", "MAR"), mention(text, "José Manuel Albares", "jose-manuel-albares", "PER", "ESP")]
    assert [q.speaker_id for q in find_quotes(text, sentences_of(text), mentions)] == ["nasser-bourita"]
