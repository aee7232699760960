"""People's names beyond the first full mention: short names ("Lavrov"), a role apposed to a name,
the nationality that introduces someone the reference data lacks."""

from __future__ import annotations

import bisect
import re

from depeche.tasks.gazetteer import PARTY_ACTOR, STATE_ACTORS, Gazetteer, content_words, party_stem, tokens
from depeche.tasks.link.spans import Span, overlaps
from depeche.tasks.tag import strip_accents, unlinked_entity

NATIONALITY_WORDS = re.compile(r"[^\W\d_]+")
NATIONALITY_REACH = 40  # characters before an unknown person searched for the nationality that introduces them
NATIONALITY_WORDS_BEFORE = 3
APPOSITION = re.compile(r"\s*,\s*")  # between a role and the name that says who holds it
ACRONYM_AFTER = re.compile(r"\s*\(\s*")  # "Indian Air Force (IAF)"
SHORT_NAME_MIN_CHARS = 2  # "Xi", "Li": a name part of a person named in full in the same document
CAPITALISED = "capitalised"  # the method of `capitalised.find_names`' spans
IN_ROLE = "in_role"  # the method of a name inside a title resolved to a person ("the IMF managing director")
SPELLING_MIN_RATIO = 0.8  # « Ruhani » for Rouhani, « Chamenei » for Khamenei


def name_owners(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Each capitalised word (lower case) of the names of the people the document names -> those people."""
    owners: dict[str, set[str]] = {}
    for span in spans:
        if span.entity_id and gazetteer.entities[span.entity_id].label == "PER":
            # A role's words ("Prime Minister") are not its holder's name.
            surface = tokens(text[span.start : span.end]) if span.method != "role" else []
            for part in surface + tokens(gazetteer.entities[span.entity_id].name):
                if len(part[2]) > 1 and part[2][0].isupper():
                    owners.setdefault(part[2].lower(), set()).add(span.entity_id)
    return owners


def short_name_mentions(text: str, toks, spans: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """Without NER: "Joly", "Ramaphosa" alone, a capitalised word of the name of one person the
    document names in full, wherever no mention already covers it."""
    owners = name_owners(text, spans, gazetteer)
    covered = sorted((s.start, s.end) for s in spans)
    found = []
    for start, end, word in toks:
        candidates = owners.get(word.lower(), set()) if len(word) >= SHORT_NAME_MIN_CHARS and word[0].isupper() else set()
        if len(candidates) == 1 and not overlaps(covered, start, end):
            found.append(Span(start, end, "PER", next(iter(candidates)), "short_name"))
    return found


def unlinked_nationalities(text: str, spans: list[Span], gazetteer: Gazetteer) -> dict[str, str]:
    """A person the gazetteer lacks, introduced by a nationality (« l'émissaire américain Amos
    Hochstein », « son homologue libanais, Abdallah Bou Habib »): entity id -> that country."""
    found: dict[str, str] = {}
    for span in spans:
        if span.entity_id is None and span.label == "PER":
            country = _nationality_before(text, span, gazetteer)
            if country:
                found.setdefault(unlinked_entity(span.name or text[span.start : span.end], span.label).entity_id, country)
    return found


def _nationality_before(text: str, span: Span, gazetteer: Gazetteer) -> str | None:
    """The country of a nationality adjective among the few words before a name, in its sentence."""
    words = NATIONALITY_WORDS.findall(text[max(0, span.start - NATIONALITY_REACH) : span.start].split(".")[-1])
    return next((c for w in reversed(words[-NATIONALITY_WORDS_BEFORE:]) if (c := gazetteer.demonyms.get(strip_accents(w).lower()))), None)


def link_nationals_spelled_otherwise(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """A name nothing links, introduced by a nationality, that is another spelling of one person of
    that country (« le président érythréen Issaias Afeworki » is Isaias Afwerki): transliterations
    differ from outlet to outlet, and the nationality narrows the people to compare to a few."""
    linked: dict[str, str] = {}
    for span in spans:
        if span.entity_id is None and (span.label == "PER" or span.method == CAPITALISED) and " " in text[span.start : span.end].strip():
            country = _nationality_before(text, span, gazetteer)
            if country is None:
                continue
            near = _one_near(strip_accents(text[span.start : span.end]).lower(), gazetteer.people_by_country.get(country, ()))
            if near is not None:
                span.entity_id, span.label = near, "PER"  # the capitalised-name finder's type was a guess
                linked[text[span.start : span.end]] = near
    for span in spans:  # the same spelling elsewhere in the page, where no nationality introduces it
        if span.entity_id is None and text[span.start : span.end] in linked:
            span.entity_id, span.label = linked[text[span.start : span.end]], "PER"


def organisation_words_in(toks, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The tokens that are a capitalised organisation word ("Treasury", "Conservatives"), which the
    capitalised-name finder leaves alone as common nouns."""
    return [t for t in toks if t[2][:1].isupper() and t[2].lower() in gazetteer.organisation_words]


def link_party_words(text: str, org_words, spans: list[Span], gazetteer: Gazetteer, home: str | None, sure: bool) -> list[Span]:
    """"the Conservative benches", "Labor's spokesman", "the Liberals", « la UDI »: a capitalised word
    no reference entry covers, a word of the name of one party of the country the page is about
    (`home`), or the initials of its name. On a page sure of its country (`sure`), a word that names
    another country's party ("FDP", « Grünen ») is the home party that word names, if one does: a
    Swiss page's FDP is Switzerland's. Links spans in place; returns mentions for the words the
    capitalised-name finder left alone as a common organisation word ("the Conservatives")."""
    if home is None:
        return []
    for span in spans:
        words = [word for _, _, word in tokens(text[span.start : span.end]) if word[:1].isalpha()]
        if len(words) != 1:
            continue
        if span.entity_id is None and span.method == CAPITALISED and (found := party_of(words[0], gazetteer, home)):
            span.entity_id, span.label = found, "ORG"
        elif sure and span.entity_id and _foreign_party(gazetteer, span.entity_id, home) and (found := party_of(words[0], gazetteer, home)):
            span.entity_id = found
    return _organisation_words_linked(org_words, spans, lambda start, end, word: party_of(word, gazetteer, home))


def link_national_bodies(text: str, toks, org_words, spans: list[Span], gazetteer: Gazetteer, home: str | None, sure: bool) -> list[Span]:
    """"Beijing's Foreign Ministry", "the Chinese Treasury", « el Banco Central » of a page about
    Argentina: a name no reference entry covers, whose words are all words of a name of one body of
    the state of its possessor, of the nationality before it, or else of the country the page is
    about (for one word, when `sure`: its outlet's, or named twice as often as any other). On such
    a page, a generic name of another state's body is the home state's body of that name. Links the
    capitalised-name finder's spans in place; returns mentions for the organisation words it left
    alone ("China's Treasury")."""
    def body(start: int, end: int) -> str | None:
        k = bisect.bisect_left(toks, start, key=lambda t: t[0])
        k = k if k < len(toks) and toks[k][0] == start else None
        country = _possessor(toks, k, gazetteer) if k is not None else None
        words = content_words(text[start:end])
        if country is None and len(words) < 2 and not sure:
            return None  # « Congreso », "Commission" alone, on a page about several countries
        found = {entity_id for known, entity_id in gazetteer.bodies.get(country or home or "", ()) if words and words <= known}
        return next(iter(found)) if len(found) == 1 else None

    for span in spans:
        if span.entity_id is None and span.method == CAPITALISED and span.label == "ORG" and (found := body(span.start, span.end)):
            span.entity_id = found
        elif sure and home and span.entity_id and _foreign_body(gazetteer, span.entity_id, home) and (found := body(span.start, span.end)):
            span.entity_id = found  # « Bundeskanzleramt » on an Austrian page: Vienna's, not Berlin's
    return _organisation_words_linked(org_words, spans, lambda start, end, word: body(start, end))


def _organisation_words_linked(org_words, spans: list[Span], link) -> list[Span]:
    """Mentions of the organisation words no span covers that `link(start, end, word)` gives an entity."""
    covered = sorted((s.start, s.end) for s in spans)
    return [Span(start, end, "ORG", found, CAPITALISED) for start, end, word in org_words
            if not overlaps(covered, start, end) and (found := link(start, end, word))]


def party_of(word: str, gazetteer: Gazetteer, home: str | None) -> str | None:
    """The one party of the country `home` whose name holds the word (or whose initials it is)."""
    parties = gazetteer.party_words.get((home, party_stem(word)), frozenset()) if home else frozenset()
    return next(iter(parties)) if len(parties) == 1 else None


def _foreign_party(gazetteer: Gazetteer, entity_id: str, home: str) -> bool:
    entity = gazetteer.entities[entity_id]
    return entity.country_code not in (None, home) and (entity.actor_code or "").endswith(PARTY_ACTOR)


def _foreign_body(gazetteer: Gazetteer, entity_id: str, home: str) -> bool:
    entity = gazetteer.entities[entity_id]
    return entity.label == "ORG" and entity.country_code not in (None, home) and (entity.actor_code or "")[3:] in STATE_ACTORS


def _possessor(toks, k: int, gazetteer: Gazetteer) -> str | None:
    """The country whose body a name at token k is by the words before it: "China's", "Beijing's",
    "the Chinese"."""
    if k >= 3 and toks[k - 2][2] in ("'", "’") and toks[k - 1][2].lower() == "s":
        entity_id = gazetteer.exact.get((toks[k - 3][2],))
        return gazetteer.entities[entity_id].country_code if entity_id else None
    return gazetteer.demonyms.get(strip_accents(toks[k - 1][2]).lower()) if k >= 1 else None


def link_spelling_variants(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """A person the reference data knows, written with another spelling of the surname (German
    « Hassan Ruhani », « Ali Chamenei »): a name the capitalised-name finder took for a person,
    whose first name is a known person's and the rest of it near theirs (SPELLING_MIN_RATIO)."""
    for span in spans:
        if span.entity_id is None and span.label == "PER" and span.method == CAPITALISED:
            first, _, rest = strip_accents(text[span.start : span.end]).lower().partition(" ")
            if rest:
                span.entity_id = _one_near(rest, gazetteer.people_by_first_name.get(first, ()))


def _one_near(name: str, candidates) -> str | None:
    """The one entity among (folded name, entity id) candidates whose name is near `name`
    (SPELLING_MIN_RATIO), or None when none or several are."""
    from difflib import SequenceMatcher

    near = {entity_id for known, entity_id in candidates if SequenceMatcher(None, name, known).ratio() >= SPELLING_MIN_RATIO}
    return next(iter(near)) if len(near) == 1 else None


def surnames_over_places(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """"Santos" on a page that names Juan Manuel Santos is he, not the Brazilian port: a place's name
    (no country's) that is the surname of one person the document names in full."""
    surnames: dict[str, set[str]] = {}
    for span in spans:
        if span.entity_id and gazetteer.entities[span.entity_id].label == "PER" and span.method != "role":
            words = text[span.start : span.end].split()
            if len(words) > 1:
                surnames.setdefault(words[-1], set()).add(span.entity_id)
    for span in spans:
        if span.entity_id and gazetteer.entities[span.entity_id].label == "LOC" and not span.entity_id.startswith("country-"):
            people = surnames.get(text[span.start : span.end], set())
            if len(people) == 1:
                span.entity_id, span.label = next(iter(people)), "PER"


def link_apposed_roles(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """« le président de la République, Joseph Aoun »: a role the name after its comma names is that
    person, whoever else holds a role of that name in the article (not another title: "the Commerce
    Secretary, Ontario's Premier agreed" names two people)."""
    ordered = sorted(spans, key=lambda s: s.start)
    for role, name in zip(ordered, ordered[1:]):
        if (role.method == "role" and name.method != "role" and name.entity_id and name.entity_id != role.entity_id
                and gazetteer.entities[name.entity_id].label == "PER" and APPOSITION.fullmatch(text[role.end : name.start])):
            role.entity_id, role.label = name.entity_id, "PER"


def link_short_names(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """"Wang", "Yi", "Lavrov": one word of the name of a person the document already named."""
    owners = name_owners(text, spans, gazetteer)
    for span in spans:
        # spaCy's persons and untyped names; any capitalised name, whose type was only a guess
        if span.entity_id is None and (span.label in ("PER", "MISC") or span.method == CAPITALISED):
            key = tokens(text[span.start : span.end])
            candidates = owners.get(key[0][2].lower(), set()) if len(key) == 1 else set()
            if len(candidates) == 1:
                span.entity_id = next(iter(candidates))
                span.label = "PER"


def name_unlinked_short_names(text: str, spans: list[Span]) -> None:
    """Names the reference data lacks, written short after written in full: "Papperger" after
    "Armin Papperger" (the last word of one person's name), "Lockheed" after "Lockheed Martin"
    (the first word of one organisation's), "IAF" in brackets after "Indian Air Force"."""
    words_of = {id(span): [word for _, _, word in tokens(text[span.start : span.end])] for span in spans}
    full_names: dict[str, set[tuple[str, str]]] = {}
    for span in spans:
        words = words_of[id(span)]
        if span.entity_id is None and len(words) > 1 and span.label in ("PER", "ORG"):
            full_names.setdefault(short_form(words, span.label), set()).add((text[span.start : span.end], span.label))
    ordered = sorted(spans, key=lambda s: s.start)
    for previous, span in zip([None, *ordered], ordered):
        words = words_of[id(span)]
        if span.entity_id is not None or len(words) != 1:
            continue
        if len(full_names.get(words[0], ())) == 1:
            span.name, span.label = next(iter(full_names[words[0]]))
        elif (previous is not None and previous.entity_id is None and words[0].isupper()
              and ACRONYM_AFTER.fullmatch(text[previous.end : span.start])
              and _initials_of(words[0], previous.name or text[previous.start : previous.end])):
            span.name, span.label = previous.name or text[previous.start : previous.end], previous.label


def short_form(words: list[str], label: str) -> str:
    """The word a name is written short with: a person's last, an organisation's first."""
    return words[-1] if label == "PER" else words[0]


def _initials_of(acronym: str, name: str) -> bool:
    """Whether an acronym's letters are initials of the name's words, in order ("IAF": Indian Air
    Force; not « ÖVP » after « Sebastian Kurz »)."""
    initials = [word[0].upper() for _, _, word in tokens(name) if word[:1].isalpha()]
    position = 0
    for letter in strip_accents(acronym):
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True
