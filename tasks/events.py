"""Events and quotes: CAMEO-coded events with actors, place and date; quotations with speakers.

Events: a sentence is parsed (dependency parse, morphology) only when a trigger of the lexicon
(`data/reference/event_triggers.csv`) occurs in it. Actors come from the parse: the subjects of
the trigger's verb (or of the clause it hangs from), its objects and « avec / à / contre »
complements, or a trigger noun's own complements (« la visite de X à Y », « l'invasion de X par
Y »); word order only where the parser left a clause without them. `cameo_codes.csv` says which
codes need a second party and which are symmetric. Future or conditional forms and planning
words turn a meeting or visit into an intent (036); negated events are dropped; a meeting abroad
is also a visit; an event retold in the document is kept once; each event is dated by its own
clause against the publication date (`tasks/event_dates.py`).

Quotes: « … », “…” and "…" (a « quote may run over several paragraphs), attributed to the
subject of the speech verb before them, the name after an inverted verb or « selon X », else to
the previous speaker for « a-t-il ajouté »-style attributions.
"""

from __future__ import annotations

import bisect
import csv
import heapq
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from depeche.tasks.event_dates import date_expression, resolve_event_date
from depeche.tasks.segment import Sentence

EVENTS_VERSION = "5"
INTENT_CODE = "036"
VISIT_CODE = "042"
HOST_CODE = "043"
THIRD_LOCATION_CODE = "044"
CONSULT_CODE = "040"  # talks that a place foreign to both sides makes a meeting at a third location
MEETING_ROOTS = ("04",)
MET_IN_PERSON_CODES = frozenset({"040", "043", "046"})  # a meeting held somewhere, unlike a call
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
NEGATIONS = frozenset({"pas", "jamais", "plus", "aucun", "aucune", "rarement", "not", "never", "no", "rarely"})
INTENT_LEMMAS = frozenset({
    "prévoir", "devoir", "attendre", "envisager", "projeter", "compter", "accepter", "vouloir", "préparer",
    "préparation", "intention", "invitation", "projet", "base", "plan", "expect", "intend", "prévu", "envisagé",
})
PLACE_CASES = frozenset({"à", "en", "au", "aux", "dans", "in", "at", "to"})
PARTNER_CASES = frozenset({"avec", "with", "entre", "between"})
DATIVE_CASES = frozenset({"à", "au", "aux", "to"})
SETTING_ROOTS = ("03", "04")  # intents and meetings happen somewhere; other acts are addressed to someone
ADDRESSEE_CASES = frozenset({"à", "au", "aux", "to", "contre", "against", "sur", "on"})  # « a assuré à Lavrov », « sanctions contre l'Iran »
AGENT_CASES = frozenset({"par", "by"})
AGAINST_CASES = frozenset({"contre", "against"})
ON_CASES = frozenset({"sur", "on"})
OWNER_CASES = frozenset({"de", "du", "des", "d'", "d’", "of"})  # « la visite de X », « les dirigeants de la France »
PATIENT_CASES = frozenset({"de", "du", "des", "d'", "d’", "contre", "against", "of", "on"})
SOURCE_CASES = frozenset({"selon", "d'après", "d’après", "according"})  # who reports an event is not its party
RELATIVE_OBJECTS = frozenset({"que", "qu'", "qu’", "whom"})
RELATIVE_PRONOUNS = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles", "who", "which", "that"})
# A relation as the subject of a reported clause: its parties are whoever reports it and the other side.
RELATION_NOUNS = frozenset({"relation", "relations", "coopération", "lien", "liens", "partenariat", "coordination", "dialogue", "amitié", "alliance",
                            "ties", "cooperation", "partnership", "relationship"})
ATTITUDE_ROOTS = ("03", "05")  # intents and endorsements can be about a relation, whose other side is the target
SUPPORT_ROOT = "05"
DIPLOMATIC_ROOT = "16"  # reduce relations, sanctions: « à <capitale> » names the government aimed at
SUPPORT_INTENT_CODE = "032"  # express intent to provide diplomatic cooperation (policy support)
FUTURE_ENDINGS = ("aient", "ions", "iez", "ais", "ait", "ons", "ont", "ez", "ai", "as", "a")  # after the future stem (« coordonner-aient »)
IRREGULAR_FUTURE_STEMS = frozenset({
    "ser", "aur", "fer", "ir", "pourr", "devr", "voudr", "viendr", "tiendr", "verr", "saur", "faudr", "enverr",
    "mourr", "courr", "recevr", "vaudr", "apercevr", "concevr", "percevr",
})
MODAL_LEMMAS = frozenset({"devoir", "falloir", "vouloir", "should", "must", "will", "would"})
# « la Russie et la Chine », « Poutine et le président chinois Xi Jinping »: « et » and lower-case words only
# Words are taken whole (possessive; a word stops before « l' »): the same strings as with plain
# repetition, without trying every way to cut a long lower-case run (a URL slug) into six words.
COORDINATION_GAP = re.compile(r"\s*(?:et|and)\s+(?:(?:l['’]|(?:(?!l['’])[a-zàâçéèêëîïôûùœ-])++)\s*+){0,6}")
COMPLEMENTIZERS = frozenset({"que", "qu'", "qu’", "that"})
PRONOUN_CLAUSE_DEPS = frozenset({"advcl", "acl:relcl", "ccomp", "conj", "xcomp"})  # a clause whose « il » is the main clause's subject
ACCUSATION_LEMMAS = frozenset({"accuser", "reprocher", "soupçonner", "suspecter", "accuse", "suspect"})
HYPOTHETICAL_WORDS = frozenset({"éventuel", "éventuelle", "éventuels", "éventuelles", "hypothétique", "hypothétiques", "possible", "possibles", "potential", "eventual"})
HABITUAL = re.compile(
    r"\b(?:tous les (?:deux |trois |quatre |cinq )?(?:ans|mois|semaines)|toutes les (?:semaines|deux semaines)|chaque (?:année|an|mois|semaine)"
    r"|régulièrement|habituellement|d['’]ordinaire|d['’]habitude|traditionnellement|en principe|every (?:year|month|week)|regularly|usually)\b",
    re.IGNORECASE,
)
GROUP_NOUNS = frozenset({"dirigeant", "homme", "président", "ministre", "chef", "leader", "responsable", "diplomate", "chancelier", "man", "president", "minister"})
GROUP_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "two": 2, "three": 3, "four": 4}
FIRST_PERSON = frozenset({"nous", "je", "j'", "j’", "we", "i"})
PERSONAL_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})
# Dependencies through which an infinitive, participle or gerund takes the subject of the clause it
# hangs from (« a accepté une invitation à se rendre », « en accueillant », « prévoit de tenir »).
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "acl", "obj", "obl", "obl:arg", "obl:mod", "nmod", "conj", "ccomp"})
# Dependencies through which a planning word governs a meeting (« prévoit de tenir des consultations »,
# « les bases d'une rencontre »); not coordination or adverbial clauses (« …, tandis que X se rendra »).
GOVERNS_DEPS = frozenset({"xcomp", "obj", "nmod", "acl", "obl:arg", "ccomp"})
# A circumstance noun (« lors d'un sommet », « par téléphone », « après un entretien ») is told with its clause.
CIRCUMSTANCE_DEPS = frozenset({"obl", "obl:mod", "obl:arg", "advcl", "nmod"})
MAX_ACTORS_PER_TRIGGER = 4
OBJECT_REACH = 6  # words after a verb searched for its object when the parse gives none
CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj"})  # another clause begins
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
SPEECH_VERBS = re.compile(
    r"\b(?:déclaré|dit|affirmé|souligné|ajouté|indiqué|estimé|expliqué|assuré|averti|résumé|lancé|précisé|insisté|noté|rappelé|martelé|confié|jugé|prévenu|reconnu|annoncé|répondu|écrit|qualifié|félicité|réjoui|exprimé|salué|saluant|dénoncé|dénonçant|promis"
    r"|accusé|accusant|critiqué|critiquant|remercié|réagi|répliqué|fustigé|reproché|qualifiant|exhorté|appelé|regretté|déploré|condamné|plaidé|mis en garde"
    r"|évoqué|évoquant|répété|réaffirmé|réitéré|proposé|demandé|souhaité|jugeant|estimant|affirmant|assurant|soulignant|ajoutant)\b"
    r"|\b(?:déclare|dit|affirme|souligne|ajoute|indique|estime|explique|assure|dénonce|accuse|critique|salue|qualifie|juge|regrette|déplore|réagit|selon|d['’]après|propos|a[- ]t[- ](?:il|elle)|said|says|told|added|stated|according to)\b",
    re.IGNORECASE,
)
SPEECH_PARTICIPLES = r"(?:déclaré|dit|affirmé|assuré|noté|estimé|indiqué|souligné|expliqué|averti|rappelé|ajouté|précisé|annoncé|reconnu|jugé|prévenu|martelé)"
SPEECH_PRESENT = r"(?:déclare|dit|affirme|assure|note|estime|indique|souligne|explique|rappelle|ajoute|précise|annonce|juge)"
# « X a assuré à Y que … », « X estime que … »: the clause after « que » is what X said.
REPORTED_THAT = re.compile(
    rf"\b(?:(?:a|ont|avait|avaient|aurait|auraient)\s+(?:\w+\s+){{0,2}}?{SPEECH_PARTICIPLES}|{SPEECH_PRESENT})"
    r"(?:\s+(?:à|au|aux)\s+[^,.;:«»\"“”]{1,60}?)?\s*,?\s+qu(?:e\b|['’])"
    r"|\b(?:said|says|stated|added|warned|stressed|told\s+[^,.;:]{1,40}?)\s+that\b",
    re.IGNORECASE,
)
# « …, a déclaré le dirigeant chinois », « …, indique le communiqué »: the clause before is what was said.
INVERTED_ATTRIBUTION = re.compile(
    rf",\s*(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+)?{SPEECH_PARTICIPLES}|{SPEECH_PRESENT})\b|,\s*(?:said|says|told)\b",
    re.IGNORECASE,
)
INVERTED_PRONOUN = re.compile(r"[,»”\"]\s*(?:a|avait|ont|avaient)[- ]t[- ](?:il|elle|ils|elles)\b", re.IGNORECASE)
INVERTED_SPEAKER_REACH = 40  # characters between an inverted speech verb and its speaker (« , a déclaré, lors de cette rencontre, X »)
# Verbs that only report speech, the ones a journalist inverts (« …, a déclaré X »); « X a accusé Y » is not inverted.
SAY_VERB = re.compile(r"^(?:déclar|dit|affirm|ajout|estim|lanc|soulign|indiqu|expliqu|précis|assur|avert|répond|rappel|insist|réagi|répliqu|résum|martel|confi|not|prévenu|écrit|said|says|told|added|stated)", re.IGNORECASE)
SOURCE_FOR = re.compile(r"(?:^|[.;:]\s*|,\s*)\s*(?:pour|for)\s+(?:le\s+|la\s+|l['’]|les\s+)?$", re.IGNORECASE)
GOVERNING_NOUN_BEFORE = re.compile(
    r"\b(?:gouvernements?|autorités|dirigeants?|ministères?|diplomatie|présidence|armée|junte|régime|porte-parole)\b[^,.;:«»]{0,40}?"
    r"\b(?:de|du|des|d['’])\s*(?:la\s+|l['’])?$",
    re.IGNORECASE,
)
INCISE_BEFORE = re.compile(r",\s*(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+)?)?$")  # « …, a déclaré »: the verb opens an incise
PRONOUN_SPEAKER = re.compile(
    r"\s*(?:(?:il|elle)\b[^«»\"“”]{0,80}?\b(?:a|avait)\s+(?:\w+\s+)?(?:déclaré|dit|affirmé|ajouté|souligné|estimé|assuré|expliqué|précisé|averti|noté|rappelé)\b"
    r"|(?:selon|d['’]après|pour)\s+(?:lui|elle)\b)",
    re.IGNORECASE,
)
PRONOUN_SUBJECT_BEFORE = re.compile(r"\b(?:il|elle|he|she)\s*$", re.IGNORECASE)
SOURCE_MARKERS = re.compile(r"^(?:selon|d['’]après|according to)$", re.IGNORECASE)  # the speaker follows the marker
PRONOUN_ATTRIBUTION = re.compile(r"(?:\w+\s+)?\b(?:a|ont)[- ]t[- ](?:il|elle|ils|elles)\b|\b(?:il|elle|ils|elles) (?:a|ont) (?:déclaré|dit|ajouté|souligné|affirmé|estimé|assuré)\b|\b(?:he|she) (?:said|added)\b", re.IGNORECASE)
OBLIQUE_BEFORE_NAME = re.compile(
    r"(?:\b(?:avec|à|au|aux|de|du|des|contre|par|pour|entre|selon|sur|chez|vers|sans|with|to|of|by|for|on|according to)\s+|\bd['’])(?:l['’]|la\s+|le\s+|les\s+|the\s+)?$",
    re.IGNORECASE,
)
MIN_QUOTE_WORDS = 3  # shorter quotes (« Sud global ») count only when an attribution names who said them
ATTRIBUTION_WINDOW = 120  # characters around a quote searched for its attribution
QUOTE_CONTEXT = 300  # characters before a quote searched for its attribution
INVERTED_VERB_REACH = 30  # characters from a quote's end to the speech verb of an inverted attribution
PRONOUN_WINDOW = 25  # « … », a-t-il déclaré: the pronoun comes right after the quote
INVERTED_SUBJECT_GAP = re.compile(r"\s*,?\s*(?:(?:le|la|les|l['’]|the)\s*)?")  # « a déclaré le dirigeant chinois »: the subject right after the verb
CLOSING_QUOTE_BEFORE = re.compile(r"[»\"”]\s*,?\s*$")
SENTENCE_END = re.compile(r"[.!?][»\"”]?\s+|\n")


@dataclass(frozen=True)
class Trigger:
    code: str
    pattern: re.Pattern


@dataclass(frozen=True)
class CameoCode:
    goldstein: float | None
    needs_target: bool  # a meeting, visit, agreement or sanction has a second party; without it there is no event
    symmetric: bool  # two subjects (« X et Y se sont rencontrés ») are the two actors


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    codes: dict
    # Patterns that only mean something said (« nos relations se développent »): they count inside
    # a statement, with its speaker as the source.
    voiced: frozenset = frozenset()
    # « la coopération russo-chinoise », « sino-American relations »: compound adjectives naming the
    # two sides of a relation, matched with the words' countries (lower-case word -> alpha-3).
    relation_pattern: re.Pattern | None = None
    relation_words: dict = field(default_factory=dict)
    # « les sanctions occidentales », « des frappes russes »: adjectives naming who acts (-> entity id).
    origins: dict = field(default_factory=dict)

    def code(self, code: str) -> CameoCode:
        return self.codes.get(code, CameoCode(None, True, False))

    def relation_countries(self, text: str) -> list[str]:
        """Country ids that compound adjectives of `text` name, in order (« russo-chinoise » ->
        country-rus, country-chn)."""
        if self.relation_pattern is None:
            return []
        found: list[str] = []
        for match in self.relation_pattern.finditer(text):
            for word in match.group(0).lower().split("-"):
                country = self.relation_words.get(word)
                if country and f"country-{country.lower()}" not in found:
                    found.append(f"country-{country.lower()}")
        return found


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
        return self.entity_id

    @property
    def can_act(self) -> bool:
        return self.label in ("PER", "ORG") or bool(self.actor_code) or self.entity_id.startswith("country-")

    @property
    def country_id(self) -> str | None:
        return f"country-{self.country_code.lower()}" if self.country_code else None


class _Mentions(list):
    """Mentions in their given order, indexed by start offset. A long document asks, for each
    sentence, quote and speech verb, which mentions lie near it; scanning them all each time was
    quadratic (10,000 mentions: minutes). Answers keep the list's order, as the scans did."""

    def __init__(self, mentions=()):
        super().__init__(mentions)
        self._order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._starts = [self[i].start for i in self._order]
        self._longest = max((m.end - m.start for m in self), default=0)

    def starting(self, low: int, high: int) -> list[MentionRef]:
        """The mentions with low <= start <= high."""
        first, last = bisect.bisect_left(self._starts, low), bisect.bisect_right(self._starts, high)
        return [self[i] for i in sorted(self._order[first:last])]

    def at(self, position: int) -> MentionRef | None:
        """The first mention that covers a character position."""
        return next((m for m in self.starting(position - self._longest, position) if m.start <= position < m.end), None)

    def last_ending_by(self, position: int) -> MentionRef | None:
        """The last mention in the list that ends at or before a position."""
        ends, latest = self._by_end
        count = bisect.bisect_right(ends, position)
        return self[latest[count - 1]] if count else None

    def nearest(self, entity_id: str | None, position: int) -> MentionRef | None:
        """The mention of an entity closest to a position, the first one on a tie."""
        if entity_id not in self._entities:
            return None
        starts, indices = self._entities[entity_id]
        after = bisect.bisect_left(starts, position)
        distance = min(abs(starts[k] - position) for k in (after - 1, after) if 0 <= k < len(starts))
        # A run of equal starts is in list order (the sort is stable): its first is the first in the list.
        runs = (bisect.bisect_left(starts, position - distance), bisect.bisect_left(starts, position + distance))
        return self[min(indices[k] for k in runs if k < len(starts) and abs(starts[k] - position) == distance)]

    @cached_property
    def people(self) -> dict[str, list[MentionRef]]:
        """Each person's mentions in text order, people in the order they are first named."""
        people: dict[str, list[MentionRef]] = {}
        for i in self._order:
            if self[i].label == "PER":
                people.setdefault(self[i].entity_id, []).append(self[i])
        return people

    @cached_property
    def _by_end(self) -> tuple[list[int], list[int]]:
        """Ends in order, and for each prefix of that order the latest list position in it."""
        order = sorted(range(len(self)), key=lambda i: self[i].end)
        return [self[i].end for i in order], list(itertools.accumulate(order, max))

    @cached_property
    def _entities(self) -> dict[str, tuple[list[int], list[int]]]:
        """entity id -> starts and list positions of its mentions, in text order."""
        found: dict[str, tuple[list[int], list[int]]] = {}
        for i in self._order:
            starts, indices = found.setdefault(self[i].entity_id, ([], []))
            starts.append(self[i].start)
            indices.append(i)
        return found


class _FirstCovering:
    """For any position, the first of some spans (objects with start and end, in list order, which
    may overlap) that covers it, computed once per stretch between span bounds: looking through
    every statement of a long document for each trigger was quadratic."""

    def __init__(self, spans):
        self._bounds = sorted({bound for span in spans for bound in (span.start, span.end)})
        self._first = []
        by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
        active: list[int] = []  # a heap of list positions; spans that ended are dropped from its top
        started = 0
        for bound in self._bounds:
            while started < len(by_start) and spans[by_start[started]].start <= bound:
                heapq.heappush(active, by_start[started])
                started += 1
            while active and spans[active[0]].end <= bound:
                heapq.heappop(active)
            self._first.append(spans[active[0]] if active else None)

    def at(self, position: int):
        index = bisect.bisect_right(self._bounds, position) - 1
        return self._first[index] if index >= 0 else None


class _Sentences(list):
    """Sentences in text order, not overlapping, found by position."""

    def __init__(self, sentences=()):
        super().__init__(sentences)
        self._starts = [start for start, _, _ in self]

    def at(self, position: int) -> Sentence | None:
        index = bisect.bisect_right(self._starts, position) - 1
        return self[index] if index >= 0 and position < self[index][1] else None


@lru_cache(maxsize=4)
def load_lexicon(reference_dir: Path, version: str = "") -> Lexicon:
    """The trigger lexicon and CAMEO codebook; `version` (the files' digest) is only a cache key."""
    triggers, voiced = [], set()
    with open(reference_dir / "event_triggers.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            triggers.append(Trigger(row["cameo_code"], re.compile(row["pattern"], re.IGNORECASE)))
            if (row.get("voice") or "").strip() == "speaker":
                voiced.add(triggers[-1].pattern)
    codes = {}
    with open(reference_dir / "cameo_codes.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes[row["code"]] = CameoCode(
                float(row["goldstein"]) if row["goldstein"] else None, row["needs_target"] == "1", row["symmetric"] == "1"
            )
    adjectives = _adjectives(reference_dir / "demonyms.csv", "country_code")
    relation_pattern, relation_words = _relation_adjectives(reference_dir, adjectives)
    origins = {word: f"country-{code.lower()}" for word, code in adjectives.items()} | _adjectives(reference_dir / "bloc_adjectives.csv", "entity_id")
    return Lexicon(tuple(triggers), codes, frozenset(voiced), relation_pattern, relation_words, origins)


def _adjectives(path: Path, key: str) -> dict[str, str]:
    """One-word adjectives (lower case) of a `<key>,fr,en` file -> the row's key."""
    if not path.exists():
        return {}
    adjectives = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for word in filter(None, (row.get("fr") or "").split("|") + (row.get("en") or "").split("|")):
                if " " not in word and "-" not in word:
                    adjectives[word.lower()] = row[key]
    return adjectives


def _relation_adjectives(reference_dir: Path, adjectives: dict[str, str]) -> tuple[re.Pattern | None, dict]:
    """A pattern for « <form>-<form>-…<nationality> » from combining forms (« russo », « sino »)
    and nationality adjectives; the last part must be a nationality, so « indo-pacifique » or
    « anglo-saxon » name no country."""
    forms_file = reference_dir / "combining_forms.csv"
    if not forms_file.exists() or not adjectives:
        return None, {}
    with open(forms_file, newline="", encoding="utf-8") as handle:
        forms = {row["form"].lower(): row["country_code"] for row in csv.DictReader(handle)}
    if not forms:
        return None, {}
    alternatives = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    pattern = re.compile(rf"\b(?:(?:{alternatives(forms)})-)+(?:{alternatives(adjectives)})\b", re.IGNORECASE)
    return pattern, {**adjectives, **forms}


def quad_class(code: str) -> int:
    """The quad class of the CAMEO root (as in Phoenix/GDELT): 01–05 verbal cooperation,
    06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


class Candidate(NamedTuple):
    """A sentence holding triggers: its offsets and number, and the (code, match) pairs found."""

    start: int
    end: int
    sentence_id: int
    triggers: list


def candidate_sentences(sentences: list[Sentence], text: str, lexicon: Lexicon) -> list[Candidate]:
    """Sentences holding at least one trigger, with the (code, match) pairs found in each; a match
    inside a longer one of another pattern ("entretien" in "entretien vidéo") is left out."""
    if not sentences:
        return []
    starts = [start for start, _, _ in sentences]
    ends = [end for _, end, _ in sentences]
    by_sentence: dict[int, dict] = defaultdict(dict)
    # Each pattern scans the text once (not once per sentence: the calls, not the characters, cost);
    # a match belongs to the sentence it lies in.
    for trigger in lexicon.triggers:
        for match in trigger.pattern.finditer(text, starts[0], ends[-1]):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= ends[index]:
                by_sentence[index][(trigger.code, match.span())] = (trigger.code, match)
    out = []
    for index in sorted(by_sentence):
        found = list(by_sentence[index].values())
        contained = _contained_spans([m.span() for _, m in found])
        start, end, sentence_id = sentences[index]
        out.append(Candidate(start, end, sentence_id, [(code, m) for code, m in found if m.span() not in contained]))
    return out


def _contained_spans(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans inside a longer one (starting no later, ending no earlier, not the same span), in
    one pass by start rather than by comparing every pair: a long sentence can hold thousands."""
    contained = set()
    furthest = -1  # the furthest end of the spans that start earlier
    for start, group in itertools.groupby(sorted(set(spans)), key=lambda span: span[0]):
        ends = [end for _, end in group]
        contained.update((start, end) for end in ends if end <= furthest or end < ends[-1])
        furthest = max(furthest, ends[-1])
    return contained


@dataclass
class _Sentence:
    """One parsed candidate sentence and the linked mentions inside it."""

    doc: object
    offset: int
    end: int
    text: str
    mentions: list[MentionRef]
    previous_actor: MentionRef | None  # who « il », « ils » most likely stand for
    origins: dict = field(default_factory=dict)  # Lexicon.origins
    document_mentions: list = field(default_factory=list)  # every mention of the document, for « les deux dirigeants »
    speaker: MentionRef | None = None  # inside a statement, who « nous », « je » are

    def __post_init__(self):
        self.sentence_text = self.text[self.offset : self.end]  # what was parsed (spaCy's doc.text joins its tokens again)
        # Places named as settings (« à Moscou », « au Kremlin ») are not actors; nor are names in a
        # quotation that opens the sentence (« « … », a déclaré X »), which belong to what was said,
        # not to the clause that reports it. A partial quote inside the clause is part of it
        # (« en saluant “le retour du Brésil sur la scène internationale” »).
        first_word = self.offset + len(self.sentence_text) - len(self.sentence_text.lstrip())
        quoted = [
            (start, end) for start, end in _quoted_spans(self.text, self.offset, self.offset + len(self.sentence_text))
            if start <= first_word
        ]
        self.actors = _Mentions(
            m for m in self.mentions
            if m.can_act and not (m.label in ("LOC", "ORG") and _after_place_word(self.text, m.start))
            and not any(s <= m.start < e for s, e in quoted)
        )
        self._places = _Mentions(m for m in self.mentions if m.label == "LOC")

    @cached_property
    def previous_people(self) -> list[tuple[MentionRef, int]]:
        """(person, mentions so far) before this sentence, most named first: only asked for when a
        group noun (« les deux dirigeants ») is a subject."""
        return _previous_people(self.offset, self.document_mentions)

    @cached_property
    def unintroduced(self) -> _Mentions:
        """Actors that no preposition introduces: who may be a subject found by position."""
        return _Mentions(m for m in self.actors if not OBLIQUE_BEFORE_NAME.search(self.text[max(0, m.start - 16) : m.start]))

    @cached_property
    def unintroduced_people(self) -> _Mentions:
        return _Mentions(m for m in self.unintroduced if m.label == "PER")

    @cached_property
    def _token_bounds(self) -> tuple[list[int], list[int]]:
        return [t.idx for t in self.doc], [t.idx + len(t) for t in self.doc]

    def tokens_of(self, match: re.Match) -> list:
        """The tokens a match overlaps (tokens are in order and do not overlap: a bisection)."""
        starts, ends = self._token_bounds
        first = bisect.bisect_right(ends, match.start() - self.offset)
        last = bisect.bisect_left(starts, match.end() - self.offset)
        return [self.doc[i] for i in range(first, last)]

    def actor_at(self, token) -> MentionRef | None:
        return self.actors.at(self.offset + token.idx)

    def place_at(self, token) -> MentionRef | None:
        return self._places.at(self.offset + token.idx)


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches of a sentence; a closing mark with no opening one closes a quotation begun
    in an earlier sentence."""
    spans = []
    for opening, closing in (("«", "»"), ("“", "”")):
        position = start
        while True:
            close = text.find(closing, position, end)
            if close < 0:
                break
            open_ = text.rfind(opening, position, close)
            spans.append((open_ if open_ >= 0 else start, close))
            position = close + 1
    return spans


@dataclass
class _Roles:
    """Who did it, to whom, where, from one trigger."""

    sources: list[MentionRef]
    targets: list[MentionRef]
    place: MentionRef | None
    intent: bool
    anchor: object = None  # the token whose clause tells the event (for its date)
    spoken: bool = False  # the source is a speaker, who comes first even in a symmetric relation
    as_code: str | None = None  # the code the clause makes of its trigger (« a été reçu à Y » without host: a visit)


def code_events(
    text: str,
    candidates: list[Candidate],
    parsed: list,
    mentions: list[MentionRef],
    published: date | None,
    language: str | None,
    lexicon: Lexicon,
    statements: list[Statement] = (),
) -> list[EventRow]:
    """Events of the candidate sentences; `parsed[i]` is the spaCy doc of candidates[i]'s text.

    Inside a statement (`find_statements`), what a speaker's country will or should do (« la
    Chine soutiendrait … », « Pékin et Moscou devraient renforcer … ») is the speaker's own
    intent, and praise of a relation (« nos relations se développent ») is the speaker's praise
    of the other side. An event that restates one already coded in the document is kept once
    (`_without_restatements`): articles retell their news in the headline, the lead and the body."""
    events: list[EventRow] = []
    mentions = _Mentions(mentions)
    statement_at = _FirstCovering(statements)
    countries = {m.entity_id: m.country_id for m in mentions}
    expressions: list[str | None] = []  # each event's date expression, to tell restatements from other meetings
    for (start, end, sentence_id, found), doc in zip(candidates, parsed):
        if doc is None:
            continue
        sentence = _Sentence(
            doc, start, end, text, [m for m in mentions.starting(start, end) if m.end <= end], _previous_actor(text, start, mentions),
            lexicon.origins, mentions,
        )
        trigger_tokens = {code_match: sentence.tokens_of(code_match[1]) for code_match in found}
        partners = lexicon.relation_countries(text[start:end])
        meeting_tokens = [t for (code, _), tokens in trigger_tokens.items() if code[:2] in MEETING_ROOTS for t in tokens]
        for code, match in sorted(found, key=lambda item: _code_rank(item[0])):
            tokens = trigger_tokens[(code, match)]
            if not tokens:
                continue
            statement = statement_at.at(match.start())
            sentence.speaker = statement.speaker if statement else None
            if match.re in lexicon.voiced:
                roles = _voiced_roles(tokens, statement, partners, events, countries, mentions)
            else:
                if code == INTENT_CODE and any(_governs(t, m) or _governs(m, t) for t in tokens for m in meeting_tokens):
                    continue  # « prévoit de se rendre »: the planning word only makes the visit an intent
                roles = _roles(sentence, tokens, code)
                if roles is None or not roles.sources or _not_asserted(roles.anchor, sentence.sentence_text):
                    continue
                if not roles.targets and CLOSING_QUOTE_BEFORE.search(text[max(start, match.start() - 4) : match.start()]):
                    continue  # « « … », s'est félicité X »: the verb attributes a quotation, nobody is praised
                if statement is not None and _prospective(roles.anchor):
                    roles = _in_speakers_voice(roles, statement, partners, events, countries, mentions)
                if not roles.targets and code[:2] in ATTITUDE_ROOTS and _about_relation(tokens):
                    # « en saluant la coopération stratégique entre les deux pays »: the relation's other side
                    other = _other_side(roles.sources[0], start, end, partners, events, countries, mentions)
                    roles.targets = [other] if other else []
            if roles is None:
                continue
            code = roles.as_code or code
            if roles.intent and code[:2] in MEETING_ROOTS:
                event_code = INTENT_CODE
            elif code[:2] == SUPPORT_ROOT and _prospective(roles.anchor):
                event_code = SUPPORT_INTENT_CODE  # « la Chine soutiendrait … »: support promised, not yet given
            else:
                event_code = code
            scope = _date_scope(sentence.sentence_text, roles.anchor)
            when = resolve_event_date(sentence.sentence_text, published, language, roles.intent or event_code == INTENT_CODE, scope)
            for actor1, actor2, row_code in _actor_pairs(roles, code, event_code, lexicon, partners):
                events.append(
                    EventRow(
                        sentence_id=sentence_id, cameo_code=row_code, actor1_id=actor1, actor2_id=actor2,
                        location_id=roles.place.entity_id if roles.place else None, event_date=when.value,
                        date_precision=when.precision, trigger=match.group(0),
                        confidence=round(0.8 + (0.1 if actor2 else 0) + (0.1 if when.expression else 0), 2),
                        quad_class=quad_class(row_code), goldstein=lexicon.code(row_code).goldstein,
                    )
                )
                expressions.append(date_expression(sentence.sentence_text, scope))
    return _without_restatements(events, expressions)


def _voiced_roles(tokens: list, statement: Statement | None, partners, events, countries, mentions) -> _Roles | None:
    """Roles of a pattern that only a speaker's words carry (« la coopération entre la Chine et la
    Russie a une grande importance », a déclaré X): X praises the relation's other side."""
    if statement is None or any(_negated(t) for t in tokens if t.pos_ in ("VERB", "AUX")):
        return None
    other = _other_side(statement.speaker, statement.start, statement.end, partners, events, countries, mentions)
    return _Roles([statement.speaker], [other], None, False, tokens[0], spoken=True) if other else None


def _in_speakers_voice(roles: _Roles, statement: Statement, partners, events, countries, mentions) -> _Roles:
    """What the speaker's own side will or should do, said by the speaker, is the speaker's intent
    toward the other side. People keep their own acts (« Poutine se rendra en Chine, a annoncé le
    Kremlin » is Putin's intent)."""
    speaker = statement.speaker
    if speaker.country_id is None or not any(m.label != "PER" and m.country_id == speaker.country_id for m in roles.sources):
        return roles
    others = [m for m in roles.sources + roles.targets if m.country_id != speaker.country_id and m.actor_id != speaker.actor_id]
    if not others:
        other = _other_side(speaker, statement.start, statement.end, partners, events, countries, mentions)
        others = [other] if other else []
    return _Roles([speaker], others[:1], roles.place, roles.intent, roles.anchor, spoken=True)


def _other_side(source: MentionRef, start: int, end: int, partners, events: list[EventRow], countries: dict, mentions: _Mentions) -> MentionRef | None:
    """The other party of a relation the source speaks of: the one other country the passage
    names, or the other side of a compound adjective the source is on (« russo-chinoise »), else
    the country of the source's latest counterpart in the document (« nos relations », said at a
    meeting told before). A source outside a relation that the passage names between two others
    (« Modi a salué le partenariat russo-chinois ») has none."""
    named = list(dict.fromkeys(m.country_id for m in mentions.starting(start, end) if m.start < end and m.can_act and m.country_id))
    others = [c for c in named if c != source.country_id]
    if source.country_id in partners:
        others = others or [c for c in partners if c != source.country_id]
    elif partners:
        return None
    if len(others) == 1 or others and source.country_id in named:
        return _country_ref(others[0], source.start)
    if others:
        return None
    for event in reversed(events):
        if source.actor_id in (event.actor1_id, event.actor2_id):
            counterpart = event.actor2_id if event.actor1_id == source.actor_id else event.actor1_id
            country = countries.get(counterpart) or (counterpart if counterpart and counterpart.startswith("country-") else None)
            if country and country != source.country_id:
                return _country_ref(country, source.start)
    return None


def _country_ref(country_id: str, position: int) -> MentionRef:
    return MentionRef(position, position, country_id, "LOC", country_id.removeprefix("country-").upper())


def _about_relation(tokens: list) -> bool:
    """Whether a trigger's object is a relation (« saluer la coopération »)."""
    return any(c.dep_ == "obj" and c.lemma_.lower() in RELATION_NOUNS for t in tokens for c in t.children)


def _prospective(anchor) -> bool:
    """Whether a clause says what will or should happen: its finite verb is future, conditional,
    or a modal (« coordonneraient », « devraient renforcer »), not « ont convenu de discuter »."""
    if anchor is None:
        return False
    token = anchor
    while "Inf" in token.morph.get("VerbForm") and token.dep_ in ("xcomp", "ccomp", "obj") and token.head != token:
        token = token.head
    finite = [token] + [c for c in token.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    return any(_future_or_conditional(t) or t.lemma_.lower() in MODAL_LEMMAS for t in finite)


def _future_or_conditional(token) -> bool:
    """Future or conditional, read from the form because the tagger errs both ways (« soutiendrait »
    read as an imperfect, « coordonneraient » as a noun, « apprécions » as a future): a future
    stem (the infinitive, « prendr- » for « prendre », or an irregular stem) plus a future or
    conditional ending. « déclarait » (imperfect) and « déclara » (simple past) are neither."""
    form, lemma = token.lower_, token.lemma_.lower()
    for ending in FUTURE_ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            return (
                stem in (lemma, lemma[:-1]) and stem.endswith("r")
                or len(stem) > 4 and stem.endswith("er")
                or stem in IRREGULAR_FUTURE_STEMS
                or any(stem.endswith(irregular) for irregular in IRREGULAR_FUTURE_STEMS if len(irregular) > 4)
            )
    return False


def _misread_verb(token) -> bool:
    """A future or conditional verb the tagger took for a noun (« que la Russie et la Chine
    coordonneraient leurs efforts »): heads a clause and has a verb's ending."""
    return token.pos_ in ("NOUN", "ADJ", "PROPN") and token.dep_ in ("ROOT", "ccomp", "advcl", "conj", "acl:relcl") and _future_or_conditional(token)


def _code_rank(code: str) -> int:
    # Specific codes first: a phone call is not also "talks", a visit is not also "meeting".
    order = ["041", "057", "043", "042", "044", "046", "163", "112", "111", "051", "036", "040", "030"]
    return order.index(code) if code in order else len(order)


def _actor_pairs(roles: _Roles, code: str, event_code: str, lexicon: Lexicon, partners: list[str] = ()):
    """(actor1, actor2, code) of the events one trigger states.

    `partners` are the countries a compound adjective of the sentence names (« la coopération
    russo-chinoise »): when the source belongs to one of them and no target is named, the other
    side of that relation is the target.

    Several sources with a target are one event each (« la France et l'Allemagne ont sanctionné
    l'Iran »); two sources and no target of a symmetric code are its two actors (« X et Y se sont
    rencontrés »); a visit without a named host goes to the country of the place. A meeting held
    in a place foreign to exactly one of its actors is also that actor's visit; foreign to both, it
    is a meeting at a third location."""
    info = lexicon.code(code)
    sources, targets = roles.sources, roles.targets
    if len(sources) > 1 and info.symmetric:
        pairs = [(sources[0], sources[1])]
    elif len(sources) == 1 and len(targets) > 1 and not info.symmetric:  # « a accusé Washington et Tokyo »
        pairs = [(sources[0], target) for target in targets[:MAX_ACTORS_PER_TRIGGER]]
    else:
        pairs = [(source, targets[0] if targets else None) for source in sources[:MAX_ACTORS_PER_TRIGGER]]
    if info.symmetric and not roles.spoken:  # a call or a meeting has no direction: the first named comes first
        pairs = [tuple(sorted(pair, key=lambda m: m.start)) if pair[1] is not None else pair for pair in pairs]
    place_country = roles.place.country_id if roles.place else None
    out = []
    for source, target in pairs:
        actor1 = source.actor_id
        actor2 = target.actor_id if target else None
        if actor2 is None and (code == VISIT_CODE or event_code == INTENT_CODE):
            actor2 = place_country if place_country != source.country_id else None
        if actor2 is None and source.country_id in partners:
            actor2 = next((country for country in partners if country not in (source.country_id, actor1)), None)
        if actor2 is None and lexicon.code(event_code).needs_target or actor1 == actor2:
            continue
        foreign = []
        if code in MET_IN_PERSON_CODES and event_code != INTENT_CODE and place_country and target is not None:
            foreign = [m for m in (source, target) if m.country_id and m.country_id != place_country]
        out.append((actor1, actor2, THIRD_LOCATION_CODE if len(foreign) == 2 and event_code == CONSULT_CODE else event_code))
        if len(foreign) == 1 and foreign[0].actor_id != place_country:
            out.append((foreign[0].actor_id, place_country, VISIT_CODE))
    return out


def _without_restatements(events: list[EventRow], expressions: list[str | None]) -> list[EventRow]:
    """Events once each: same kind of event (`_restatement_kind`), same actors, and no conflicting
    date expressions (« un entretien vidéo mercredi » and « rencontrés en septembre dernier » are
    two meetings)."""
    kept: list[tuple[EventRow, str | None]] = []
    kept_by_actors: dict[frozenset, list[tuple[EventRow, str | None]]] = {}  # the same, by pair: a long document codes thousands
    for event, expression in zip(events, expressions):
        actors = frozenset((event.actor1_id, event.actor2_id))
        earlier = next(
            (k for k in kept_by_actors.get(actors, ())
             if _restatement_kind(k[0].cameo_code, k[0].sentence_id == event.sentence_id) == _restatement_kind(event.cameo_code, k[0].sentence_id == event.sentence_id)
             and (k[1] is None or expression is None or k[1].lower() == expression.lower())),
            None,
        )
        if earlier is None:
            kept.append((event, expression))
            kept_by_actors.setdefault(actors, []).append(kept[-1])
        elif earlier[0].date_precision == "reported" and event.date_precision != "reported":
            earlier[0].event_date, earlier[0].date_precision = event.event_date, event.date_precision
    return [event for event, _ in kept]


def _restatement_kind(code: str, same_sentence: bool) -> str:
    """What makes two events of the same actors one: within a sentence, the same CAMEO root (« se
    sont entretenus par téléphone » is one call, not also talks); across sentences the same code
    (« X a reçu Y. Les deux dirigeants se sont entretenus » is a reception and talks). Among
    intents (03) always the same code: an intent to cooperate is not an intent to meet."""
    return code if code.startswith("03") or not same_sentence else code[:2]


def _governs(token, other, steps: int = 3) -> bool:
    """Whether `token` is the head of `other` within a few steps of complement relations."""
    for _ in range(steps):
        if other.dep_ not in GOVERNS_DEPS or other.head == other:
            return False
        other = other.head
        if other == token:
            return True
    return False


def _roles(sentence: _Sentence, tokens: list, code: str) -> _Roles | None:
    """Actors and place of one trigger: a verb's subject and objects, or a trigger noun's own
    dependents (« la visite de X à Y », « entretiens avec Y », « l'invasion de X par Y »)."""
    verb = next((t for t in tokens if t.pos_ == "VERB" or _misread_verb(t)), None)
    if verb is None:
        verb = next((t.head for t in tokens if t.pos_ == "AUX" and t.head.pos_ == "VERB"), None)
    if verb is not None:
        if _negated(verb):
            return None
        nominal = _agentive_noun_roles(sentence, verb) if verb.dep_ == "acl" else None
        roles, anchor = nominal or _clause_roles(sentence, verb, code), verb
    else:
        anchor = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
        if anchor is None:
            anchor = next((t.head for t in tokens if t.pos_ == "ADJ" and t.head.pos_ == "NOUN"), None)
        roles = _noun_roles(sentence, anchor, code) if anchor is not None else None
    if roles is not None:
        roles.anchor = anchor
    return roles


def _date_scope(text: str, anchor) -> list[tuple[int, int]] | None:
    """Which characters of the sentence `text` date an event, as the (start, end) ranges of its
    tokens: the innermost of its own clause and the clauses above it that holds a date expression
    (« en accueillant X » is dated by « a déclaré mercredi »); never a clause inside it or beside
    it (« tandis que Y se rendra en septembre »)."""
    if anchor is None:
        return None
    current = anchor
    for _ in range(3):
        while current.pos_ not in ("VERB", "AUX") and current.head != current:
            current = current.head
        # « a été accueilli lundi » with « lundi » read as a clause (xcomp): a noun is no clause of its own
        nominal = [t for c in current.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("NOUN", "PROPN", "NUM") for t in c.subtree]
        clause = sorted({(t.idx, t.idx + len(t)) for t in _same_clause_tokens(current) + nominal})
        if date_expression(text, clause):
            return clause
        if current.head == current:
            break
        current = current.head
    return []


def _noun_roles(sentence: _Sentence, noun, code: str) -> _Roles | None:
    if any(c.dep_ in SUBJECT_DEPS for c in noun.children):
        return _clause_roles(sentence, noun, code)  # « X est en visite à Y »: the noun is the predicate
    agentive = _agentive_noun_roles(sentence, noun)
    if agentive is not None:
        return agentive
    owners, partners, place = [], [], None
    possessive = False
    last = owners  # the complement a stray name after it belongs to
    for child in noun.children:
        cases = _cases(child)
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            possessive = True
        elif cases & (PARTNER_CASES | AGAINST_CASES):  # « entretiens avec Y », « sanctions contre l'Iran »
            partners += _phrase_actors(sentence, child)
            last = partners
        elif cases & OWNER_CASES and child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
            owners += _phrase_actors(sentence, child)
            last = owners
        elif cases & PLACE_CASES:
            place = place or sentence.place_at(child)
        elif child.dep_ in ("appos", "nmod", "flat:name", "compound") and not cases or _stray_conjunct(child):
            # « les pourparlers Sullivan-Wang »; « discussions avec son homologue chinois Wang Yi » parsed apart
            last.extend(_phrase_actors(sentence, child))
    if not partners and not owners:
        # « les pourparlers engagés sous l'égide de l'Angola entre Kinshasa et Kigali »: on the noun's participle
        partners = [m for c in noun.children if c.dep_ == "acl" for g in c.children if _cases(g) & PARTNER_CASES for m in _phrase_actors(sentence, g)]
    if not partners and not owners:
        detached = _detached_complement(noun, PARTNER_CASES)  # « des pourparlers à Genève entre X et Y » parsed apart
        partners = _phrase_actors(sentence, detached) if detached is not None else []
    partners = [m for i, m in enumerate(partners) if m.actor_id not in {p.actor_id for p in partners[:i]}]  # one name reached twice
    if len(partners) > 1 and not owners:
        owners, partners = partners[:1], partners[1:]  # « négociations entre X et Y »
    origin = _origin_of(sentence, noun) if not owners else None
    if origin is not None:
        owners, partners = [origin], partners or _affected(sentence, noun, origin, place)
    intent = _noun_is_intended(noun)
    circumstance = not _definite(noun) and (
        noun.dep_ in CIRCUMSTANCE_DEPS and any(c.dep_ == "case" for c in noun.children) or noun.dep_ == "obj"
    )
    clause = _clause_of(noun)
    if not owners and (possessive or partners or circumstance) and clause is not None and noun.dep_ not in SUBJECT_DEPS:
        clause_roles = _clause_roles(sentence, clause, code)
        if clause_roles is not None:
            owners = clause_roles.sources
            partners = partners or (clause_roles.targets if circumstance else [])
            place = place or clause_roles.place
            intent = intent or (circumstance and clause_roles.intent)
    place = place or _place_of(sentence, noun)
    if place is None and clause is not None:
        place = _place_of(sentence, clause)
    if not owners:
        return None  # « cette visite », « les discussions »: an event told before, or nobody's
    return _Roles(owners, [p for p in partners if p.actor_id not in {o.actor_id for o in owners}], place, intent)


def _origin_of(sentence: _Sentence, noun) -> MentionRef | None:
    """« les sanctions occidentales », « des frappes russes », « l'offensive ukrainienne »: an
    adjective of the trigger noun that names who acts."""
    modifiers, level = list(noun.children), list(noun.children)
    for _ in range(2):  # « les efforts de médiation de nos partenaires turcs »
        level = [g for c in level if c.dep_ == "nmod" and not _cases(c) - {"de", "d'", "d’", "du", "des"} for g in c.children]
        modifiers += level
    for child in modifiers:  # « une frappe de missile russe »: the adjective may qualify the noun's complement
        entity_id = sentence.origins.get(child.lower_) if child.dep_ == "amod" else None
        if entity_id:
            position = sentence.offset + child.idx
            country = entity_id.removeprefix("country-").upper() if entity_id.startswith("country-") else None
            return MentionRef(position, position + len(child), entity_id, "LOC" if country else "ORG", country)
    return None


def _actors_or_origin(sentence: _Sentence, head) -> list[MentionRef]:
    """The actors a phrase names, else the one its origin adjective names (« contre le transport
    aérien iranien »)."""
    found = _phrase_actors(sentence, head)
    origin = None if found else _origin_of(sentence, head)
    return found or ([origin] if origin else [])


def _affected(sentence: _Sentence, noun, origin: MentionRef, place: MentionRef | None) -> list[MentionRef]:
    """Whom an act named by its origin (« les sanctions occidentales ») falls on: « contre X » or
    « sur X » on the noun, else the country of its place (« des frappes russes à Kharkiv »), else
    the subject of its clause when that is another party (« Moscou contourne les sanctions
    occidentales »)."""
    for child in noun.children:
        if _cases(child) & (AGAINST_CASES | ON_CASES):
            found = [m for m in _actors_or_origin(sentence, child) if m.actor_id != origin.actor_id]
            struck = sentence.place_at(child)  # « sur Kharkiv »: the city's country
            if not found and struck is not None and struck.country_id and struck.country_id != origin.country_id:
                found = [_country_ref(struck.country_id, struck.start)]
            if found:
                return found
    if place is not None and place.country_id and place.country_id != origin.country_id:
        return [_country_ref(place.country_id, place.start)]
    clause = _clause_of(noun)
    if clause is None:
        return []
    if noun.dep_ in SUBJECT_DEPS:  # « une frappe russe a touché le port d'Odessa »: what it struck
        struck = [p for c in clause.children if c.dep_ == "obj" for t in _same_clause_tokens(c) if (p := sentence.place_at(t))]
        return [_country_ref(struck[0].country_id, struck[0].start)] if struck and struck[0].country_id not in (None, origin.country_id) else []
    top = noun
    while top.head != clause and top.dep_ == "nmod" and top.head != top:
        top = top.head
    if top.head != clause or top.dep_ != "obj":
        return []  # « depuis le début de l'invasion russe, la Turquie … »: the clause's subject is not its target
    subjects, _ = _subjects(sentence, clause)
    return [m for m in subjects if m.actor_id != origin.actor_id and (origin.country_id is None or m.country_id != origin.country_id)][:1]


def _agentive_noun_roles(sentence: _Sentence, head) -> _Roles | None:
    """« l'invasion de l'Ukraine par la Russie », « sanctions imposées par l'Occident contre la
    Russie »: an agent after « par » is the source, « de » / « contre » names the target."""
    noun = head.head if head.dep_ == "acl" else head
    heads = [noun] + [c for c in noun.children if c.dep_ in ("acl", "nmod")]
    heads += [g for h in heads[1:] if h.dep_ == "nmod" for g in h.children if g.dep_ == "acl"]  # « l'attaque de missiles lancée par X »
    agent, patient = [], []
    detached_agent = _detached_complement(noun, AGENT_CASES)
    if detached_agent is not None:
        agent = _phrase_actors(sentence, detached_agent)  # « l'invasion de l'Ukraine par la Russie » parsed apart
    agent_heads = []
    for h in heads:
        for child in h.children:
            cases = _cases(child)
            if child.dep_ == "obl:agent" or cases & AGENT_CASES:
                agent = agent or _phrase_actors(sentence, child)
                agent_heads.append(child)
            elif cases & PATIENT_CASES and child.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
                patient = patient or _phrase_actors(sentence, child)
    if not agent:
        return None
    for child in (c for h in agent_heads for c in h.children):
        if not patient and _cases(child) & AGAINST_CASES:  # « par l'UE contre l'Iran » parsed as one phrase
            patient = _phrase_actors(sentence, child)
    return _Roles(agent, patient, None, False)


def _detached_complement(noun, cases: frozenset, reach: int = 6):
    """The head of a « par … » or « entre … » phrase just after a noun that the parser attached
    elsewhere: within a few words, before any verb or punctuation."""
    for token in noun.doc[noun.right_edge.i + 1 : noun.right_edge.i + 1 + reach]:
        if token.pos_ in ("VERB", "AUX", "PUNCT"):
            return None
        if token.dep_ == "case" and token.lower_ in cases and token.head.i > token.i and token.head.head != noun:
            return token.head
    return None


def _clause_roles(sentence: _Sentence, verb, code: str) -> _Roles | None:
    subjects, passive = _subjects(sentence, verb)
    agents, objects = [], []
    for child in verb.children:
        cases = _cases(child)
        if (child.dep_ == "obl:agent" or cases & AGENT_CASES) and (passive or _bare_participle(verb)):
            agents += _phrase_actors(sentence, child)
        elif child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and cases & PLACE_CASES and sentence.place_at(child):
            objects += _addressed_country(sentence, child, code)  # else the setting, found by _place_of
            # « a accueilli à Camp David, la résidence …, le Premier ministre japonais X et … » coordinated with the place
            objects += [m for c in child.children if c.dep_ == "conj" for m in _phrase_actors(sentence, c) if m.label == "PER"]
        elif child.dep_ == "obj" and child.lower_ in RELATIVE_OBJECTS and verb.dep_ == "acl:relcl":
            objects += _phrase_actors(sentence, verb.head, skip=verb)  # « Joe Biden, qu'il doit rencontrer »
        elif cases & ADDRESSEE_CASES or cases & PARTNER_CASES and (code[:2] in MEETING_ROOTS or "entre" not in cases) or child.dep_ in ("obj", "iobj") or (child.dep_ == "obl:arg" and not cases):
            objects += _phrase_actors(sentence, child)
            objects += _object_partners(sentence, child, code)
        elif _stray_conjunct(child):
            objects += _phrase_actors(sentence, child)
        elif child.dep_ == "conj" and child.pos_ == "NOUN":  # « renforcer le partenariat et la coopération avec X »
            objects += _object_partners(sentence, child, code)
    if not objects and code[:2] not in SETTING_ROOTS:
        # « a accusé les services de sécurité éthiopiens », « une fin de non-recevoir à la demande allemande »
        objects = [o for c in verb.children if c.dep_ in ("obj", "iobj", "obl:arg") or _cases(c) & ADDRESSEE_CASES if (o := _origin_of(sentence, c))][:1]
    if agents:  # « X a été reçu par Y »: Y hosts X
        subjects, objects = agents, subjects + objects
    elif passive and code == HOST_CODE:
        # « X a été reçu au palais de Carthage »: the host is not named, but X visited the place's country
        place = _place_of(sentence, verb)
        if place is None or not subjects:
            return None
        return _Roles(subjects, [], place, _is_intent(verb), as_code=VISIT_CODE)
    elif passive and code != INTENT_CODE:
        return None  # « X a été critiqué »: whoever acted is not named here (« X est attendu »: X will come)
    objects = [m for m in objects if m.actor_id not in {s.actor_id for s in subjects}]
    if not objects and subjects and code[:2] in MEETING_ROOTS:
        # « a rencontré Lula, le président brésilien, … » with « Lula » misparsed: the first actor
        # after the verb in its clause that no preposition (other than « avec ») introduces.
        sourced = {t.i for c in verb.children if _cases(c) & SOURCE_CASES for t in c.subtree}  # « selon l'agence Irna »
        after = sorted((t for t in _same_clause_tokens(verb) if t.i > verb.i and t.i not in sourced), key=lambda t: t.i)
        objects = next((
            [m] for t in after
            if (m := sentence.actor_at(t)) is not None and m.actor_id not in {s.actor_id for s in subjects}
            and not OBLIQUE_BEFORE_NAME.search(sentence.text[max(0, m.start - 16) : m.start])
        ), [])
    if not objects and subjects:
        objects = _object_by_position(sentence, verb, subjects)
    place = _place_of(sentence, verb)
    if place is None and (code[:2] in MEETING_ROOTS or code == INTENT_CODE):
        # « a rencontré Lavrov, le ministre russe …, ce mercredi à Moscou »: the setting hangs deep in the clause
        place = next((
            p for t in sorted(_same_clause_tokens(verb), key=lambda t: t.i)
            if (p := sentence.place_at(t)) is not None and _after_place_word(sentence.text, p.start)
        ), None)
    return _Roles(subjects, objects, place, _is_intent(verb))


def _subjects(sentence: _Sentence, verb) -> tuple[list[MentionRef], bool]:
    """The subjects of a verb, and whether it is passive. Without a subject of its own, a verb
    takes the subject of the clause it hangs from; « qui » stands for the noun it follows, « il »
    for the subject of the previous sentence."""
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) or (
        # « a été reçu » (the participle « été »), not « s'étant rendus »
        "Part" in verb.morph.get("VerbForm") and any(c.lemma_ == "être" and "Past" in c.morph.get("Tense") and "Part" in c.morph.get("VerbForm") for c in verb.children)
    )
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and current.dep_ == "acl:relcl":
            antecedent = _phrase_actors(sentence, current.head, skip=current)
            if antecedent:
                return antecedent, passive
            current = current.head  # « une visite … qui comprenait des entretiens »: the visitor's clause
            continue
        if not subjects and current.dep_ == "ccomp" and _cases(current) & COMPLEMENTIZERS:
            break  # « a noté que la Russie et la Chine coordonneraient »: the clause's subject, misparsed, is before it
        group = _group_size(subjects[0]) if subjects else 0
        people = sentence.previous_people if group else []
        if group and len(people) >= group and (len(people) == group or people[group - 1][1] > people[group][1]):
            # « les deux dirigeants se sont entretenus »: the two people most named so far, if no tie says otherwise
            return sorted((m for m, _ in people[:group]), key=lambda m: m.start), passive
        if subjects and subjects[0].lower_ in FIRST_PERSON and sentence.speaker is not None:
            return [sentence.speaker], passive  # « « Nous apprécions … », a déclaré X »
        if subjects and subjects[0].lower_ in PERSONAL_PRONOUNS:
            if current.dep_ in PRONOUN_CLAUSE_DEPS and current.head != current:
                governing, _ = _subjects(sentence, current.head)  # « X s'est rendu à Y, où il a été reçu »: X
                if governing:
                    return governing, passive
            return ([sentence.previous_actor] if sentence.previous_actor else []), passive
        if subjects:
            found = [m for subject in subjects for m in _phrase_actors(sentence, subject)]
            if not found and current.dep_ == "ccomp" and any(s.lemma_.lower() in RELATION_NOUNS for s in subjects):
                current = current.head  # « X a affirmé que les relations … continueraient »: X speaks for the relation
                continue
            if found or any(s.pos_ == "NOUN" for s in subjects):
                return _people_first(found + _coordinated_before(sentence, found)), passive
            break  # a subject the parse took from a quotation or a misread name: look by position
        absolute = _absolute_subject(current)
        if absolute is not None:
            return _phrase_actors(sentence, absolute), passive
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head == current:
            break
        current = current.head
    return _subject_by_position(sentence, verb), passive


def _object_by_position(sentence: _Sentence, verb, subjects: list[MentionRef]) -> list[MentionRef]:
    """« a accusé Moscou de mener … » with « Moscou » misparsed: the first actor within a few words
    after the verb, before another verb or a stop, that no preposition introduces."""
    for token in verb.doc[verb.i + 1 : verb.i + 1 + OBJECT_REACH]:
        if token.pos_ == "VERB" or token.text in (";", ":", "«", "»", "(", ")", ".", "?", "!"):
            break
        found = sentence.actor_at(token)
        if found is not None and found.actor_id not in {s.actor_id for s in subjects}:
            return [] if OBLIQUE_BEFORE_NAME.search(sentence.text[max(0, found.start - 16) : found.start]) else [found]
    return []


def _bare_participle(verb) -> bool:
    """« Wang Yi, reçu par Poutine »: a participle without auxiliary or reflexive pronoun is
    passive; « s'était entretenu par téléphone » is not (« par » is the means)."""
    return "Part" in verb.morph.get("VerbForm") and not any(
        c.dep_ in ("aux", "aux:tense", "expl:comp", "expl:pv", "expl:pass") for c in verb.children
    )


def _subject_by_position(sentence: _Sentence, verb) -> list[MentionRef]:
    """When the parse gives no subject: in an incise after a quotation (« », a déclaré Lavrov »)
    the person right after the verb, else the last actor before the verb that no preposition
    introduces."""
    position = sentence.offset + verb.idx + len(verb)
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i], key=lambda t: t.i)
    if CLOSING_QUOTE_BEFORE.search(sentence.text[max(0, sentence.offset + first.idx - 6) : sentence.offset + first.idx]):
        after = next((m for m in sentence.actors.starting(position, position + 2) if m.label == "PER"), None)
        if after is not None:
            return [after]
    verb_start = sentence.offset + verb.idx
    subject = sentence.unintroduced_people.last_ending_by(verb_start) or sentence.unintroduced.last_ending_by(verb_start)
    if subject is None:
        return []
    return [subject] + _coordinated_before(sentence, [subject])


def _coordinated_before(sentence: _Sentence, found: list[MentionRef]) -> list[MentionRef]:
    """« Xi et Poutine se sont rencontrés » with « Xi » left out of the parse: a name joined by
    « et » to the first subject (not a comma: « Selon X, Y a dit »)."""
    if not found:
        return []
    first = min(found, key=lambda m: m.start)
    earlier = sentence.actors.last_ending_by(first.start)
    if earlier is not None and COORDINATION_GAP.fullmatch(sentence.text[earlier.end : first.start]):
        return [earlier]
    return []


def _absolute_subject(verb):
    """« les dirigeants de la France … s'étant rendus à Pékin »: the noun phrase right before a
    participle clause that has no subject of its own."""
    if "Part" not in verb.morph.get("VerbForm") or verb.dep_ != "advcl":
        return None
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "expl:comp", "expl:pv") and c.i < verb.i], key=lambda t: t.i)
    if first.i == 0:
        return None
    token = verb.doc[first.i - 1]
    while token.dep_ not in ("appos", "nsubj") and token.head != token and token.head.i < verb.i and token.head.right_edge.i == first.i - 1:
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _phrase_actors(sentence: _Sentence, head, skip=None) -> list[MentionRef]:
    """Actors a noun phrase names: its head's mention, else an apposed name (« le conseiller …,
    Jake Sullivan », « le chef du Mossad, David Barnea »), else the « de » complements (« les
    dirigeants de la France, du Canada »); coordinated phrases add theirs. Without any, the
    shallowest actor mention in the phrase."""
    found = _structured_actors(sentence, head, skip)
    if head.pos_ == "NOUN" and sentence.actor_at(head) is None and not any(m.label == "PER" for m in found):
        apposed = _apposed_person(sentence, head)
        found = [apposed] if apposed else found
    if not found and head.pos_ == "NOUN":
        done_by = _agentive_noun_roles(sentence, head)  # « a dénoncé les sanctions imposées par l'Occident »
        found = done_by.sources if done_by else []
    if not found:
        found = next(([m] for t in _same_clause_tokens(head, skip) if (m := sentence.actor_at(t))), [])
    return _people_first(found)


def _apposed_person(sentence: _Sentence, head) -> MentionRef | None:
    """The person named right after a noun phrase and a comma (« par le premier ministre indien,
    Narendra Modi »), wherever the parser attached the name."""
    stop = min(head.right_edge.i, next((t.i - 1 for t in head.doc[head.i + 1 : head.right_edge.i + 1] if t.text == ","), head.right_edge.i))
    end = sentence.offset + head.doc[stop].idx + len(head.doc[stop])
    return next((m for m in sentence.actors.starting(end + 1, end + 3) if m.label == "PER" and sentence.text[end : m.start].strip() == ","), None)


def _same_clause_tokens(head, skip=None) -> list:
    """The phrase's tokens, shallowest first, without the clauses inside it (« des responsables
    qui … entre le Kremlin et … » names nobody the verb acts on)."""
    out, frontier = [], [head]
    while frontier:
        out.extend(frontier)
        frontier = [c for t in frontier for c in t.children if c != skip and c.dep_ not in CLAUSE_DEPS and c.pos_ != "VERB"]
    return out


def _structured_actors(sentence: _Sentence, head, skip=None) -> list[MentionRef]:
    own = sentence.actor_at(head)
    found = [own] if own else []
    children = [c for c in head.children if c != skip]
    if not found:
        for child in children:
            if child.dep_ in ("appos", "flat:name", "nmod") and not _cases(child):
                found = _structured_actors(sentence, child)
                if found:
                    break
    if not found:
        for child in children:
            if child.dep_ == "nmod" and _cases(child) & OWNER_CASES:
                found += _structured_actors(sentence, child)
    for child in children:
        if child.dep_ == "conj":
            found += _structured_actors(sentence, child)
    return found


def _object_partners(sentence: _Sentence, obj, code: str) -> list[MentionRef]:
    """« a signé un accord avec l'Inde », « renforcer la coopération avec Moscou », « des
    sanctions à la Russie »: the partner or target named on the object."""
    found = []
    for child in obj.children:
        if _cases(child) & (PARTNER_CASES | AGAINST_CASES):
            found += _actors_or_origin(sentence, child)
        else:
            found += _addressed_country(sentence, child, code)
    return found


def _addressed_country(sentence: _Sentence, complement, code: str) -> list[MentionRef]:
    """« à la Russie » after an act that is not a meeting or visit: the country addressed, not a
    setting (« à Madrid », a city, stays a place)."""
    named = sentence.place_at(complement)
    if code[:2] in SETTING_ROOTS or not _cases(complement) & DATIVE_CASES or named is None:
        return []
    if named.entity_id.startswith("country-") or code[:2] == DIPLOMATIC_ROOT and named.actor_code:
        return [named]  # « a rappelé son ambassadeur à Paris »: the government the act is aimed at
    return []


def _stray_conjunct(token) -> bool:
    """« rencontre son homologue russe, Sergueï Lavrov », « entre les États-Unis et la Russie »: a
    name the parser coordinated with the trigger itself belongs with the complement before it."""
    return token.dep_ == "conj" and token.pos_ == "PROPN"


def _place_of(sentence: _Sentence, verb) -> MentionRef | None:
    """« à Moscou » on the verb, or on one of its complements (« avec Lavrov à Moscou »)."""
    for child in list(verb.children) + [g for c in verb.children if c.dep_ != "conj" for g in c.children]:
        if child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and _cases(child) & PLACE_CASES and sentence.place_at(child):
            return sentence.place_at(child)
    return None


def _clause_of(token):
    """The verb (or predicate) a noun belongs to."""
    current = token
    for _ in range(4):
        if current.head == current:
            return current if current.pos_ in ("VERB", "AUX", "NOUN") and current != token else None
        current = current.head
        if current.pos_ == "VERB":
            return current
    return None


def _cases(token) -> set[str]:
    return {g.lower_ for g in token.children if g.dep_ in ("case", "mark")}


def _definite(noun) -> bool:
    """« la réunion », « cette visite », « leur discussion »: an event already introduced."""
    return any(c.dep_ == "det" and ("Definite=Def" in str(c.morph) or "PronType=Dem" in str(c.morph) or "Poss=Yes" in str(c.morph)) for c in noun.children)


def _noun_is_intended(noun) -> bool:
    """« le voyage de Poutine, prévu en mai », « préparer la visite », « les bases d'une rencontre »."""
    if any(c.dep_ == "acl" and (c.lemma_.lower() in INTENT_LEMMAS or "Fut" in c.morph.get("Tense")) for c in noun.children):
        return True
    current = noun
    for _ in range(3):
        if current.dep_ not in GOVERNS_DEPS or current.head == current:
            return False
        current = current.head
        if current.lemma_.lower() in INTENT_LEMMAS or "Inf" in current.morph.get("VerbForm") or "Fut" in current.morph.get("Tense"):
            return True
    return False


def _not_asserted(anchor, text: str) -> bool:
    """What the sentence (`text`, the text of the anchor's doc) does not report as happening: the
    content of an accusation (« a accusé Pékin de soutenir … » is an accusation, not support), a
    hypothetical event (« une éventuelle visite »), or a habit (« tiennent tous les deux ans des
    consultations »)."""
    if anchor is None:
        return False
    current = anchor
    for _ in range(4):
        if current.head == current or current.dep_ not in GOVERNS_DEPS:
            break
        current = current.head
        if current.lemma_.lower() in ACCUSATION_LEMMAS:
            return True
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_WORDS for c in anchor.children):
        return True
    clause = anchor if anchor.pos_ in ("VERB", "AUX") else _clause_of(anchor)
    if clause is None:
        return False
    words = _same_clause_tokens(clause)
    span = text[min(t.idx for t in words) : max(t.idx + len(t) for t in words)]
    return bool(HABITUAL.search(span))


def _negated(verb) -> bool:
    """« n'a pas rencontré », « ne reçoit que rarement des … » (the adverb hangs on the object)."""
    near = [verb] + [c for c in verb.children if c.dep_ not in CLAUSE_DEPS]
    return any(t.dep_ == "advmod" and t.lower_ in NEGATIONS for n in near for t in n.children)


def _is_intent(verb) -> bool:
    """Future, conditional, or governed by a planning verb (« prévoit de se rendre », « est attendu »)."""
    if "Inf" in verb.morph.get("VerbForm"):
        return True  # « accepté une invitation à se rendre », « pour rencontrer »: not (yet) done
    candidates = [verb, verb.head] + [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "aux:tense")]
    for token in candidates:
        if _future_or_conditional(token):
            return True
        if token.lemma_.lower() in INTENT_LEMMAS and (token != verb or verb.lemma_.lower() in INTENT_LEMMAS):
            return True
    return False


def _previous_people(start: int, mentions: _Mentions) -> list[tuple[MentionRef, int]]:
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


def _group_size(subject) -> int:
    """« les deux dirigeants » -> 2, « les trois dirigeants » -> 3, "the two leaders" -> 2; else 0."""
    if subject.lemma_.lower() not in GROUP_NOUNS:
        return 0
    return next((GROUP_NUMBERS[c.lower_] for c in subject.children if c.lower_ in GROUP_NUMBERS), 0)


def _previous_actor(text: str, start: int, mentions: _Mentions) -> MentionRef | None:
    """The subject « il » most likely stands for: the first person of the previous sentence, else
    its first actor the gazetteer knows, else its first actor (French puts the subject first; a
    name NER found but nothing links is more often a misreading than a government)."""
    stop = start  # the end of the text before `start`, without its trailing white space
    while stop and text[stop - 1].isspace():
        stop -= 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, stop - 600), max(0, stop - 1))]
    previous_start = ends[-1] if ends else max(0, start - 600)
    inside = [m for m in mentions.starting(previous_start, start) if m.end <= start and m.can_act and not _after_place_word(text, m.start)]
    known = [m for m in inside if not m.entity_id.startswith("x-")]
    return next((m for m in inside if m.label == "PER"), known[0] if known else inside[0] if inside else None)


_PLACE_WORD = re.compile(r"(?:\b(?:à|en|au|aux|dans|vers|depuis|in|at|to|from)\s+(?:l['’]|la\s+|le\s+|les\s+)?)$", re.IGNORECASE)


def _after_place_word(text: str, position: int) -> bool:
    """« à Moscou », « en Chine »: a place named as the setting, not as an actor."""
    return position > 0 and bool(_PLACE_WORD.search(text[max(0, position - 12) : position]))


def _people_first(mentions: list[MentionRef]) -> list[MentionRef]:
    """One mention per actor, people first: « Wang Yi, directeur du … Parti communiste chinois » acts as Wang Yi."""
    unique = list({m.actor_id: m for m in sorted(mentions, key=lambda m: m.start, reverse=True)}.values())
    return sorted(unique, key=lambda m: (m.label != "PER", m.start))


def find_quotes(text: str, sentences: list[Sentence], mentions: list[MentionRef]) -> list[QuoteRow]:
    """Quotations with their speaker: the person an attribution names, « a-t-il dit » the previous
    speaker, a quote introduced by a colon the subject of its sentence, and a second quote of a
    sentence the speaker of the first. `sentences` are in text order and do not overlap."""
    quotes: list[QuoteRow] = []
    sentences, mentions, sentence_ends = _Sentences(sentences), _Mentions(mentions), _SentenceEnds(text)
    # People and organisations speak, and so do capitals standing for their government (« Pékin a qualifié … »).
    speakers = _Mentions(sorted(
        (m for m in mentions if (m.label in ("PER", "ORG") or m.can_act) and not _after_place_word(text, m.start)),
        key=lambda m: m.start,
    ))
    previous_speaker: str | None = None
    previous_end = 0
    for start, end in _quote_spans(text):
        reporter = _latest_reporter(text, previous_end, start, sentences, speakers, mentions)
        previous_speaker, previous_end = (reporter or previous_speaker), end  # « X a précisé que … » speaks too
        inner = text[start + 1 : end - 1].strip(" \u00a0")
        sentence = sentences.at(start)
        sentence_start = sentence[0] if sentence else text.rfind("\n", 0, start) + 1
        if len(inner.split()) < MIN_QUOTE_WORDS:
            # « Sud global » is a term in quotes; « a dénoncé les « sanctions illégales » » a partial quote.
            speaker = _attributed_speaker(text, start, end, speakers, sentence_start, sentence_ends) if inner else None
            if speaker is not None:
                quotes.append(_quote_row(text, start, end, sentence, speaker))
            continue
        if PRONOUN_ATTRIBUTION.match(text[end : end + PRONOUN_WINDOW].lstrip(" ,\u00a0")):
            speaker = _pronoun_speaker(previous_speaker, text, sentence_start, mentions)
        else:
            speaker = _attributed_speaker(text, start, end, speakers, sentence_start, sentence_ends)
        if speaker is None and PRONOUN_SPEAKER.match(text[sentence_start : min(start, sentence_start + QUOTE_CONTEXT)]):
            # « Il a ajouté que l'UE continuerait à « … » », « Selon lui, … « … » »
            speaker = _pronoun_speaker(previous_speaker, text, sentence_start, mentions)
        if speaker is None and quotes and quotes[-1].sentence_id == (sentence[2] if sentence else None) and quotes[-1].speaker_id:
            speaker = quotes[-1].speaker_id
        previous_speaker = speaker or previous_speaker
        quotes.append(_quote_row(text, start, end, sentence, speaker))
    return quotes


def _pronoun_speaker(previous_speaker: str | None, text: str, sentence_start: int, mentions: _Mentions) -> str | None:
    """Who « a-t-il dit », « selon lui » is: the previous speaker, else the previous sentence's person."""
    if previous_speaker is not None:
        return previous_speaker
    antecedent = _previous_actor(text, sentence_start, mentions)
    return antecedent.entity_id if antecedent is not None and antecedent.label == "PER" else None


def _latest_reporter(text: str, start: int, end: int, sentences: _Sentences, speakers: _Mentions, mentions: _Mentions) -> str | None:
    """Who last reported something between two quotes (« Mélanie Joly a précisé que … »), so
    that « … », a-t-elle affirmé » goes to her rather than to an earlier quote's speaker."""
    found = None
    for match in REPORTED_THAT.finditer(text, start, end):
        sentence = sentences.at(match.start())
        sentence_start = sentence[0] if sentence else start
        speaker = _clause_speaker(text, sentence_start, match.start(), speakers, mentions)
        found = speaker.entity_id if speaker is not None and speaker.label == "PER" else found
    return found


def _quote_row(text: str, start: int, end: int, sentence, speaker: str | None) -> QuoteRow:
    inside = text[start + 1 : end - 1]
    inner_start = start + 1 + len(inside) - len(inside.lstrip())
    inner_end = end - 1 - (len(inside) - len(inside.rstrip()))
    return QuoteRow(sentence[2] if sentence else None, inner_start, inner_end, text[inner_start:inner_end], speaker)


def find_statements(text: str, sentences: list[Sentence], mentions: list[MentionRef], quotes: list[QuoteRow]) -> list[Statement]:
    """What was said and by whom: quotations with a speaker, « que » clauses after a speech verb
    (« Wang a assuré à Lavrov que … », « Il a noté que … ») and clauses before an inverted
    attribution (« …, a déclaré le dirigeant chinois »)."""
    mentions = _Mentions(mentions)
    speakers = _Mentions(sorted((m for m in mentions if m.can_act and not _after_place_word(text, m.start)), key=lambda m: m.start))
    statements = []
    for quote in quotes:
        speaker = speakers.nearest(quote.speaker_id, quote.start_char)  # the speaker's own mention, for its country
        if speaker is not None:
            statements.append(Statement(quote.start_char, quote.end_char, speaker))
    for start, end, _ in sentences:
        for match in REPORTED_THAT.finditer(text, start, end):
            speaker = _clause_speaker(text, start, match.start(), speakers, mentions)
            if speaker is not None:
                statements.append(Statement(match.end(), end, speaker))
        for match in INVERTED_ATTRIBUTION.finditer(text, start, end):
            speaker = next((m for m in speakers.starting(match.end(), match.end() + INVERTED_SPEAKER_REACH) if m.end <= end), None)
            if speaker is not None:
                statements.append(Statement(start, match.start(), speaker))
        for match in INVERTED_PRONOUN.finditer(text, start, end):  # « La France soutiendra ce plan, a-t-il ajouté »
            speaker = _previous_actor(text, start, mentions)
            if speaker is not None and speaker.label == "PER":
                statements.append(Statement(start, match.start(), speaker))
    return statements


def _clause_speaker(text: str, sentence_start: int, verb_start: int, speakers: _Mentions, mentions: _Mentions) -> MentionRef | None:
    """The subject of a speech verb: « il » the previous sentence's actor, else the nearest name
    before the verb that no preposition introduces."""
    if PRONOUN_SUBJECT_BEFORE.search(text[sentence_start:verb_start]):
        return _previous_actor(text, sentence_start, mentions)
    return _subject_before(text, [m for m in speakers.starting(sentence_start, verb_start) if m.end <= verb_start])


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


def _attributed_speaker(text: str, start: int, end: int, speakers: _Mentions, sentence_start: int, sentence_ends: _SentenceEnds) -> str | None:
    """A speaker named after the quote (« … », a déclaré X), before it (selon X, « … » ; X a dit : « … »),
    or the subject of a sentence whose quote a colon introduces."""
    after_limit = sentence_ends.after(end)
    after = _people_first_in_order(speakers.starting(end, min(after_limit, end + ATTRIBUTION_WINDOW)))
    # « « … », a déclaré X »: the speech verb right after the quote (not « … » contre Y, tout en saluant Z)
    if after and SPEECH_VERBS.search(text[end : min(after[0].start + 1, end + INVERTED_VERB_REACH)] + " "):
        return after[0].entity_id
    # The attribution sits near the quote: looking further back in a long sentence only costs time.
    before_limit = max(sentence_start, start - QUOTE_CONTEXT)
    before_limit = max(before_limit, text.rfind("\n", before_limit, start) + 1)
    markers = list(SPEECH_VERBS.finditer(text, before_limit, start))
    if markers:
        marker = markers[-1]
        named_after = [m for m in speakers.starting(marker.end(), start) if m.end <= start]
        if SOURCE_MARKERS.match(marker.group(0)) and re.match(r"\s*(?:lui|elle|eux|elles|him|her|them)\b", text[marker.end() : start]):
            return None  # « Selon lui, … « … » »: the previous speaker, found by the caller
        if SOURCE_MARKERS.match(marker.group(0)) and named_after:  # « Selon X, « … » »
            return _people_first_in_order(named_after)[0].entity_id
        incise = INCISE_BEFORE.search(text[before_limit : marker.start()]) and SAY_VERB.search(marker.group(0))
        if named_after and incise and INVERTED_SUBJECT_GAP.fullmatch(text[marker.end() : named_after[0].start]):
            return named_after[0].entity_id  # « …, a déclaré le dirigeant chinois : « … » », not « X a accusé Moscou de « … » »
        window_start = max(before_limit, marker.start() - ATTRIBUTION_WINDOW)
        before = [m for m in speakers.starting(window_start, marker.start()) if m.end <= marker.start()]
        if marker.group(0).lower().endswith("ant") and before:
            before = before[:1]  # « X a accusé Y …, tout en saluant « … » »: the gerund's subject is the clause's
        speaker = _subject_before(text, before) or _governed_subject(text, before)
        if speaker is not None:
            return speaker.entity_id
    for m in speakers.starting(before_limit, start):  # « Pour Giorgia Meloni, il s'agit d'« une étape importante » »
        if m.end <= start and text[m.end : m.end + 2].lstrip().startswith(",") and SOURCE_FOR.search(text[before_limit : m.start]):
            return m.entity_id
    if text[max(0, start - 3) : start].strip().endswith(":"):
        subject = next((m for m in speakers.starting(before_limit, start) if m.start < start and m.label == "PER"), None)
        if subject is not None:
            return subject.entity_id
    if after and SPEECH_VERBS.search(text[end:after_limit]):
        return after[0].entity_id
    return None


def _governed_subject(text: str, mentions: list[MentionRef]) -> MentionRef | None:
    """« les gouvernements de transition du Mali et du Burkina Faso ont averti que … »: the first
    country after a government noun, when no name stands as the subject itself."""
    return next((m for m in mentions if GOVERNING_NOUN_BEFORE.search(text[max(0, m.start - 60) : m.start])), None)


def _subject_before(text: str, mentions: list[MentionRef]) -> MentionRef | None:
    """The speaker of « X a assuré à Y que … » : the nearest name before the speech verb that no
    preposition introduces, or the first of names joined by « et » (« Pékin et Washington ont qualifié »)."""
    eligible = [m for m in mentions if not OBLIQUE_BEFORE_NAME.search(text[max(0, m.start - 16) : m.start])]
    if not eligible:
        return None
    index = len(eligible) - 1
    while index > 0 and COORDINATION_GAP.fullmatch(text[eligible[index - 1].end : eligible[index].start]):
        index -= 1
    return eligible[index]


def _people_first_in_order(mentions: list[MentionRef]) -> list[MentionRef]:
    people = [m for m in mentions if m.label == "PER"]
    return people or mentions


class _SentenceEnds:
    """Where the sentence that goes on at a position ends (after its final mark), for every
    position at once: a search from each quote ran to the end of a long unpunctuated text."""

    _END = re.compile(r"(?=([.!?](?:\s|$)|\n))")  # a lookahead: every place an end starts, overlapping ones too

    def __init__(self, text: str):
        found = [(match.start(), match.end(1)) for match in self._END.finditer(text)]
        self._starts = [start for start, _ in found]
        self._ends = [end for _, end in found]
        self._length = len(text)

    def after(self, position: int) -> int:
        index = bisect.bisect_left(self._starts, position)
        return self._ends[index] if index < len(self._ends) else self._length
