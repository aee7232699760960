"""The reference gazetteer: canonical entities, their aliases, roles in time, role phrases, demonyms.

Data lives in CSV files (`data/reference/`, see its README); countries come from pycountry with
their French names from pycountry's own translations. A user's own entity file with the same
columns extends or overrides the shipped one. Loaded once per process.
"""

from __future__ import annotations

import csv
import gettext
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from depeche.tasks.settings import PROJECT_ROOT
from depeche.tasks.tag import Entity, strip_accents

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
ENTITY_FILES = ("people.csv", "organisations.csv", "places.csv")
ENTITY_COLUMNS = ("entity_id", "name", "label", "country_code", "kb_id", "actor_code", "aliases")
CASELESS_MIN_CHARS = 5  # shorter aliases ("UN", "EU", "AU") only match with their exact case

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class RolePhrase:
    role: str
    tokens: tuple[str, ...]  # folded, lower-case
    countries: frozenset[str]  # empty: any country


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    exact: dict[tuple[str, ...], str] = field(default_factory=dict)
    caseless: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_alias_tokens: int = 1
    longest_from: dict[str, int] = field(default_factory=dict)  # first token -> longest alias from it
    demonyms: dict[str, str] = field(default_factory=dict)  # folded lower-case adjective -> alpha-3
    roles: dict[tuple[str, str], list[tuple[date, date | None, str]]] = field(default_factory=dict)
    holder_roles: dict[str, list[tuple[str, str, date, date | None]]] = field(default_factory=dict)
    role_phrases: list[RolePhrase] = field(default_factory=list)
    phrases_from: dict[str, list[RolePhrase]] = field(default_factory=dict)  # first word -> phrases

    def holder(self, role: str, country: str, on: date) -> str | None:
        """Who held `role` in `country` on a date, by the role table."""
        for start, end, holder_id in self.roles.get((role, country), ()):
            if start <= on and (end is None or on < end):
                return holder_id
        return None

    def roles_of(self, entity_id: str, on: date | None) -> list[tuple[str, str]]:
        """(role, country) that an entity held on a date (any time when the date is unknown)."""
        return [
            (role, country)
            for role, country, start, end in self.holder_roles.get(entity_id, ())
            if on is None or (start <= on and (end is None or on < end))
        ]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) of words and punctuation marks."""
    return [(m.start(), m.end(), strip_accents(m.group(0))) for m in _TOKEN.finditer(text)]


def alias_key(text: str) -> tuple[str, ...]:
    return tuple(token for _, _, token in tokens(text))


@lru_cache(maxsize=4)
def load_gazetteer(reference_dir: Path = REFERENCE_DIR, extra_file: Path | None = None, version: str = "") -> Gazetteer:
    """Parse the reference files (and a user's extra entity file) into lookup tables. `version`
    (the files' digest) is only a cache key: an edited file is parsed again."""
    gazetteer = Gazetteer()
    alias_rows: list[tuple[str, str]] = []
    for row in _country_rows(reference_dir):
        _add_entity(gazetteer, row, alias_rows)
    paths = [reference_dir / name for name in ENTITY_FILES] + ([extra_file] if extra_file else [])
    for path in paths:
        for row in _read_csv(path):
            missing = [c for c in ENTITY_COLUMNS if c not in row]
            if missing:
                raise ValueError(f"{path}: missing columns {missing}; expected {', '.join(ENTITY_COLUMNS)}")
            _add_entity(gazetteer, row, alias_rows)
    _index_aliases(gazetteer, alias_rows)
    for row in _read_csv(reference_dir / "demonyms.csv"):
        for adjective in filter(None, (row.get("fr") or "").split("|") + (row.get("en") or "").split("|")):
            gazetteer.demonyms.setdefault(strip_accents(adjective).lower(), row["country_code"])
    for row in _read_csv(reference_dir / "roles.csv"):
        start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else date.min
        end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        gazetteer.roles.setdefault((row["role"], row["country_code"]), []).append((start, end, row["holder_id"]))
        gazetteer.holder_roles.setdefault(row["holder_id"], []).append((row["role"], row["country_code"], start, end))
    for row in _read_csv(reference_dir / "role_phrases.csv"):
        scope = frozenset(filter(None, (row.get("country_scope") or "").split("|")))
        key = tuple(t.lower() for t in alias_key(row["phrase"]))
        gazetteer.role_phrases.append(RolePhrase(row["role"], key, scope))
    # Longest phrases first, so "ministre des affaires étrangères" wins over "ministre".
    gazetteer.role_phrases.sort(key=lambda phrase: -len(phrase.tokens))
    for phrase in gazetteer.role_phrases:
        gazetteer.phrases_from.setdefault(phrase.tokens[0], []).append(phrase)
    return gazetteer


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _add_entity(gazetteer: Gazetteer, row: dict[str, str], alias_rows: list[tuple[str, str]]) -> None:
    entity = Entity(
        entity_id=row["entity_id"], name=row["name"], label=row["label"],
        country_code=row.get("country_code") or None, kb_id=row.get("kb_id") or None,
        actor_code=row.get("actor_code") or None,
    )
    gazetteer.entities[entity.entity_id] = entity  # a later file (the user's) overrides
    for alias in [row["name"], *row.get("aliases", "").split("|")]:
        if alias.strip():
            alias_rows.append((alias.strip(), entity.entity_id))


def _index_aliases(gazetteer: Gazetteer, alias_rows: list[tuple[str, str]]) -> None:
    """Alias -> entity maps; an alias claimed by two entities is dropped, since it cannot decide."""
    exact: dict[tuple[str, ...], set[str]] = defaultdict(set)
    caseless: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for alias, entity_id in alias_rows:
        key = alias_key(alias)
        if not key:
            continue
        exact[key].add(entity_id)
        if len(key) > 1 or len(alias) >= CASELESS_MIN_CHARS:
            caseless[tuple(t.lower() for t in key)].add(entity_id)
    gazetteer.exact = {k: next(iter(v)) for k, v in exact.items() if len(v) == 1}
    gazetteer.caseless = {k: next(iter(v)) for k, v in caseless.items() if len(v) == 1}
    gazetteer.max_alias_tokens = max((len(k) for k in gazetteer.exact), default=1)
    for key in gazetteer.exact:
        gazetteer.longest_from[key[0]] = max(gazetteer.longest_from.get(key[0], 0), len(key))


def _country_rows(reference_dir: Path) -> list[dict[str, str]]:
    """One entity per ISO 3166-1 country (pycountry), named in English and French."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    everyday = {row["country_code"]: row["aliases"] for row in _read_csv(reference_dir / "country_aliases.csv")}
    rows = []
    for country in pycountry.countries:
        names = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        names += [french.gettext(n) for n in names if n]
        names += [_uninvert(n) for n in names if n and "," in n]
        extra = [a for a in everyday.get(country.alpha_3, "").split("|") if a]
        canonical = extra[0] if extra else (getattr(country, "common_name", "") or country.name)
        rows.append({
            "entity_id": f"country-{country.alpha_3.lower()}", "name": canonical, "label": "LOC",
            "country_code": country.alpha_3, "kb_id": "", "actor_code": country.alpha_3,
            "aliases": "|".join(n for n in names + extra if n and "," not in n),
        })
    return rows


def _uninvert(name: str) -> str:
    """ISO's "Korea, Republic of" -> "Republic of Korea"; "Russie, Fédération de" -> "Fédération de Russie"."""
    head, _, tail = name.partition(", ")
    return f"{tail} {head}".replace("' ", "'") if tail else head
