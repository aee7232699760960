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
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

from depeche.tasks.gazetteer import Gazetteer, tokens
from depeche.tasks.link.capitalised import find_names, first_names, names_a_product
from depeche.tasks.link.names import (
    IN_ROLE,
    link_apposed_roles, link_national_bodies, link_nationals_spelled_otherwise, link_party_words, link_short_names, link_spelling_variants,
    name_unlinked_short_names,
    organisation_words_in, short_name_mentions,
    surnames_over_places,
    unlinked_nationalities,
)
from depeche.tasks.link.roles import role_mentions
from depeche.tasks.link.spans import Span, overlaps
from depeche.tasks.link.words import DETERMINERS, HONORIFICS, OF_WORDS
from depeche.tasks.page_vocabulary import stop_words, stop_words_of
from depeche.tasks.segment import Sentence
from depeche.tasks.tag import Entity, Mention, strip_accents, unlinked_entity

COUNTRY_ANAPHORS = frozenset({("ce", "pays"), ("this", "country"), ("that", "country")})
ANAPHOR_REACH = 400  # characters back to the country « ce pays » stands for
GENITIVE_S_LANGUAGES = INFLECTED_ADJECTIVE_LANGUAGES = NOUN_CAPITALISING = frozenset({"de"})
NAME_PARTICLES = frozenset({"del", "de", "della", "di", "do", "da"})  # « Palacio del Pueblo »
SURNAME_PARTICLES = NAME_PARTICLES | {"dos", "van", "von"}  # not an article too (German « der »: « Lage der Schweiz »)
HEADING_MAX_WORDS = 12
HEAD_NOUN_REACH = 2  # capitalised words between a place and the organisation noun that makes them one name
HEADLINE_LINES = 2  # a headline and its standfirst
SENTENCE_ENDINGS = frozenset(".!?»\"”")
TITLE_CASE_SHARE = 0.6
SURE_MARGIN = 2  # a page is sure of the country it names more than this many times as often as any other


def link_document(
    text: str,
    ner_spans: list[tuple[int, int, str]] | None,
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    published_at: date | None,
    language: str | None = None,
    source_country: str | None = None,
) -> tuple[list[Mention], list[Entity]]:
    """Mentions of one document with entity ids, and the entities they point to.

    `source_country`: the alpha-3 of the outlet's country, when its address says it (a bare title
    is first that country's office-holder's: « el Presidente » of an Argentine paper is Argentina's).

    `sentences` are in text order and do not overlap (as the segment stage gives them).
    `ner_spans` is None when no NER model reads the language: names are then found by their capitals.
    """
    toks = tokens(text)
    spans = [_link_ner_span(text, start, end, label, gazetteer) for start, end, label in ner_spans or ()]
    matches = _gazetteer_matches(toks, sentences, gazetteer, language, without_model=ner_spans is None)
    named_in_doc: dict[str, list[int]] = defaultdict(list)
    for span in sorted(spans + matches, key=lambda s: s.start):
        if span.entity_id:
            named_in_doc[span.entity_id].append(span.start)
    # Without NER, a name the reference data knows says who an apposed role is ("Indian Prime Minister Narendra Modi").
    most_named, times_more = _most_named_country(named_in_doc, gazetteer)
    roles, role_phrases = role_mentions(toks, gazetteer, published_at, named_in_doc, spans if ner_spans is not None else matches, language,
                                        names_by_capitals=ner_spans is None, source_country=source_country,
                                        home_country=source_country or most_named, headline_end=_headline_end(text))
    if ner_spans is None:
        covered = _union([(m.start, m.end) for m in matches] + role_phrases)
        spans = find_names(text, toks, sentences, covered, gazetteer, language)
    _mark_bare_role_phrases(text, spans, gazetteer)
    _mark_title_case_headings(text, spans)
    # An alias inside a role phrase ("diplomatie chinoise" in "le chef de la diplomatie chinoise")
    # is part of the role, whether or not the role could be resolved; the organisation or country a
    # resolved person's title names ("the IMF managing director", « el presidente del BCE ») is
    # also a mention of its own, inside the person's — where no NER model reads the page (a model's
    # page keeps one mention per stretch of text, as its gold was written).
    within_roles = _named_within_roles(text, matches, roles) if ner_spans is None else []
    matches = [m for m in matches if not overlaps(role_phrases, m.start, m.end)]
    spans = _merge(spans, roles, matches)
    link_short_names(text, spans, gazetteer)
    link_spelling_variants(text, spans, gazetteer)
    link_nationals_spelled_otherwise(text, spans, gazetteer)
    home, sure = (source_country, True) if source_country else (most_named, times_more > SURE_MARGIN)
    org_words = organisation_words_in(toks, gazetteer)
    spans += link_party_words(text, org_words, spans, gazetteer, home, sure)
    spans += link_national_bodies(text, toks, org_words, spans, gazetteer, home, sure)
    name_unlinked_short_names(text, spans)
    link_apposed_roles(text, spans, gazetteer)
    if not ner_spans:  # no NER model for the language: the short names are found here, not re-linked
        spans += short_name_mentions(text, toks, spans, gazetteer)
    spans = sorted(spans + _country_anaphora(toks, spans) + within_roles, key=lambda s: s.start)
    surnames_over_places(text, spans, gazetteer)

    _one_label_per_unlinked_name(text, spans)
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    nationalities = unlinked_nationalities(text, spans, gazetteer)
    for span in spans:
        surface = text[span.start : span.end]
        if span.entity_id is not None:
            entity = gazetteer.entities[span.entity_id]
        else:
            entity = unlinked_entity(span.name or surface, span.label)
            entity = replace(entity, country_code=nationalities.get(entity.entity_id))
        entities.setdefault(entity.entity_id, entity)
        mentions.append(Mention(span.start, span.end, surface, entity.label, entity.entity_id, span.method))
    return mentions, list(entities.values())


def _headline_end(text: str) -> int:
    """Where the headline block ends: the headline and a standfirst after it, the lines that open the
    page without ending as a sentence does (up to HEADLINE_LINES)."""
    end = 0
    for line in text.split("\n")[:HEADLINE_LINES * 2]:
        stripped = line.rstrip()
        if stripped and stripped[-1] in SENTENCE_ENDINGS:
            break
        end += len(line) + 1
    return min(end, len(text)) - 1


def _named_within_roles(text: str, matches: list[Span], roles: list[Span]) -> list[Span]:
    """Names of an organisation or a place inside a title resolved to a person, as mentions inside
    the person's: "the IMF managing director" names the IMF. Not a nationality's adjective (no
    alias), not a name a hyphen makes part of the title's word (« US-Präsident »)."""
    people = sorted((r.start, r.end) for r in roles if r.label == "PER" and r.entity_id)
    return [Span(m.start, m.end, m.label, m.entity_id, IN_ROLE) for m in matches
            if m.label in ("ORG", "LOC") and any(start <= m.start and m.end <= end for start, end in people)
            and text[m.end : m.end + 1] != "-"]  # « US-Präsident », « SPD-Chef »: one word, the title's


def _most_named_country(named_in_doc: dict[str, list[int]], gazetteer: Gazetteer) -> tuple[str | None, float]:
    """(alpha-3 of the country the document names most — itself, its places, people and bodies —,
    how many times as often as the next one; infinite when it names no other), or (None, 0) when
    none is named more than all others."""
    times: dict[str, int] = defaultdict(int)
    for entity_id, places in named_in_doc.items():
        if country := gazetteer.entities[entity_id].country_code:
            times[country] += len(places)
    ranked = sorted(times.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None, 0
    return max(times, key=times.get), (ranked[0] / ranked[1] if len(ranked) > 1 else float("inf"))


def _one_label_per_unlinked_name(text: str, spans: list[Span]) -> None:
    """A name the reference data lacks is one entity, whatever its mentions were typed as ("Repsol"
    after « en » read as a place, elsewhere as a company): the label most of them have, the
    first one's on a tie."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        if span.entity_id is None:
            labels[span.name or text[span.start : span.end]][span.label] += 1
    for span in spans:
        if span.entity_id is None:
            span.label = labels[span.name or text[span.start : span.end]].most_common(1)[0][0]


def _union(extents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Extents in text order, overlapping ones merged (as `overlaps` needs them)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(extents):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _country_anaphora(toks, spans: list[Span]) -> list[Span]:
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
            found.append(Span(toks[i][0], toks[i + 1][1], "LOC", before[-1].entity_id, "anaphor"))
    return found


def _lookup(gazetteer: Gazetteer, key: tuple[str, ...]) -> str | None:
    return gazetteer.exact.get(key) or gazetteer.caseless.get(tuple(t.lower() for t in key))


def _link_ner_span(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> Span:
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
    return Span(start, end, label, entity_id, "ner")


LEADING_CONTRACTIONS = {"au": "Le", "aux": "Les", "du": "Le", "des": "Les", "à": "", "en": "", "de": ""}  # preposition -> article it contains


def _gazetteer_matches(toks, sentences: list[Sentence], gazetteer: Gazetteer, language: str | None = None,
                       without_model: bool = False) -> list[Span]:
    """Longest case-exact alias matches, each inside one sentence; in German, a name's genitive too
    (« Russlands », « Pekings »). `without_model`: no NER reads the language, so a first name that
    is also a place's is left to the capitalised-name finder."""
    found: list[Span] = []
    stops = stop_words()
    # a one-word alias that is a function word of the page's language ("Un", "Le" opening a sentence)
    # is no name; of another language it is (« Lima » is Indonesian for five, « Indien » Dutch for "if")
    own_stops = stop_words_of(language) if language else stops
    token_starts = [t[0] for t in toks]
    for sentence_start, sentence_end, _ in sentences:
        i = bisect.bisect_left(token_starts, sentence_start)
        while i < len(toks) and toks[i][1] <= sentence_end:
            match = None
            longest = min(gazetteer.longest_from.get(toks[i][2], 0), len(toks) - i)
            # « EE. UU. »: a sentence splitter may cut after an abbreviation's full stop, so an alias
            # may run past the sentence's end when a full stop inside it is what ended it
            first_stop = next((j - i for j in range(i, i + longest - 1) if toks[j][2] == "."), longest)
            for n in range(longest, 0, -1):
                if toks[i + n - 1][1] <= sentence_end or first_stop < n - 1:
                    entity_id = gazetteer.exact.get(tuple(t[2] for t in toks[i : i + n]))
                    if entity_id:
                        match = (n, entity_id)
                        break
            if language in GENITIVE_S_LANGUAGES and toks[i][2][:1].isupper():
                # « Russlands », « Sachsen-Anhalts » (longer than « Sachsen »): a name's last word with a genitive s
                for n in range(max(longest, 1), match[0] if match else 0, -1):
                    last = toks[i + n - 1][2]
                    if (toks[i + n - 1][1] <= sentence_end and last.endswith("s")
                            and (entity_id := gazetteer.exact.get((*(t[2] for t in toks[i : i + n - 1]), last[:-1])))):
                        match = (n, entity_id)
                        break
            if match is None and language in INFLECTED_ADJECTIVE_LANGUAGES and toks[i][2].endswith("en") and toks[i][2][:1].isupper():
                # « der Deutschen Presse-Agentur », « der Europäischen Zentralbank »: a name's adjective declined
                declined = toks[i][2][:-1]
                for n in range(min(gazetteer.longest_from.get(declined, 0), len(toks) - i), 1, -1):
                    if toks[i + n - 1][1] <= sentence_end and (entity_id := gazetteer.exact.get((declined, *(t[2] for t in toks[i + 1 : i + n])))):
                        match = (n, entity_id)
                        break
            word = toks[i][2]
            acronym = len(word) > 1 and word.isupper()
            if match is None or (match[0] == 1 and not acronym and (word.lower() in own_stops or not word[:1].isupper())):
                i += 1  # "Un", "Le" at a sentence start, or a lower-case word, is no name
                continue
            n, entity_id = match
            if n == 1 and language in NOUN_CAPITALISING and (toks[i][2],) in gazetteer.city_names and i > 0 and toks[i - 1][2] in DETERMINERS:
                i += 1  # « die Zölle », « beider Länder »: a noun after its article, not a town GeoNames spells so
                continue
            if n == 1 and (toks[i][2],) in gazetteer.city_names and (
                _inside_longer_name(toks, i, sentence_start, stops) or names_a_product(toks, i, gazetteer.name_words, language or "")
                or toks[i + 1 : i + 3] and toks[i + 1][2] == "." and i + 2 < len(toks) and toks[i + 2][2].isdigit()
            ):
                i += 1  # « Springs » in "Alice Springs", « Pueblo » in « Gran Palacio del Pueblo », "Virginia-class", "Jan. 2"
                continue
            if (without_model and language not in GENITIVE_S_LANGUAGES and gazetteer.entities[entity_id].label == "ORG"
                    and _name_word_before(toks, i, sentence_start, stops, gazetteer)):
                i += n  # "the Peoples Democratic Party" is not the Democratic Party: the capitals find it whole
                continue
            if n == 1 and without_model and gazetteer.entities[entity_id].label in ("LOC", "ORG") and (
                    _first_name_of_a_person(toks, i, gazetteer, stops) or _surname_after_particle(toks, i)
                    or _surname_after_first_name(toks, i, gazetteer, stops)):
                i += 1  # « Francia Márquez », "Leila de Lima", « Oliver Hermes »: a person, found by the capitals
                continue
            if without_model and i + n < len(toks) and _before_a_head_noun(toks, i + n, gazetteer, gazetteer.entities[entity_id].label):
                i += n  # "Westminster Abbey", "Elk Valley", "Canada Post": a name of its own, found by the capitals
                continue
            if n == 1 and without_model and gazetteer.entities[entity_id].label == "PER" and _another_first_name_before(toks, i, gazetteer.entities[entity_id], stops):
                i += 1  # « Petra Lindner » is not Christian Lindner: the capitals find her
                continue
            found.append(Span(toks[i][0], toks[i + n - 1][1], gazetteer.entities[entity_id].label, entity_id, "gazetteer"))
            i += n
    return found


def _before_a_head_noun(toks, j: int, gazetteer: Gazetteer, label: str) -> bool:
    """Whether token j, right after a name of that label, is a capitalised noun that makes the two one
    longer name: an organisation or place noun after a place ("Elk Valley", "Canada Post"), a place
    noun after an organisation ("Westminster Abbey"), or words ending in one after a place ("Ghana
    Stock Exchange"); in any language. Or a hyphen joining it to
    capitalised words that end in an organisation noun ("NATO-Russia Council")."""
    heads = {"LOC": ("org_word", "loc_word"), "ORG": ("loc_word",)}.get(label, ())
    if j + 1 < len(toks) and toks[j][2] == "-" and toks[j][0] == toks[j - 1][1] and toks[j + 1][0] == toks[j][1]:
        if not toks[j + 1][2][:1].isupper():
            return False  # "the Shanghai-based New Development Bank": an adjective, then another name
        k = j + 1
        while k + 1 < len(toks) and toks[k + 1][2][:1].isupper() and toks[k + 1][0] - toks[k][1] <= 1:
            k += 1
        return toks[k][2][:1].isupper() and toks[k][2].lower() in gazetteer.organisation_words
    if not heads or j >= len(toks) or toks[j][0] != toks[j - 1][1] + 1 or not toks[j][2][:1].isupper():
        return False
    if label == "LOC":  # "Ghana Stock Exchange", "Ghana Cocoa Board": capitalised words that end in an organisation noun
        k = j
        while k + 1 < len(toks) and k - j < HEAD_NOUN_REACH and toks[k + 1][2][:1].isupper() and toks[k + 1][0] == toks[k][1] + 1:
            k += 1
            if toks[k][2].lower() in gazetteer.organisation_words:
                return True
    return gazetteer.in_name_words(toks[j][2], *heads)


def _another_first_name_before(toks, i: int, person: Entity, stops: frozenset[str]) -> bool:
    """A first name right before a person's one-word alias (token i) that is not in that person's
    name, nor a function word ("The Trump administration": « The » is a first name somewhere)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0]:
        return False
    word = toks[i - 1][2]
    return word[:1].isupper() and word.lower() not in stops and word not in strip_accents(person.name).split() and _known_first_name(word)


def _known_first_name(word: str) -> bool:
    """A first name gender-guesser knows as a man's or a woman's (not one it calls either)."""
    return first_names().get_gender(word) not in ("unknown", "andy")


def _first_name_of_a_person(toks, i: int, gazetteer: Gazetteer, stops: frozenset[str]) -> bool:
    """A place's one-word name (token i) that is also a first name, right before a capitalised word that
    names nothing itself (no alias, role, nationality, function or name-list word)."""
    if toks[i][2].isupper() or i + 1 >= len(toks):
        return False
    after = toks[i + 1]
    word = after[2]
    if after[0] != toks[i][1] + 1 or not word[:1].isupper() or word.isupper() or word.lower() in stops or (word,) in gazetteer.exact:
        return False
    lowered = word.lower()
    if lowered in gazetteer.demonyms or lowered in gazetteer.role_words or gazetteer.in_name_words(word):
        return False
    return _known_first_name(toks[i][2])


def _name_word_before(toks, i: int, sentence_start: int, stops: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A capitalised word right before token i that names nothing itself (no alias, nationality,
    role, function or name-list word), inside the sentence: the start of a longer name (not in
    German, which capitalises every noun: « der Nachrichtenagentur Xinhua »)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0] or toks[i - 1][0] <= sentence_start:
        return False
    word = toks[i - 1][2]
    lowered = word.lower()
    return (word[:1].isupper() and not word.isupper() and lowered not in stops and (word,) not in gazetteer.exact
            and lowered not in gazetteer.demonyms and lowered not in gazetteer.role_words and not gazetteer.in_name_words(word))


def _surname_after_first_name(toks, i: int, gazetteer: Gazetteer, stops: frozenset[str]) -> bool:
    """An organisation's or a place's one-word name (token i) right after a first name that names
    nothing itself: a surname (« Vorsitzender Oliver Hermes » is no parcel company)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0] or toks[i][2].isupper():
        return False
    word = toks[i - 1][2]
    return (word[:1].isupper() and not word.isupper() and word.lower() not in stops and (word,) not in gazetteer.exact
            and _known_first_name(word))


def _surname_after_particle(toks, i: int) -> bool:
    """A place's one-word name (token i) right after a first name and name particles: a surname
    ("Leila de Lima", « Ana de Jesús »); « viajó de Lima » has no first name before its « de »."""
    k = i - 1
    while k > 0 and toks[k][2].lower() in SURNAME_PARTICLES and toks[k][1] + 1 == toks[k + 1][0]:
        k -= 1
    return k < i - 1 and toks[k][1] + 1 == toks[k + 1][0] and toks[k][2][:1].isupper() and _known_first_name(toks[k][2])


def _inside_longer_name(toks, i: int, sentence_start: int, stops: frozenset[str]) -> bool:
    """A capitalised word next to it (not a sentence's first word, not a function word), or a
    name particle before it: the word is part of a longer name."""
    before = toks[i - 1] if i > 0 and toks[i - 1][0] >= sentence_start else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    joined_before = before is not None and before[1] + 1 == toks[i][0]
    joined_after = after is not None and toks[i][1] + 1 == after[0]
    if joined_before and before[2].lower() in NAME_PARTICLES and i > 1 and toks[i - 2][1] + 1 == before[0]:
        before = toks[i - 2]  # « Palacio del Pueblo », not « la visita de Pekín »
    return (
        (joined_before and before[2][:1].isupper() and before[0] > sentence_start and before[2].lower() not in stops)
        or (joined_after and after[2][:1].isupper() and after[2].lower() not in stops)
    )


def _merge(ner: list[Span], roles: list[Span], matches: list[Span]) -> list[Span]:
    """One span per stretch of text: role phrases over the NER spans they contain (spaCy tags
    "ministre chinois des Affaires étrangères" as an organisation), then NER spans, widened and
    linked by an alias match that contains them ("Kim Jong" inside "Kim Jong Un"), then the
    remaining alias matches where nothing else is. Role phrases and alias matches are each in
    text order without overlaps, so one bisection finds what could overlap or contain a span."""
    kept = list(roles)
    role_extents = [(r.start, r.end) for r in roles]
    match_starts = [m.start for m in matches]
    for span in ner:
        if overlaps(role_extents, span.start, span.end):
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


def _mark_bare_role_phrases(text: str, spans: list[Span], gazetteer: Gazetteer) -> None:
    """"le ministre des Affaires étrangères" tagged as an organisation: a role, not an entity."""
    phrases = gazetteer.role_phrase_tokens
    for span in spans:
        if span.entity_id is None:
            words = [t[2].lower() for t in tokens(text[span.start : span.end]) if t[2].lower() not in gazetteer.demonyms]
            while words and words[0] in DETERMINERS:
                words.pop(0)
            while words and words[-1] in OF_WORDS | {"l", "'", "’"}:  # « ministres des Affaires étrangères de l' »: cut before a name
                words.pop()
            if words and words[0].endswith("s") and (words[0][:-1],) + tuple(words[1:]) in phrases:
                words[0] = words[0][:-1]  # « les ministres des Affaires étrangères »
            if tuple(words) in phrases:
                span.method = "role-phrase"


def _mark_title_case_headings(text: str, spans: list[Span]) -> None:
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


def _role_like(span: Span) -> bool:
    """Unlinked NER spans that are role phrases were turned into role mentions or dropped."""
    return span.method in ("role-phrase", "heading")
