"""Closed word classes the coder reads (cases, pronouns, negations, planning, modal and speech verbs,
habitual markers, future endings), from `data/reference/event_words.csv`: they version the pipeline
like the rest of the reference data. Each row is one entry of one list; the entries of a list read
as a pattern (speech verbs, habitual markers) are regular-expression fragments, tried in file order."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

from depeche.tasks.gazetteer import REFERENCE_DIR

WORDS_FILE = REFERENCE_DIR / "event_words.csv"


def _load() -> dict[str, list[tuple[str, str]]]:
    lists: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(WORDS_FILE, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lists[row["list"]].append((row["entry"], row["value"]))
    return lists


_LISTS = _load()


def _words(name: str) -> frozenset[str]:
    return frozenset(entry for entry, _ in _LISTS[name])


def _alternatives(name: str) -> str:
    return "|".join(entry for entry, _ in _LISTS[name])


NEGATIONS = _words("negations")
NEEDS_NE = _words("negations_with_ne")  # « plus » negates only with « ne » (« plus tôt » is "earlier")
NE_WORDS = _words("ne")
INTENT_LEMMAS = _words("intent_lemmas")
PLACE_CASES = _words("place_cases")
PARTNER_CASES = _words("partner_cases")
DATIVE_CASES = _words("dative_cases")
ADDRESSEE_CASES = _words("addressee_cases")  # « a assuré à Lavrov », « sanctions contre l'Iran »
AGENT_CASES = _words("agent_cases")
AGAINST_CASES = _words("against_cases")
ON_CASES = _words("on_cases")
OWNER_CASES = _words("owner_cases")  # « la visite de X », « les dirigeants de la France »
PATIENT_CASES = _words("patient_cases")
SOURCE_CASES = _words("source_cases")  # who reports an event is not its party
RELATIVE_OBJECTS = _words("relative_objects")
RELATIVE_PRONOUNS = _words("relative_pronouns")
# A relation as the subject of a reported clause: its parties are whoever reports it and the other side.
RELATION_NOUNS = _words("relation_nouns")
FUTURE_ENDINGS = tuple(entry for entry, _ in _LISTS["future_endings"])  # after the future stem (« coordonner-aient »), longest first
IRREGULAR_FUTURE_STEMS = _words("irregular_future_stems")
MODAL_LEMMAS = _words("modal_lemmas")
COMPLEMENTIZERS = _words("complementizers")
ACCUSATION_LEMMAS = _words("accusation_lemmas")
# What a reaction answers (« ces accusations », "the claims"): another party's act or words, with
# the CAMEO roots of the events that make such an act (none: any event).
ACT_NOUNS = {entry: tuple(value.split("|")) if value else () for entry, value in _LISTS["act_nouns"]}
DEMONSTRATIVES = _words("demonstratives")
COUNTERPART_NOUNS = _words("counterpart_nouns")  # « son homologue chinois » is a person, not China
DECISION_VERBS = _words("decision_verbs")  # « a annoncé / ordonné l'expulsion de … »: the measure is the subject's
HYPOTHETICAL_WORDS = _words("hypothetical_words")
HABITUAL = re.compile(rf"\b(?:{_alternatives('habitual_markers')})\b", re.IGNORECASE)
GROUP_NOUNS = _words("group_nouns")
GROUP_NUMBERS = {entry: int(value) for entry, value in _LISTS["group_numbers"]}
FIRST_PERSON = _words("first_person")
PERSONAL_PRONOUNS = _words("personal_pronouns")
OBJECT_PRONOUNS = _words("object_pronouns")
LATEST_REFERENTS = _words("latest_referents")
REFLEXIVE_PRONOUNS = _words("reflexive_pronouns")  # « s'était rendue » is no passive  # « celle-ci », « ce dernier »: the person named last
# « à l'invitation de X », « à la demande de X »: a circumstance of a visit or meeting, not its other party
CIRCUMSTANCE_NOUNS = _words("circumstance_nouns")  # a person the verb acts on, named before (« l'a reçu », « avec lui »)
SPEECH_VERBS = re.compile(rf"\b(?:{_alternatives('speech_verbs')})\b", re.IGNORECASE)
SPEECH_PARTICIPLES = rf"(?:{_alternatives('speech_participles')})"
SPEECH_PRESENT = rf"(?:{_alternatives('speech_present')})"
# Verbs that only report speech, the ones a journalist inverts (« …, a déclaré X »); « X a accusé Y » is not inverted.
SAY_VERB = re.compile(rf"^(?:{_alternatives('say_verb_stems')})", re.IGNORECASE)
