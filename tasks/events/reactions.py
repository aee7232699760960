"""A reaction's other party: « Moscou a dénoncé ces mesures », "New Delhi rejected the allegations".

Criticism, accusations and rejections often name no other party but the act they answer: « ces
accusations », « des mesures », "the claims". The party is whoever performed that act, told
just before: the actor of the latest event, or the speaker of the latest statement, of another
side than the one reacting. A reaction whose object is not such an act (« a rejeté toute
négociation ») keeps no other party, and stays uncoded."""

from __future__ import annotations

import re

from depeche.tasks.events.phrases import country_ref
from depeche.tasks.events.positions import Mentions
from depeche.tasks.events.records import EventRow, MentionRef, Statement
from depeche.tasks.events.words import ACT_NOUNS, DEMONSTRATIVES

REACTION_ROOTS = ("11", "12")  # disapprove, reject
PRAISE_CODE = "051"  # praise or thank: with nobody named, the one the praising party was dealing with
# Praise that has an addressee even unnamed: thanks, or praise of « son hôte », "his counterpart".
# Praise of a thing (« a salué un texte ») has none.
_ADDRESSED_PRAISE = re.compile(r"(?:remerci|thank)\w*|\w+(?=\s+(?:[\w’'-]+\s+){0,2}?(?:hôtes?|homologues?|invitée?s?|hosts?|counterparts?|guests?)\b)", re.IGNORECASE)
# Characters back from the reaction in which the act it answers is looked for: the same passage.
REACH = 1500
_ACT_AFTER = re.compile(
    r"\s*(?:[«\"“]\s*)?(?:(?:the|these|those|this|that|such|its|their|his|her|ces|ce|cette|cet|ses|leurs?|les|la|le|l['’]|des|de|d['’]|une?)\s*)?"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\b",
    re.IGNORECASE,
)


def answered_act(tokens: list) -> tuple[str, ...] | None:
    """The CAMEO roots of the act a trigger's object (parsed) names, () for any act, None if it
    names none: « ces accusations » (11, 12), « des mesures » (16), « cette décision » ()."""
    for c in (c for t in tokens for c in t.children if c.dep_ == "obj"):
        roots = ACT_NOUNS.get(c.lower_, ACT_NOUNS.get(c.lemma_.lower()))
        if roots is not None:
            return roots
        if any(d.dep_ == "det" and d.lower_ in DEMONSTRATIVES for d in c.children):
            return ()
    return None


def act_after(text: str, position: int, end: int) -> tuple[str, ...] | None:
    """Without a parse: the roots of an act noun within three words after the trigger ("rejected
    the allegations"), None without one."""
    match = _ACT_AFTER.match(text, position, end)
    return ACT_NOUNS.get(match.group("noun").lower()) if match else None


def reaction_target(source: MentionRef, position: int, roots: tuple[str, ...], events: list[EventRow], event_starts: dict[int, int],
                    statements: list[Statement], countries: dict[str, str | None], mentions: Mentions) -> MentionRef | None:
    """Who performed the act a reaction at `position` answers: the actor of the latest event of an
    earlier sentence (of one of `roots`, if any), else the speaker of the latest statement when
    the act is words (roots 11, 12 or none), within REACH and of another side than `source` (not
    the source, nor of its country)."""
    own = {source.actor_id, source.country_id}
    latest: tuple[int, str] | None = None
    for event in events:
        start = event_starts.get(event.sentence_id)
        if start is not None and position - REACH <= start < position and event.actor1_id not in own \
                and countries.get(event.actor1_id, event.actor1_id) not in own and (not roots or event.cameo_code[:2] in roots):
            latest = max(latest or (start, event.actor1_id), (start, event.actor1_id))
    for statement in statements if not roots or "11" in roots else ():
        speaker = statement.speaker
        if position - REACH <= statement.start < position and speaker.actor_id not in own and speaker.country_id not in own:
            latest = max(latest or (statement.start, speaker.actor_id), (statement.start, speaker.actor_id))
    return _mention_of(latest[1], latest[0], position, mentions) if latest else None


def addressed_praise(text: str, position: int, end: int) -> bool:
    """Whether the praise trigger at `position` has an addressee though it names none."""
    return bool(_ADDRESSED_PRAISE.match(text, position, end))


def latest_counterpart(source: MentionRef, position: int, events: list[EventRow], event_starts: dict[int, int],
                       mentions: Mentions) -> MentionRef | None:
    """Whom a party thanks or praises without naming them (« Il a remercié son hôte », "thanked his
    hosts"): the other party of the latest event it took part in before `position`, within REACH."""
    latest: tuple[int, bool, str] | None = None
    for event in events:
        start = event_starts.get(event.sentence_id)
        if start is None or not position - REACH <= start < position or source.actor_id not in (event.actor1_id, event.actor2_id):
            continue
        other = event.actor2_id if event.actor1_id == source.actor_id else event.actor1_id
        # in one sentence, the party met before the country visited (« a rencontré Y à Mexico »)
        if other and other != source.country_id and (latest is None or (start, not other.startswith("country-")) > latest[:2]):
            latest = (start, not other.startswith("country-"), other)
    return _mention_of(latest[2], latest[0], position, mentions) if latest else None


def _mention_of(actor_id: str, near: int, position: int, mentions: Mentions) -> MentionRef | None:
    """The mention of an actor nearest where it acted, else its country named at `position`."""
    found = mentions.nearest(actor_id, near)
    if found is not None:
        return found
    return country_ref(actor_id, position) if actor_id.startswith("country-") else None


_INVITATION_OF = re.compile(r"\binvitation\s+(?:de|d['’]|of|from)\s*(?:(?:M|Mr|Mrs|Ms|Mme|Dr)\.?\s+)?$", re.IGNORECASE)
_INVITATION_AFTER = re.compile(r"['’]s?\s+invitation\b", re.IGNORECASE)


def inviter(text: str, start: int, end: int, mentions: Mentions) -> MentionRef | None:
    """Who invited, in a sentence that tells an invitation (« à l'invitation d'Emmanuel Macron »,
    "accepted Mr. Putin's invitation"): the person named by it, or None."""
    for m in mentions.starting(start, end):
        if m.label == "PER" and m.end <= end and (_INVITATION_OF.search(text, max(start, m.start - 40), m.start)
                                                  or _INVITATION_AFTER.match(text, m.end)):
            return m
    return None
