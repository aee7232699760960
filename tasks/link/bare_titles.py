"""Bare titles (« le chancelier », "the Prime Minister", « la expresidenta »: no nationality, no name)
resolved to a holder: the outlet's, the one the article names or just designated, or the holder in
the country the page is about."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from depeche.tasks.gazetteer import Gazetteer, RolePhrase
from depeche.tasks.link.holders import HEAD_OF_GOVERNMENT, HEAD_OF_ORGANISATION, HEAD_OF_STATE, gender, holder_at, in_tense
from depeche.tasks.link.words import (
    BARE_ROLE_COMPLEMENTS, COMPOUND_HYPHEN, DEFINITE_ARTICLES, DETERMINERS, EXECUTIVE_WORDS, FEMININE_ARTICLES, FORMER_WORDS, GENDERED_TITLES, MASCULINE_IN_A, NEXT_WORDS,
    POSSESSIVE, ROMANCE_A_FEMININE, TIME_WORDS, VISITING_WORDS,
)

HEAD_LAST_LANGUAGES = frozenset({"de", "en"})  # a title's noun ends it ("deputy prime minister")
# "El mandatario estadounidense … El mandatario": a bare title this near the last title of one of its
# holders is that holder again, however often the article names another
TITLE_REACH = 300
SENTENCE_END_MARKS = frozenset({".", "!", "?"})
INDEFINITE_ARTICLES = frozenset({"a", "an"})
ONE_HOLDER_ROLES = frozenset({HEAD_OF_STATE, HEAD_OF_GOVERNMENT})  # roles "a relieved …" still names one holder of


def bare_role(toks, lowered: list[str], i: int, gazetteer: Gazetteer, on: date | None, named_in_doc: dict[str, list[int]],
               designated: list[tuple[int, str]], language: str | None = None, source_country: str | None = None,
               placed: list[tuple[int, str]] = (), headline_end: int = -1) -> tuple[str, int] | None:
    """« le chancelier », « le Premier ministre » without a nationality, after an article and maybe
    a word of time (« l'ancien », "the outgoing", « la expresidenta »): (holder, last token), else None.

    A title is first its holder in the outlet's country, when the page's address says which and the
    article names him (« el Presidente » of an Argentine paper on Macri in Madrid); a title
    only some countries use (a chancellor, a king) is first its holder in the country the article is
    about, when that is one of them (`home_office`): "the Chancellor" of a London paper is the
    Exchequer's. Otherwise, the one holder of that role whom the article names and who held
    it at its date (any time when undated; before it for a former holder, after it for the next);
    of several, the one a title just designated, else the one named most before it. A prime
    minister's title does not name one who is head of state too (`_presidents_title`), nor a woman's
    title a man (or a king's a queen). With no holder named, the holder in the country the article
    is about. Not before a name (an apposition) or a complement (« le président de la Commission »).
    `designated`: the role phrases before it resolved to a person, as (start, holder). When none of
    that says who, the holder in the country of the last title with a nationality in a sentence just
    before (`placed`, as (its first token, country)): « Der italienische Wirtschaftsminister … Die Ministerpräsidentin »
    (the present holder only: who was "the former prime minister" depends on more than the country).
    `headline_end`: where the page's headline ends, whose titles go without an article."""
    opening = _bare_opening(lowered, i) or _articleless_opening(toks, lowered, i, language, headline_end)
    if opening is None:
        return None
    article, tense, word = opening
    words = lowered if word == lowered[i] else [*lowered[:i], word, *lowered[i + 1 :]]
    phrases = gazetteer.phrases_from.get(word, ())
    # The page's language says which title it is (« presidente »: Spanish, or a French feminine)
    phrases = [p for p in phrases if p.lang == language] or phrases
    if lowered[article] in INDEFINITE_ARTICLES:
        phrases = [p for p in phrases if p.role in ONE_HOLDER_ROLES]  # "a relieved PM", not "a senior minister"
    gender_of_title = title_gender(lowered, article, i, language)
    matched = []
    for phrase in phrases:
        last = i + len(phrase.tokens) - 1
        if tuple(words[i : last + 1]) != phrase.tokens or last + 1 >= len(lowered):
            continue
        following = toks[last + 1][2]
        if following.lower() in BARE_ROLE_COMPLEMENTS or demonym_at(lowered, last + 1, gazetteer) or following[:1].isupper():
            continue  # « le président de la Commission », « le président russe », « le chancelier Olaf Scholz »
        elected = elected_at(lowered, last)
        if tense == 0 and elected is not None:
            tense, last = 1, elected  # "the president-elect", « el presidente electo »
        matched.append((phrase, last, gazetteer.short_titles.get((phrase.tokens, phrase.lang), set())))
    if gender_of_title is None and matched and language in HEAD_LAST_LANGUAGES:
        # « die stellvertretende Premierministerin »: the noun that says whose title ends it
        gender_of_title = title_gender(lowered, article, max(last for _, last, _ in matched), language)
    # The outlet's own country first, when its address says it; else, for a title only some
    # countries use, the country the page is about.
    if on is not None and (source_country or any(phrase.countries for phrase, _, _ in matched)):
        sure = []
        for phrase, last, offices in matched:
            office = (home_office(phrase, offices, gazetteer, on, {}, language, source_country) if source_country
                      else home_office(phrase, offices, gazetteer, on, named_in_doc, language, scoped_only=True))
            holder = office and holder_at(gazetteer, office, on, tense)
            # the outlet's own office-holder when the article names him; the home country's unless
            # the article names another holder of that office (a date read wrong)
            unsure = holder not in named_in_doc and (source_country or any(h in named_in_doc for _, _, h in gazetteer.roles.get(office, ())))
            if holder and not unsure and fits_gender(gender_of_title, gazetteer, holder):
                sure.append((holder not in named_in_doc, holder, last))
        if sure:
            # of two readings ("defence secretary": Britain's, or the American "defense secretary" spelled
            # the British way), the one whose holder the article names
            return min(sure, key=lambda reading: reading[0])[1:]
    whose = tuple(lowered[i - 2 : i]) == POSSESSIVE  # "the alliance's secretary-general": of the organisation the page is about
    for phrase, last, offices in matched:
        body = _home_body(gazetteer, on, named_in_doc) if whose and on is not None and phrase.role == HEAD_OF_ORGANISATION else None
        if body is not None and (holder := holder_at(gazetteer, body, on, tense)) and fits_gender(gender_of_title, gazetteer, holder):
            return holder, last
    for phrase, last, offices in matched:
        holders = {
            holder
            for (role, country), tenures in gazetteer.roles.items()
            # a title any country uses is a region's only where the page says which ("the Ontario premier")
            if ((role == phrase.role and ((not phrase.countries and country not in gazetteer.regions) or country in phrase.countries))
                or (role, country) in offices)
            and country not in phrase.excluded
            for start, end, holder in tenures
            if holder in named_in_doc and in_tense(gazetteer, holder, start, end, on, tense)
            and (tense <= 0 or holder == holder_at(gazetteer, (role, country), on, tense))  # the next holder, not a later one
            and not _presidents_title(gazetteer, phrase, role, country, holder, on)
        }
        holders = {holder for holder in holders if fits_gender(gender_of_title, gazetteer, holder)}
        visiting = lowered[i - 1] in VISITING_WORDS
        if len(holders) > 1 and (tense != 0 or visiting) and on is not None:
            # "the former prime minister" of a page about Canada that names Rutte too: Canada's;
            # "the visiting president" of a page about Pakistan: not Pakistan's
            office = home_office(phrase, offices, gazetteer, on, named_in_doc, language, source_country)
            home_holders = holders & {holder for _, _, holder in gazetteer.roles.get(office, ())} if office else set()
            holders = (holders - home_holders if visiting else home_holders) or holders
        chosen = (_last_titled(designated, holders, toks[i][0]) if tense == 0 else None) or _most_named_before(holders, named_in_doc, toks[i][0])
        if chosen:
            return chosen, last
        if on is not None:
            # no holder named, or several named as often: the one of the country (or, for an
            # organisation's title, of the organisation) the page is about
            office = home_office(phrase, offices, gazetteer, on, named_in_doc, language, source_country)
            holder = office and holder_at(gazetteer, office, on, tense)
            if holder and (not holders or holder in holders) and fits_gender(gender_of_title, gazetteer, holder):
                return holder, last
    # in a sentence before: in one sentence, « Xi a salué le ministre » is as likely a guest's as his own
    near = next((country for k, country in reversed(placed)
                 if toks[i][0] - toks[k][0] <= TITLE_REACH and not SENTENCE_END_MARKS.isdisjoint(lowered[k:i])), None)
    for phrase, last, _ in matched if near and on is not None and tense == 0 else ():
        if (not phrase.countries or near in phrase.countries) and near not in phrase.excluded:
            holder = holder_at(gazetteer, (phrase.role, near), on, tense)
            if holder and fits_gender(gender_of_title, gazetteer, holder):
                return holder, last
    return None


def elected_at(lowered: list[str], last: int) -> int | None:
    """The token of the word after a title ending at token `last` that makes it the next holder's:
    "elect" of "president-elect", « electo » of « presidente electo »; else None."""
    at = last + 2 if last + 1 < len(lowered) and lowered[last + 1] == COMPOUND_HYPHEN else last + 1
    return at if at < len(lowered) and lowered[at] in NEXT_WORDS else None


def _home_body(gazetteer: Gazetteer, on: date, named_in_doc: dict[str, list[int]]) -> tuple[str, str] | None:
    """(head_of_organisation, organisation) of the one organisation with office-holders the article
    names most, if it had a head that day ("the secretary-general" of a page about NATO)."""
    ranked = sorted(((len(places), body) for body, places in named_in_doc.items()
                     if body in gazetteer.role_bodies and gazetteer.holder(HEAD_OF_ORGANISATION, body, on)), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return HEAD_OF_ORGANISATION, ranked[0][1]


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
    if i >= 4 and tuple(lowered[i - 2 : i]) == POSSESSIVE and lowered[i - 3].isalpha() and lowered[i - 4] in DEFINITE_ARTICLES:
        return i - 4, 0, word  # "the alliance's secretary-general": whose, the organisation the page is about says
    return None


def _articleless_opening(toks, lowered: list[str], i: int, language: str | None, headline_end: int) -> tuple[int, int, str] | None:
    """A title without a definite article that still names its holder: capitalised in the headline,
    which drops its articles ("Senate to quiz Finance Minister", "PM's promise", « Kanzler in
    Peking »), or in English after "a" and a word that describes the holder's mood ("a relieved PM",
    "an emotional Taoiseach")."""
    before = lowered[i - 1] if i > 0 else ""
    if (language == "en" and i >= 2 and lowered[i - 2] in INDEFINITE_ARTICLES and before.isalpha() and before not in TIME_WORDS
            and not toks[i - 1][2][:1].isupper()):
        return i - 2, 0, lowered[i]
    after_lower_case = i == 0 or (before not in DETERMINERS and not toks[i - 1][2][:1].isupper())
    if toks[i][1] <= headline_end and toks[i][2][:1].isupper() and after_lower_case:
        return i, 0, lowered[i]
    return None


def _last_titled(designated: list[tuple[int, str]], holders: set[str], position: int) -> str | None:
    """Of `holders`, the one a role phrase last designated within TITLE_REACH before the position
    ("El mandatario estadounidense … El mandatario", « el presidente de México … el mandatario »)."""
    for start, holder in reversed(designated):
        if position - start > TITLE_REACH:
            return None
        if holder in holders:
            return holder
    return None


def _presidents_title(gazetteer: Gazetteer, phrase: RolePhrase, role: str, country: str, holder: str, on: date | None) -> bool:
    """Whether a head of government's title would name one who is head of state too: the US president
    is not "the prime minister", though a president who heads the government is its « jefe del
    Ejecutivo » (Mexico's)."""
    return (role == HEAD_OF_GOVERNMENT and EXECUTIVE_WORDS.isdisjoint(phrase.tokens)
            and (HEAD_OF_STATE, country) in gazetteer.roles_of(holder, on))


def title_gender(lowered: list[str], article: int, i: int, language: str | None) -> str | None:
    """"female" or "male" when the title at token i, after the article at `article`, says whose it
    is: « la présidente », « la canciller », « die Außenministerin », « la presidenta », "the Queen";
    "the King", « el Rey ». Else None."""
    word = lowered[i]
    if word in GENDERED_TITLES:
        return GENDERED_TITLES[word]
    if lowered[article] in FEMININE_ARTICLES:
        return "female"
    if language == "de":
        return "female" if word.endswith("in") and len(word) > 5 else None
    return "female" if language in ROMANCE_A_FEMININE and word.endswith("a") and word not in MASCULINE_IN_A else None


def fits_gender(gender_of_title: str | None, gazetteer: Gazetteer, holder: str) -> bool:
    """Whether a holder may bear a title of that gender (a holder whose first name says nothing may)."""
    return gender_of_title is None or gender(gazetteer, holder) in (None, gender_of_title)


def home_office(phrase: RolePhrase, offices: set[tuple[str, str]], gazetteer: Gazetteer, on: date, named_in_doc: dict[str, list[int]],
                 language: str | None, source_country: str | None = None, scoped_only: bool = False) -> tuple[str, str] | None:
    """(role, country) a title names in the country the article is about, else None: « el Rey »
    of a Spanish page is Spain's, "the Prime Minister" of a Singapore paper Singapore's.

    The outlet's country (`source_country`), when known, comes first, named or not; then the
    countries the page names (with their cities, people and institutions), those of the page's
    language before the others, the most named first. The first where the title can name someone
    decides, and a tie decides nothing. A country's own title for the office (« el presidente » for
    Spain's head of government) wins there over the phrase's role. Countries of other languages are
    tried only when the page names none of its own, and for a title only some countries use: « le
    ministre des Affaires étrangères » of a French page on Xi Jinping's visit may be anyone's.
    `scoped_only`: only a country the phrase is scoped to, or a country's own title, can decide."""
    mentions: dict[str, int] = defaultdict(int)  # a country's own name, and its cities, people and institutions
    for entity_id, places in named_in_doc.items():
        if (country := gazetteer.entities[entity_id].country_code) and f"country-{country.lower()}" in gazetteer.entities:
            mentions[country] += len(places)
    if source_country:
        mentions.setdefault(source_country, 0)
    ranked = sorted(
        ((country == source_country or language in gazetteer.country_languages.get(country, ()), times, country) for country, times in mentions.items()),
        key=lambda ranking: (ranking[0], ranking[2] == source_country, ranking[1], ranking[2]),
        reverse=True,
    )
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
        if holder is not None and _presidents_title(gazetteer, phrase, role, country, holder, on):
            continue
        if country != source_country and k + 1 < len(ranked) and ranked[k + 1][:2] == (own_language, times):
            return None
        return role, country
    return None


def _most_named_before(holders: set[str], named_in_doc: dict[str, list[int]], position: int) -> str | None:
    """The one holder, or of several the one the article has named most often so far (then first,
    its subject): "the prime minister" in an article on Sunak's talks with Albanese is Sunak."""
    if len(holders) == 1:
        return next(iter(holders))
    ranked = sorted(
        ((sum(at < position for at in named_in_doc[h]), -min((at for at in named_in_doc[h] if at < position), default=position), h) for h in holders),
        reverse=True,
    )
    if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    return ranked[0][2]


def demonym_at(lowered: list[str], j: int, gazetteer: Gazetteer) -> tuple[str, int] | None:
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
