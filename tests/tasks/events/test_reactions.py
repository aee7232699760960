"""A reaction's other party is whoever performed the act it answers (tasks/events/reactions.py),
and a person never acts on their own country (coder._own_side)."""

from depeche.tasks.events.reactions import act_after
from tests.tasks.events.support import mention, said_events


def _sanctions_then(reaction: str):
    text = f"L’Union européenne a adopté jeudi des sanctions contre la Russie. {reaction}"
    return text, [
        mention(text, "Union européenne", "european-union", "ORG", None, "IGOEUREEC"),
        mention(text, "Russie", "country-rus", "LOC", "RUS", "RUS"),
        mention(text, "Maria Zakharova", "maria-zakharova", "PER", "RUS", "RUSGOV"),
    ]


def test_a_reaction_to_measures_answers_who_took_them(lexicon):
    text, mentions = _sanctions_then("Maria Zakharova a dénoncé ces mesures.")
    assert ("111", "maria-zakharova", "european-union") in said_events(text, mentions, lexicon)


def test_a_reaction_to_no_act_of_another_party_names_nobody(lexicon):
    text, mentions = _sanctions_then("Maria Zakharova a dénoncé la guerre.")
    assert [e for e in said_events(text, mentions, lexicon) if e[0] == "111"] == []


def test_an_act_of_another_kind_is_not_what_the_reaction_answers(lexicon):
    # « ces accusations » answers words (an accusation, a statement), not sanctions
    text, mentions = _sanctions_then("Maria Zakharova a rejeté ces accusations.")
    assert [e for e in said_events(text, mentions, lexicon) if e[0] == "120"] == []


def test_a_person_and_their_own_country_are_one_side(lexicon):
    text, mentions = _sanctions_then("Maria Zakharova a averti que la Russie répondrait.")
    assert [e for e in said_events(text, mentions, lexicon) if "country-rus" in e and "maria-zakharova" in e] == []


def test_an_act_noun_after_an_english_trigger():
    text = "Moscow rejected the allegations as absurd; it also rejected talks."
    assert act_after(text, text.index("rejected") + 8, len(text)) == ("11", "12")
    assert act_after(text, text.rindex("rejected") + 8, len(text)) is None


def test_thanks_to_an_unnamed_host_go_to_the_party_last_met(lexicon):
    text = "Mark Carney a rencontré Claudia Sheinbaum à Mexico. Il a remercié son hôte. Il a salué un texte ambitieux."
    mentions = [
        mention(text, "Mark Carney", "mark-carney", "PER", "CAN", "CANGOV"),
        mention(text, "Claudia Sheinbaum", "claudia-sheinbaum", "PER", "MEX", "MEXGOV"),
        mention(text, "Mexico", "mexico-city", "LOC", "MEX", "MEXGOV"),
    ]
    praise = [e for e in said_events(text, mentions, lexicon) if e[0] == "051"]
    # the thanks have an addressee; praise of a thing has none
    assert ("051", "mark-carney", "claudia-sheinbaum") in praise
    assert ("051", "mark-carney", None) in praise


def test_a_visit_announced_on_an_invitation_is_an_intent_toward_the_inviter(lexicon):
    text = "Joseph Aoun se rendra à Paris en avril, à l’invitation d’Emmanuel Macron."
    mentions = [
        mention(text, "Joseph Aoun", "joseph-aoun", "PER", "LBN", "LBNGOV"),
        mention(text, "Paris", "paris", "LOC", "FRA", "FRAGOV"),
        mention(text, "Emmanuel Macron", "emmanuel-macron", "PER", "FRA", "FRAGOV"),
    ]
    assert ("036", "joseph-aoun", "emmanuel-macron") in said_events(text, mentions, lexicon)


def test_a_criticism_naming_no_party_is_aimed_at_the_one_other_country_of_its_sentence(lexicon):
    text = "Ahmed Attaf a dénoncé une campagne de dénigrement orchestrée depuis la France."
    mentions = [mention(text, "Ahmed Attaf", "ahmed-attaf", "PER", "DZA", "DZAGOV"), mention(text, "France", "country-fra", "LOC", "FRA", "FRA")]
    assert ("111", "ahmed-attaf", "country-fra") in said_events(text, mentions, lexicon)
