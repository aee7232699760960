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
from depeche.tasks.link.capitalised import find_names
from depeche.tasks.link.matches import alias_matches
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
from depeche.tasks.segment import Sentence
from depeche.tasks.tag import Entity, Mention, unlinked_entity

COUNTRY_ANAPHORS = frozenset({("ce", "pays"), ("this", "country"), ("that", "country")})
ANAPHOR_REACH = 400  # characters back to the country « ce pays » stands for
HEADING_MAX_WORDS = 12
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
    matches = alias_matches(toks, sentences, gazetteer, language, without_model=ner_spans is None)
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
