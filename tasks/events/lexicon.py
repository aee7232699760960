"""The CAMEO codebook and the trigger lexicon (`data/reference/event_triggers.csv`, `cameo_codes.csv`,
nationality and combining-form adjectives), and the codes the coder treats specially."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path



EVENTS_VERSION = "5"
INTENT_CODE = "036"
VISIT_CODE = "042"
RECALL_CODE = "161"  # reduce or break relations: expel or recall diplomats
HOST_CODE = "043"
THIRD_LOCATION_CODE = "044"
CONSULT_CODE = "040"  # talks that a place foreign to both sides makes a meeting at a third location
MEETING_ROOTS = ("04",)
MET_IN_PERSON_CODES = frozenset({"040", "043", "046"})  # a meeting held somewhere, unlike a call
SETTING_ROOTS = ("03", "04")  # intents and meetings happen somewhere; other acts are addressed to someone
ATTITUDE_ROOTS = ("03", "05")  # intents and endorsements can be about a relation, whose other side is the target
SUPPORT_ROOT = "05"
DIPLOMATIC_ROOT = "16"  # reduce relations, sanctions: « à <capitale> » names the government aimed at
SUPPORT_INTENT_CODE = "032"  # express intent to provide diplomatic cooperation (policy support)


@dataclass(frozen=True)
class Trigger:
    code: str
    pattern: re.Pattern
    language: str = ""


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
    # Words that make a statement an act of its speaker (« inacceptable », "grateful", "we reject").
    stances: tuple[Trigger, ...] = ()

    def triggers_for(self, language: str | None) -> tuple[Trigger, ...]:
        """The triggers written for a language (a French « met en garde » is no English "met"); all
        of them when the language is unknown, none for a language the lexicon has no words for."""
        return _for_language(self.triggers, language)

    def stances_for(self, language: str | None) -> tuple[Trigger, ...]:
        return _for_language(self.stances, language)

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


@lru_cache(maxsize=4)
def load_lexicon(reference_dir: Path, version: str = "") -> Lexicon:
    """The trigger lexicon and CAMEO codebook; `version` (the files' digest) is only a cache key."""
    triggers, voiced = [], set()
    with open(reference_dir / "event_triggers.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            triggers.append(Trigger(row["cameo_code"], re.compile(row["pattern"], re.IGNORECASE), row["lang"]))
            if (row.get("voice") or "").strip() == "speaker":
                voiced.add(triggers[-1].pattern)
    codes = {}
    with open(reference_dir / "cameo_codes.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes[row["code"]] = CameoCode(
                float(row["goldstein"]) if row["goldstein"] else None, row["needs_target"] == "1", row["symmetric"] == "1"
            )
    adjectives, compound = _adjectives(reference_dir / "demonyms.csv", "country_code")
    relation_pattern, relation_words = _relation_adjectives(reference_dir, adjectives)
    # origins also read adjectives of several words (« sud-coréen », "South African"), keyed in lower case
    origins = {word: f"country-{code.lower()}" for word, code in (compound | adjectives).items()} | _adjectives(reference_dir / "bloc_adjectives.csv", "entity_id")[0]
    return Lexicon(tuple(triggers), codes, frozenset(voiced), relation_pattern, relation_words, origins, _stances(reference_dir / "stance_words.csv"))


def _for_language(triggers: tuple[Trigger, ...], language: str | None) -> tuple[Trigger, ...]:
    return triggers if language is None else tuple(t for t in triggers if t.language == language)


def _stances(path: Path) -> tuple[Trigger, ...]:
    if not path.exists():
        return ()
    with open(path, newline="", encoding="utf-8") as handle:
        return tuple(Trigger(row["cameo_code"], re.compile(row["pattern"], re.IGNORECASE), row["lang"]) for row in csv.DictReader(handle))


def _adjectives(path: Path, key: str) -> tuple[dict[str, str], dict[str, str]]:
    """The adjectives (lower case, acronyms aside) of a `<key>,fr,en` file -> the row's key: those
    of one word, and those of several words or with a hyphen."""
    single: dict[str, str] = {}
    compound: dict[str, str] = {}
    if not path.exists():
        return single, compound
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for word in filter(None, (row.get("fr") or "").split("|") + (row.get("en") or "").split("|")):
                if not word.isupper():
                    (compound if " " in word or "-" in word else single)[word.lower()] = row[key]
    return single, compound


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
