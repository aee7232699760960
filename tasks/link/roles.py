"""Role phrases ("le président russe", "der Bundeskanzler", "son homologue chinois") resolved to
the person who held the role at the article's date."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date, timedelta

from depeche.tasks.clean import stop_words
from depeche.tasks.gazetteer import Gazetteer, RolePhrase
from depeche.tasks.link.capitalised import first_names
from depeche.tasks.link.spans import Span
from depeche.tasks.link.words import (
    ARTICLES_AFTER_OF, BARE_ROLE_COMPLEMENTS, COMPLEMENT_OPENERS, COMPOUND_HYPHEN, COUNTERPART_WORDS, DEFINITE_ARTICLES, FEMININE_ARTICLES,
    FORMER_WORDS, MASCULINE_IN_A, NATIONALITY_AFTER_ONLY, NEXT_WORDS, OF_WORDS, POSSESSIVE, ROMANCE_A_FEMININE, TIME_WORDS,
)

ROLE_MEMORY = timedelta(days=183)
DATE_SLACK = timedelta(days=31)  # a publication date known to the month: a holder who took office that month
HEAD_OF_STATE, HEAD_OF_GOVERNMENT, HEAD_OF_ORGANISATION = "head_of_state", "head_of_government", "head_of_organisation"
COUNTERPART_REACH = 6  # spans looked back at for the person « son homologue » is the counterpart of
APPOSITION_TOKENS = 3  # "le président chinois Xi Jinping": a name this close after a role is the mention
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})  # « le nouveau Premier ministre chinois. Li Qiang … » is no apposition
CONJUNCTIONS = frozenset({"and", "et", "und", "y", "e", "ed", "or", "ou", "oder", "o"})  # "The German chancellor and Justin Trudeau"
# "El mandatario estadounidense … El mandatario": a bare title this near the last title of one of its
# holders is that holder again, however often the article names another
TITLE_REACH = 300


def role_mentions(toks, gazetteer: Gazetteer, published_at: date | None, named_in_doc: dict[str, list[int]], ner: list[Span],
                  language: str | None = None, names_by_capitals: bool = False,
                  source_country: str | None = None) -> tuple[list[Span], list[tuple[int, int]]]:
    """Role phrases with a nationality ("le président russe") resolved to the holder at the date.

    A role phrase right before a name ("le président chinois Xi Jinping") is an apposition: the
    name is the mention. NER spans that are role phrases become role mentions (or are dropped
    when the holder is unknown: a role is not an organisation). Also returns every role phrase's
    extent, resolved or not. `named_in_doc`: where the document names each entity it names.
    `names_by_capitals`: no NER reads the language, so a capitalised word the reference data does
    not know, right after a title, is taken for the name in apposition ("Treasurer Jim Chalmers").
    `source_country`: the outlet's country, when known, which a bare title is first about.
    """
    lowered = [t[2].lower() for t in toks]
    ner_sorted = sorted(ner, key=lambda s: s.start)
    ner_starts = [s.start for s in ner_sorted]
    linked_ner = [s for s in ner_sorted if s.entity_id]
    found: list[Span] = []
    phrases: list[tuple[int, int]] = []
    titled: list[tuple[int, str]] = []  # (start, role) of every role phrase matched, resolved or not
    designated: list[tuple[int, str]] = []  # (start, holder) of each role phrase resolved to a person
    i = 0
    while i < len(toks):
        match = _match_role(lowered, i, gazetteer, toks)
        if match is None:
            plain = next((p for p in gazetteer.phrases_from.get(lowered[i], ())
                          if tuple(lowered[i : i + len(p.tokens)]) == p.tokens and (language is None or p.lang == language)), None)
            if plain is not None:
                titled.append((toks[i][0], plain.role))  # "Defence Minister Manohar Parrikar": a title, whoever holds it
            bare = _bare_role(toks, lowered, i, gazetteer, published_at, named_in_doc, designated, language, source_country)
            if bare is not None:
                holder, last = bare
                found.append(Span(toks[i][0], toks[last][1], "PER", holder, "role"))
                designated.append((toks[i][0], holder))
                phrases.append((toks[i][0], toks[last][1]))
                i = last + 1
                continue
            i += 1
            continue
        role, country, first, last = match
        start, end = toks[first][0], toks[last][1]
        if phrases and start < phrases[-1][1]:
            start = toks[i][0]  # the nationality word ended the phrase before
        phrases.append((start, end))
        if role == "counterpart":
            holder = _counterpart(found, linked_ner, titled, gazetteer, country, published_at, start, named_in_doc)
        else:
            titled.append((start, role))
            tense = _tense(lowered, first, last)
            holder = (_resolve(gazetteer, role, country, published_at, named_in_doc) if tense == 0
                      else _holder_before_or_after(gazetteer, role, country, published_at, tense))
        following = bisect.bisect_left(ner_starts, end)
        name_follows = (
            following < len(ner_sorted)
            and ner_sorted[following].label == "PER"
            and ner_sorted[following].start - end <= _chars_of(toks, last, APPOSITION_TOKENS)
            and not any(t[2] in SENTENCE_ENDS or t[2].lower() in CONJUNCTIONS
                        for t in toks[last + 1 : last + 1 + APPOSITION_TOKENS] if t[0] < ner_sorted[following].start)
        ) or (names_by_capitals and _unknown_name_at(toks, last + 1, gazetteer))
        for span in ner_sorted[max(0, following - 3) : following]:
            if span.entity_id is None and span.start < end and start < span.end:
                span.method = "role-phrase"
        if holder and not name_follows:
            found.append(Span(start, end, "PER", holder, "role"))
            designated.append((start, holder))
        elif not name_follows and f"country-{country.lower()}" in gazetteer.entities:
            # « le chef de l'État somalien » with no known holder: the country's government acts
            found.append(Span(start, end, "LOC", f"country-{country.lower()}", "role"))
        elif not name_follows and country in gazetteer.role_bodies:
            found.append(Span(start, end, gazetteer.entities[country].label, country, "role"))
        i = last + 1
    return found, phrases


def _unknown_name_at(toks, j: int, gazetteer: Gazetteer) -> bool:
    """A capitalised word at token j (or after a comma there) that no reference entry, nationality,
    role or function word explains: the start of a name the capitalised-name finder will read."""
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
        and not any(lowered in words for words in gazetteer.name_words.get("not_name", {}).values())
    )


def _bare_role(toks, lowered: list[str], i: int, gazetteer: Gazetteer, on: date | None, named_in_doc: dict[str, list[int]],
               designated: list[tuple[int, str]], language: str | None = None, source_country: str | None = None) -> tuple[str, int] | None:
    """« le chancelier », « le Premier ministre » without a nationality, after an article and maybe
    a word of time (« l'ancien », "the outgoing", « la expresidenta »): (holder, last token), else None.

    A title is first its holder in the outlet's country, when the page's address says which and the
    article names him (« el Presidente » of an Argentine paper on Macri in Madrid); a title
    only some countries use (a chancellor, a king) is first its holder in the country the article is
    about, when that is one of them (`_home_office`): "the Chancellor" of a London paper is the
    Exchequer's. Otherwise, the one holder of that role whom the article names and who held
    it at its date (any time when undated; before it for a former holder, after it for the next);
    of several, the one a title just designated, else the one named most before it. A head of
    government's title does not name one who is head of state too (the US president is not "the
    prime minister"), nor a feminine title a man. With no holder named, the holder in the country
    the article is about. Not before a name (an apposition) or a complement (« le président de la
    Commission »). `designated`: the role phrases before it resolved to a person, as (start, holder)."""
    opening = _bare_opening(lowered, i)
    if opening is None:
        return None
    article, tense, word = opening
    words = lowered if word == lowered[i] else [*lowered[:i], word, *lowered[i + 1 :]]
    phrases = gazetteer.phrases_from.get(word, ())
    # The page's language says which title it is (« presidente »: Spanish, or a French feminine)
    phrases = [p for p in phrases if p.lang == language] or phrases
    feminine = _feminine(toks, lowered, article, i, language)
    matched = []
    for phrase in phrases:
        last = i + len(phrase.tokens) - 1
        if tuple(words[i : last + 1]) != phrase.tokens or last + 1 >= len(lowered):
            continue
        following = toks[last + 1][2]
        if following.lower() in BARE_ROLE_COMPLEMENTS or _demonym_at(lowered, last + 1, gazetteer) or following[:1].isupper():
            continue  # « le président de la Commission », « le président russe », « le chancelier Olaf Scholz »
        matched.append((phrase, last, gazetteer.short_titles.get((phrase.tokens, phrase.lang), set())))
    # The outlet's own country first, when its address says it; else, for a title only some
    # countries use, the country the page is about.
    if on is not None and (source_country or any(phrase.countries for phrase, _, _ in matched)):
        for phrase, last, offices in matched:
            office = (_home_office(phrase, offices, gazetteer, on, {}, language, source_country) if source_country
                      else _home_office(phrase, offices, gazetteer, on, named_in_doc, language, scoped_only=True))
            holder = office and _holder_at(gazetteer, office, on, tense)
            # the outlet's own office-holder when the article names him; the home country's unless
            # the article names another holder of that office (a date read wrong)
            unsure = holder not in named_in_doc and (source_country or any(h in named_in_doc for _, _, h in gazetteer.roles.get(office, ())))
            if holder and not unsure and not (feminine and _gender(gazetteer, holder) == "male"):
                return holder, last
    for phrase, last, offices in matched:
        holders = {
            holder
            for (role, country), tenures in gazetteer.roles.items()
            if ((role == phrase.role and (not phrase.countries or country in phrase.countries)) or (role, country) in offices)
            and country not in phrase.excluded
            for start, end, holder in tenures
            if holder in named_in_doc and _in_tense(gazetteer, holder, start, end, on, tense)
            and not (role == HEAD_OF_GOVERNMENT and (HEAD_OF_STATE, country) in gazetteer.roles_of(holder, on))
        }
        if feminine:
            holders = {holder for holder in holders if _gender(gazetteer, holder) != "male"}
        chosen = (_last_titled(designated, holders, toks[i][0]) if tense == 0 else None) or _most_named_before(holders, named_in_doc, toks[i][0])
        if chosen:
            return chosen, last
        if on is not None:
            # no holder named, or several named as often: the one of the country the page is about
            office = _home_office(phrase, offices, gazetteer, on, named_in_doc, language, source_country)
            holder = office and _holder_at(gazetteer, office, on, tense)
            if holder and (not holders or holder in holders) and not (feminine and _gender(gazetteer, holder) == "male"):
                return holder, last
    return None


def _bare_opening(lowered: list[str], i: int) -> tuple[int, int, str] | None:
    """(index of the article, tense, the title's first word) of a bare title at token i, else None:
    « le » + title, "the outgoing" / « der frühere » + title (tense -1 before, +1 after the date's
    holder, `_tense`), « la expresidenta », "the ex-president"."""
    word, before = lowered[i], lowered[i - 1] if i > 0 else ""
    if word.startswith("ex") and len(word) > 4 and before in DEFINITE_ARTICLES:
        return i - 1, -1, word[2:]  # « la expresidenta », « l'ex-président » is "ex" "-"
    if before in DEFINITE_ARTICLES:
        return i - 1, 0, word
    if i >= 2 and lowered[i - 2] in DEFINITE_ARTICLES and before in TIME_WORDS:
        return i - 2, -1 if before in FORMER_WORDS else 1 if before in NEXT_WORDS else 0, word
    if i >= 3 and before == COMPOUND_HYPHEN and lowered[i - 2] == "ex" and lowered[i - 3] in DEFINITE_ARTICLES:
        return i - 3, -1, word
    return None


def _in_tense(gazetteer: Gazetteer, holder: str, start: date, end: date | None, on: date | None, tense: int) -> bool:
    """Whether a tenure fits a title at a date: held then (any time when undated); ended by then for
    a former holder; begun after it for the next. Or, for the present, held within ROLE_MEMORY of
    the date by one who holds no other office then: journalists keep calling a recent or de facto
    holder by the role (Wang Yi stayed « le chef de la diplomatie chinoise » while Qin Gang was
    minister), not one who has moved on (Sunak, chancellor until 2022, is no "chancellor" in 2023),
    nor one yet to take office (a president-elect is not "the president")."""
    if on is None:
        return tense == 0
    if tense < 0:
        return end is not None and end <= on
    if tense > 0:
        return start > on
    if start <= on and (end is None or on < end):
        return True
    return start - DATE_SLACK <= on and (end is None or on <= end + ROLE_MEMORY) and not gazetteer.roles_of(holder, on)


def _holder_at(gazetteer: Gazetteer, office: tuple[str, str], on: date, tense: int) -> str | None:
    role, country = office
    return gazetteer.holder(role, country, on) if tense == 0 else _holder_before_or_after(gazetteer, role, country, on, tense)


def _last_titled(designated: list[tuple[int, str]], holders: set[str], position: int) -> str | None:
    """Of `holders`, the one a role phrase last designated within TITLE_REACH before the position
    ("El mandatario estadounidense … El mandatario", « el presidente de México … el mandatario »)."""
    for start, holder in reversed(designated):
        if position - start > TITLE_REACH:
            return None
        if holder in holders:
            return holder
    return None


def _feminine(toks, lowered: list[str], article: int, i: int, language: str | None) -> bool:
    """Whether the title at token i, after the article at `article`, is a woman's: « la présidente »,
    « la canciller », « die Außenministerin », « la presidenta »."""
    if lowered[article] in FEMININE_ARTICLES:
        return True
    word = lowered[i]
    if language == "de":
        return word.endswith("in") and len(word) > 5
    return language in ROMANCE_A_FEMININE and word.endswith("a") and word not in MASCULINE_IN_A


def _gender(gazetteer: Gazetteer, entity_id: str) -> str | None:
    """"male" or "female" as a person's first name says, else None (unknown, or not a person)."""
    entity = gazetteer.entities.get(entity_id)
    if entity is None or entity.label != "PER":
        return None
    guess = first_names().get_gender(entity.name.split()[0])
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(guess)


def _home_office(phrase: RolePhrase, offices: set[tuple[str, str]], gazetteer: Gazetteer, on: date, named_in_doc: dict[str, list[int]],
                 language: str | None, source_country: str | None = None, scoped_only: bool = False) -> tuple[str, str] | None:
    """(role, country) a title names in the country the article is about, else None: « el Rey »
    of a Spanish page is Spain's, "the Prime Minister" of a Singapore paper Singapore's.

    The countries are taken most named first (with their cities, people and institutions), those of the page's language before the others; the
    first where the title can name someone decides, and a tie decides nothing. A country's own
    title for the office (« el presidente » for Spain's head of government) wins there over the
    phrase's role. Countries of other languages are tried only when the page names none of its own,
    and for a title only some countries use: « le ministre des Affaires étrangères » of a French page
    on Xi Jinping's visit may be anyone's.
    The outlet's country (`source_country`), when known, comes first, named or not.
    `scoped_only`: only a country the phrase is scoped to, or a country's own title, can decide."""
    mentions: dict[str, int] = defaultdict(int)  # a country's own name, and its cities, people and institutions
    for entity_id, places in named_in_doc.items():
        if (country := gazetteer.entities[entity_id].country_code) and f"country-{country.lower()}" in gazetteer.entities:
            mentions[country] += len(places)
    if source_country:
        mentions[source_country] += 0
    ranked = sorted(
        ((country == source_country or language in gazetteer.country_languages.get(country, ()), country == source_country, times, country)
         for country, times in mentions.items()),
        reverse=True,
    )
    ranked = [(own_language, times, country) for own_language, _, times, country in ranked]
    for k, (own_language, times, country) in enumerate(ranked):
        if not own_language and (ranked[0][0] or not (phrase.countries or offices)):
            return None  # a title every country has, on a page naming no country of its language: whose?
        roles = [role for role, office_country in offices if office_country == country]
        if not roles and (country in phrase.countries or not (phrase.countries or (scoped_only and country != source_country))):
            roles = [phrase.role]  # the outlet's own country's office first: « el Presidente » of an Argentine paper
        if not roles or country in phrase.excluded:
            continue
        role = next((role for role in roles if gazetteer.holder(role, country, on)), roles[0])
        holder = gazetteer.holder(role, country, on)
        if role == HEAD_OF_GOVERNMENT and holder is not None and holder == gazetteer.holder(HEAD_OF_STATE, country, on):
            continue  # the US president is not "the prime minister"
        if country != source_country and k + 1 < len(ranked) and ranked[k + 1][:2] == (own_language, times):
            return None
        return role, country
    return None


def _most_named_before(holders: set[str], named_in_doc: dict[str, list[int]], position: int) -> str | None:
    """The one holder, or of several the one the article has named most often so far (then last):
    "the prime minister" in an article on Sunak's talks with Albanese is Sunak."""
    if len(holders) == 1:
        return next(iter(holders))
    ranked = sorted(
        ((sum(at < position for at in named_in_doc[h]), max((at for at in named_in_doc[h] if at < position), default=-1), h) for h in holders),
        reverse=True,
    )
    if not ranked or ranked[0][1] < 0 or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    return ranked[0][2]


def _chars_of(toks, index: int, count: int) -> int:
    stop = min(len(toks) - 1, index + count)
    return toks[stop][1] - toks[index][1]


def _match_role(lowered: list[str], i: int, gazetteer: Gazetteer, toks) -> tuple[str, str, int, int] | None:
    """(role, country, index of the first and of the last token) of a role phrase whose role word
    is token i, else None; a nationality before it ("US President") is part of the phrase.

    French, Spanish and Italian put the nationality after the first noun or at the end ("le ministre
    russe des Affaires étrangères", "la canciller alemana"); English and German before ("the Russian
    president", "des russischen Präsidenten", "US-Präsident"), or the country's possessive
    ("Britain's prime minister", "Russlands Präsident"); "of"/"de"/"von" + a country also works
    ("le président de la Russie"). A phrase only one country uses needs none ("Taoiseach").
    """
    word = lowered[i]
    if word in COUNTERPART_WORDS:
        # "his Chinese counterpart", « seinem chinesischen Amtskollegen »; not French « par » after « russe »
        country = gazetteer.demonyms.get(lowered[i - 1]) if i > 0 and word not in NATIONALITY_AFTER_ONLY else None
        after = _demonym_at(lowered, i + 1, gazetteer)
        if country is None and after:
            return "counterpart", after[0], i, after[1]
        return ("counterpart", country, i - 1, i) if country else None
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
            country, last = _nationality_after(lowered, last, gazetteer)
            if country is None:
                country, first = _nationality_before(toks, lowered, i, gazetteer) or (None, i)
            if country is None:
                country, last = _country_after_of(toks, lowered, last, gazetteer)
            if country is None and (last + 1 >= len(lowered) or lowered[last + 1] not in COMPLEMENT_OPENERS):
                country = phrase.implied_country
        elif n > 1 and (inside := _demonym_at(lowered, i + 1, gazetteer)) and tuple(lowered[inside[1] + 1 : inside[1] + n]) == phrase.tokens[1:]:
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
        if country := gazetteer.demonyms.get(dotted) or _country_of(gazetteer, "".join(t[2] for t in toks[before - 3 : before + 1])):
            return country, before - 3
    if before >= 0 and lowered[before] in gazetteer.demonyms:
        return gazetteer.demonyms[lowered[before]], before
    if before >= 2 and tuple(lowered[before - 1 : before + 1]) == POSSESSIVE:
        country = _country_of(gazetteer, toks[before - 2][2])
        return (country, before - 2) if country else None
    if before >= 0 and toks[before][2][:1].isupper():
        # "NATO Secretary General", « NATO-Generalsekretär », « Russlands Präsident » (a genitive)
        word = toks[before][2]
        country = _country_of(gazetteer, word) or (_country_of(gazetteer, word[:-1]) if word.endswith("s") else None)
        return (country, before) if country else None
    return None


def _country_of(gazetteer: Gazetteer, word: str) -> str | None:
    return _body(gazetteer, gazetteer.exact.get((word,)))


def _body(gazetteer: Gazetteer, entity_id: str | None) -> str | None:
    """What a role is held in: a country's code, or an organisation with office-holders of its
    own (« le secrétaire général de l'OTAN »)."""
    if entity_id is None:
        return None
    if entity_id.startswith("country-"):
        return gazetteer.entities[entity_id].country_code
    return entity_id if entity_id in gazetteer.role_bodies else None


def _nationality_after(lowered: list[str], last: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    found = _demonym_at(lowered, last + 1, gazetteer)
    return found if found else (None, last)


def _demonym_at(lowered: list[str], j: int, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """(country, last token) of a nationality adjective at token j: one word, a hyphenated one
    (« sud-coréen ») or two ("South Korean")."""
    if j >= len(lowered):
        return None
    if j + 2 < len(lowered) and lowered[j + 1] == COMPOUND_HYPHEN and (country := gazetteer.demonyms.get(f"{lowered[j]}-{lowered[j + 2]}")):
        return country, j + 2
    if j + 1 < len(lowered) and (country := gazetteer.demonyms.get(f"{lowered[j]} {lowered[j + 1]}")):
        return country, j + 1
    country = gazetteer.demonyms.get(lowered[j])
    return (country, j) if country else None


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
        body = _body(gazetteer, gazetteer.exact.get(tuple(t[2] for t in toks[j : j + n])))
        if body:
            return body, j + n - 1
    return None, last


def _counterpart(found: list[Span], linked: list[Span], titled: list[tuple[int, str]], gazetteer: Gazetteer,
                 country: str, on: date | None, before: int, named_in_doc: dict[str, list[int]]) -> str | None:
    """« son homologue chinois »: the holder, in that country, of the role of the person last
    mentioned with one — or of the last role phrase, if nearer ("Defence Minister Manohar Parrikar and
    his French counterpart", whoever holds India's office). Of a person with two roles (the US
    president heads state and government), the role whose holder there the article names.
    `found` and `linked` are linked spans in text order; `titled` the role phrases so far."""
    candidates = sorted(_last_before(found, before) + _last_before(linked, before), key=lambda s: s.start, reverse=True)
    person = next(((span.start, [role for role, _ in gazetteer.roles_of(span.entity_id, on)])
                   for span in candidates[:COUNTERPART_REACH] if gazetteer.roles_of(span.entity_id, on)), (-1, []))
    phrase = titled[-1] if titled else (-1, "")
    roles = [phrase[1]] if phrase[0] > person[0] else person[1]
    if country in gazetteer.monarchies and HEAD_OF_GOVERNMENT in roles:
        roles = [HEAD_OF_GOVERNMENT]  # the US president's Australian counterpart is its prime minister, not the King
    holders = [holder for role in roles if (holder := _resolve(gazetteer, role, country, on, named_in_doc))]
    return next((holder for holder in holders if holder in named_in_doc), holders[0] if holders else None)


def _last_before(spans: list[Span], before: int) -> list[Span]:
    """The last COUNTERPART_REACH spans (of spans in text order) starting before a position, and
    any that start with the first of them: all that can rank among the nearest, without sorting
    a long document's spans for each phrase."""
    end = bisect.bisect_left(spans, before, key=lambda s: s.start)
    start = max(0, end - COUNTERPART_REACH)
    while start > 0 and spans[start - 1].start == spans[start].start:
        start -= 1
    return spans[start:end]


def _tense(lowered: list[str], first: int, last: int) -> int:
    """-1 for a former holder ("the former chancellor", « l'ex-président », « der frühere Kanzler »),
    +1 for the next one ("the incoming president", « der designierte US-Präsident », "president-elect"),
    0 for the holder at the date."""
    before = [w for w in lowered[max(0, first - 3) : first] if w not in DEFINITE_ARTICLES and w != COMPOUND_HYPHEN]
    after = lowered[last + 1 : last + 3]
    if before and before[-1] in FORMER_WORDS:
        return -1
    if (before and before[-1] in NEXT_WORDS) or (after and (after[0] in NEXT_WORDS or after[-1] in NEXT_WORDS and after[0] == COMPOUND_HYPHEN)):
        return 1
    return 0


def _holder_before_or_after(gazetteer: Gazetteer, role: str, country: str, on: date | None, step: int) -> str | None:
    """The holder before (step -1) or after (step +1) the one in office on the date."""
    if on is None:
        return None
    tenures = sorted(gazetteer.roles.get(_office(gazetteer, role, country), ()), key=lambda tenure: tenure[0])
    current = next((k for k, (start, end, _) in enumerate(tenures) if start <= on and (end is None or on < end)), None)
    if current is None:
        return None
    other = current + step
    return tenures[other][2] if 0 <= other < len(tenures) else None


def _office(gazetteer: Gazetteer, role: str, country: str) -> tuple[str, str]:
    """The (role, country) key of the role table: an organisation's president or chief heads it
    (« le président de la Commission »)."""
    if country in gazetteer.role_bodies and (role, country) not in gazetteer.roles:
        return HEAD_OF_ORGANISATION, country
    return role, country


def _resolve(gazetteer: Gazetteer, role: str, country: str, on: date | None, named_in_doc: dict[str, list[int]]) -> str | None:
    """Who a role phrase designates.

    The holder on the article's date, unless the article names someone who held the role within
    six months of that date and holds no other office then (`_in_tense`). Without a date, only a holder
    the article names.
    """
    role, country = _office(gazetteer, role, country)
    tenures = gazetteer.roles.get((role, country), ())
    if not tenures:
        # The role table does not cover this country: the one person of that country the article names.
        compatriots = {e for e in named_in_doc if gazetteer.entities[e].label == "PER" and gazetteer.entities[e].country_code == country}
        return next(iter(compatriots)) if len(compatriots) == 1 else None
    if on is None:
        named = {holder for _, _, holder in tenures} & named_in_doc.keys()
        return next(iter(named)) if len(named) == 1 else None
    on_date = gazetteer.holder(role, country, on)
    if on_date in named_in_doc:
        return on_date
    near = {holder for start, end, holder in tenures if holder in named_in_doc and _in_tense(gazetteer, holder, start, end, on, 0)}
    return next(iter(near)) if len(near) == 1 else on_date
