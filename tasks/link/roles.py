"""Role phrases ("le président russe", "der Bundeskanzler", "son homologue chinois") resolved to
the person who held the role at the article's date."""

from __future__ import annotations

import bisect
from datetime import date

from depeche.tasks.gazetteer import Gazetteer
from depeche.tasks.link.bare_titles import bare_role, demonym_at, elected_at, fits_gender, title_gender
from depeche.tasks.link.holders import HEAD_OF_ORGANISATION, HEAD_OF_STATE, body_of, country_of, holder_before_or_after, resolve
from depeche.tasks.link.name_shapes import first_names
from depeche.tasks.link.names import IN_ROLE, party_of
from depeche.tasks.link.referents import counterpart, host_or_guest, is_minister, predecessor, the_minister
from depeche.tasks.link.spans import Span
from depeche.tasks.link.words import (
    ARTICLES_AFTER_OF, COMPLEMENT_OPENERS, COMPOUND_HYPHEN, COUNTERPART_WORDS, DEFINITE_ARTICLES, FORMER_WORDS, HONORIFICS,
    NATIONALITY_AFTER_ONLY, NEXT_WORDS, OF_WORDS, POSSESSIVE,
)
from depeche.tasks.page_vocabulary import stop_words

APPOSITION_TOKENS = 3  # "le président chinois Xi Jinping": a name this close after a role is the mention
APPOSITION_MARKS = frozenset({",", ":", "(", "-", "–", "—"})
# Where a title's own ending says a woman holds it (« -in »): not a Romance « -a », which may end the
# name of the office's body (« el titular de la Secretaría de … »)
TITLE_GENDER_LANGUAGES = frozenset({"de"})
LEADERS_ROLES = frozenset({HEAD_OF_STATE, HEAD_OF_ORGANISATION})  # « líder », « presidente »: titles a party's head has too
NOUNS_CAPITALISED = frozenset({"de"})  # languages whose every noun has a capital: a capitalised word is no name for that


def role_mentions(toks, gazetteer: Gazetteer, published_at: date | None, named_in_doc: dict[str, list[int]], ner: list[Span],
                  language: str | None = None, names_by_capitals: bool = False,
                  source_country: str | None = None, home_country: str | None = None, headline_end: int = -1) -> tuple[list[Span], list[tuple[int, int]]]:
    """Role phrases with a nationality ("le président russe") resolved to the holder at the date.

    A role phrase right before a name ("le président chinois Xi Jinping") is an apposition: the
    name is the mention. NER spans that are role phrases become role mentions (or are dropped
    when the holder is unknown: a role is not an organisation). Also returns every role phrase's
    extent, resolved or not. `named_in_doc`: where the document names each entity it names.
    `names_by_capitals`: no NER reads the language, so a capitalised word the reference data does
    not know, right after a title, is taken for the name in apposition ("Treasurer Jim Chalmers").
    `source_country`: the outlet's country, when known, which a bare title is first about.
    `home_country`: the country the page is about (the outlet's, or the one it names most), whose
    leader is "the host". `headline_end`: where the page's headline ends.
    """
    lowered = [t[2].lower() for t in toks]
    ner_sorted = sorted(ner, key=lambda s: s.start)
    ner_starts = [s.start for s in ner_sorted]
    linked_ner = [s for s in ner_sorted if s.entity_id]
    found: list[Span] = []
    phrases: list[tuple[int, int]] = []
    titled: list[tuple[int, str]] = []  # (start, role) of every role phrase matched, resolved or not
    designated: list[tuple[int, str]] = []  # (start, holder) of each role phrase resolved to a person
    ministers: list[tuple[int, str]] = []  # (start, person) of each minister's title resolved or apposed to a name
    placed: list[tuple[int, str]] = []  # (first token, country) of each title with a country's nationality or name
    i = 0
    while i < len(toks):
        match = _match_role(lowered, i, gazetteer, toks, home_country)
        if match is None:
            plain = next((p for p in gazetteer.phrases_from.get(lowered[i], ())
                          if tuple(lowered[i : i + len(p.tokens)]) == p.tokens and (language is None or p.lang == language)), None)
            if plain is not None:
                titled.append((toks[i][0], plain.role))  # "Defence Minister Manohar Parrikar": a title, whoever holds it
                named = _name_after(toks, i + len(plain.tokens) - 1, ner_sorted, ner_starts)
                if named and is_minister(plain.role):
                    ministers.append((toks[i][0], named))
            bare = (bare_role(toks, lowered, i, gazetteer, published_at, named_in_doc, designated, language, source_country, placed, headline_end)
                    or the_minister(toks, lowered, i, ministers, gazetteer))
            bare = ((i, *bare) if bare else host_or_guest(toks, lowered, i, gazetteer, published_at, named_in_doc, home_country)
                    or predecessor(toks, lowered, i, gazetteer, published_at, found, linked_ner))
            if bare is not None:
                first, holder, last = bare
                found.append(Span(toks[first][0], toks[last][1], "PER", holder, "role"))
                designated.append((toks[first][0], holder))
                if plain is not None and is_minister(plain.role):
                    ministers.append((toks[first][0], holder))  # "The Minister of Finance … The minister"
                phrases.append((toks[first][0], toks[last][1]))
                i = last + 1
                continue
            i += 1
            continue
        role, country, first, last = match
        start, end = toks[first][0], toks[last][1]
        following = bisect.bisect_left(ner_starts, end)
        name_follows = (
            following < len(ner_sorted)
            and ner_sorted[following].label == "PER"
            and ner_sorted[following].start - end <= _chars_of(toks, last, APPOSITION_TOKENS)
            and _apposition_between(toks[last + 1 : last + 1 + APPOSITION_TOKENS], ner_sorted[following].start)
        ) or (names_by_capitals and _unknown_name_at(toks, last + 1, gazetteer, language in NOUNS_CAPITALISED))
        if (phrases and start < phrases[-1][1]) or _name_before_title(toks, first, i, gazetteer, country, name_follows):
            # the nationality word ended the phrase before; or a name before the title is a mention
            # of its own ("the Brexit Party leader", "the US president", "Sinn Féin president Mary Lou
            # McDonald"; a country's before a name stays in the phrase: in "US President Joe Biden" the
            # person acts, not the US)
            start = toks[i][0]
        phrases.append((start, end))
        if country and country.isupper():
            placed.append((first, country))
        if role == "counterpart":
            holder = counterpart(found, linked_ner, titled, gazetteer, country, published_at, start, named_in_doc)
        else:
            titled.append((start, role))
            tense = _tense(lowered, first, last)
            holder = (resolve(gazetteer, role, country, published_at, named_in_doc) if tense == 0
                      else holder_before_or_after(gazetteer, role, country, published_at, tense))
            if holder and language in TITLE_GENDER_LANGUAGES and not fits_gender(title_gender(lowered, max(first - 1, 0), i, language), gazetteer, holder):
                holder = None  # « die US-Handelsministerin » is not the trade representative, a man
        for span in ner_sorted[max(0, following - 3) : following]:
            if span.entity_id is None and span.start < end and start < span.end:
                span.method = "role-phrase"
        person = _name_after(toks, last, ner_sorted, ner_starts) if name_follows else holder
        if person and is_minister(role):
            ministers.append((start, person))
        if holder and not name_follows:
            found.append(Span(start, end, "PER", holder, "role"))
            designated.append((start, holder))
            if names_by_capitals and first == i - 1 and toks[i][0] - toks[first][1] == 1 and _home_party(lowered[first], gazetteer, home_country) == country:
                found.append(Span(toks[first][0], toks[first][1], "ORG", country, IN_ROLE))  # "the Conservative leader" names the party
        elif not name_follows and f"country-{country.lower()}" in gazetteer.entities:
            # « le chef de l'État somalien » with no known holder: the country's government acts
            found.append(Span(start, end, "LOC", f"country-{country.lower()}", "role"))
        elif not name_follows and country in gazetteer.role_bodies:
            found.append(Span(start, end, gazetteer.entities[country].label, country, "role"))
        i = last + 1
    return found, phrases


def _apposition_between(between, name_start: int) -> bool:
    """Whether only what sets off a name in apposition stands between a title and the name starting
    at `name_start`: a comma, a colon, a dash, an honorific ("the Taoiseach hosted Mr Biden" is no
    apposition, « le président chinois, M. Xi » is)."""
    words = [t[2] for t in between if t[0] < name_start]
    return all(w in APPOSITION_MARKS or w.lower() in HONORIFICS or (w == "." and k and words[k - 1].lower() in HONORIFICS)
               for k, w in enumerate(words))


def _name_after(toks, last: int, ner_sorted: list[Span], ner_starts: list[int]) -> str | None:
    """The linked person whose name follows the title ending at token `last`, if one does."""
    following = bisect.bisect_left(ner_starts, toks[last][1])
    if following < len(ner_sorted) and ner_sorted[following].entity_id and ner_sorted[following].start - toks[last][1] <= 2:
        return ner_sorted[following].entity_id
    return None


def _unknown_name_at(toks, j: int, gazetteer: Gazetteer, nouns_capitalised: bool = False) -> bool:
    """A capitalised word at token j (or after a comma there) that no reference entry, nationality,
    role or function word explains: the start of a name the capitalised-name finder will read.
    Where every noun is capitalised (German), only a first name or a surname the page gives with a
    first name elsewhere (« der deutsche Bundeskanzler Verständnis » is no name)."""
    if j < len(toks) and toks[j][2] == ",":
        j += 1
    if j >= len(toks) or toks[j][0] - toks[j - 1][1] > 1:
        return False
    word = toks[j][2]
    lowered = word.lower()
    return (
        word[:1].isupper() and word.isalpha() and not word.isupper() and (word,) not in gazetteer.exact
        and gazetteer.exact.get((word, toks[j + 1][2]) if j + 1 < len(toks) else ()) is None
        and (lowered not in stop_words() or first_names().get_gender(word) != "unknown")  # « Jim » is a word somewhere
        and lowered not in gazetteer.demonyms and lowered not in gazetteer.role_words
        and not gazetteer.in_name_words(word, "not_name")
        and (not nouns_capitalised or first_names().get_gender(word) != "unknown" or _surname_on_page(toks, word))
    )


def _surname_on_page(toks, word: str) -> bool:
    """Whether the page names `word` after a first name somewhere ("Johann Wadephul")."""
    return any(t[2] == word and k and first_names().get_gender(toks[k - 1][2]) != "unknown" for k, t in enumerate(toks))


def _chars_of(toks, index: int, count: int) -> int:
    stop = min(len(toks) - 1, index + count)
    return toks[stop][1] - toks[index][1]


def _match_role(lowered: list[str], i: int, gazetteer: Gazetteer, toks, home: str | None = None) -> tuple[str, str, int, int] | None:
    """(role, country, index of the first and of the last token) of a role phrase whose role word
    is token i, else None; a nationality before it ("US President") is part of the phrase.

    French, Spanish and Italian put the nationality after the first noun or at the end ("le ministre
    russe des Affaires étrangères", "la canciller alemana"); English and German before ("the Russian
    president", "des russischen Präsidenten", "US-Präsident"), or the country's possessive
    ("Britain's prime minister", "Russlands Präsident"); "of"/"de"/"von" + a country also works
    ("le président de la Russie"). A phrase only one country uses needs none ("Taoiseach"). A leader's
    title after or before a word of the name of one party of the page's country (`home`) is that
    party's (« el líder popular », "the Conservative leader").
    """
    word = lowered[i]
    if word in COUNTERPART_WORDS:
        # "his Chinese counterpart", "her U.S. counterpart", « seinem chinesischen Amtskollegen »; not French « par » after « russe »
        before = _nationality_before(toks, lowered, i, gazetteer) if i > 0 and word not in NATIONALITY_AFTER_ONLY else None
        after = demonym_at(lowered, i + 1, gazetteer)
        if before is None and after:
            return "counterpart", after[0], i, after[1]
        return ("counterpart", before[0], before[1], i) if before else None
    found = None
    for phrase in gazetteer.phrases_from.get(word, ()):
        if found is not None and len(phrase.tokens) < found[4]:
            break
        if found is not None and not phrase.countries:
            continue  # only a scoped phrase of the same length can still win (« président » of Iran heads its government)
        n = len(phrase.tokens)
        country, first = None, i
        if tuple(lowered[i : i + n]) == phrase.tokens:
            last = i + n - 1
            # « el presidente electo de Brasil »: the country after the word of time
            timed = last + 1 if last + 1 < len(lowered) and lowered[last + 1] in FORMER_WORDS | NEXT_WORDS else last
            country, last = _nationality_after(lowered, timed, gazetteer)
            if country is None:
                country, first = _nationality_before(toks, lowered, i, gazetteer) or (None, i)
            if country is None:
                country, last = _country_after_of(toks, lowered, timed, gazetteer)
            if country is None and phrase.role in LEADERS_ROLES:
                country, last = _party_after(lowered, timed, gazetteer, home)
            if (country is None and phrase.role in LEADERS_ROLES and i > 0 and toks[i - 1][2][:1].isupper()
                    and lowered[i - 1] not in stop_words() and (toks[i - 1][2], toks[i][2]) not in gazetteer.exact  # not "Brexit Party"
                    and (party := _home_party(lowered[i - 1], gazetteer, home))):
                country, first, last = party, i - 1, i + n - 1  # "the Conservative leader" of a British page
            if country is None:
                last = i + n - 1
            if country is None and (last + 1 >= len(lowered) or lowered[last + 1] not in COMPLEMENT_OPENERS):
                country = phrase.implied_country
        elif n > 1 and (inside := demonym_at(lowered, i + 1, gazetteer)) and tuple(lowered[inside[1] + 1 : inside[1] + n]) == phrase.tokens[1:]:
            country, last = inside[0], inside[1] + n - 1
        if country in gazetteer.role_bodies and phrase.countries and country not in phrase.countries and phrase.implied_country:
            country = phrase.implied_country  # « EU-Kommissionspräsidentin »: the phrase says which body
        if country and (not phrase.countries or country in phrase.countries):
            if phrase.countries:
                return phrase.role, country, first, last
            found = found or (phrase.role, country, first, last, n)
    return found[:4] if found else None


def _nationality_before(toks, lowered: list[str], i: int, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """(country, first token) that a role's preceding words give: "Chinese", "US-", "Britain's",
    « Russlands »."""
    before = i - 1
    if before >= 1 and lowered[before] == COMPOUND_HYPHEN:
        before -= 1
    if before >= 1 and (country := gazetteer.demonyms.get(f"{lowered[before - 1]} {lowered[before]}")):
        return country, before - 1  # "the South African president"
    if before >= 3 and lowered[before] == "." and all(toks[k][1] == toks[k + 1][0] for k in range(before - 3, before)):
        dotted = "".join(lowered[before - 3 : before + 1])  # "the U.S. president", "the U.K. prime minister"
        if country := gazetteer.demonyms.get(dotted) or country_of(gazetteer, "".join(t[2] for t in toks[before - 3 : before + 1])):
            return country, before - 3
    if (named := _name_ending_at(toks, before, gazetteer)) is not None:
        return named  # "the Brexit Party leader", "the Reform UK leader" (not the UK's)
    if before >= 0 and lowered[before] in gazetteer.demonyms:
        return gazetteer.demonyms[lowered[before]], before
    if before >= 0 and lowered[before] in gazetteer.region_adjectives:
        return gazetteer.region_adjectives[lowered[before]], before  # « der sächsische Regierungschef »
    if before >= 2 and tuple(lowered[before - 1 : before + 1]) == POSSESSIVE:
        country = country_of(gazetteer, toks[before - 2][2])
        return (country, before - 2) if country else None
    if before >= 0 and toks[before][2][:1].isupper():
        # "NATO Secretary General", « NATO-Generalsekretär », « Russlands Präsident » (a genitive)
        word = toks[before][2]
        country = country_of(gazetteer, word) or (country_of(gazetteer, word[:-1]) if word.endswith("s") else None)
        return (country, before) if country else None
    return None


def _name_before_title(toks, first: int, title: int, gazetteer: Gazetteer, body: str, name_follows: bool) -> bool:
    """Whether the words from `first` to the title word, which said the title is `body`'s, are a known
    name apart from it by a space (not a compound's hyphen: « US-Präsident » is one word), and not a
    country's before a name."""
    if first >= title or toks[title - 1][1] == toks[title][0] or (name_follows and body.isupper()):
        return False
    return _alias_of(gazetteer, tuple(t[2] for t in toks[first:title])) is not None


def _name_ending_at(toks, last: int, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """(body, first token) of a name of two words or more, ending at token `last`, of a country
    or an organisation with office-holders of its own."""
    for n in range(min(gazetteer.max_alias_tokens, last + 1), 1, -1):
        if all(toks[k][1] + 1 >= toks[k + 1][0] for k in range(last - n + 1, last)):
            if body := body_of(gazetteer, _alias_of(gazetteer, tuple(t[2] for t in toks[last - n + 1 : last + 1]))):
                return body, last - n + 1
    return None


def _alias_of(gazetteer: Gazetteer, words: tuple[str, ...]) -> str | None:
    """The entity a name of these words names, or of several words with a German genitive s
    (« Sachsen-Anhalts »; one word's, « Russlands », is read as a nationality instead)."""
    genitive = words[:-1] + (words[-1][:-1],) if len(words) > 1 and words[-1].endswith("s") else None
    return gazetteer.exact.get(words) or (genitive and gazetteer.exact.get(genitive)) or None


def _nationality_after(lowered: list[str], last: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    found = demonym_at(lowered, last + 1, gazetteer)
    if found is None and last + 1 < len(lowered) and (region := gazetteer.region_adjectives.get(lowered[last + 1])):
        found = region, last + 1  # « el presidente andaluz »
    return found if found else (None, last)


def _party_after(lowered: list[str], last: int, gazetteer: Gazetteer, home: str | None) -> tuple[str | None, int]:
    """The party of the page's country that the word after a title names (« popular », « socialiste »)."""
    party = _home_party(lowered[last + 1], gazetteer, home) if last + 1 < len(lowered) else None
    return (party, last + 1) if party else (None, last)


def _home_party(word: str, gazetteer: Gazetteer, home: str | None) -> str | None:
    """The one party with office-holders of the page's country whose name holds the word."""
    party = party_of(word, gazetteer, home)
    return party if party in gazetteer.role_bodies else None


def _country_after_of(toks, lowered: list[str], last: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """"président de la Russie", "President of France", « presidente de la Comisión Europea »: a
    country, or an organisation with office-holders, named after "de"/"of"."""
    j = last + 1
    if j >= len(lowered) or lowered[j] not in OF_WORDS:
        return None, last
    j += 1
    while j < len(lowered) and lowered[j] in ARTICLES_AFTER_OF:
        j += 1
    for n in range(min(gazetteer.max_alias_tokens, len(toks) - j), 0, -1):
        body = body_of(gazetteer, gazetteer.exact.get(tuple(t[2] for t in toks[j : j + n])))
        if body:
            return body, j + n - 1
    return None, last


def _tense(lowered: list[str], first: int, last: int) -> int:
    """-1 for a former holder ("the former chancellor", « l'ex-président », « der frühere Kanzler »),
    +1 for the next one ("the incoming president", « der designierte US-Präsident », "president-elect"),
    0 for the holder at the date."""
    before = [w for w in lowered[max(0, first - 3) : first] if w not in DEFINITE_ARTICLES and w != COMPOUND_HYPHEN]
    inside = lowered[first + 1 : last]  # « el presidente electo de Brasil »
    if (before and before[-1] in FORMER_WORDS) or not FORMER_WORDS.isdisjoint(inside):
        return -1
    if (before and before[-1] in NEXT_WORDS) or not NEXT_WORDS.isdisjoint(inside) or elected_at(lowered, last) is not None:
        return 1
    return 0
