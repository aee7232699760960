"""Who did it, to whom and where, from one trigger: a verb's subjects, objects and complements, or a
trigger noun's own dependents; word order only where the parse left a clause without them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from depeche.tasks.events.discourse import after_place_word, COORDINATION_GAP, group_size, last_person_before, OBLIQUE_BEFORE_NAME, people_first
from depeche.tasks.events.lexicon import DIPLOMATIC_ROOT, HOST_CODE, INTENT_CODE, MEETING_ROOTS, SETTING_ROOTS, VISIT_CODE
from depeche.tasks.events.modality import is_intent, misread_verb, negated, noun_is_intended
from depeche.tasks.events.phrases import actors_or_origin, agentive_noun_roles, case_words, clause_of, country_ref, definite, detached_complement, origin_of, phrase_actors, same_clause_tokens, stray_conjunct
from depeche.tasks.events.records import MentionRef, Roles
from depeche.tasks.events.words import DECISION_VERBS, REFLEXIVE_PRONOUNS, LATEST_REFERENTS, CIRCUMSTANCE_NOUNS, OBJECT_PRONOUNS, ADDRESSEE_CASES, AGAINST_CASES, AGENT_CASES, COMPLEMENTIZERS, DATIVE_CASES, FIRST_PERSON, ON_CASES, OWNER_CASES, PARTNER_CASES, PERSONAL_PRONOUNS, PLACE_CASES, RELATION_NOUNS, RELATIVE_OBJECTS, RELATIVE_PRONOUNS, SOURCE_CASES

if TYPE_CHECKING:
    from depeche.tasks.events.sentence import ParsedSentence


SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
MEASURE_ROOT = "16"  # reduce relations, impose sanctions
PRONOUN_CLAUSE_DEPS = frozenset({"advcl", "acl:relcl", "ccomp", "conj", "xcomp"})  # a clause whose « il » is the main clause's subject
# Dependencies through which an infinitive, participle or gerund takes the subject of the clause it
# hangs from (« a accepté une invitation à se rendre », « en accueillant », « prévoit de tenir »).
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "acl", "obj", "obl", "obl:arg", "obl:mod", "nmod", "conj", "ccomp"})
# A circumstance noun (« lors d'un sommet », « par téléphone », « après un entretien ») is told with its clause.
CIRCUMSTANCE_DEPS = frozenset({"obl", "obl:mod", "obl:arg", "advcl", "nmod"})
MAX_ACTORS_PER_TRIGGER = 4
OBJECT_REACH = 6  # words after a verb searched for its object when the parse gives none
CLOSING_QUOTE_BEFORE = re.compile(r"[»\"”]\s*,?\s*$")




def trigger_roles(sentence: ParsedSentence, tokens: list, code: str) -> Roles | None:
    """Actors and place of one trigger: a verb's subject and objects, or a trigger noun's own
    dependents (« la visite de X à Y », « entretiens avec Y », « l'invasion de X par Y »)."""
    verb = next((t for t in tokens if t.pos_ == "VERB" or misread_verb(t)), None)
    if verb is None:
        verb = next((t.head for t in tokens if t.pos_ == "AUX" and t.head.pos_ == "VERB"), None)
    if verb is not None:
        if negated(verb):
            return None
        nominal = agentive_noun_roles(sentence, verb) if verb.dep_ == "acl" else None
        roles, anchor = nominal or _clause_roles(sentence, verb, code), verb
    else:
        anchor = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
        if anchor is None:
            anchor = next((t.head for t in tokens if t.pos_ == "ADJ" and t.head.pos_ == "NOUN"), None)
        roles = _noun_roles(sentence, anchor, code) if anchor is not None else None
    if roles is not None:
        roles.anchor = anchor
    return roles


def _noun_roles(sentence: ParsedSentence, noun, code: str) -> Roles | None:
    if any(c.dep_ in SUBJECT_DEPS for c in noun.children):
        return _clause_roles(sentence, noun, code)  # « X est en visite à Y »: the noun is the predicate
    agentive = agentive_noun_roles(sentence, noun)
    if agentive is not None:
        return agentive
    decided = _decided_measure(sentence, noun, code)
    if decided is not None:
        return decided
    owners, partners, place = [], [], None
    possessive = False
    last = owners  # the complement a stray name after it belongs to
    for child in noun.children:
        cases = case_words(child)
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            possessive = True
        elif cases & (PARTNER_CASES | AGAINST_CASES):  # « entretiens avec Y », « sanctions contre l'Iran »
            partners += phrase_actors(sentence, child)
            last = partners
        elif cases & OWNER_CASES and child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
            owners += phrase_actors(sentence, child)
            last = owners
        elif cases & PLACE_CASES:
            place = place or sentence.place_at(child)
        elif child.dep_ in ("appos", "nmod", "flat:name", "compound") and not cases or stray_conjunct(child):
            # « les pourparlers Sullivan-Wang »; « discussions avec son homologue chinois Wang Yi » parsed apart
            last.extend(phrase_actors(sentence, child))
    if not partners and not owners:
        # « les pourparlers engagés sous l'égide de l'Angola entre Kinshasa et Kigali »: on the noun's participle
        partners = [m for c in noun.children if c.dep_ == "acl" for g in c.children if case_words(g) & PARTNER_CASES for m in phrase_actors(sentence, g)]
    if not partners and not owners:
        detached = detached_complement(noun, PARTNER_CASES)  # « des pourparlers à Genève entre X et Y » parsed apart
        partners = phrase_actors(sentence, detached) if detached is not None else []
    partners = [m for i, m in enumerate(partners) if m.actor_id not in {p.actor_id for p in partners[:i]}]  # one name reached twice
    if len(partners) > 1 and not owners:
        owners, partners = partners[:1], partners[1:]  # « négociations entre X et Y »
    origin = origin_of(sentence, noun) if not owners else None
    if origin is not None:
        owners, partners = [origin], partners or _affected(sentence, noun, origin, place)
    intent = noun_is_intended(noun)
    circumstance = not definite(noun) and (
        noun.dep_ in CIRCUMSTANCE_DEPS and any(c.dep_ == "case" for c in noun.children) or noun.dep_ == "obj"
    )
    clause = clause_of(noun)
    if not owners and (possessive or partners or circumstance) and clause is not None and noun.dep_ not in SUBJECT_DEPS:
        clause_roles = _clause_roles(sentence, clause, code)
        if clause_roles is not None:
            owners = clause_roles.sources
            partners = partners or (clause_roles.targets if circumstance else [])
            place = place or clause_roles.place
            intent = intent or (circumstance and clause_roles.intent)
    place = place or _place_of(sentence, noun)
    if place is None and clause is not None:
        place = _place_of(sentence, clause)
    if not owners:
        return None  # « cette visite », « les discussions »: an event told before, or nobody's
    return Roles(owners, [p for p in partners if p.actor_id not in {o.actor_id for o in owners}], place, intent)


def _decided_measure(sentence: ParsedSentence, noun, code: str) -> Roles | None:
    """« Paris a annoncé l'expulsion de douze diplomates algériens », « Bamako a ordonné le rappel
    de son ambassadeur à Alger »: a measure (16) that a verb of decision takes as object is the
    decider's, and falls on whom its « de » complement names (by name or nationality), else on
    the country of its place."""
    clause = noun.head if noun.dep_ == "obj" else None
    if code[:2] != MEASURE_ROOT or clause is None or clause.lemma_.lower() not in DECISION_VERBS:
        return None
    decider = _clause_roles(sentence, clause, code)
    if decider is None or not decider.sources:
        return None
    targets = [m for c in noun.children if case_words(c) & (OWNER_CASES | AGAINST_CASES | ON_CASES) for m in actors_or_origin(sentence, c)]
    place = next((p for c in noun.children for t in c.subtree if (p := sentence.place_at(t))), None) or decider.place
    if not targets and place is not None and place.country_id:
        targets = [country_ref(place.country_id, place.start)]
    own = {m.actor_id for m in decider.sources} | {m.country_id for m in decider.sources}
    return Roles(decider.sources, [m for m in targets if m.actor_id not in own], place, decider.intent)


def _affected(sentence: ParsedSentence, noun, origin: MentionRef, place: MentionRef | None) -> list[MentionRef]:
    """Whom an act named by its origin (« les sanctions occidentales ») falls on: « contre X » or
    « sur X » on the noun, else the country of its place (« des frappes russes à Kharkiv »), else
    the subject of its clause when that is another party (« Moscou contourne les sanctions
    occidentales »)."""
    for child in noun.children:
        if case_words(child) & (AGAINST_CASES | ON_CASES):
            found = [m for m in actors_or_origin(sentence, child) if m.actor_id != origin.actor_id]
            struck = sentence.place_at(child)  # « sur Kharkiv »: the city's country
            if not found and struck is not None and struck.country_id and struck.country_id != origin.country_id:
                found = [country_ref(struck.country_id, struck.start)]
            if found:
                return found
    if place is not None and place.country_id and place.country_id != origin.country_id:
        return [country_ref(place.country_id, place.start)]
    clause = clause_of(noun)
    if clause is None:
        return []
    if noun.dep_ in SUBJECT_DEPS:  # « une frappe russe a touché le port d'Odessa »: what it struck
        struck = [p for c in clause.children if c.dep_ == "obj" for t in same_clause_tokens(c) if (p := sentence.place_at(t))]
        return [country_ref(struck[0].country_id, struck[0].start)] if struck and struck[0].country_id not in (None, origin.country_id) else []
    top = noun
    while top.head != clause and top.dep_ == "nmod" and top.head != top:
        top = top.head
    if top.head != clause or top.dep_ != "obj":
        return []  # « depuis le début de l'invasion russe, la Turquie … »: the clause's subject is not its target
    subjects, _ = _subjects(sentence, clause)
    return [m for m in subjects if m.actor_id != origin.actor_id and (origin.country_id is None or m.country_id != origin.country_id)][:1]


def _clause_roles(sentence: ParsedSentence, verb, code: str) -> Roles | None:
    subjects, passive = _subjects(sentence, verb)
    agents, objects = [], []
    for child in verb.children:
        cases = case_words(child)
        if (child.dep_ == "obl:agent" or cases & AGENT_CASES) and (passive or _bare_participle(verb)):
            agents += phrase_actors(sentence, child)
        elif child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and cases & PLACE_CASES and sentence.place_at(child):
            objects += _addressed_country(sentence, child, code)  # else the setting, found by _place_of
            # « a accueilli à Camp David, la résidence …, le Premier ministre japonais X et … » coordinated with the place
            objects += [m for c in child.children if c.dep_ == "conj" for m in phrase_actors(sentence, c) if m.label == "PER"]
        elif child.dep_ == "obj" and child.lower_ in RELATIVE_OBJECTS and verb.dep_ == "acl:relcl":
            objects += phrase_actors(sentence, verb.head, skip=verb)  # « Joe Biden, qu'il doit rencontrer »
        elif code[:2] in SETTING_ROOTS and cases & DATIVE_CASES and child.lemma_.lower() in CIRCUMSTANCE_NOUNS:
            continue  # « se rendra à Paris, à l'invitation de X »: a circumstance of the visit, not whom it is paid to
        elif cases & ADDRESSEE_CASES or cases & PARTNER_CASES and (code[:2] in MEETING_ROOTS or "entre" not in cases) or child.dep_ in ("obj", "iobj") or (child.dep_ == "obl:arg" and not cases):
            objects += phrase_actors(sentence, child)
            objects += _object_partners(sentence, child, code)
        elif stray_conjunct(child):
            objects += phrase_actors(sentence, child)
        elif child.dep_ == "conj" and child.pos_ == "NOUN":  # « renforcer le partenariat et la coopération avec X »
            objects += _object_partners(sentence, child, code)
    if not objects and code[:2] not in SETTING_ROOTS:
        # « a accusé les services de sécurité éthiopiens », « une fin de non-recevoir à la demande allemande »
        objects = [o for c in verb.children if c.dep_ in ("obj", "iobj", "obl:arg") or case_words(c) & ADDRESSEE_CASES if (o := origin_of(sentence, c))][:1]
    if passive and not agents:
        # « accueilli en grande pompe par le roi Charles III »: the agent the parser hung on a circumstance
        agents = [m for c in verb.children if c.dep_ in ("obl", "obl:mod", "obl:arg") for g in c.children
                  if g.dep_ == "nmod" and case_words(g) & AGENT_CASES for m in phrase_actors(sentence, g)]
    if agents:  # « X a été reçu par Y »: Y hosts X
        subjects, objects = agents, subjects + objects
    elif passive and code == HOST_CODE:
        # « X a été reçu au palais de Carthage »: the host is not named, but X visited the place's country
        place = _place_of(sentence, verb)
        if place is None or not subjects:
            return None
        return Roles(subjects, [], place, is_intent(verb), as_code=VISIT_CODE)
    elif passive and code != INTENT_CODE:
        return None  # « X a été critiqué »: whoever acted is not named here (« X est attendu »: X will come)
    objects = [m for m in objects if m.actor_id not in {s.actor_id for s in subjects}]
    if not objects and subjects and code[:2] in MEETING_ROOTS:
        # « a rencontré Lula, le président brésilien, … » with « Lula » misparsed: the first actor
        # after the verb in its clause that no preposition (other than « avec ») introduces.
        sourced = {t.i for c in verb.children if case_words(c) & SOURCE_CASES for t in c.subtree}  # « selon l'agence Irna »
        after = sorted((t for t in same_clause_tokens(verb) if t.i > verb.i and t.i not in sourced), key=lambda t: t.i)
        objects = next((
            [m] for t in after
            if (m := sentence.actor_at(t)) is not None and m.actor_id not in {s.actor_id for s in subjects}
            and not OBLIQUE_BEFORE_NAME.search(sentence.text[max(0, m.start - 16) : m.start])
        ), [])
    if not objects and subjects:
        objects = _object_by_position(sentence, verb, subjects)
    if not objects and subjects:
        objects = _pronoun_object(sentence, verb, subjects)
    place = _place_of(sentence, verb)
    if place is None and (code[:2] in MEETING_ROOTS or code == INTENT_CODE):
        # « a rencontré Lavrov, le ministre russe …, ce mercredi à Moscou »: the setting hangs deep in the clause
        place = next((
            p for t in sorted(same_clause_tokens(verb), key=lambda t: t.i)
            if (p := sentence.place_at(t)) is not None and after_place_word(sentence.text, p.start)
        ), None)
    return Roles(subjects, objects, place, is_intent(verb))


def _subjects(sentence: ParsedSentence, verb) -> tuple[list[MentionRef], bool]:
    """The subjects of a verb, and whether it is passive. Without a subject of its own, a verb
    takes the subject of the clause it hangs from; « qui » stands for the noun it follows, « il »
    for the subject of the previous sentence."""
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) or (
        # « a été reçu » (the participle « été »), not « s'étant rendus »
        "Part" in verb.morph.get("VerbForm") and any(c.lemma_ == "être" and "Past" in c.morph.get("Tense") and "Part" in c.morph.get("VerbForm") for c in verb.children)
    )
    # « s'était rendue », « se sont entretenus »: a pronominal verb, whatever the parser says of its subject
    passive = passive and not any(c.lower_ in REFLEXIVE_PRONOUNS and c.i < verb.i for c in verb.children)
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and current.dep_ == "acl:relcl":
            antecedent = phrase_actors(sentence, current.head, skip=current)
            if antecedent:
                return antecedent, passive
            current = current.head  # « une visite … qui comprenait des entretiens »: the visitor's clause
            continue
        if not subjects and current.dep_ == "ccomp" and case_words(current) & COMPLEMENTIZERS:
            break  # « a noté que la Russie et la Chine coordonneraient »: the clause's subject, misparsed, is before it
        group = group_size(subjects[0]) if subjects else 0
        people = sentence.previous_people if group else []
        if group and len(people) >= group and (len(people) == group or people[group - 1][1] > people[group][1]):
            # « les deux dirigeants se sont entretenus »: the two people most named so far, if no tie says otherwise
            return sorted((m for m, _ in people[:group]), key=lambda m: m.start), passive
        if subjects and subjects[0].lower_ in FIRST_PERSON and sentence.speaker is not None:
            return [sentence.speaker], passive  # « « Nous apprécions … », a déclaré X »
        if subjects and subjects[0].lower_ in LATEST_REFERENTS:
            # « Celle-ci s'était rendue à Tunis », « ce dernier a reçu »: the person named last
            return last_person_before(sentence.document_mentions, sentence.offset + subjects[0].idx), passive
        if subjects and subjects[0].lower_ in PERSONAL_PRONOUNS:
            if current.dep_ in PRONOUN_CLAUSE_DEPS and current.head != current:
                governing, _ = _subjects(sentence, current.head)  # « X s'est rendu à Y, où il a été reçu »: X
                if governing:
                    return governing, passive
            return ([sentence.previous_actor] if sentence.previous_actor else []), passive
        if subjects:
            found = [m for subject in subjects for m in phrase_actors(sentence, subject)]
            if not found and current.dep_ == "ccomp" and any(s.lemma_.lower() in RELATION_NOUNS for s in subjects):
                current = current.head  # « X a affirmé que les relations … continueraient »: X speaks for the relation
                continue
            if found or any(s.pos_ == "NOUN" for s in subjects):
                return people_first(found + _coordinated_before(sentence, found)), passive
            break  # a subject the parse took from a quotation or a misread name: look by position
        absolute = _absolute_subject(current)
        if absolute is not None:
            return phrase_actors(sentence, absolute), passive
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head == current:
            break
        current = current.head
    return _subject_by_position(sentence, verb), passive


def _object_by_position(sentence: ParsedSentence, verb, subjects: list[MentionRef]) -> list[MentionRef]:
    """« a accusé Moscou de mener … » with « Moscou » misparsed: the first actor within a few words
    after the verb, before another verb or a stop, that no preposition introduces."""
    for token in verb.doc[verb.i + 1 : verb.i + 1 + OBJECT_REACH]:
        if token.pos_ == "VERB" or token.text in (";", ":", "«", "»", "(", ")", ".", "?", "!"):
            break
        found = sentence.actor_at(token)
        if found is not None and found.actor_id not in {s.actor_id for s in subjects}:
            return [] if OBLIQUE_BEFORE_NAME.search(sentence.text[max(0, found.start - 16) : found.start]) else [found]
    return []


def _pronoun_object(sentence: ParsedSentence, verb, subjects: list[MentionRef]) -> list[MentionRef]:
    """« l'a reçu », « s'est entretenu avec lui »: the last person named before the sentence who is
    not the subject."""
    pronouns = [c for c in verb.children if c.pos_ == "PRON" and (c.dep_ in ("obj", "iobj") or c.dep_.startswith("obl")) and c.lower_ in OBJECT_PRONOUNS]
    if not pronouns:
        return []
    return last_person_before(sentence.document_mentions, sentence.offset, {s.actor_id for s in subjects})


def _bare_participle(verb) -> bool:
    """« Wang Yi, reçu par Poutine »: a participle without auxiliary or reflexive pronoun is
    passive; « s'était entretenu par téléphone » is not (« par » is the means)."""
    return "Part" in verb.morph.get("VerbForm") and not any(
        c.dep_ in ("aux", "aux:tense", "expl:comp", "expl:pv", "expl:pass") for c in verb.children
    )


def _subject_by_position(sentence: ParsedSentence, verb) -> list[MentionRef]:
    """When the parse gives no subject: in an incise after a quotation (« », a déclaré Lavrov »)
    the person right after the verb, else the last actor before the verb that no preposition
    introduces."""
    position = sentence.offset + verb.idx + len(verb)
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i], key=lambda t: t.i)
    if CLOSING_QUOTE_BEFORE.search(sentence.text[max(0, sentence.offset + first.idx - 6) : sentence.offset + first.idx]):
        after = next((m for m in sentence.actors.starting(position, position + 2) if m.label == "PER"), None)
        if after is not None:
            return [after]
    verb_start = sentence.offset + verb.idx
    subject = sentence.unintroduced_people.last_ending_by(verb_start) or sentence.unintroduced.last_ending_by(verb_start)
    if subject is None:
        return []
    return [subject] + _coordinated_before(sentence, [subject])


def _coordinated_before(sentence: ParsedSentence, found: list[MentionRef]) -> list[MentionRef]:
    """« Xi et Poutine se sont rencontrés » with « Xi » left out of the parse: a name joined by
    « et » to the first subject (not a comma: « Selon X, Y a dit »)."""
    if not found:
        return []
    first = min(found, key=lambda m: m.start)
    earlier = sentence.actors.last_ending_by(first.start)
    if earlier is not None and COORDINATION_GAP.fullmatch(sentence.text[earlier.end : first.start]):
        return [earlier]
    return []


def _absolute_subject(verb):
    """« les dirigeants de la France … s'étant rendus à Pékin »: the noun phrase right before a
    participle clause that has no subject of its own."""
    if "Part" not in verb.morph.get("VerbForm") or verb.dep_ != "advcl":
        return None
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "expl:comp", "expl:pv") and c.i < verb.i], key=lambda t: t.i)
    if first.i == 0:
        return None
    token = verb.doc[first.i - 1]
    while token.dep_ not in ("appos", "nsubj") and token.head != token and token.head.i < verb.i and token.head.right_edge.i == first.i - 1:
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _object_partners(sentence: ParsedSentence, obj, code: str) -> list[MentionRef]:
    """« a signé un accord avec l'Inde », « renforcer la coopération avec Moscou », « des
    sanctions à la Russie »: the partner or target named on the object."""
    found = []
    for child in obj.children:
        if case_words(child) & (PARTNER_CASES | AGAINST_CASES):
            found += actors_or_origin(sentence, child)
        else:
            found += _addressed_country(sentence, child, code)
    return found


def _addressed_country(sentence: ParsedSentence, complement, code: str) -> list[MentionRef]:
    """« à la Russie » after an act that is not a meeting or visit: the country addressed, not a
    setting (« à Madrid », a city, stays a place)."""
    named = sentence.place_at(complement)
    if code[:2] in SETTING_ROOTS or not case_words(complement) & DATIVE_CASES or named is None:
        return []
    if named.entity_id.startswith("country-") or code[:2] == DIPLOMATIC_ROOT and named.actor_code:
        return [named]  # « a rappelé son ambassadeur à Paris »: the government the act is aimed at
    return []


def _place_of(sentence: ParsedSentence, verb) -> MentionRef | None:
    """« à Moscou » on the verb, or on one of its complements (« avec Lavrov à Moscou »)."""
    for child in list(verb.children) + [g for c in verb.children if c.dep_ != "conj" for g in c.children]:
        if child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and case_words(child) & PLACE_CASES and sentence.place_at(child):
            return sentence.place_at(child)
    return None
