"""The actors a noun phrase names: its own mention, an apposed name, its « de » complements,
an origin adjective (« les sanctions occidentales »), an agent (« l'invasion … par X »)."""

from __future__ import annotations
from typing import TYPE_CHECKING


from depeche.tasks.events.discourse import people_first
from depeche.tasks.events.records import MentionRef, Roles
from depeche.tasks.events.words import AGAINST_CASES, AGENT_CASES, COUNTERPART_NOUNS, OWNER_CASES, PATIENT_CASES

if TYPE_CHECKING:
    from depeche.tasks.events.sentence import ParsedSentence


CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj"})  # another clause begins


def country_ref(country_id: str, position: int) -> MentionRef:
    return MentionRef(position, position, country_id, "LOC", country_id.removeprefix("country-").upper())


def origin_of(sentence: ParsedSentence, noun) -> MentionRef | None:
    """« les sanctions occidentales », « des frappes russes », « l'offensive ukrainienne »: an
    adjective of the trigger noun that names who acts."""
    modifiers, level = list(noun.children), list(noun.children)
    for _ in range(2):  # « les efforts de médiation de nos partenaires turcs »
        level = [g for c in level if c.dep_ == "nmod" and not case_words(c) - {"de", "d'", "d’", "du", "des"} for g in c.children]
        modifiers += level
    modifiers += [g for c in modifiers if c.dep_ == "amod" for g in c.children if g.dep_ == "amod"]  # « agents consulaires algériens » parsed as a chain
    for child in modifiers:  # « une frappe de missile russe »: the adjective may qualify the noun's complement
        entity_id = sentence.origins.get(child.lower_) if child.dep_ == "amod" else None
        if entity_id:
            return origin_ref(entity_id, sentence.offset + child.idx, sentence.offset + child.idx + len(child))
    return None


def origin_ref(entity_id: str, start: int, end: int) -> MentionRef:
    """The actor a nationality or bloc adjective names (Lexicon.origins), as a mention of its words."""
    country = entity_id.removeprefix("country-").upper() if entity_id.startswith("country-") else None
    return MentionRef(start, end, entity_id, "LOC" if country else "ORG", country)


def actors_or_origin(sentence: ParsedSentence, head) -> list[MentionRef]:
    """The actors a phrase names, else the one its origin adjective names (« contre le transport
    aérien iranien »)."""
    found = phrase_actors(sentence, head)
    origin = None if found else origin_of(sentence, head)
    return found or ([origin] if origin else [])


def agentive_noun_roles(sentence: ParsedSentence, head) -> Roles | None:
    """« l'invasion de l'Ukraine par la Russie », « sanctions imposées par l'Occident contre la
    Russie »: an agent after « par » is the source, « de » / « contre » names the target."""
    noun = head.head if head.dep_ == "acl" else head
    heads = [noun] + [c for c in noun.children if c.dep_ in ("acl", "nmod")]
    heads += [g for h in heads[1:] if h.dep_ == "nmod" for g in h.children if g.dep_ == "acl"]  # « l'attaque de missiles lancée par X »
    agent, patient = [], []
    detached_agent = detached_complement(noun, AGENT_CASES)
    if detached_agent is not None:
        agent = phrase_actors(sentence, detached_agent)  # « l'invasion de l'Ukraine par la Russie » parsed apart
    agent_heads = []
    for h in heads:
        for child in h.children:
            cases = case_words(child)
            if child.dep_ == "obl:agent" or cases & AGENT_CASES:
                agent = agent or phrase_actors(sentence, child)
                agent_heads.append(child)
            elif cases & PATIENT_CASES and child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
                patient = patient or phrase_actors(sentence, child)
    if not agent:
        return None
    for child in (c for h in agent_heads for c in h.children):
        if not patient and case_words(child) & AGAINST_CASES:  # « par l'UE contre l'Iran » parsed as one phrase
            patient = phrase_actors(sentence, child)
    return Roles(agent, patient, None, False)


def detached_complement(noun, cases: frozenset, reach: int = 6):
    """The head of a « par … » or « entre … » phrase just after a noun that the parser attached
    elsewhere: within a few words, before any verb or punctuation."""
    for token in noun.doc[noun.right_edge.i + 1 : noun.right_edge.i + 1 + reach]:
        if token.pos_ in ("VERB", "AUX", "PUNCT"):
            return None
        if token.dep_ == "case" and token.lower_ in cases and token.head.i > token.i and token.head.head != noun:
            return token.head
    return None


def phrase_actors(sentence: ParsedSentence, head, skip=None) -> list[MentionRef]:
    """Actors a noun phrase names: its head's mention, else an apposed name (« le conseiller …,
    Jake Sullivan », « le chef du Mossad, David Barnea »), else the « de » complements (« les
    dirigeants de la France, du Canada »); coordinated phrases add theirs. Without any, the
    shallowest actor mention in the phrase."""
    found = _structured_actors(sentence, head, skip)
    own = sentence.actor_at(head)
    # « La ministre britannique de l'Intérieur, Yvette Cooper »: a name NER typed wrong and nothing links yields to the apposed person
    if head.pos_ == "NOUN" and (own is None or not own.linked) and not any(m.label == "PER" for m in found):
        apposed = _apposed_person(sentence, head)
        found = [apposed] if apposed else found
    if not found and head.pos_ == "NOUN":
        done_by = agentive_noun_roles(sentence, head)  # « a dénoncé les sanctions imposées par l'Occident »
        found = done_by.sources if done_by else []
    if not found:
        found = next(([m] for t in same_clause_tokens(head, skip) if (m := sentence.actor_at(t))), [])
    if not found and head.pos_ == "NOUN" and head.dep_.startswith("nsubj") and head.lemma_.lower() not in COUNTERPART_NOUNS:
        # « le gouvernement algérien a dénoncé », « l'aviation israélienne a frappé »: an institution
        # or an official nobody names acts for the country its adjective names (a counterpart is
        # the person `link` resolves)
        origin = origin_of(sentence, head)
        found = [origin] if origin else []
    return people_first(found)


def _apposed_person(sentence: ParsedSentence, head) -> MentionRef | None:
    """The person named right after a noun phrase and a comma (« par le premier ministre indien,
    Narendra Modi »), wherever the parser attached the name."""
    stop = min(head.right_edge.i, next((t.i - 1 for t in head.doc[head.i + 1 : head.right_edge.i + 1] if t.text == ","), head.right_edge.i))
    end = sentence.offset + head.doc[stop].idx + len(head.doc[stop])
    return next((m for m in sentence.actors.starting(end + 1, end + 3) if m.label == "PER" and sentence.text[end : m.start].strip() == ","), None)


def same_clause_tokens(head, skip=None) -> list:
    """The phrase's tokens, shallowest first, without the clauses inside it (« des responsables
    qui … entre le Kremlin et … » names nobody the verb acts on)."""
    out, frontier = [], [head]
    while frontier:
        out.extend(frontier)
        frontier = [c for t in frontier for c in t.children if c != skip and c.dep_ not in CLAUSE_DEPS and c.pos_ != "VERB"]
    return out


def _structured_actors(sentence: ParsedSentence, head, skip=None) -> list[MentionRef]:
    own = sentence.actor_at(head)
    found = [own] if own else []
    children = [c for c in head.children if c != skip]
    if not found:
        for child in children:
            if child.dep_ in ("appos", "flat:name", "nmod") and not case_words(child):
                found = _structured_actors(sentence, child)
                if found:
                    break
    if not found:
        for child in children:
            if child.dep_ == "nmod" and case_words(child) & OWNER_CASES:
                found += _structured_actors(sentence, child)
    for child in children:
        if child.dep_ == "conj":
            found += _structured_actors(sentence, child)
    return found


def stray_conjunct(token) -> bool:
    """« rencontre son homologue russe, Sergueï Lavrov », « entre les États-Unis et la Russie »: a
    name the parser coordinated with the trigger itself belongs with the complement before it."""
    return token.dep_ == "conj" and token.pos_ == "PROPN"


def clause_of(token):
    """The verb (or predicate) a noun belongs to."""
    current = token
    for _ in range(4):
        if current.head == current:
            return current if current.pos_ in ("VERB", "AUX", "NOUN") and current != token else None
        current = current.head
        if current.pos_ == "VERB":
            return current
    return None


def case_words(token) -> set[str]:
    return {g.lower_ for g in token.children if g.dep_ in ("case", "mark")}


def definite(noun) -> bool:
    """« la réunion », « cette visite », « leur discussion »: an event already introduced."""
    return any(c.dep_ == "det" and ("Definite=Def" in str(c.morph) or "PronType=Dem" in str(c.morph) or "Poss=Yes" in str(c.morph)) for c in noun.children)
