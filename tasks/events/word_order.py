"""Roles from word order, for sentences no parser reads (English and other languages without a
spaCy model on the registry): the linked mentions of the trigger's clause, read in order.

English puts the subject before the verb and the object right after it, so « X met Y », "X hosted
Y", "X spoke with Y by phone", "X accused Y of …", "X will travel to Y" and "Y was received by X"
are told apart by what comes before and after the trigger, by the preposition in front of each
name, and by a few closed words: auxiliaries of the future and of planning (an intent), negations,
habitual adverbs, "who" (the name before it), pronouns (the previous sentence's actor) and "the
two leaders" (the two people named most).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from depeche.tasks.events.discourse import COORDINATION_GAP, after_place_word, last_person_before, previous_people
from depeche.tasks.events.lexicon import HOST_CODE, INTENT_CODE, SETTING_ROOTS, VISIT_CODE
from depeche.tasks.events.phrases import country_ref, origin_ref
from depeche.tasks.events.records import Roles
from depeche.tasks.events.words import GROUP_NUMBERS, HABITUAL, HYPOTHETICAL_WORDS

if TYPE_CHECKING:
    from depeche.tasks.events.positions import Mentions
    from depeche.tasks.events.records import MentionRef

# Where a clause begins or ends: strong punctuation, a quotation mark, a conjunction that opens
# another clause, a relative pronoun after a comma.
CLAUSE_BREAK = re.compile(
    r"[;:«»“”\"()—–]|\s-\s|,\s+(?:but|while|whereas|which|who|whom|where|when|after|before|as|although|though|since|and|adding|saying)\b"
    r"|\b(?:but|while|whereas|although|because|after|before|so that)\b",
    re.IGNORECASE,
)
# The preposition (and article) right before a name: what the name is to the clause.
PREPOSITION_BEFORE = re.compile(
    r"\b(with|to|on|against|by|from|in|at|of|for|between|among|about|over|toward|towards|according to|including|and)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PARTNER_WORDS = frozenset({"with", "between", "among"})
ADDRESSEE_WORDS = frozenset({"to", "on", "against"})
PLACE_WORDS = frozenset({"in", "at", "to", "from"})
# Future, planning and purpose right before the trigger: what is announced has not happened yet.
INTENT_BEFORE = re.compile(
    r"\b(?:will|would|shall|'ll|(?:is|are|was|were)\s+(?:set|due|expected|scheduled|slated|poised|going|to)"
    r"|plans?|planned|planning|intends?|intended|hopes?|hoped|wants?|wanted|agreed|offered|promised|invited|invitation|ready|prepared|aims?|seeks?|sought)"
    r"(?:\s+to)?(?:\s+\w+ly)?\s+(?:\w+\s+)?$"
    r"|\bto\s+(?:\w+ly\s+)?$",  # an infinitive ("Modi to visit Brasília", "in order to meet"): not done yet
    re.IGNORECASE,
)
# "X is the first Australian leader to …": a name after a copula says what the subject is
PREDICATE_BEFORE = re.compile(r"\b(?:is|was|are|were|became|becoming|become|remains?|remained)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "the first Australian leader to visit China": an infinitive that tells a fact
FACT_INFINITIVE = re.compile(r"\b(?:first|last|only|second|third|latest)\s+(?:[\w-]+\s+){0,4}to\s+$", re.IGNORECASE)
INTENT_WORDS = re.compile(
    r"\b(?:upcoming|planned|proposed|forthcoming|next|future|expected|scheduled|invitation to)\s+(?:\w+\s+)?$"
    r"|\bto\s+(?:make|pay|hold|attend|host|have)\s+(?:a|an|the|his|her|their)?\s*(?:[\w-]+\s+)?$",  # "invited Xi to make a state visit"
    re.IGNORECASE,
)
# A negation between the subject and the trigger ("did not meet", "has never visited", "refused to").
NEGATION = re.compile(r"\b(?:not|never|n't|no longer|neither|nor|refused to|declined to|failed to|cancel(?:l?ed)?|postponed|called off)\b", re.IGNORECASE)
# What the clause does not report as happening: the content of an accusation or a denial, a rumour.
NOT_ASSERTED = re.compile(r"\b(?:accus\w*|alleg\w*|den(?:y|ies|ied)|rumou?r\w*|whether|if)\b", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
PRONOUN_BEFORE = re.compile(r"\b(he|she|they|we|i)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "the two leaders", "the two (met)": people; not "the two countries", "the two governments"
GROUP_BEFORE = re.compile(r"\b(?:the|both)\s+(two|three|four)\s+(?:(?:\w+\s+)?(?:leaders|presidents|ministers|heads of state|men|women|sides)\b|(?![\w-]+s\b))", re.IGNORECASE)
RELATIVE_WHO = re.compile(r",\s+who\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# What may join the names of one phrase: spaces, a possessive, a hyphen, and lower-case words of a
# title ("United States special envoy Steve Witkoff"; not "Abe invited Xi").
PHRASE_GAP = re.compile(
    r"(?:\s+|['’]s?\s+|\s*-\s*)(?:(?:special|foreign|defen[cs]e|finance|trade|interior|deputy|prime|vice|chief|head|senior|top|envoy|minister"
    r"|secretary|adviser|advisor|spokes(?:man|woman|person)|ambassador|president|premier|leader|counterpart|negotiator|diplomat)\s+){0,3}"
)
OBJECT_PRONOUN = re.compile(r"\s+(?:him|her)\b", re.IGNORECASE)
ROLE_AFTER_ADJECTIVE = re.compile(r"\s+(?:counterpart|president|prime minister|premier|leader|chancellor|host|guest|foreign minister|king|emir|crown prince)\b", re.IGNORECASE)
COLLECTIVE_BEFORE = re.compile(r"\b([A-Z][\w-]+)\s+(?:leaders|government|officials|authorities|ministers|diplomats|forces|troops|military|army|navy|negotiators"
                               r"|[Ee]mbassy|[Mm]inistry|[Ff]oreign [Mm]inistry|[Dd]efen[cs]e [Mm]inistry|mission|delegation|side|administration|regime|junta)\b")
TWO_GOVERNMENTS = re.compile(r"\b(?:the|both)\s+two\s+(?:governments|countries|nations|sides|capitals)\b", re.IGNORECASE)
SENTENCE_PRONOUN = re.compile(r"\s*(?:he|she|they)\b", re.IGNORECASE)
# A trigger used as a noun ("for talks", "during a meeting", "his visit"): the clause's verb is another word.
NOUN_USE = re.compile(r"\b(?:for|in|at|during|after|before|of|a|an|the|his|her|their|its|bilateral)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
WORD = re.compile(r"[\w-]+")
LIST_GAP = re.compile(r",\s*(?:and\s+)?(?:the\s+)?")  # a comma between the names of a list
TRIGGER_PREPOSITION = re.compile(r"\b(?:at|against|on|with|to)$", re.IGNORECASE)  # "lashed out at", "took aim at", "spoke with"
OBJECT_REACH = 60  # characters after the trigger searched for an object no preposition introduces


def word_order_roles(text: str, start: int, end: int, match: re.Match, code: str, actors: Mentions, places: Mentions,
                     previous_actor: MentionRef | None, document_mentions: Mentions, origins: dict) -> Roles | None:
    """Roles of the trigger `match` (of CAMEO `code`) in the sentence text[start:end], from the
    actor and place mentions of the sentence (`actors`, `places`, any order) and the nationality
    adjectives of `origins` (Lexicon.origins)."""
    clause_start, clause_end = _clause(text, start, end, match)
    head = text[clause_start : match.start()]
    if NEGATION.search(head[-60:]) or HABITUAL.search(text[clause_start:clause_end]):
        return None
    if code[:2] != "11" and NOT_ASSERTED.search(head):
        return None
    if any(word in HYPOTHETICAL_WORDS for word in head[-20:].lower().split()):
        return None
    before = [m for m in actors.starting(clause_start, match.start()) if m.end <= match.start()]
    # a name inside the trigger after its first word is its object ("asked Sogavare not to", "ordered Venezuela to refrain")
    first_word_end = match.start() + len(match.group(0).split(" ", 1)[0])
    after = [m for m in actors.starting(first_word_end + 1, clause_end) if m.end <= clause_end]
    passive = bool(PASSIVE_BEFORE.search(head))
    intent = bool(INTENT_BEFORE.search(head[-50:]) or INTENT_WORDS.search(head[-40:])) and not FACT_INFINITIVE.search(head[-80:])
    noun = bool(NOUN_USE.search(head[-30:]))
    collective = _collective_subject(text, start, clause_start, match.start(), origins, document_mentions)
    subjects = _subjects(text, start, clause_start, match.start(), before, previous_actor, document_mentions, noun, collective)
    if len(subjects) == 2 and GROUP_BEFORE.search(head) and not passive:
        # "the two leaders agreed to work together …": what the two do, they do to each other
        return Roles(subjects[:1], subjects[1:], _place(text, clause_start, clause_end, places), intent, clause=(clause_start, clause_end))
    # A noun trigger inside the clause of a verb ("X hosted Y for talks"): the verb's object is its partner.
    partners = [m for m in before if _preposition(text, m) in PARTNER_WORDS or noun and _preposition(text, m) is None]
    objects = partners + _objects(text, match.end(), after, code, bool(TRIGGER_PREPOSITION.search(match.group(0))))
    agents = [m for m in after if _preposition(text, m) == "by"]
    if passive:
        if agents:  # "Y was received by X": X hosts Y
            subjects, objects = agents[:1], subjects + objects
        elif code == HOST_CODE and subjects:
            return Roles(subjects, [], _place(text, clause_start, clause_end, places), intent, as_code=VISIT_CODE, clause=(clause_start, clause_end))
        elif code != INTENT_CODE:
            return None
    if not subjects and after and not passive:
        # "In a phone call with Y on Tuesday, X …": the first name after the trigger's phrase
        subjects = [m for m in after if _preposition(text, m) is None][:1]
        objects = [m for m in objects if m not in subjects]
    if not subjects:
        return None
    objects = [m for m in objects if m.actor_id not in {s.actor_id for s in subjects}]
    if not objects:
        objects = _implied_object(text, match.start(), match.end(), clause_end, subjects, document_mentions, origins)
    return Roles(subjects, _unique(objects), _place(text, clause_start, clause_end, places), intent, clause=(clause_start, clause_end))


def _clause(text: str, start: int, end: int, match: re.Match) -> tuple[int, int]:
    """The stretch of the sentence around the trigger that no clause break cuts."""
    clause_start, clause_end = start, end
    for found in CLAUSE_BREAK.finditer(text, start, end):
        if found.end() <= match.start():
            clause_start = found.end()
        elif found.start() >= match.end():
            clause_end = found.start()
            break
    return clause_start, clause_end


def _preposition(text: str, mention: MentionRef) -> str | None:
    found = PREPOSITION_BEFORE.search(text[max(0, mention.start - 24) : mention.start])
    return found.group(1).lower() if found else None


def _subjects(text: str, sentence_start: int, clause_start: int, trigger_start: int, before: list[MentionRef], previous_actor,
              document_mentions, noun: bool = False, collective: list[MentionRef] = ()) -> list[MentionRef]:
    """Who acts: in the trigger's clause, the last name before a verb that no preposition
    introduces (the first one before a noun trigger, whose clause's subject opens it), with the
    names "and" joins to it; "who" stands for the name before it, a pronoun for the previous
    sentence's actor, "the two leaders" for the two people the sentence (else the article) names
    most; "European leaders", "the two governments" (`collective`) their countries. A clause without
    any ("…, and urged Beijing to …") has the subject of the sentence's first."""
    head = text[clause_start:trigger_start]
    group = GROUP_BEFORE.search(head)
    if group:
        size = GROUP_NUMBERS[group.group(1).lower()]
        named = [m for m in document_mentions.starting(sentence_start, clause_start) if m.label == "PER"]
        if SENTENCE_PRONOUN.match(text, sentence_start) and previous_actor is not None and previous_actor.label == "PER":
            named.insert(0, previous_actor)  # "He said he had raised it with Modi when the two met": he and Modi
        in_sentence = list({m.entity_id: m for m in reversed(named)}.values())[::-1]
        if len(in_sentence) >= size:
            return in_sentence[:size]
        people = previous_people(clause_start, document_mentions)
        if len(people) >= size:
            return sorted((m for m, _ in people[:size]), key=lambda m: m.start)
    free = [m for m in phrase_heads(text, before) if _preposition(text, m) in (None, "and") and not after_place_word(text, m.start)
            and not PREDICATE_BEFORE.search(text[max(0, m.start - 40) : m.start])]
    if free:
        first = 0 if noun else len(free) - 1
        while first > 0 and COORDINATION_GAP.fullmatch(text[free[first - 1].end : free[first].start]):
            first -= 1
        subject = [free[first]]
        for m in free[first + 1 :]:  # "X and Y met": every name "and" joins to the first
            if COORDINATION_GAP.fullmatch(text[subject[-1].end : m.start]):
                subject.append(m)
        pronoun = PRONOUN_BEFORE.search(head)
        if pronoun is None or text.find(pronoun.group(0), clause_start) < subject[0].start:
            return subject
    if PRONOUN_BEFORE.search(head) and previous_actor is not None:
        return [previous_actor]
    if RELATIVE_WHO.search(text[max(0, clause_start - 12) : trigger_start]):
        antecedent = [m for m in document_mentions.starting(clause_start - 200, clause_start) if m.end <= clause_start and m.can_act]
        return antecedent[-1:]
    if collective:
        return list(collective)
    if clause_start > sentence_start:
        main = [m for m in document_mentions.starting(sentence_start, clause_start) if m.end <= clause_start and m.can_act]
        opening = SENTENCE_PRONOUN.match(text, sentence_start)
        if opening and (not main or main[0].start > opening.end()):
            return [previous_actor] if previous_actor is not None else []
        free = [m for m in phrase_heads(text, main) if _preposition(text, m) is None and not after_place_word(text, m.start)]
        return free[:1]
    return []


def _collective_subject(text: str, sentence_start: int, clause_start: int, trigger_start: int, origins: dict, document_mentions) -> list[MentionRef]:
    """"European leaders", "Chinese officials": the country or bloc of the nationality; "the two
    governments": the countries of the sentence's first two actors."""
    head = text[clause_start:trigger_start]
    collective = COLLECTIVE_BEFORE.search(head)
    if collective:
        entity_id = origins.get(collective.group(1).lower())
        if entity_id:
            return [origin_ref(entity_id, clause_start + collective.start(1), clause_start + collective.end(1))]
    governments = TWO_GOVERNMENTS.search(head)
    if governments:
        countries = list(dict.fromkeys(m.country_id for m in document_mentions.starting(sentence_start, clause_start) if m.can_act and m.country_id))
        if len(countries) >= 2:
            return [country_ref(country, clause_start) for country in countries[:2]]
    return []


def _objects(text: str, trigger_end: int, after: list[MentionRef], code: str, ends_with_preposition: bool = False) -> list[MentionRef]:
    """Names after the trigger that are its objects: the first one no preposition introduces
    (and those "and" joins to it), or right after a trigger that ends with its own preposition
    ("lashed out at Berlin"); partners after "with", addressees after "to", "on", "against" (a
    place after "to" is a destination, found by `_place`)."""
    found = []
    for m in phrase_heads(text, after):
        preposition = _preposition(text, m)
        if ends_with_preposition and not found and m.start - trigger_end <= len(" the "):
            found.append(m)
        elif preposition is None and m.start - trigger_end <= OBJECT_REACH and not found:
            found.append(m)
        elif found and (preposition == "and" and COORDINATION_GAP.fullmatch(text[found[-1].end : m.start]) or LIST_GAP.fullmatch(text, found[-1].end, m.start)):
            found.append(m)  # "recalled its ambassadors to Germany, France and Britain"
        elif preposition in PARTNER_WORDS:
            found.append(m)
        elif preposition in ADDRESSEE_WORDS:
            if code[:2] in SETTING_ROOTS and m.label == "LOC":
                continue  # "travelled to China", "invited X to visit Japan": a destination
            found.append(m)
    return found


def phrase_heads(text: str, mentions: list[MentionRef]) -> list[MentionRef]:
    """One mention per run of names that only spaces join ("US President Joe Biden": the country,
    the role and the name are one phrase): the person if the run names one, else its last name.
    Each keeps the position of the run's first mention, where its preposition is."""
    heads: list[MentionRef] = []
    run: list[MentionRef] = []
    for m in sorted(mentions, key=lambda m: m.start) + [None]:
        if run and (m is None or not PHRASE_GAP.fullmatch(text[run[-1].end : m.start])):
            person = next((r for r in reversed(run) if r.label == "PER"), run[-1])
            heads.append(replace(person, start=run[0].start) if person is not run[0] else person)
            run = []
        if m is not None:
            run.append(m)
    return heads


def _implied_object(text: str, trigger_start: int, trigger_end: int, clause_end: int, subjects: list[MentionRef], document_mentions,
                    origins: dict) -> list[MentionRef]:
    """An object no mention names: "him", "her" for the last person named before who is not the
    subject; "six Indian diplomats", "met Egyptian officials", "the South African government" for
    the country of the nationality, also inside the trigger ("summoned the Kenyan ambassador")."""
    if OBJECT_PRONOUN.match(text, trigger_end):
        return last_person_before(document_mentions, trigger_end, {s.actor_id for s in subjects})
    words = list(WORD.finditer(text, trigger_start, min(clause_end, trigger_end + OBJECT_REACH)))[1:]  # the trigger's first word acts
    for k, word in enumerate(words):
        pair = text[word.start() : words[k + 1].end()] if k + 1 < len(words) else ""
        if origins.get(pair.lower()):  # "the South African government"
            word = words[k + 1]
            entity_id = origins[pair.lower()]
        else:
            entity_id = origins.get(word.group(0).lower())
        if entity_id and entity_id.startswith("country-") and entity_id not in {s.actor_id for s in subjects} | {s.country_id for s in subjects}:
            if ROLE_AFTER_ADJECTIVE.match(text, word.end()):
                # "his Brazilian counterpart", "the Chinese premier": the last person of that country named
                named = last_person_before(document_mentions, trigger_end, country_id=entity_id)
                if named:
                    return named
            return [country_ref(entity_id, word.start())]
    return []


def _place(text: str, clause_start: int, clause_end: int, places: Mentions) -> MentionRef | None:
    return next((m for m in places.starting(clause_start, clause_end) if m.end <= clause_end and _preposition(text, m) in PLACE_WORDS), None)


def _unique(mentions: list[MentionRef]) -> list[MentionRef]:
    first: dict[str, MentionRef] = {}
    for m in mentions:
        first.setdefault(m.actor_id, m)
    return list(first.values())
