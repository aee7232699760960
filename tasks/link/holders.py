"""Who held an office when: the role table read at a date, for the present, a former or the next
holder; what an office is held in (`tasks/link/roles.py`, `bare_titles.py`, `referents.py`)."""

from __future__ import annotations

from datetime import date, timedelta

from depeche.tasks.gazetteer import Gazetteer
from depeche.tasks.link.name_shapes import first_names

ROLE_MEMORY = timedelta(days=183)
DATE_SLACK = timedelta(days=31)  # a publication date known to the month: a holder who took office that month
HEAD_OF_STATE, HEAD_OF_GOVERNMENT, HEAD_OF_ORGANISATION = "head_of_state", "head_of_government", "head_of_organisation"
GOVERNMENT_ACTOR = "GOV"  # the CAMEO actor code of a state's executive ends so (« USAGOV »: the White House)


def in_tense(gazetteer: Gazetteer, holder: str, start: date, end: date | None, on: date | None, tense: int) -> bool:
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


def holder_at(gazetteer: Gazetteer, office: tuple[str, str], on: date, tense: int) -> str | None:
    role, country = office
    return gazetteer.holder(role, country, on) if tense == 0 else holder_before_or_after(gazetteer, role, country, on, tense)


def holder_before_or_after(gazetteer: Gazetteer, role: str, country: str, on: date | None, step: int) -> str | None:
    """The holder before (step -1) or after (step +1) the one in office on the date."""
    if on is None:
        return None
    tenures = sorted(gazetteer.roles.get(office_key(gazetteer, role, country), ()), key=lambda tenure: tenure[0])
    current = next((k for k, (start, end, _) in enumerate(tenures) if start <= on and (end is None or on < end)), None)
    if current is None:
        return None
    other = current + step
    return tenures[other][2] if 0 <= other < len(tenures) else None


def neighbour_in_office(gazetteer: Gazetteer, person: str, on: date | None, step: int) -> str | None:
    """The one who held the office `person` holds at the date (or held last before it) just before
    him (step -1) or just after (step +1, if in office by the date): "his predecessor"."""
    held = [(role, country) for role, country, start, end in gazetteer.holder_roles.get(person, ())
            if on is None or start <= on and (end is None or on < end)]
    if not held:  # out of office by then: the office he left last
        ended = [(end, role, country) for role, country, start, end in gazetteer.holder_roles.get(person, ()) if end and end <= on]
        held = [max(ended)[1:]] if ended else []
    for role, country in held:
        tenures = sorted(gazetteer.roles.get((role, country), ()), key=lambda tenure: tenure[0])
        mine = max(k for k, (_, _, holder) in enumerate(tenures) if holder == person and (on is None or tenures[k][0] <= on))
        # "until his successor is announced": a successor is one in office by the date
        others = [holder for start, _, holder in (reversed(tenures[:mine]) if step < 0 else tenures[mine + 1 :])
                  if holder != person and (step < 0 or on is None or start <= on)]
        if others:
            return others[0]
    return None


def country_of(gazetteer: Gazetteer, word: str) -> str | None:
    """What a role is held in (`body_of`) of the entity one word names ("NATO", « Russland »)."""
    return body_of(gazetteer, gazetteer.exact.get((word,)))


def body_of(gazetteer: Gazetteer, entity_id: str | None) -> str | None:
    """What a role is held in: a country's code, or an organisation with office-holders of its
    own (« le secrétaire général de l'OTAN »)."""
    if entity_id is None:
        return None
    entity = gazetteer.entities[entity_id]
    if entity_id.startswith("country-"):
        return entity.country_code
    if entity_id in gazetteer.role_bodies:
        return entity_id
    # a seat of government standing for it: "the White House national security adviser" is the US's
    return entity.country_code if entity.label == "ORG" and (entity.actor_code or "").endswith(GOVERNMENT_ACTOR) else None


def office_key(gazetteer: Gazetteer, role: str, country: str) -> tuple[str, str]:
    """The (role, country) key of the role table: an organisation's president or chief heads it
    (« le président de la Commission »); a region's heads its government (« el presidente andaluz »)."""
    if country in gazetteer.role_bodies and (role, country) not in gazetteer.roles:
        return (HEAD_OF_GOVERNMENT if (HEAD_OF_GOVERNMENT, country) in gazetteer.roles else HEAD_OF_ORGANISATION), country
    return role, country


def resolve(gazetteer: Gazetteer, role: str, country: str, on: date | None, named_in_doc: dict[str, list[int]]) -> str | None:
    """Who a role phrase designates.

    The holder on the article's date, unless the article names someone who held the role within
    six months of that date and holds no other office then (`in_tense`). Without a date, only a holder
    the article names.
    """
    role, country = office_key(gazetteer, role, country)
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
    near = {holder for start, end, holder in tenures if holder in named_in_doc and in_tense(gazetteer, holder, start, end, on, 0)}
    return next(iter(near)) if len(near) == 1 else on_date
def gender(gazetteer: Gazetteer, entity_id: str) -> str | None:
    """"male" or "female" as a person's first name says, else None (unknown, or not a person)."""
    entity = gazetteer.entities.get(entity_id)
    if entity is None or entity.label != "PER":
        return None
    guess = first_names().get_gender(entity.name.split()[0])
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(guess)
