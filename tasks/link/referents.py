"""Who a title stands for from what the page said before it: « son homologue chinois » (the
counterpart of the last person named with an office), "his Japanese host", "his predecessor", "the
minister" with no portfolio (the last minister titled)."""

from __future__ import annotations

import bisect
from datetime import date

from depeche.tasks.gazetteer import Gazetteer
from depeche.tasks.link.bare_titles import demonym_at
from depeche.tasks.link.holders import HEAD_OF_GOVERNMENT, HEAD_OF_STATE, country_of, gender, neighbour_in_office, resolve
from depeche.tasks.link.spans import Span
from depeche.tasks.link.words import (
    BARE_ROLE_COMPLEMENTS, DEFINITE_ARTICLES, FROM_WORDS, GUEST_WORDS, HOST_DETERMINERS, HOST_WORDS, OF_WORDS, PREDECESSOR_WORDS,
    SUCCESSOR_WORDS,
)

COUNTERPART_REACH = 6  # spans looked back at for the person « son homologue » is the counterpart of
# Possessives that say whose: « sein Vorgänger » is a man's, « ihr Nachfolger » a woman's (or a plural's)
POSSESSIVE_GENDERS = {"his": "male", "her": "female", "sein": "male", "seinem": "male", "seinen": "male", "seine": "male",
                      "ihr": "female", "ihrem": "female", "ihren": "female", "ihre": "female"}
MINISTER_ROLE = "_minister"  # the roles of ministers end so ("foreign_minister")
MINISTER_WORDS = frozenset({"minister", "ministerin", "ministre", "ministro", "ministra"})
MINISTER_REACH = 1000  # characters back to the minister "the minister" stands for


def is_minister(role: str) -> bool:
    return role.endswith(MINISTER_ROLE)


def nearest_before(found: list[Span], linked: list[Span], position: int) -> list[Span]:
    """The role and name spans (`found`, `linked`: each in text order) that can rank among the
    COUNTERPART_REACH nearest before a position, nearest first."""
    return sorted(_last_before(found, position) + _last_before(linked, position), key=lambda s: s.start, reverse=True)


def counterpart(found: list[Span], linked: list[Span], titled: list[tuple[int, str]], gazetteer: Gazetteer,
                country: str, on: date | None, before: int, named_in_doc: dict[str, list[int]]) -> str | None:
    """« son homologue chinois »: the holder, in that country, of the role of the person last
    mentioned with one — or of the last role phrase, if nearer ("Defence Minister Manohar Parrikar and
    his French counterpart", whoever holds India's office). Of a person with two roles (the US
    president heads state and government), the role whose holder there the article names.
    `found` and `linked` are linked spans in text order; `titled` the role phrases so far."""
    candidates = nearest_before(found, linked, before)
    person = next(((span.start, [role for role, _ in gazetteer.roles_of(span.entity_id, on)])
                   for span in candidates[:COUNTERPART_REACH] if gazetteer.roles_of(span.entity_id, on)), (-1, []))
    phrase = titled[-1] if titled else (-1, "")
    roles = [phrase[1]] if phrase[0] > person[0] else person[1]
    if country in gazetteer.monarchies and HEAD_OF_GOVERNMENT in roles:
        roles = [HEAD_OF_GOVERNMENT]  # the US president's Australian counterpart is its prime minister, not the King
    holders = [holder for role in roles if (holder := resolve(gazetteer, role, country, on, named_in_doc))]
    return next((holder for holder in holders if holder in named_in_doc), holders[0] if holders else None)


def host_or_guest(toks, lowered: list[str], i: int, gazetteer: Gazetteer, on: date | None, named_in_doc: dict[str, list[int]],
                  home_country: str | None) -> tuple[int, str, int] | None:
    """"his Chinese host", « der chinesische Gast », « der Gast aus Deutschland », « die Gastgeberin »:
    (the token opening the phrase, the leader of that country — of the page's country for a host
    with no nationality — whom the article names, the token ending the phrase), else None. Of a head of state and a head of
    government both named, the one named more often."""
    word = lowered[i]
    if word not in HOST_WORDS and word not in GUEST_WORDS or on is None:
        return None
    country, first, last, before = None, i, i, i - 1
    if before >= 1 and (found := demonym_at(lowered, before, gazetteer)) and found[1] == before:
        country, first, before = found[0], before, before - 1
    elif before >= 2 and (found := demonym_at(lowered, before - 1, gazetteer)) and found[1] == before:
        country, first, before = found[0], before - 1, before - 2  # "his South Korean host"
    if before < 0 or lowered[before] not in HOST_DETERMINERS:
        return None
    if country is None and i + 2 < len(toks) and lowered[i + 1] in FROM_WORDS:
        country, last = country_of(gazetteer, toks[i + 2][2]), i + 2
    if country is None and word in HOST_WORDS:
        country, last = home_country, i
    if country is None:
        return None
    leaders = {holder for role in (HEAD_OF_GOVERNMENT, HEAD_OF_STATE) if (holder := gazetteer.holder(role, country, on)) in named_in_doc}
    if not leaders:
        return None
    return first, max(leaders, key=lambda holder: len(named_in_doc[holder])), last


def predecessor(toks, lowered: list[str], i: int, gazetteer: Gazetteer, on: date | None, found: list[Span],
                linked: list[Span]) -> tuple[int, str, int] | None:
    """"his predecessor", « el antecesor de Boric », « sein Nachfolger »: (the phrase's first token, the
    one who held the office of the person named after « de »/"of", or else of the last person named
    with an office, just before or after him, its last token), else None."""
    word = lowered[i]
    step = -1 if word in PREDECESSOR_WORDS else 1 if word in SUCCESSOR_WORDS else 0
    if not step or i == 0 or lowered[i - 1] not in HOST_DETERMINERS:
        return None
    last, person = i, None
    if i + 2 < len(toks) and lowered[i + 1] in OF_WORDS:
        after = next((span for span in linked if span.start == toks[i + 2][0]), None)
        if after is not None and gazetteer.entities[after.entity_id].label == "PER":
            person, last = after.entity_id, next(k for k in range(i + 2, len(toks)) if toks[k][1] >= after.end)
    if person is None:
        before = nearest_before(found, linked, toks[i][0])
        whose = POSSESSIVE_GENDERS.get(lowered[i - 1])  # "his predecessor": a man's
        person = next((span.entity_id for span in before[:COUNTERPART_REACH]
                       if gazetteer.entities[span.entity_id].label == "PER" and gazetteer.holder_roles.get(span.entity_id)
                       and (whose is None or gender(gazetteer, span.entity_id) in (whose, None))), None)
    holder = person and neighbour_in_office(gazetteer, person, on, step)
    return (i - 1, holder, last) if holder else None


def the_minister(toks, lowered: list[str], i: int, ministers: list[tuple[int, str]], gazetteer: Gazetteer) -> tuple[str, int] | None:
    """"the minister", « den Minister », « el ministro » with no portfolio, no nationality and no name:
    (the person the last minister's title before it, within MINISTER_REACH, resolved or was apposed
    to, its token), else None."""
    if lowered[i] not in MINISTER_WORDS or i == 0 or lowered[i - 1] not in DEFINITE_ARTICLES or not ministers:
        return None
    following = toks[i + 1][2] if i + 1 < len(toks) else ""
    if following.lower() in BARE_ROLE_COMPLEMENTS or following[:1].isupper() or demonym_at(lowered, i + 1, gazetteer):
        return None  # "the minister of trade", « der Minister Habeck », « el ministro chileno »
    start, person = ministers[-1]
    return (person, i) if toks[i][0] - start <= MINISTER_REACH and gazetteer.entities[person].label == "PER" else None


def _last_before(spans: list[Span], before: int) -> list[Span]:
    """The last COUNTERPART_REACH spans (of spans in text order) starting before a position, and
    any that start with the first of them: all that can rank among the nearest, without sorting
    a long document's spans for each phrase."""
    end = bisect.bisect_left(spans, before, key=lambda s: s.start)
    start = max(0, end - COUNTERPART_REACH)
    while start > 0 and spans[start - 1].start == spans[start].start:
        start -= 1
    return spans[start:end]
