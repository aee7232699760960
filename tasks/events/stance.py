"""The statement layer: what a speaker's words do to another party. An attributed statement (a
quotation, a « que » clause, "X said that …", an inverted attribution) that calls another party's
act « inacceptable » or "reckless", thanks it, appeals to it, rejects its demand or threatens it
is an act of its speaker toward that party (`data/reference/stance_words.csv`). The party is the
first person or country the statement names that is neither the speaker nor on the speaker's
side (else its first other actor), else the one foreign country a nationality adjective names; a statement that names no second party stays
uncoded, and a stance word the statement negates codes nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from depeche.tasks.events.discourse import after_place_word
from depeche.tasks.events.phrases import country_ref

if TYPE_CHECKING:
    from depeche.tasks.events.lexicon import Lexicon
    from depeche.tasks.events.positions import Mentions
    from depeche.tasks.events.records import MentionRef, Statement

NEGATED_BEFORE = re.compile(r"\b(?:pas|plus|jamais|ni|not|never|no|nor|n't|without|sans)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
NEGATION_REACH = 30  # characters before a stance word searched for a negation
ADJECTIVE_WORD = re.compile(r"\w+")
SHORT_QUOTE_WORDS = 8


def stance_acts(text: str, statement: Statement, lexicon: Lexicon, language: str | None, mentions: Mentions,
                sentence_start: int | None = None) -> list[tuple[str, re.Match, MentionRef]]:
    """(CAMEO code, stance match, target) of each code a statement's words carry, once per code.
    A short quotation that names nobody is about whom its reporting clause names, between the
    sentence's start (`sentence_start`) and the quote ("condemned Israel's decision as « illegal »")."""
    acts: dict[str, tuple[str, re.Match, MentionRef]] = {}
    target: MentionRef | None = None
    for stance in lexicon.stances_for(language):
        if stance.code in acts:
            continue
        match = next((m for m in stance.pattern.finditer(text, statement.start, statement.end)
                      if not NEGATED_BEFORE.search(text[max(statement.start, m.start() - NEGATION_REACH) : m.start()])), None)
        if match is None:
            continue
        if target is None:  # the same for every code of the statement: found once, when a stance word asks
            target = stance_target(text, statement, lexicon, mentions)
            if target is None and sentence_start is not None and len(text[statement.start : statement.end].split()) <= SHORT_QUOTE_WORDS:
                target = _reported_party(text, statement, sentence_start, mentions, lexicon)
            if target is None:
                return []
        acts[stance.code] = (stance.code, match, target)
    return list(acts.values())


def stance_target(text: str, statement: Statement, lexicon: Lexicon, mentions: Mentions) -> MentionRef | None:
    """The party a statement is about: its first actor other than the speaker's side, else the
    one foreign country its nationality adjectives name."""
    named = [m for m in mentions.starting(statement.start, statement.end) if m.end <= statement.end and m.can_act and _other_party(statement.speaker, m)]
    # A person or a country first: "a disgrace that the G20 will be held in South Africa" is about
    # South Africa, and a place named as a setting is still the country it names.
    first = next((m for m in named if m.label == "PER" or m.entity_id.startswith("country-")), None)
    first = first or next((m for m in named if not (m.label in ("LOC", "ORG") and after_place_word(text, m.start))), None)
    if first is not None:
        return first
    countries = _nationalities(text, statement.start, statement.end, lexicon, statement.speaker)
    return countries[0] if len({c.entity_id for c in countries}) == 1 else None


def _reported_party(text: str, statement: Statement, sentence_start: int, mentions: Mentions, lexicon: Lexicon) -> MentionRef | None:
    """The party named last before a short quotation in its sentence (a name, else a nationality
    adjective: "the Russian strike"), neither the speaker nor on the speaker's side."""
    speaker = statement.speaker
    named = [m for m in mentions.starting(sentence_start, statement.start) if m.end <= statement.start and m.can_act and _other_party(speaker, m)
             and m.start > speaker.end and not (m.label in ("LOC", "ORG") and after_place_word(text, m.start))]
    if named:
        return named[-1]
    countries = _nationalities(text, max(speaker.end, sentence_start), statement.start, lexicon, speaker)
    return countries[-1] if countries else None


def _other_party(speaker: MentionRef, m: MentionRef) -> bool:
    """Neither the speaker nor on the speaker's side."""
    return m.actor_id != speaker.actor_id and (speaker.country_id is None or m.country_id != speaker.country_id)


def _nationalities(text: str, start: int, end: int, lexicon: Lexicon, speaker: MentionRef) -> list[MentionRef]:
    """The foreign countries the nationality adjectives of text[start:end] name, in order."""
    found = []
    for word in ADJECTIVE_WORD.finditer(text, start, end):
        entity_id = lexicon.origins.get(word.group(0).lower())
        if entity_id and entity_id.startswith("country-") and entity_id not in (speaker.actor_id, speaker.country_id):
            found.append(country_ref(entity_id, word.start()))
    return found
