"""Who the text is about across sentences: « il » the previous sentence's actor, « les deux
dirigeants » the people named most, a place named as a setting rather than as an actor."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from depeche.tasks.events.words import GROUP_NOUNS, GROUP_NUMBERS

if TYPE_CHECKING:
    from depeche.tasks.events.positions import Mentions
    from depeche.tasks.events.records import MentionRef


# « la Russie et la Chine », « Poutine et le président chinois Xi Jinping »: « et » and lower-case words only
# Words are taken whole (possessive; a word stops before « l' »): the same strings as with plain
# repetition, without trying every way to cut a long lower-case run (a URL slug) into six words.
COORDINATION_GAP = re.compile(r"\s*(?:et|and)\s+(?:(?:l['’]|(?:(?!l['’])[a-zàâçéèêëîïôûùœ-])++)\s*+){0,6}")
OBLIQUE_BEFORE_NAME = re.compile(
    r"(?:\b(?:avec|à|au|aux|de|du|des|contre|par|pour|entre|selon|sur|chez|vers|sans|with|to|of|by|for|on|according to)\s+|\bd['’])(?:l['’]|la\s+|le\s+|les\s+|the\s+)?$",
    re.IGNORECASE,
)
PRONOUN_CHAIN = 3  # sentences back « il » may reach when the ones between name nobody (« Il a … Il a … »)
SENTENCE_END = re.compile(r"[.!?][»\"”]?\s+|\n")
PERSON_REACH = 400  # characters back to the person « lui », "him", « celle-ci » stands for


def previous_people(start: int, mentions: Mentions) -> list[tuple[MentionRef, int]]:
    """The people the article has named before a position with their counts, most named first
    (ties: first named): whom « les deux dirigeants » may stand for."""
    counts: dict[str, int] = {}
    first: dict[str, MentionRef] = {}
    for entity_id, named in mentions.people.items():
        count = bisect.bisect_left(named, start, key=lambda m: m.start)
        if count:
            counts[entity_id], first[entity_id] = count, named[0]
    ranked = sorted(counts, key=lambda entity_id: (-counts[entity_id], first[entity_id].start))
    return [(first[e], counts[e]) for e in ranked]


def group_size(subject) -> int:
    """« les deux dirigeants » -> 2, « les trois dirigeants » -> 3, "the two leaders" -> 2; else 0."""
    if subject.lemma_.lower() not in GROUP_NOUNS:
        return 0
    return next((GROUP_NUMBERS[c.lower_] for c in subject.children if c.lower_ in GROUP_NUMBERS), 0)


def previous_actor(text: str, start: int, mentions: Mentions) -> MentionRef | None:
    """The subject « il » most likely stands for: the first person of the previous sentence, else
    its first actor the gazetteer knows, else its first actor (French puts the subject first; a
    name NER found but nothing links is more often a misreading than a government)."""
    for step in range(PRONOUN_CHAIN):
        stop = start  # the end of the text before `start`, without its trailing white space
        while stop and text[stop - 1].isspace():
            stop -= 1
        if not stop or step and text[stop:start].count("\n") > 1:
            return None  # a chain of « il » does not reach across a paragraph
        ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, stop - 600), max(0, stop - 1))]
        previous_start = ends[-1] if ends else max(0, start - 600)
        inside = [m for m in mentions.starting(previous_start, start) if m.end <= start and m.can_act and not after_place_word(text, m.start)]
        if inside:
            known = [m for m in inside if m.linked]
            return next((m for m in inside if m.label == "PER"), known[0] if known else inside[0])
        start = previous_start  # a sentence that names nobody continues its own « il »: look further back
    return None


_PLACE_WORD = re.compile(r"(?:\b(?:à|en|au|aux|dans|vers|depuis|in|at|to|from)\s+(?:l['’]|la\s+|le\s+|les\s+)?)$", re.IGNORECASE)


def after_place_word(text: str, position: int) -> bool:
    """« à Moscou », « en Chine »: a place named as the setting, not as an actor."""
    return position > 0 and bool(_PLACE_WORD.search(text[max(0, position - 12) : position]))


def people_first(mentions: list[MentionRef]) -> list[MentionRef]:
    """One mention per actor, people first: « Wang Yi, directeur du … Parti communiste chinois » acts as Wang Yi."""
    unique = list({m.actor_id: m for m in sorted(mentions, key=lambda m: m.start, reverse=True)}.values())
    return sorted(unique, key=lambda m: (m.label != "PER", m.start))


def last_person_before(mentions: Mentions, position: int, excluding: frozenset | set = frozenset(), country_id: str | None = None) -> list[MentionRef]:
    """The person named last before a position (within PERSON_REACH), not one of `excluding` (actor
    ids), of `country_id` if given: whom « l'a reçu », "him", « celle-ci », "his Brazilian
    counterpart" stand for. A list of one, or empty."""
    named = [m for m in mentions.starting(position - PERSON_REACH, position)
             if m.label == "PER" and m.end <= position and m.actor_id not in excluding and (country_id is None or m.country_id == country_id)]
    return named[-1:]
