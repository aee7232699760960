"""The reference gazetteer: canonical entities, their aliases, roles in time, role phrases, demonyms.

Data lives in CSV files (`data/reference/`, see its README); countries and cities, with their names
in several languages, come from data packages (`world_names`). A user's own entity file with the same
columns extends or overrides the shipped one. Loaded once per process.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from depeche.tasks.settings import PROJECT_ROOT
from depeche.tasks import tag, world_names
from depeche.tasks.tag import Entity, strip_accents
from depeche.tasks.world_names import arabic_name_variants, CYRILLIC_COUNTRIES, city_rows, country_rows, cyrillic_name_variants, subdivision_rows, town_names

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
ENTITY_FILES = ("people.csv", "organisations.csv", "places.csv")
ENTITY_COLUMNS = ("entity_id", "name", "label", "country_code", "kb_id", "actor_code", "aliases")
CASELESS_MIN_CHARS = 5  # shorter aliases ("UN", "EU", "AU") only match with their exact case
TITLE_CASE_ACRONYM_MIN = 4  # "Nato" for NATO; not "Eu" or "Un"

# Who wins an alias two entities claim: the reference files, then a region's name, then a city's
# own name (« Ontario » the province, not the Californian city), then the names of other languages
# and variants (« Philadelphia » is also an old name of Amman).
REFERENCE_TIER, BARE_COMPANY_TIER, REGION_TIER, CITY_TIER, WEAK_TIER = 0, 1, 2, 3, 4
# a company's legal form, which pages leave out: « Daimler AG », "Shell plc"
LEGAL_FORM = re.compile(r"\s+(?:AG|SE|plc|PLC|Inc\.?|Ltd\.?|GmbH|S\.A\.|SA|N\.V\.|NV|Corp\.?|LLC|S\.p\.A\.|SpA|ASA|Oyj)$")
BARE_COMPANY_MIN_CHARS = 3
ENGLISH_SPELLINGS = {"defense": "defence", "defence": "defense", "counselor": "counsellor", "counsellor": "counselor"}
MONARCH = ("monarch",)  # the English head-of-state phrase whose scope lists the monarchies
SHORT_TITLE_ROLES = frozenset({"head_of_state", "head_of_government"})  # the offices a title said short names
TITLE_COMPLEMENT_OPENERS = frozenset({"of", "de", "del", "du", "des", "della", "dello", "do", "da", "der"})
PARTY_ACTOR = "PTY"  # the CAMEO actor code of a political party ends so (« GBRPTY »)
STATE_ACTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY"})  # and those of a state's bodies
PARTY_GENERIC = frozenset({  # words of many parties' names, which name none alone
    "party", "parti", "partido", "partei", "partito", "union", "unión", "alliance", "front", "frente", "movement",
    "movimiento", "national", "nacional", "people", "peoples", "new", "the", "and", "for", "of",
})
PARTY_INITIALS_MAX = 5  # a longer run of initials is no acronym a page would write
PARTY_STEM = 7  # letters of a party word compared: "Democrats" and "Democratic", « conservateur » and "Conservative"

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class RolePhrase:
    role: str
    tokens: tuple[str, ...]  # folded, lower-case
    countries: frozenset[str]  # empty: any country
    lang: str = ""
    implied_country: str | None = None  # "Taoiseach", "Kremlchef": a phrase of one country only
    # countries whose office the phrase never names: English "prime minister" is not Germany's chancellor
    excluded: frozenset[str] = frozenset()


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    exact: dict[tuple[str, ...], str] = field(default_factory=dict)
    caseless: dict[tuple[str, ...], str] = field(default_factory=dict)
    city_names: frozenset[tuple[str, ...]] = frozenset()  # aliases only GeoNames gives (« Springs », « Pueblo »)
    max_alias_tokens: int = 1
    longest_from: dict[str, int] = field(default_factory=dict)  # first token -> longest alias from it
    demonyms: dict[str, str] = field(default_factory=dict)  # folded lower-case adjective -> alpha-3
    region_adjectives: dict[str, str] = field(default_factory=dict)  # « sächsische », "Bavarian" -> the region's entity id
    roles: dict[tuple[str, str], list[tuple[date, date | None, str]]] = field(default_factory=dict)
    holder_roles: dict[str, list[tuple[str, str, date, date | None]]] = field(default_factory=dict)
    # A title's first words, said alone for it in its language: (tokens, lang) -> (role, country)
    # (« el presidente » for « el presidente del Gobierno », Spain's head of government)
    short_titles: dict[tuple[tuple[str, ...], str], set[tuple[str, str]]] = field(default_factory=dict)
    role_bodies: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()  # the role bodies that are places: a Land, a province, a state of the US
    # name_words.csv: list -> language ("any" for every one) -> folded words (`link.capitalised`)
    name_words: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # organisations with office-holders in the role table (« nato »)
    role_phrases: list[RolePhrase] = field(default_factory=list)
    phrases_from: dict[str, list[RolePhrase]] = field(default_factory=dict)  # first word -> phrases
    role_phrase_tokens: frozenset[tuple[str, ...]] = frozenset()
    role_words: frozenset[str] = frozenset()  # the words of role phrases ("minister", "foreign"), of three letters or more
    country_languages: dict[str, frozenset[str]] = field(default_factory=dict)  # alpha-3 -> languages spoken there (CLDR)
    monarchies: frozenset[str] = frozenset()  # alpha-3 of the countries whose head of state is "the monarch"
    # (alpha-3, stem of a word of a party's names) -> its parties: "Conservative", "Labor", "Liberals"
    # name a party of the country a page is about (`link.names.link_party_words`)
    party_words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    # a person's folded first name -> (the rest of a name of theirs, folded, their id), for names
    # spelled another way ("Hassan Ruhani", "Ali Chamenei": `link.names.link_spelling_variants`)
    people_by_first_name: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # alpha-3 -> (a name of one of its people, folded, their id): « le président érythréen Issaias
    # Afeworki » is Isaias Afwerki (`link.names.link_nationals_spelled_otherwise`)
    people_by_country: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # folded one-word names of GeoNames' towns below the cities taken as aliases: places only where a
    # preposition says one is named (`link.capitalised`)
    town_names: frozenset[str] = frozenset()
    # alpha-3 -> (the content words of a name of one of its state bodies, its id): "the Treasury" of
    # a page about the US, "Beijing's Foreign Ministry" (`link.names.link_national_bodies`)
    bodies: dict[str, list[tuple[frozenset[str], str]]] = field(default_factory=dict)
    organisation_words: frozenset[str] = frozenset()  # name_words.csv's org_word, of every language

    def in_name_words(self, word: str, *lists: str) -> bool:
        """Whether a word is in one of those lists of `name_words.csv` (all of them when none is
        given), in any language: a Spanish page writes "General Motors" too."""
        lowered = word.lower()
        return any(lowered in group for name_list in (lists or self.name_words) for group in self.name_words.get(name_list, {}).values())

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
    (the files' digest) is only a cache key: an edited file is parsed again. With a version, the
    tables are also kept on disk (`cache_path`): the tens of thousands of city names take a second
    to index, and every worker process would pay it."""
    cache = cache_path(version) if version else None
    if cache is not None:
        try:
            with open(cache, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            pass  # no cache yet, or one this code cannot read: built again
    gazetteer = _build(reference_dir, extra_file)
    if cache is not None:
        _write_atomically(cache, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    return gazetteer


def cache_path(version: str) -> Path | None:
    """Where the tables of one version of the reference data are kept: the user's cache directory
    (XDG_CACHE_HOME), under a key of that version and of the code that builds them, so a new
    release never reads an old layout. None when there is no home to cache in."""
    base = os.environ.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home().is_dir() else "")
    if not base:
        return None
    key = hashlib.sha256(version.encode("utf-8") + _CODE_DIGEST.encode("ascii")).hexdigest()[:16]
    return Path(base) / "depeche" / f"gazetteer-{key}.pickle"


def _code_digest() -> str:
    code = hashlib.sha256()
    for module in (__file__, world_names.__file__, tag.__file__):
        code.update(Path(module).read_bytes())
    return code.hexdigest()


# Read at import: the digest of the code this process runs, not of a newer copy installed since,
# whose key would then name a pickle missing the newer fields.
_CODE_DIGEST = _code_digest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file and rename it, so a reader never sees half a file; a cache that
    cannot be written (read-only home, full disk) is no error."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as handle:
            temporary = handle.name
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _build(reference_dir: Path, extra_file: Path | None) -> Gazetteer:
    gazetteer = Gazetteer()
    alias_rows: list[tuple[str, str, int]] = []
    everyday = {row["country_code"]: row["aliases"] for row in _read_csv(reference_dir / "country_aliases.csv")}
    for row in country_rows(everyday):
        _add_entity(gazetteer, row, alias_rows)
    paths = [reference_dir / name for name in ENTITY_FILES] + ([extra_file] if extra_file else [])
    places: list[dict[str, str]] = []
    for path in paths:
        for row in _read_csv(path):
            missing = [c for c in ENTITY_COLUMNS if c not in row]
            if missing:
                raise ValueError(f"{path}: missing columns {missing}; expected {', '.join(ENTITY_COLUMNS)}")
            _add_entity(gazetteer, row, alias_rows)
            if row["label"] == "LOC":
                places.append(row)
    taken = set(gazetteer.entities)
    regions, region_names = subdivision_rows(taken, places)
    cities, city_names = city_rows(taken, places)
    gazetteer.town_names = town_names()
    for row in cities:
        _add_entity(gazetteer, row, alias_rows, CITY_TIER)
    for row in regions:
        _add_entity(gazetteer, row, alias_rows, REGION_TIER)
    alias_rows += [(name, entity_id, WEAK_TIER) for more in (city_names, region_names) for entity_id, names in more.items() for name in names]
    _index_aliases(gazetteer, alias_rows)
    for row in _read_csv(reference_dir / "demonyms.csv"):
        for language, forms in row.items():
            if language != "country_code":
                for adjective in filter(None, forms.split("|")):
                    gazetteer.demonyms.setdefault(strip_accents(adjective).lower(), row["country_code"])
    for row in _read_csv(reference_dir / "region_adjectives.csv"):
        for adjective in filter(None, row["forms"].split("|")):
            gazetteer.region_adjectives.setdefault(strip_accents(adjective).lower(), row["region_id"])
    for row in _read_csv(reference_dir / "roles.csv"):
        start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else date.min
        end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        gazetteer.roles.setdefault((row["role"], row["country_code"]), []).append((start, end, row["holder_id"]))
        gazetteer.holder_roles.setdefault(row["holder_id"], []).append((row["role"], row["country_code"], start, end))
    gazetteer.name_words = _name_words(reference_dir / "name_words.csv")
    gazetteer.organisation_words = frozenset().union(*gazetteer.name_words.get("org_word", {}).values())
    gazetteer.role_bodies = frozenset(body for _, body in gazetteer.roles if body in gazetteer.entities and not body.startswith("country-"))
    gazetteer.regions = frozenset(body for body in gazetteer.role_bodies if gazetteer.entities[body].label == "LOC")
    for row in _read_csv(reference_dir / "role_phrases.csv"):
        scope = frozenset(filter(None, (row.get("country_scope") or "").split("|")))
        key = tuple(t.lower() for t in alias_key(row["phrase"]))
        excluded = frozenset(filter(None, (row.get("except_countries") or "").split("|")))
        for spelling in _spellings(key) if row.get("lang") == "en" else (key,):  # « défense » has one spelling
            gazetteer.role_phrases.append(RolePhrase(row["role"], spelling, scope, row.get("lang", ""), excluded=excluded))
    scopes: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for phrase in gazetteer.role_phrases:
        scopes[phrase.tokens] |= phrase.countries or {""}
    gazetteer.role_phrases = [
        replace(phrase, implied_country=next(iter(scopes[phrase.tokens]))) if len(scopes[phrase.tokens]) == 1 and phrase.countries else phrase
        for phrase in gazetteer.role_phrases
    ]
    by_tokens = {(phrase.tokens, phrase.lang) for phrase in gazetteer.role_phrases}
    for phrase in gazetteer.role_phrases:
        for size in range(1, len(phrase.tokens)):
            # only a title whose rest is a complement: « presidente | del Gobierno », not « leader | suprême »;
            # and only a country's leader: « el presidente » alone is no central bank's
            if (phrase.countries and phrase.role in SHORT_TITLE_ROLES and (phrase.tokens[:size], phrase.lang) in by_tokens
                    and phrase.tokens[size] in TITLE_COMPLEMENT_OPENERS):
                gazetteer.short_titles.setdefault((phrase.tokens[:size], phrase.lang), set()).update((phrase.role, c) for c in phrase.countries)
    # Longest phrases first, so "ministre des affaires étrangères" wins over "ministre".
    gazetteer.role_phrases.sort(key=lambda phrase: -len(phrase.tokens))
    for phrase in gazetteer.role_phrases:
        gazetteer.phrases_from.setdefault(phrase.tokens[0], []).append(phrase)
    gazetteer.role_phrase_tokens = frozenset(phrase.tokens for phrase in gazetteer.role_phrases)
    gazetteer.role_words = frozenset(word for tokens_ in gazetteer.role_phrase_tokens for word in _title_part(tokens_) if len(word) > 2)
    gazetteer.country_languages = world_names.country_languages()
    gazetteer.monarchies = frozenset().union(*(p.countries for p in gazetteer.role_phrases if p.role == "head_of_state" and p.tokens == MONARCH))
    return gazetteer


def _spellings(phrase_tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A role phrase as English writes it either way: a British paper's "US defence secretary"."""
    other = tuple(ENGLISH_SPELLINGS.get(token, token) for token in phrase_tokens)
    return [phrase_tokens] if other == phrase_tokens else [phrase_tokens, other]


def _title_part(phrase_tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A role phrase's words before its complement: « presidente » of « presidente de la comisión
    europea », whose « comisión » names no title."""
    for k, token in enumerate(phrase_tokens):
        if k and token in TITLE_COMPLEMENT_OPENERS:
            return phrase_tokens[:k]
    return phrase_tokens


def _name_words(path: Path) -> dict[str, dict[str, frozenset[str]]]:
    lists: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _read_csv(path):
        lists[row["list"]][row["lang"]].add(strip_accents(row["word"]).lower())
    return {name: {lang: frozenset(words) for lang, words in by_lang.items()} for name, by_lang in lists.items()}


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _add_entity(gazetteer: Gazetteer, row: dict[str, str], alias_rows: list[tuple[str, str, int]], tier: int = REFERENCE_TIER) -> None:
    entity = Entity(
        entity_id=row["entity_id"], name=row["name"], label=row["label"],
        country_code=row.get("country_code") or None, kb_id=row.get("kb_id") or None,
        actor_code=row.get("actor_code") or None,
    )
    gazetteer.entities[entity.entity_id] = entity  # a later file (the user's) overrides
    aliases = [alias.strip() for alias in [row["name"], *row.get("aliases", "").split("|")] if alias.strip()]
    if entity.label == "PER":
        for alias in aliases:
            first, _, rest = strip_accents(alias).lower().partition(" ")
            if rest:
                gazetteer.people_by_first_name.setdefault(first, []).append((rest, entity.entity_id))
                if entity.country_code:
                    gazetteer.people_by_country.setdefault(entity.country_code, []).append((f"{first} {rest}", entity.entity_id))
    if entity.label == "ORG" and entity.country_code and (entity.actor_code or "")[3:] in STATE_ACTORS:
        for alias in aliases:
            gazetteer.bodies.setdefault(entity.country_code, []).append((content_words(alias), entity.entity_id))
    if entity.actor_code and entity.actor_code.endswith(PARTY_ACTOR) and entity.country_code:
        words = {word for alias in aliases for word in re.findall(r"[^\W\d_]+", alias) if word[:1].isupper() and word.lower() not in PARTY_GENERIC}
        for word in words | {initials for alias in aliases if (initials := party_initials(alias))}:
            key = (entity.country_code, party_stem(word))
            gazetteer.party_words[key] = gazetteer.party_words.get(key, frozenset()) | {entity.entity_id}
    for alias in aliases:
        alias_rows.append((alias, entity.entity_id, tier))
        if len(alias) >= TITLE_CASE_ACRONYM_MIN and alias.isalpha() and alias.isupper():
            alias_rows.append((alias.title(), entity.entity_id, tier))  # British style: « Nato », « Opec »
    if entity.label == "ORG" and tier == REFERENCE_TIER:
        # "Daimler AG" is "Daimler", "Shell plc" "Shell", unless another entity is named so
        alias_rows += [(bare, entity.entity_id, BARE_COMPANY_TIER) for alias in aliases
                       if (bare := LEGAL_FORM.sub("", alias)) != alias and len(bare) >= BARE_COMPANY_MIN_CHARS]
    for alias in row.get("weak_aliases", "").split("|"):
        if alias.strip():
            alias_rows.append((alias.strip(), entity.entity_id, WEAK_TIER))
    if entity.label == "PER" and entity.country_code in CYRILLIC_COUNTRIES:
        for alias in filter(str.isascii, aliases):
            alias_rows += [(variant, entity.entity_id, WEAK_TIER) for variant in cyrillic_name_variants(alias)]
    if entity.label == "PER":
        for alias in aliases:
            alias_rows += [(variant, entity.entity_id, WEAK_TIER) for variant in arabic_name_variants(alias)]


def content_words(name: str) -> frozenset[str]:
    """A name's words without accents, case or function words: "Foreign Ministry" ⊆ "Ministry of
    Foreign Affairs of the People's Republic of China"."""
    from depeche.tasks.page_vocabulary import stop_words

    return frozenset(w for w in re.findall(r"[^\W\d_]{2,}", strip_accents(name).lower()) if w not in stop_words())


def party_initials(name: str) -> str | None:
    """The acronym a party's name makes of the initials of its capitalised words, which a page writes
    where the reference data lists only the name (« Unión Demócrata Independiente » is « UDI »,
    "Freie Demokratische Partei" is "FDP"); None for a name of fewer than three words or more than five."""
    words = [word for word in re.findall(r"[^\W\d_]+", name) if word[:1].isupper()]
    return "".join(word[0] for word in words) if 3 <= len(words) <= PARTY_INITIALS_MAX and not name.isupper() else None


def party_stem(word: str) -> str:
    """A word of a party's name as its members' plural and other languages share it: "Liberals" and
    "Liberal", "Conservatives" and « conservateur »."""
    folded = strip_accents(word).lower()
    return (folded[:-1] if folded.endswith("s") and len(folded) > 5 else folded)[:PARTY_STEM]


def _index_aliases(gazetteer: Gazetteer, alias_rows: list[tuple[str, str, int]]) -> None:
    """Alias -> entity maps. An alias of a stronger tier hides the same alias of a weaker one
    (« Mexico » the country, not the city); an alias claimed by two entities of one tier is
    dropped, since it cannot decide."""
    exact: dict[tuple[str, ...], tuple[int, list[str]]] = {}
    caseless: dict[tuple[str, ...], tuple[int, list[str]]] = {}
    keys: dict[str, tuple[str, ...]] = {}  # GeoNames repeats names: tokenised once
    for alias, entity_id, tier in alias_rows:
        key = keys.get(alias)
        if key is None:
            key = keys[alias] = alias_key(alias)
        if not key:
            continue
        _claim(exact, key, tier, entity_id)
        if len(key) > 1 or len(alias) >= CASELESS_MIN_CHARS:
            _claim(caseless, tuple(t.lower() for t in key), tier, entity_id)
    gazetteer.exact, gazetteer.city_names = _decided(exact)
    gazetteer.caseless, _ = _decided(caseless)
    gazetteer.max_alias_tokens = max((len(k) for k in gazetteer.exact), default=1)
    for key in gazetteer.exact:
        gazetteer.longest_from[key[0]] = max(gazetteer.longest_from.get(key[0], 0), len(key))


def _claim(claims: dict[tuple[str, ...], tuple[int, list[str]]], key: tuple[str, ...], tier: int, entity_id: str) -> None:
    """Keep, for each alias, the claimants of its strongest tier, in the order they came."""
    held = claims.get(key)
    if held is None or tier < held[0]:
        claims[key] = (tier, [entity_id])
    elif tier == held[0] and entity_id not in held[1]:
        held[1].append(entity_id)


def _decided(claims: dict[tuple[str, ...], tuple[int, list[str]]]) -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]]]:
    """The one claimant of the strongest tier; among weak claims, the first (the most populous city
    that GeoNames gives the name to: « Bruessel » is both Brussels and the City of Brussels). Also
    the aliases decided below the reference tier."""
    decided, below_reference = {}, set()
    for key, (tier, claimants) in claims.items():
        if len(claimants) == 1 or tier == WEAK_TIER:
            decided[key] = claimants[0]
            if tier > REFERENCE_TIER:
                below_reference.add(key)
    return decided, frozenset(below_reference)
