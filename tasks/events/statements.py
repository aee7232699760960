"""What was said and by whom (quotations, « que » clauses, inverted attributions), and what a
speaker's words do to the other side of a relation."""

from __future__ import annotations

import re

from depeche.tasks.segment import Sentence
from depeche.tasks.events.discourse import after_place_word, COORDINATION_GAP, OBLIQUE_BEFORE_NAME, previous_actor
from depeche.tasks.events.modality import negated
from depeche.tasks.events.phrases import country_ref
from depeche.tasks.events.positions import Mentions
from depeche.tasks.events.records import EventRow, MentionRef, QuoteRow, Roles, Statement
from depeche.tasks.events.words import RELATION_NOUNS, SPEECH_PARTICIPLES, SPEECH_PRESENT


# « X a assuré à Y que … », « X estime que … »: the clause after « que » is what X said.
REPORTED_THAT = re.compile(
    rf"\b(?:(?:a|ont|avait|avaient|aurait|auraient)\s+(?:\w+\s+){{0,2}}?{SPEECH_PARTICIPLES}|{SPEECH_PRESENT})"
    r"(?:\s+(?:à|au|aux)\s+[^,.;:«»\"“”]{1,60}?)?\s*,?\s+qu(?:e\b|['’])"
    r"|\b(?:said|says|stated|added|warned|stressed|told\s+[^,.;:]{1,40}?)\s+that\b",
    re.IGNORECASE,
)
# « …, a déclaré le dirigeant chinois », « …, indique le communiqué »: the clause before is what was said.
INVERTED_ATTRIBUTION = re.compile(
    rf",\s*(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+)?{SPEECH_PARTICIPLES}|{SPEECH_PRESENT})\b|,\s*(?:said|says|told)\b",
    re.IGNORECASE,
)
INVERTED_PRONOUN = re.compile(r"[,»”\"]\s*(?:a|avait|ont|avaient)[- ]t[- ](?:il|elle|ils|elles)\b", re.IGNORECASE)
INVERTED_SPEAKER_REACH = 40  # characters between an inverted speech verb and its speaker (« , a déclaré, lors de cette rencontre, X »)
GOVERNING_NOUN_BEFORE = re.compile(
    r"\b(?:gouvernements?|autorités|dirigeants?|ministères?|diplomatie|présidence|armée|junte|régime|porte-parole)\b[^,.;:«»]{0,40}?"
    r"\b(?:de|du|des|d['’])\s*(?:la\s+|l['’])?$",
    re.IGNORECASE,
)
PRONOUN_SUBJECT_BEFORE = re.compile(r"\b(?:il|elle|he|she)\s*$", re.IGNORECASE)


def voiced_roles(tokens: list, statement: Statement | None, partners, events, countries, mentions) -> Roles | None:
    """Roles of a pattern that only a speaker's words carry (« la coopération entre la Chine et la
    Russie a une grande importance », a déclaré X): X praises the relation's other side."""
    if statement is None or any(negated(t) for t in tokens if t.pos_ in ("VERB", "AUX")):
        return None
    other = other_side(statement.speaker, statement.start, statement.end, partners, events, countries, mentions)
    return Roles([statement.speaker], [other], None, False, tokens[0], spoken=True) if other else None


def in_speakers_voice(roles: Roles, statement: Statement, partners, events, countries, mentions) -> Roles:
    """What the speaker's own side will or should do, said by the speaker, is the speaker's intent
    toward the other side. People keep their own acts (« Poutine se rendra en Chine, a annoncé le
    Kremlin » is Putin's intent)."""
    speaker = statement.speaker
    if speaker.country_id is None or not any(m.label != "PER" and m.country_id == speaker.country_id for m in roles.sources):
        return roles
    others = [m for m in roles.sources + roles.targets if m.country_id != speaker.country_id and m.actor_id != speaker.actor_id]
    if not others:
        other = other_side(speaker, statement.start, statement.end, partners, events, countries, mentions)
        others = [other] if other else []
    return Roles([speaker], others[:1], roles.place, roles.intent, roles.anchor, spoken=True)


def other_side(source: MentionRef, start: int, end: int, partners, events: list[EventRow], countries: dict, mentions: Mentions) -> MentionRef | None:
    """The other party of a relation the source speaks of: the one other country the passage
    names, or the other side of a compound adjective the source is on (« russo-chinoise »), else
    the country of the source's latest counterpart in the document (« nos relations », said at a
    meeting told before). A source outside a relation that the passage names between two others
    (« Modi a salué le partenariat russo-chinois ») has none."""
    named = list(dict.fromkeys(m.country_id for m in mentions.starting(start, end) if m.start < end and m.can_act and m.country_id))
    others = [c for c in named if c != source.country_id]
    if source.country_id in partners:
        others = others or [c for c in partners if c != source.country_id]
    elif partners:
        return None
    if len(others) == 1 or others and source.country_id in named:
        return country_ref(others[0], source.start)
    if others:
        return None
    for event in reversed(events):
        if source.actor_id in (event.actor1_id, event.actor2_id):
            counterpart = event.actor2_id if event.actor1_id == source.actor_id else event.actor1_id
            country = countries.get(counterpart) or (counterpart if counterpart and counterpart.startswith("country-") else None)
            if country and country != source.country_id:
                return country_ref(country, source.start)
    return None


def about_relation(tokens: list) -> bool:
    """Whether a trigger's object is a relation (« saluer la coopération »)."""
    return any(c.dep_ == "obj" and c.lemma_.lower() in RELATION_NOUNS for t in tokens for c in t.children)


def find_statements(text: str, sentences: list[Sentence], mentions: list[MentionRef], quotes: list[QuoteRow]) -> list[Statement]:
    """What was said and by whom: quotations with a speaker, « que » clauses after a speech verb
    (« Wang a assuré à Lavrov que … », « Il a noté que … ») and clauses before an inverted
    attribution (« …, a déclaré le dirigeant chinois »)."""
    mentions = Mentions(mentions)
    speakers = Mentions(sorted((m for m in mentions if m.can_act and not after_place_word(text, m.start)), key=lambda m: m.start))
    statements = []
    for quote in quotes:
        speaker = speakers.nearest(quote.speaker_id, quote.start_char)  # the speaker's own mention, for its country
        if speaker is not None:
            statements.append(Statement(quote.start_char, quote.end_char, speaker))
    for start, end, _ in sentences:
        for match in REPORTED_THAT.finditer(text, start, end):
            speaker = clause_speaker(text, start, match.start(), speakers, mentions)
            if speaker is not None:
                statements.append(Statement(match.end(), end, speaker))
        for match in INVERTED_ATTRIBUTION.finditer(text, start, end):
            speaker = next((m for m in speakers.starting(match.end(), match.end() + INVERTED_SPEAKER_REACH) if m.end <= end), None)
            if speaker is not None:
                statements.append(Statement(start, match.start(), speaker))
        for match in INVERTED_PRONOUN.finditer(text, start, end):  # « La France soutiendra ce plan, a-t-il ajouté »
            speaker = previous_actor(text, start, mentions)
            if speaker is not None and speaker.label == "PER":
                statements.append(Statement(start, match.start(), speaker))
    return statements


def clause_speaker(text: str, sentence_start: int, verb_start: int, speakers: Mentions, mentions: Mentions) -> MentionRef | None:
    """The subject of a speech verb: « il » the previous sentence's actor, else the nearest name
    before the verb that no preposition introduces."""
    if PRONOUN_SUBJECT_BEFORE.search(text[sentence_start:verb_start]):
        return previous_actor(text, sentence_start, mentions)
    return subject_before(text, [m for m in speakers.starting(sentence_start, verb_start) if m.end <= verb_start], verb_start)


def governed_subject(text: str, mentions: list[MentionRef]) -> MentionRef | None:
    """« les gouvernements de transition du Mali et du Burkina Faso ont averti que … »: the first
    country after a government noun, when no name stands as the subject itself."""
    return next((m for m in mentions if GOVERNING_NOUN_BEFORE.search(text[max(0, m.start - 60) : m.start])), None)


def subject_before(text: str, mentions: list[MentionRef], verb_start: int | None = None) -> MentionRef | None:
    """The speaker of « X a assuré à Y que … » : the nearest name before the speech verb that no
    preposition introduces, or the first of names joined by « et » (« Pékin et Washington ont qualifié »);
    not a name inside a relative clause closed before the verb (« Bourita, qui s'était entretenu avec
    Albares, a salué … »: Bourita)."""
    eligible = [m for m in mentions if not OBLIQUE_BEFORE_NAME.search(text[max(0, m.start - 16) : m.start])
                and not (verb_start is not None and _in_closed_relative(text, m, verb_start))]
    if not eligible:
        return None
    index = len(eligible) - 1
    while index > 0 and COORDINATION_GAP.fullmatch(text[eligible[index - 1].end : eligible[index].start]):
        index -= 1
    return eligible[index]


_RELATIVE_OPENING = re.compile(r",\s*(?:who|qui|which|lequel|laquelle)\b[^,;.]*$", re.IGNORECASE)
RELATIVE_REACH = 160  # characters back to the « , qui » a name may sit in


def _in_closed_relative(text: str, mention: MentionRef, verb_start: int) -> bool:
    """Whether a name sits in a relative clause that a comma closes before the verb."""
    return bool(_RELATIVE_OPENING.search(text, max(0, mention.start - RELATIVE_REACH), mention.start)) and "," in text[mention.end : verb_start]
