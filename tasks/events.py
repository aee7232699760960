"""Events and quotes: CAMEO-coded events with actors, place and date; quotations with speakers.

Events: a sentence is parsed (dependency parse, morphology) only when a trigger of the lexicon
(`data/reference/event_triggers.csv`) occurs in it. Actors come from the linked mentions inside
the subject and object subtrees of the trigger's verb (word order only as a fallback); a place
from an oblique "à/en/au + place"; future or conditional forms, and planning verbs, turn a
meeting or visit into an intent (036); negated events are dropped; the date is resolved against
the publication date (`tasks/event_dates.py`).

Quotes: « … », “…” and "…" (a « quote may run over several paragraphs), attributed to the
person named next to a speech verb or « selon X », else to the previous speaker for « a-t-il
ajouté »-style attributions.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from tasks.event_dates import resolve_event_date

EVENTS_VERSION = "1"
INTENT_CODE = "036"
MEETING_ROOTS = ("04",)
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
SYMMETRIC_CODES = frozenset({"030", "040", "041", "044", "046", "057"})  # both subjects are the actors
AGENT_DEPS = ("obl:agent",)
NEGATIONS = frozenset({"pas", "jamais", "plus", "aucun", "aucune", "not", "never", "no"})
INTENT_LEMMAS = frozenset({"prévoir", "devoir", "attendre", "envisager", "projeter", "compter", "accepter", "vouloir", "plan", "expect", "intend"})
PLACE_CASES = frozenset({"à", "en", "au", "aux", "dans", "in", "at", "to"})
PARTNER_CASES = frozenset({"avec", "with", "entre", "between"})
SPEECH_VERBS = re.compile(
    r"\b(?:déclaré|dit|affirmé|souligné|ajouté|indiqué|estimé|expliqué|assuré|averti|résumé|lancé|précisé|insisté|noté|rappelé|martelé|confié|jugé|prévenu|reconnu|annoncé|répondu|écrit|qualifié|félicité|réjoui|exprimé|salué|dénoncé|promis)\b"
    r"|\b(?:déclare|dit|affirme|souligne|ajoute|indique|estime|explique|assure|selon|d['’]après|propos|a[- ]t[- ](?:il|elle)|said|says|told|added|stated|according to)\b",
    re.IGNORECASE,
)
PRONOUN_ATTRIBUTION = re.compile(r"(?:\w+\s+)?\b(?:a|ont)[- ]t[- ](?:il|elle|ils|elles)\b|\b(?:il|elle|ils|elles) (?:a|ont) (?:déclaré|dit|ajouté|souligné|affirmé|estimé|assuré)\b|\b(?:he|she) (?:said|added)\b", re.IGNORECASE)
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
MIN_QUOTE_WORDS = 3  # « Sud global »: a term in quotes, not something someone said
ATTRIBUTION_WINDOW = 120  # characters around a quote searched for its attribution
PRONOUN_WINDOW = 25  # « … », a-t-il déclaré: the pronoun comes right after the quote


@dataclass(frozen=True)
class Trigger:
    code: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    goldstein: dict
    version: str


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
        return self.entity_id

    @property
    def can_act(self) -> bool:
        return self.label in ("PER", "ORG") or bool(self.actor_code) or self.entity_id.startswith("country-")


@lru_cache(maxsize=4)
def load_lexicon(reference_dir: Path, version: str = "") -> Lexicon:
    """The trigger lexicon and CAMEO codebook; `version` (the files' digest) is only a cache key."""
    digest = hashlib.sha256()
    triggers = []
    with open(reference_dir / "event_triggers.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            triggers.append(Trigger(row["cameo_code"], re.compile(row["pattern"], re.IGNORECASE)))
    goldstein = {}
    with open(reference_dir / "cameo_codes.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            goldstein[row["code"]] = float(row["goldstein"]) if row["goldstein"] else None
    for name in ("event_triggers.csv", "cameo_codes.csv"):
        digest.update((reference_dir / name).read_bytes())
    return Lexicon(tuple(triggers), goldstein, f"{EVENTS_VERSION}-{digest.hexdigest()[:8]}")


def quad_class(code: str) -> int:
    """The quad class of the CAMEO root (as in Phoenix/GDELT): 01–05 verbal cooperation,
    06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def candidate_sentences(sentences: list[tuple[int, int, int]], text: str, lexicon: Lexicon) -> list[tuple[int, int, int, list]]:
    """Sentences holding at least one trigger, with the (code, match) pairs found in each."""
    out = []
    for start, end, sentence_id in sentences:
        found = [(t.code, m) for t in lexicon.triggers for m in t.pattern.finditer(text, start, end)]
        if found:
            out.append((start, end, sentence_id, found))
    return out


def code_events(
    text: str,
    candidates: list[tuple[int, int, int, list]],
    parsed: list,
    mentions: list[MentionRef],
    published: date | None,
    language: str | None,
    lexicon: Lexicon,
) -> list[EventRow]:
    """Events of the candidate sentences; `parsed[i]` is the spaCy doc of candidates[i]'s text."""
    events: list[EventRow] = []
    previous_actor: str | None = None
    for (start, end, sentence_id, found), doc in zip(candidates, parsed):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        actors_here: list[str] = []
        seen: set[tuple] = set()
        used: list[tuple[int, int]] = []
        meeting_here = any(code[:2] in MEETING_ROOTS for code, _ in found)
        for code, match in sorted(found, key=lambda item: _code_rank(item[0])):
            # A trigger inside a more specific one ("entretien" in "entretien vidéo") is the same
            # event; a planning verb alone is an event only when no meeting or visit follows it.
            if any(s < match.end() and match.start() < e for s, e in used) or (code == INTENT_CODE and meeting_here):
                continue
            used.append(match.span())
            verb = _governing_verb(doc, match.start() - start, match.end() - start)
            if verb is not None and _negated(verb):
                continue
            future = verb is not None and _is_intent(verb)
            event_code = INTENT_CODE if future and code[:2] in MEETING_ROOTS else code
            sources, actor2, location, from_parse = _actors(doc, verb, inside, start, match, code)
            if sources is None and verb is not None and _pronoun_subject(verb) and previous_actor:
                sources = previous_actor
            if sources is None:
                continue
            when = resolve_event_date(text[start:end], published, language, future or event_code == INTENT_CODE)
            for actor1 in sources if isinstance(sources, list) else [sources]:
                target = actor2
                if code in ("042", INTENT_CODE) and target is None and location is not None:
                    target = location.country_code and f"country-{location.country_code.lower()}"
                    if target and target == _country_of(actor1, mentions):
                        target = None
                pair = frozenset((actor1, target))
                if (event_code[:2], pair) in seen or actor1 == target:
                    continue
                seen.add((event_code[:2], pair))
                events.append(
                    EventRow(
                        sentence_id=sentence_id, cameo_code=event_code, actor1_id=actor1, actor2_id=target,
                        location_id=location.entity_id if location else None, event_date=when.value,
                        date_precision=when.precision, trigger=match.group(0),
                        confidence=round((0.8 if from_parse else 0.5) + (0.1 if target else 0) + (0.1 if when.expression else 0), 2),
                        quad_class=quad_class(event_code), goldstein=lexicon.goldstein.get(event_code),
                    )
                )
                actors_here.append(actor1)
        if actors_here:
            previous_actor = actors_here[0]
    return events


def _code_rank(code: str) -> int:
    # Specific codes first: a phone call is not also "talks", a visit is not also "meeting".
    order = ["041", "057", "043", "042", "044", "163", "112", "111", "051", "036", "040", "030"]
    return order.index(code) if code in order else len(order)


def _governing_verb(doc, start: int, end: int):
    """The verb a trigger belongs to: the trigger's own verb, or the head of a trigger noun."""
    if doc is None:
        return None
    tokens = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    for token in tokens:
        if token.pos_ in ("VERB", "AUX"):
            return token if token.pos_ == "VERB" or token.head is token else token.head
    for token in tokens:
        head = token
        for _ in range(4):
            if head.pos_ == "VERB" or head.head is head:
                break
            head = head.head
        if head.pos_ in ("VERB", "AUX", "NOUN"):
            return head
    return None


def _negated(verb) -> bool:
    return any(child.dep_ == "advmod" and child.lower_ in NEGATIONS for child in verb.children)


def _is_intent(verb) -> bool:
    """Future, conditional, or governed by a planning verb (« prévoit de se rendre », « est attendu »)."""
    if "Inf" in verb.morph.get("VerbForm"):
        return True  # « accepté une invitation à se rendre », « pour rencontrer »: not (yet) done
    candidates = [verb, verb.head] + [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "aux:tense")]
    for token in candidates:
        morph = token.morph
        if "Fut" in morph.get("Tense") or "Cnd" in morph.get("Mood"):
            return True
        if token.lemma_.lower() in INTENT_LEMMAS and token is not verb or (token is verb and verb.lemma_.lower() in INTENT_LEMMAS):
            return True
    return False


def _pronoun_subject(verb) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in verb.children)


def _actors(doc, verb, mentions: list[MentionRef], offset: int, match: re.Match, code: str):
    """(actor1, actor2, location mention, found through the parse?) of one trigger."""
    text = doc.text if doc is not None else ""
    actors = [m for m in mentions if m.can_act and not (m.label in ("LOC", "ORG") and _after_place_word(text, m.start - offset))]
    places = [m for m in mentions if m.label == "LOC"]
    location = None
    nominal = _nominal_actors(doc, match, offset, actors)
    if nominal is not None:
        return nominal[0], nominal[1], None, True
    if verb is not None:
        subject_spans = [_span(c, offset) for c in verb.children if c.dep_ in SUBJECT_DEPS]
        agent_spans = [_span(c, offset) for c in verb.children if c.dep_ in AGENT_DEPS]
        partner_spans, object_spans, place_spans = [], [], []
        for child in verb.children:
            cases = {g.lower_ for g in child.children if g.dep_ == "case"}
            if child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and cases & PLACE_CASES:
                place_spans.append((offset + child.idx, offset + child.idx + len(child)))  # the head noun itself
            elif cases & PARTNER_CASES:
                partner_spans.append(_span(child, offset))
            elif child.dep_ in ("obj", "iobj", "obl:arg"):
                object_spans.append(_span(child, offset))
        location = next((m for span in place_spans for m in places if m.start <= span[0] and span[1] <= m.end), None)
        subject = _people_first([m for span in subject_spans for m in actors if _inside(m, span)])
        agent = _people_first([m for span in agent_spans for m in actors if _inside(m, span)])
        partners = _people_first([m for span in partner_spans + object_spans for m in actors if _inside(m, span)])
        if agent:  # « X a été reçu par Y »: Y hosts X
            subject, partners = agent, subject + partners
        if subject:
            if len(subject) > 1 and code in SYMMETRIC_CODES:
                actor2 = subject[1].actor_id
            else:
                actor2 = partners[0].actor_id if partners else (subject[1].actor_id if len(subject) > 1 else None)
            if actor2 is None and code[:2] in MEETING_ROOTS and not (code == "042" and location is not None):
                # "rencontre son homologue russe, Sergueï Lavrov": the parse missed the object.
                actor2 = next((m.actor_id for m in actors if m.start >= match.end() and m.actor_id != subject[0].actor_id), None)
            if location is None and code[:2] == "04":
                location = next((m for m in places if m.start > match.start() and m not in subject and m not in partners), None)
            if code == "042" and actor2 is None and len(subject) > 1:
                # « les dirigeants de la France, du Canada … s'étant rendus à Pékin »: each visited
                return [m.actor_id for m in subject], None, location, True
            return subject[0].actor_id, actor2, location, True
    before = [m for m in actors if m.end <= match.start()]
    after = [m for m in actors if m.start >= match.end()]
    location = location or next((m for m in places if m.start >= match.end()), None)
    if not before:
        return None, None, location, False
    # No subject in the parse: the last person named before the trigger, else the last actor.
    source = next((m for m in reversed(before) if m.label == "PER"), before[-1])
    target = next((m.actor_id for m in after if m.actor_id != source.actor_id), None)
    return source.actor_id, target, location, False


_PLACE_WORD = re.compile(r"(?:\b(?:à|en|au|aux|dans|vers|depuis|in|at|to|from)\s+(?:l['’]|la\s+|le\s+|les\s+)?)$", re.IGNORECASE)


def _after_place_word(text: str, position: int) -> bool:
    """« à Moscou », « en Chine »: a place named as the setting, not as an actor."""
    return position > 0 and bool(_PLACE_WORD.search(text[max(0, position - 12) : position]))


AGENT_CASES = frozenset({"par", "by"})
MEETING_NOUN_OWNER_CASES = frozenset({"de", "du", "of"})  # « la conversation de Xi avec Trump »
PATIENT_CASES = frozenset({"de", "du", "des", "contre", "against", "of", "on"})


def _nominal_actors(doc, match: re.Match, offset: int, actors: list[MentionRef]) -> tuple[str, str | None] | None:
    """« l'invasion de l'Ukraine par la Russie », « sanctions imposées par l'Occident contre la
    Russie »: a trigger noun (or its participle) with an agent ("par") names its own actors."""
    if doc is None:
        return None
    tokens = [t for t in doc if t.idx < match.end() - offset and t.idx + len(t) > match.start() - offset]
    for token in tokens:
        if token.pos_ not in ("NOUN", "VERB"):
            continue
        heads = [token] + [c for c in token.children if c.dep_ == "acl"]
        agent = patient = None
        for head in heads:
            for child in head.children:
                cases = {g.lower_ for g in child.children if g.dep_ == "case"}
                found = next((m for m in actors if m.start <= offset + child.idx < m.end), None)
                if found is None:
                    continue
                if cases & AGENT_CASES or child.dep_ == "obl:agent":
                    agent = agent or found
                elif cases & PATIENT_CASES and child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
                    patient = patient or found
        if agent is not None and (token.pos_ == "NOUN" or patient is not None):
            return agent.actor_id, patient.actor_id if patient else None
        if token.pos_ == "NOUN":
            owner = partner = None
            for child in token.children:
                cases = {g.lower_ for g in child.children if g.dep_ == "case"}
                found = next((m for m in actors if m.start <= offset + child.idx < m.end), None)
                if found is not None and cases & MEETING_NOUN_OWNER_CASES:
                    owner = owner or found
                elif found is not None and cases & PARTNER_CASES:
                    partner = partner or found
            if owner is not None and partner is not None:
                return owner.actor_id, partner.actor_id
    return None


def _people_first(mentions: list[MentionRef]) -> list[MentionRef]:
    """A subject "Wang Yi, directeur du … Parti communiste chinois": the person acts."""
    unique = list({m.actor_id: m for m in sorted(mentions, key=lambda m: m.start)}.values())
    return sorted(unique, key=lambda m: (m.label != "PER", m.start))


def _span(token, offset: int) -> tuple[int, int]:
    subtree = list(token.subtree)
    return offset + subtree[0].idx, offset + subtree[-1].idx + len(subtree[-1])


def _inside(mention: MentionRef, span: tuple[int, int]) -> bool:
    return span[0] <= mention.start and mention.end <= span[1]


def _country_of(entity_id: str, mentions: list[MentionRef]) -> str | None:
    for m in mentions:
        if m.entity_id == entity_id and m.country_code:
            return f"country-{m.country_code.lower()}"
    return None


def find_quotes(text: str, sentences: list[tuple[int, int, int]], mentions: list[MentionRef]) -> list[QuoteRow]:
    """Quotations with their speaker: the person an attribution names, « a-t-il dit » the previous
    speaker, a quote introduced by a colon the subject of its sentence, and a second quote of a
    sentence the speaker of the first."""
    quotes: list[QuoteRow] = []
    speakers = sorted((m for m in mentions if m.label in ("PER", "ORG")), key=lambda m: m.start)
    previous_speaker: str | None = None
    for start, end in _quote_spans(text):
        inner = text[start + 1 : end - 1].strip(" \u00a0")
        if len(inner.split()) < MIN_QUOTE_WORDS:
            continue
        sentence = next(((s, e, sid) for s, e, sid in sentences if s <= start < e), None)
        sentence_start = sentence[0] if sentence else text.rfind("\n", 0, start) + 1
        if PRONOUN_ATTRIBUTION.match(text[end : end + PRONOUN_WINDOW].lstrip(" ,\u00a0")):
            speaker = previous_speaker
        else:
            speaker = _attributed_speaker(text, start, end, speakers, sentence_start)
        if speaker is None and quotes and quotes[-1].sentence_id == (sentence[2] if sentence else None) and quotes[-1].speaker_id:
            speaker = quotes[-1].speaker_id
        previous_speaker = speaker or previous_speaker
        inside = text[start + 1 : end - 1]
        inner_start = start + 1 + len(inside) - len(inside.lstrip())
        inner_end = end - 1 - (len(inside) - len(inside.rstrip()))
        quotes.append(QuoteRow(sentence[2] if sentence else None, inner_start, inner_end, text[inner_start:inner_end], speaker))
    return quotes


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for opening, closing in QUOTE_PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            # Straight quotes pair within a paragraph; « » may span paragraphs (continued quotes).
            if opening == '"' and "\n\n" in text[start:end]:
                position = start + 1
                continue
            spans.append((start, end + 1))
            position = end + 1
    return sorted(spans)


def _attributed_speaker(text: str, start: int, end: int, speakers: list[MentionRef], sentence_start: int) -> str | None:
    """A speaker named after the quote (« … », a déclaré X), before it (selon X, « … » ; X a dit : « … »),
    or the subject of a sentence whose quote a colon introduces."""
    after_limit = _sentence_end(text, end)
    after = _people_first_in_order([m for m in speakers if end <= m.start <= min(after_limit, end + ATTRIBUTION_WINDOW)])
    if after and SPEECH_VERBS.search(text[end : after[0].start + 1] + " "):
        return after[0].entity_id
    before_limit = max(sentence_start, text.rfind("\n", 0, start) + 1)
    before = [m for m in speakers if max(before_limit, start - ATTRIBUTION_WINDOW) <= m.start and m.end <= start]
    before = sorted(before, key=lambda m: (m.label == "PER", m.start))  # the last person, else the last organisation
    if before and SPEECH_VERBS.search(text[max(before_limit, before[-1].start - 20) : start]):
        return before[-1].entity_id
    if text[max(0, start - 3) : start].strip().endswith(":"):
        subject = next((m for m in speakers if before_limit <= m.start < start and m.label == "PER"), None)
        if subject is not None:
            return subject.entity_id
    if after and SPEECH_VERBS.search(text[end:after_limit]):
        return after[0].entity_id
    return None


def _people_first_in_order(mentions: list[MentionRef]) -> list[MentionRef]:
    people = [m for m in mentions if m.label == "PER"]
    return people or mentions


def _sentence_end(text: str, position: int) -> int:
    match = re.compile(r"[.!?](?:\s|$)|\n").search(text, position)
    return match.end() if match else len(text)
