"""What the coder reads and writes: linked mentions, statements, the roles one trigger gives, and event and quote rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from depeche.tasks.tag import is_unlinked


@dataclass
class EventRow:
    sentence_id: int
    cameo_code: str
    actor1_id: str
    actor2_id: str | None
    location_id: str | None
    event_date: date | None
    date_precision: str
    trigger: str
    confidence: float
    quad_class: int = 0
    goldstein: float | None = None


@dataclass
class QuoteRow:
    sentence_id: int | None
    start_char: int
    end_char: int
    text: str
    speaker_id: str | None


@dataclass(frozen=True)
class Statement:
    """Something a speaker said: a quotation, a « que » clause after a speech verb, or the clause
    before an inverted attribution (« …, a déclaré X »)."""

    start: int
    end: int
    speaker: "MentionRef"


@dataclass(frozen=True)
class MentionRef:
    """What this stage needs of a mention: where it is and what it links to."""

    start: int
    end: int
    entity_id: str
    label: str
    country_code: str | None = None
    actor_code: str | None = None

    @property
    def actor_id(self) -> str:
        """The entity an event names as actor: a capital used as an actor ("Pékin a été critiqué")
        stands for its country."""
        if self.label == "LOC" and self.actor_code and self.country_code and not self.entity_id.startswith("country-"):
            return f"country-{self.country_code.lower()}"
        if self.entity_id.startswith("x-per-") and self.country_code:
            return f"country-{self.country_code.lower()}"  # a person the gazetteer lacks acts as their country
        return self.entity_id

    @property
    def linked(self) -> bool:
        """Whether it names an entity of the reference data, not a name nothing links (`tag.unlinked_entity`)."""
        return not is_unlinked(self.entity_id)

    @property
    def can_act(self) -> bool:
        return self.label in ("PER", "ORG") or bool(self.actor_code) or self.entity_id.startswith("country-")

    @property
    def country_id(self) -> str | None:
        return f"country-{self.country_code.lower()}" if self.country_code else None


@dataclass
class Roles:
    """Who did it, to whom, where, from one trigger."""

    sources: list[MentionRef]
    targets: list[MentionRef]
    place: MentionRef | None
    intent: bool
    anchor: object = None  # the token whose clause tells the event (for its date)
    spoken: bool = False  # the source is a speaker, who comes first even in a symmetric relation
    as_code: str | None = None  # the code the clause makes of its trigger (« a été reçu à Y » without host: a visit)
    clause: tuple[int, int] | None = None  # without a parse: the trigger's clause (document offsets), which dates it
