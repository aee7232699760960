"""Tag stage: named-entity mentions from spaCy, with spans cleaned and linked to entities."""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata
from dataclasses import dataclass

LABELS = ("PER", "ORG", "LOC", "MISC")
UNLINKED_PREFIX = "x-"  # of the id of an entity no reference entry covers (`unlinked_entity`)
# Articles and elisions spaCy sometimes keeps at the edge of a span ("l’Anadolu", "la Chine").
_LEADING_FUNCTION_WORDS = re.compile(r"^(?:(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’]|(?:le|la|les|the|de|du|des|d)\s+)", re.IGNORECASE)
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?»«\"“”'’()\[\]-]+$")
_HAS_LETTER = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    label: str
    entity_id: str
    method: str


@dataclass(frozen=True)
class Entity:
    entity_id: str
    name: str
    label: str
    country_code: str | None = None
    kb_id: str | None = None
    actor_code: str | None = None


@lru_cache(maxsize=200_000)
def strip_accents(text: str) -> str:
    """Accents and typographic apostrophes removed; case kept (cached: words repeat)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent-, case- and apostrophe-insensitive key for matching names."""
    return " ".join(strip_accents(text).lower().split())


def unlinked_entity(name: str, label: str) -> Entity:
    """An entity of its own for a name no reference entry covers, with an id stable across runs."""
    digest = hashlib.sha1(f"{label}|{fold(name)}".encode()).hexdigest()[:12]
    return Entity(entity_id=f"{UNLINKED_PREFIX}{label.lower()}-{digest}", name=name, label=label)


def is_unlinked(entity_id: str | None) -> bool:
    """Whether an id is one `unlinked_entity` made: a name no reference entry covers."""
    return entity_id is not None and entity_id.startswith(UNLINKED_PREFIX)


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading articles/elisions and trailing punctuation; None when no name is left."""
    surface = text[start:end]
    lead = _LEADING_FUNCTION_WORDS.match(surface)
    if lead and len(surface) > lead.end():
        start += lead.end()
    tail = _TRAILING_PUNCTUATION.search(text[start:end])
    if tail:
        end = start + tail.start()
    if end <= start or not _HAS_LETTER.search(text[start:end]):
        return None
    return start, end


def ner_mentions(paragraph_start: int, spacy_doc, paragraph_text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of spaCy's entities in one paragraph (parsed from `paragraph_text`),
    offsets into clean_text."""
    found = []
    text = paragraph_text  # not spacy_doc.text, which joins the tokens again on every access
    for ent in spacy_doc.ents:
        label = ent.label_ if ent.label_ in LABELS else "MISC"
        trimmed = trim_span(text, ent.start_char, ent.end_char)
        if trimmed:
            found.append((paragraph_start + trimmed[0], paragraph_start + trimmed[1], label))
    return found
