"""Link stage: NER spans and gazetteer matches to canonical entities, short names and roles resolved.

Order of evidence, per document: (1) an NER span whose text is an alias; (2) gazetteer aliases
that NER missed, within one sentence and never overlapping another mention; (3) short names
("Wang", "Lavrov") of people already named in the document; (4) role phrases ("le président
russe", "son homologue chinois") resolved to the holder at the article's date. NER spans that
none of this links keep an entity of their own, so nothing is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from depeche.tasks.clean import stop_words
from depeche.tasks.gazetteer import Gazetteer, tokens
from depeche.tasks.segment import Sentence
from depeche.tasks.tag import Entity, Mention, strip_accents, unlinked_entity

DETERMINERS = frozenset({"le", "la", "l", "les", "son", "sa", "ses", "leur", "the", "its", "his", "her", "their", "el", "der", "die"})
COUNTERPART_WORDS = frozenset({"homologue", "homologues", "counterpart", "counterparts", "homólogo", "homóloga"})
OF_WORDS = frozenset({"de", "du", "des", "d", "of"})
ROLE_MEMORY = timedelta(days=365)
COUNTRY_ANAPHORS = frozenset({("ce", "pays"), ("this", "country"), ("that", "country")})
ANAPHOR_REACH = 400  # characters back to the country « ce pays » stands for
HEADING_MAX_WORDS = 12
TITLE_CASE_SHARE = 0.6
COUNTERPART_REACH = 6  # spans looked back at for the person « son homologue » is the counterpart of
APPOSITION_TOKENS = 3  # "le président chinois Xi Jinping": a name this close after a role is the mention
NATIONALITY_WORDS = re.compile(r"[^\W\d_]+")
NATIONALITY_REACH = 40  # characters before an unknown person searched for the nationality that introduces them
NATIONALITY_WORDS_BEFORE = 3
APPOSITION = re.compile(r"\s*,\s*")  # between a role and the name that says who holds it
SHORT_NAME_MIN_CHARS = 2  # "Xi", "Li": a name part of a person named in full in the same document


@dataclass
class _Span:
    start: int
    end: int
    label: str
    entity_id: str | None
    method: str


def link_document(
    text: str,
    ner_spans: list[tuple[int, int, str]],
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    published_at: date | None,
) -> tuple[list[Mention], list[Entity]]:
    """Mentions of one document with entity ids, and the entities they point to.

    `sentences` are in text order and do not overlap (as the segment stage gives them).
    """
    toks = tokens(text)
    spans = [_link_ner_span(text, start, end, label, gazetteer) for start, end, label in ner_spans]
    matches = _gazetteer_matches(toks, sentences, gazetteer)
    named_in_doc = {s.entity_id for s in spans if s.entity_id} | {m.entity_id for m in matches}
    roles, role_phrases = _role_mentions(toks, gazetteer, published_at, named_in_doc, spans)
    _mark_bare_role_phrases(text, spans, gazetteer)
    _mark_title_case_headings(text, spans)
    # An alias inside a role phrase ("diplomatie chinoise" in "le chef de la diplomatie chinoise")
    # is part of the role, whether or not the role could be resolved.
    matches = [m for m in matches if not _overlaps(role_phrases, m.start, m.end)]
    spans = _merge(spans, roles, matches)
    _link_short_names(text, spans, gazetteer)
    _link_apposed_roles(text, spans, gazetteer)
    if not ner_spans:  # no NER model for the language: the short names are found here, not re-linked
        spans += _short_name_mentions(text, toks, spans, gazetteer)
    spans = sorted(spans + _country_anaphora(toks, spans), key=lambda s: s.start)

    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    nationalities = _unlinked_nationalities(text, spans, gazetteer)
    for span in spans:
        surface = text[span.start : span.end]
        if span.entity_id is not None:
            entity = gazetteer.entities[span.entity_id]
        else:
            entity = unlinked_entity(surface, span.label)
            entity = replace(entity, country_code=nationalities.get(entity.entity_id))
        entities.setdefault(entity.entity_id, entity)
        mentions.append(Mention(span.start, span.end, surface, entity.label, entity.entity_id, span.method))
    return mentions, list(entities.values())


def _overlaps(extents: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `extents`, which are in text order and do not overlap
    (so their ends are in order too): a bisection, not a scan of every extent of a long document."""
    before_end = bisect.bisect_left(extents, (end,))  # the extents starting before `end`
    return before_end > 0 and extents[before_end - 1][1] > start


def _country_anaphora(toks, spans: list[_Span]) -> list[_Span]:
    """« ce pays », « this country »: the country named last, if it was named shortly before
    (« qui sera en Russie …, prévoit des consultations avec des responsables dans ce pays »)."""
    countries = sorted((s for s in spans if s.entity_id and s.entity_id.startswith("country-")), key=lambda s: s.start)
    starts = [s.start for s in countries]
    longest = max((s.end - s.start for s in countries), default=0)
    found = []
    for i in range(len(toks) - 1):
        if (toks[i][2].lower(), toks[i + 1][2].lower()) not in COUNTRY_ANAPHORS:
            continue
        # Only countries starting within reach (plus the longest name) can end within reach.
        near = countries[bisect.bisect_left(starts, toks[i][0] - ANAPHOR_REACH - longest) : bisect.bisect_right(starts, toks[i][0])]
        before = [s for s in near if s.end <= toks[i][0] and toks[i][0] - s.end <= ANAPHOR_REACH]
        if before:
            found.append(_Span(toks[i][0], toks[i + 1][1], "LOC", before[-1].entity_id, "anaphor"))
    return found


def _lookup(gazetteer: Gazetteer, key: tuple[str, ...]) -> str | None:
    return gazetteer.exact.get(key) or gazetteer.caseless.get(tuple(t.lower() for t in key))


def _link_ner_span(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> _Span:
    key = tuple(t for _, _, t in tokens(text[start:end]))
    entity_id = _lookup(gazetteer, key)
    if entity_id is None and len(key) > 1 and key[0].lower() in HONORIFICS:
        entity_id = _lookup(gazetteer, key[1:] if key[1] != "." else key[2:])
    if entity_id is None and len(key) > 1 and key[0].lower() in LEADING_CONTRACTIONS:
        # « au Caire » taken whole by NER: the name is « (le) Caire », the span starts after « au »
        article = LEADING_CONTRACTIONS[key[0].lower()]
        entity_id = _lookup(gazetteer, key[1:]) or (article and _lookup(gazetteer, (article,) + key[1:]))
        if entity_id:
            start = start + text[start:end].index(key[1])
    return _Span(start, end, label, entity_id, "ner")


LEADING_CONTRACTIONS = {"au": "Le", "aux": "Les", "du": "Le", "des": "Les", "à": "", "en": "", "de": ""}  # preposition -> article it contains


HONORIFICS = frozenset({"m", "mme", "mr", "mrs", "ms", "dr", "president", "presidente", "general", "sir"})


def _gazetteer_matches(toks, sentences: list[Sentence], gazetteer: Gazetteer) -> list[_Span]:
    """Longest case-exact alias matches, each inside one sentence."""
    found: list[_Span] = []
    stops = stop_words()
    token_starts = [t[0] for t in toks]
    for sentence_start, sentence_end, _ in sentences:
        i = bisect.bisect_left(token_starts, sentence_start)
        while i < len(toks) and toks[i][1] <= sentence_end:
            match = None
            for n in range(min(gazetteer.longest_from.get(toks[i][2], 0), len(toks) - i), 0, -1):
                if toks[i + n - 1][1] <= sentence_end:
                    entity_id = gazetteer.exact.get(tuple(t[2] for t in toks[i : i + n]))
                    if entity_id:
                        match = (n, entity_id)
                        break
            word = toks[i][2]
            acronym = len(word) > 1 and word.isupper()
            if match is None or (match[0] == 1 and not acronym and (word.lower() in stops or not word[:1].isupper())):
                i += 1  # "Un", "Le" at a sentence start, or a lower-case word, is no name
                continue
            n, entity_id = match
            found.append(_Span(toks[i][0], toks[i + n - 1][1], gazetteer.entities[entity_id].label, entity_id, "gazetteer"))
            i += n
    return found


def _merge(ner: list[_Span], roles: list[_Span], matches: list[_Span]) -> list[_Span]:
    """One span per stretch of text: role phrases over the NER spans they contain (spaCy tags
    "ministre chinois des Affaires étrangères" as an organisation), then NER spans, widened and
    linked by an alias match that contains them ("Kim Jong" inside "Kim Jong Un"), then the
    remaining alias matches where nothing else is. Role phrases and alias matches are each in
    text order without overlaps, so one bisection finds what could overlap or contain a span."""
    kept = list(roles)
    role_extents = [(r.start, r.end) for r in roles]
    match_starts = [m.start for m in matches]
    for span in ner:
        if _overlaps(role_extents, span.start, span.end):
            continue
        if span.entity_id is None and _role_like(span):
            continue
        last_before = bisect.bisect_right(match_starts, span.start) - 1  # the one match that may contain the span
        container = matches[last_before] if last_before >= 0 and span.end <= matches[last_before].end else None
        if container is not None and span.entity_id is None:
            span.start, span.end, span.entity_id = container.start, container.end, container.entity_id
        kept.append(span)
    kept.sort(key=lambda s: s.start)
    starts = [s.start for s in kept]
    for match in matches:
        index = bisect.bisect_left(starts, match.end)
        if not any(s.start < match.end and match.start < s.end for s in kept[max(0, index - 3) : index + 1]):
            kept.insert(index, match)
            starts.insert(index, match.start)
    return kept


def _mark_bare_role_phrases(text: str, spans: list[_Span], gazetteer: Gazetteer) -> None:
    """"le ministre des Affaires étrangères" tagged as an organisation: a role, not an entity."""
    phrases = {phrase.tokens for phrase in gazetteer.role_phrases}
    for span in spans:
        if span.entity_id is None:
            words = [
                t[2].lower() for t in tokens(text[span.start : span.end])
                if t[2].lower() not in gazetteer.demonyms and t[2].lower() not in DETERMINERS
            ]
            while words and words[-1] in OF_WORDS | {"l", "'", "’"}:  # « ministres des Affaires étrangères de l' »: cut before a name
                words.pop()
            if words and words[0].endswith("s") and (words[0][:-1],) + tuple(words[1:]) in phrases:
                words[0] = words[0][:-1]  # « les ministres des Affaires étrangères »
            if tuple(words) in phrases:
                span.method = "role-phrase"


def _mark_title_case_headings(text: str, spans: list[_Span]) -> None:
    """spaCy reads capitalised words in a Title Case subhead ("Soutien Mutuel") as names; an
    unlinked span there is not trusted."""
    # Lines found by bisection and judged once each: a long one-line text is not read once per span.
    breaks = [match.start() for match in re.finditer("\n", text)]
    headings: dict[tuple[int, int], bool] = {}
    for span in spans:
        if span.entity_id is not None:
            continue
        before, after = bisect.bisect_left(breaks, span.start), bisect.bisect_left(breaks, span.end)
        line_start = breaks[before - 1] + 1 if before else 0
        line_end = breaks[after] if after < len(breaks) else len(text)
        if (line_start, line_end) not in headings:
            headings[line_start, line_end] = _title_case_heading(text[line_start:line_end])
        if headings[line_start, line_end]:
            span.method = "heading"


def _title_case_heading(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3]
    return (
        len(line.split()) <= HEADING_MAX_WORDS
        and not line.rstrip().endswith((".", "!", "?", "»", '"'))
        and bool(words)
        and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)
    )


def _role_like(span: _Span) -> bool:
    """Unlinked NER spans that are role phrases were turned into role mentions or dropped."""
    return span.method in ("role-phrase", "heading")


def _name_owners(text: str, spans: list[_Span], gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Each capitalised word (lower case) of the names of the people the document names -> those people."""
    owners: dict[str, set[str]] = {}
    for span in spans:
        if span.entity_id and gazetteer.entities[span.entity_id].label == "PER":
            for part in tokens(text[span.start : span.end]) + tokens(gazetteer.entities[span.entity_id].name):
                if len(part[2]) > 1 and part[2][0].isupper():
                    owners.setdefault(part[2].lower(), set()).add(span.entity_id)
    return owners


def _short_name_mentions(text: str, toks, spans: list[_Span], gazetteer: Gazetteer) -> list[_Span]:
    """Without NER: "Joly", "Ramaphosa" alone, a capitalised word of the name of one person the
    document names in full, wherever no mention already covers it."""
    owners = _name_owners(text, spans, gazetteer)
    covered = sorted((s.start, s.end) for s in spans)
    found = []
    for start, end, word in toks:
        candidates = owners.get(word.lower(), set()) if len(word) >= SHORT_NAME_MIN_CHARS and word[0].isupper() else set()
        if len(candidates) == 1 and not _overlaps(covered, start, end):
            found.append(_Span(start, end, "PER", next(iter(candidates)), "short_name"))
    return found


def _unlinked_nationalities(text: str, spans: list[_Span], gazetteer: Gazetteer) -> dict[str, str]:
    """A person the gazetteer lacks, introduced by a nationality (« l'émissaire américain Amos
    Hochstein », « son homologue libanais, Abdallah Bou Habib »): entity id -> that country."""
    found: dict[str, str] = {}
    for span in spans:
        if span.entity_id is None and span.label == "PER":
            words = NATIONALITY_WORDS.findall(text[max(0, span.start - NATIONALITY_REACH) : span.start].split(".")[-1])
            country = next((c for w in reversed(words[-NATIONALITY_WORDS_BEFORE:]) if (c := gazetteer.demonyms.get(strip_accents(w).lower()))), None)
            if country:
                found.setdefault(unlinked_entity(text[span.start : span.end], span.label).entity_id, country)
    return found


def _link_apposed_roles(text: str, spans: list[_Span], gazetteer: Gazetteer) -> None:
    """« le président de la République, Joseph Aoun »: a role the name after its comma names is that
    person, whoever else holds a role of that name in the article."""
    ordered = sorted(spans, key=lambda s: s.start)
    for role, name in zip(ordered, ordered[1:]):
        if (role.method == "role" and name.entity_id and name.entity_id != role.entity_id
                and gazetteer.entities[name.entity_id].label == "PER" and APPOSITION.fullmatch(text[role.end : name.start])):
            role.entity_id, role.label = name.entity_id, "PER"


def _link_short_names(text: str, spans: list[_Span], gazetteer: Gazetteer) -> None:
    """"Wang", "Yi", "Lavrov": one word of the name of a person the document already named."""
    owners = _name_owners(text, spans, gazetteer)
    for span in spans:
        if span.entity_id is None and span.label in ("PER", "MISC"):
            key = tokens(text[span.start : span.end])
            candidates = owners.get(key[0][2].lower(), set()) if len(key) == 1 else set()
            if len(candidates) == 1:
                span.entity_id = next(iter(candidates))
                span.label = "PER"


def _role_mentions(toks, gazetteer: Gazetteer, published_at: date | None, named_in_doc: set[str], ner: list[_Span]) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Role phrases with a nationality ("le président russe") resolved to the holder at the date.

    A role phrase right before a name ("le président chinois Xi Jinping") is an apposition: the
    name is the mention. NER spans that are role phrases become role mentions (or are dropped
    when the holder is unknown: a role is not an organisation). Also returns every role phrase's
    extent, resolved or not.
    """
    lowered = [t[2].lower() for t in toks]
    ner_sorted = sorted(ner, key=lambda s: s.start)
    ner_starts = [s.start for s in ner_sorted]
    linked_ner = [s for s in ner_sorted if s.entity_id]
    found: list[_Span] = []
    phrases: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        match = _match_role(lowered, i, gazetteer, toks)
        if match is None:
            bare = _bare_role(toks, lowered, i, gazetteer, published_at, named_in_doc)
            if bare is not None:
                holder, last = bare
                found.append(_Span(toks[i][0], toks[last][1], "PER", holder, "role"))
                phrases.append((toks[i][0], toks[last][1]))
                i = last + 1
                continue
            i += 1
            continue
        role, country, last = match
        start, end = toks[i][0], toks[last][1]
        phrases.append((start, end))
        if role == "counterpart":
            role = _counterpart_role(found, linked_ner, gazetteer, published_at, start)
        holder = _resolve(gazetteer, role, country, published_at, named_in_doc) if role else None
        following = bisect.bisect_left(ner_starts, end)
        name_follows = (
            following < len(ner_sorted)
            and ner_sorted[following].label == "PER"
            and ner_sorted[following].start - end <= _chars_of(toks, last, APPOSITION_TOKENS)
        )
        for span in ner_sorted[max(0, following - 3) : following]:
            if span.entity_id is None and span.start < end and start < span.end:
                span.method = "role-phrase"
        if holder and not name_follows:
            found.append(_Span(start, end, "PER", holder, "role"))
        elif not name_follows and f"country-{country.lower()}" in gazetteer.entities:
            # « le chef de l'État somalien » with no known holder: the country's government acts
            found.append(_Span(start, end, "LOC", f"country-{country.lower()}", "role"))
        i = last + 1
    return found, phrases


def _bare_role(toks, lowered: list[str], i: int, gazetteer: Gazetteer, on: date | None, named_in_doc: set[str]) -> tuple[str, int] | None:
    """« le chancelier », « le Premier ministre » without a nationality: the one holder of that role
    (in the phrase's countries) whom the article names and who held it at its date (any time when
    undated). Not before a name (an apposition) or a complement (« le président de la Commission »)."""
    if i == 0 or lowered[i - 1] not in ("le", "la", "the"):
        return None
    for phrase in gazetteer.phrases_from.get(lowered[i], ()):
        last = i + len(phrase.tokens) - 1
        if tuple(lowered[i : last + 1]) != phrase.tokens or last + 1 >= len(lowered):
            continue
        following = toks[last + 1][2]
        if following.lower() in OF_WORDS or following.lower() in gazetteer.demonyms or following[:1].isupper():
            continue  # « le président de la Commission », « le président russe », « le chancelier Olaf Scholz »
        holders = {
            holder
            for (role, country), tenures in gazetteer.roles.items()
            if role == phrase.role and (not phrase.countries or country in phrase.countries)
            for start, end, holder in tenures
            if holder in named_in_doc and (on is None or start - ROLE_MEMORY <= on and (end is None or on <= end + ROLE_MEMORY))
        }
        if len(holders) == 1:
            return next(iter(holders)), last
    return None


def _chars_of(toks, index: int, count: int) -> int:
    stop = min(len(toks) - 1, index + count)
    return toks[stop][1] - toks[index][1]


def _match_role(lowered: list[str], i: int, gazetteer: Gazetteer, toks) -> tuple[str, str, int] | None:
    """(role, country, index of the last token) of a role phrase starting at token i, else None.

    French puts the nationality after the first noun or at the end ("le ministre russe des
    Affaires étrangères", "le chef de la diplomatie chinoise"); English before ("the Russian
    president"); "of"/"de" + a country also works ("le président de la Russie").
    """
    word = lowered[i]
    if word in COUNTERPART_WORDS and i + 1 < len(lowered) and lowered[i + 1] in gazetteer.demonyms:
        return "counterpart", gazetteer.demonyms[lowered[i + 1]], i + 1
    for phrase in gazetteer.phrases_from.get(word, ()):
        n = len(phrase.tokens)
        country = None
        if tuple(lowered[i : i + n]) == phrase.tokens:
            last = i + n - 1
            country, last = _nationality_after(lowered, last, gazetteer)
            if country is None and i > 0 and lowered[i - 1] in gazetteer.demonyms:
                country = gazetteer.demonyms[lowered[i - 1]]
            if country is None:
                country, last = _country_after_of(toks, lowered, last, gazetteer)
        elif n > 1 and i + n < len(lowered) and lowered[i + 1] in gazetteer.demonyms and tuple(lowered[i + 2 : i + n + 1]) == phrase.tokens[1:]:
            country, last = gazetteer.demonyms[lowered[i + 1]], i + n
        if country and (not phrase.countries or country in phrase.countries):
            return phrase.role, country, last
    return None


def _nationality_after(lowered: list[str], last: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    if last + 1 < len(lowered) and lowered[last + 1] in gazetteer.demonyms:
        return gazetteer.demonyms[lowered[last + 1]], last + 1
    return None, last


def _country_after_of(toks, lowered: list[str], last: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """"président de la Russie", "President of France": a country named after "de"/"of"."""
    j = last + 1
    if j >= len(lowered) or lowered[j] not in OF_WORDS:
        return None, last
    j += 1
    while j < len(lowered) and lowered[j] in ("la", "l", "'", "the"):
        j += 1
    for n in range(min(4, len(toks) - j), 0, -1):
        entity_id = gazetteer.exact.get(tuple(t[2] for t in toks[j : j + n]))
        if entity_id and entity_id.startswith("country-"):
            return gazetteer.entities[entity_id].country_code, j + n - 1
    return None, last


def _counterpart_role(found: list[_Span], linked: list[_Span], gazetteer: Gazetteer, on: date | None, before: int) -> str | None:
    """« son homologue chinois »: the same role as the person last mentioned with a role.
    `found` and `linked` are linked spans in text order."""
    candidates = sorted(_last_before(found, before) + _last_before(linked, before), key=lambda s: s.start, reverse=True)
    for span in candidates[:COUNTERPART_REACH]:
        roles = gazetteer.roles_of(span.entity_id, on)
        if roles:
            return roles[0][0]
    return None


def _last_before(spans: list[_Span], before: int) -> list[_Span]:
    """The last COUNTERPART_REACH spans (of spans in text order) starting before a position, and
    any that start with the first of them: all that can rank among the nearest, without sorting
    a long document's spans for each phrase."""
    end = bisect.bisect_left(spans, before, key=lambda s: s.start)
    start = max(0, end - COUNTERPART_REACH)
    while start > 0 and spans[start - 1].start == spans[start].start:
        start -= 1
    return spans[start:end]


def _resolve(gazetteer: Gazetteer, role: str, country: str, on: date | None, named_in_doc: set[str]) -> str | None:
    """Who a role phrase designates.

    The holder on the article's date, unless the article names someone who held the role within
    a year of that date (journalists keep calling a recent or de facto holder by the role: Wang Yi
    stayed "le chef de la diplomatie chinoise" while Qin Gang was minister). Without a date, only
    a holder the article names.
    """
    tenures = gazetteer.roles.get((role, country), ())
    if not tenures:
        # The role table does not cover this country: the one person of that country the article names.
        compatriots = {e for e in named_in_doc if gazetteer.entities[e].label == "PER" and gazetteer.entities[e].country_code == country}
        return next(iter(compatriots)) if len(compatriots) == 1 else None
    if on is None:
        named = {holder for _, _, holder in tenures} & named_in_doc
        return next(iter(named)) if len(named) == 1 else None
    on_date = gazetteer.holder(role, country, on)
    if on_date in named_in_doc:
        return on_date
    near = {
        holder for start, end, holder in tenures
        if holder in named_in_doc and start - ROLE_MEMORY <= on and (end is None or on <= end + ROLE_MEMORY)
    }
    return next(iter(near)) if len(near) == 1 else on_date
