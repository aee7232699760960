"""The statement layer: what a speaker's words do to another party (tasks/events/stance.py)."""

from depeche.tasks.events import MentionRef, Statement, load_lexicon
from depeche.tasks.events.positions import Mentions
from depeche.tasks.events.stance import stance_acts
from depeche.tasks.settings import Settings


def acts(text: str, quoted: str, speaker: MentionRef, others: list[MentionRef], language: str):
    start = text.index(quoted)
    statement = Statement(start, start + len(quoted), speaker)
    found = stance_acts(text, statement, load_lexicon(Settings().reference_dir), language, Mentions([speaker, *others]))
    return [(code, target.actor_id) for code, _, target in found]


def named(text: str, surface: str, entity_id: str, label: str, country: str | None) -> MentionRef:
    start = text.index(surface)
    return MentionRef(start, start + len(surface), entity_id, label, country)


def test_a_stance_word_makes_a_statement_an_act_toward_the_party_it_names():
    text = "« Cette décision de l'Algérie est inacceptable », a déclaré Jean-Noël Barrot."
    barrot = named(text, "Jean-Noël Barrot", "jean-noel-barrot", "PER", "FRA")
    algeria = named(text, "Algérie", "country-dza", "LOC", "DZA")
    assert acts(text, "Cette décision de l'Algérie est inacceptable", barrot, [algeria], "fr") == [("111", "country-dza")]


def test_a_nationality_adjective_names_the_party_and_the_speakers_side_is_no_party():
    text = '"We are grateful to our Indian friends and to the American people," Lula said.'
    lula = named(text, "Lula", "luiz-inacio-lula-da-silva", "PER", "BRA")
    assert acts(text, "We are grateful to our Indian friends and to the American people", lula, [], "en") == []  # two countries: no single party
    text = '"We are grateful to our Indian friends," Lula said.'
    lula = named(text, "Lula", "luiz-inacio-lula-da-silva", "PER", "BRA")
    assert acts(text, "We are grateful to our Indian friends", lula, [], "en") == [("051", "country-ind")]


def test_negated_stance_and_a_statement_without_a_second_party_code_nothing():
    text = '"This is not unacceptable to Brazil," Lula said. "It is unacceptable," he added.'
    lula = named(text, "Lula", "luiz-inacio-lula-da-silva", "PER", "BRA")
    brazil = named(text, "Brazil", "country-bra", "LOC", "BRA")
    assert acts(text, "This is not unacceptable to Brazil", lula, [brazil], "en") == []
    assert acts(text, "It is unacceptable", lula, [brazil], "en") == []


def test_a_short_quote_that_names_nobody_is_about_the_party_its_reporting_clause_names():
    text = 'Keir Starmer condemned the Russian strike on Kyiv as "barbaric and unacceptable".'
    starmer = named(text, "Keir Starmer", "keir-starmer", "PER", "GBR")
    kyiv = named(text, "Kyiv", "kyiv", "LOC", "UKR")
    quoted = "barbaric and unacceptable"
    start = text.index(quoted)
    found = stance_acts(text, Statement(start, start + len(quoted), starmer), load_lexicon(Settings().reference_dir), "en",
                        Mentions([starmer, kyiv]), sentence_start=0)
    assert [(code, target.actor_id) for code, _, target in found] == [("111", "country-rus")]  # « on Kyiv »: a place, not the party
