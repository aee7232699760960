"""A synthetic warehouse with realistic row counts and distributions, for benchmarking the SQL models.

    python bench/synthetic_warehouse.py OUT_DIR [--documents 50000] [--mentions 1000000] [--events 100000]
                                                [--quotes 100000] [--seed 0]

Everything is generated with numpy / pyarrow compute (no Python loop per row) and inserted straight
into DuckDB after `Warehouse.initialise()` (no Parquet files). What the data looks like:

* entities (~2,000): the real reference entities of `data/reference` (every ISO country as
  `country-xxx`, people, organisations, places, with their `kb_id` and `actor_code` such as RUSGOV),
  topped up with unlinked `x-<label>-<hash>` entities. Popularity is Zipf-like, the usual suspects
  (Russia, the US, China, Ukraine, Putin, Xi…) first.
* documents: dates over 2015-01-01..2026-11-30 (growing volume, bursts around big stories), ~8 % NULL,
  precision day/month/year; ~50 sources (some NULL) with their language.
* sentences (~20 per document) whose text is built from the mentions and quotes they hold, so that
  every offset slices `documents.clean_text` exactly (the offset data tests hold on this data).
* events: "stories" (one CAMEO code, actor pair, place, day) reported by 1..40 articles published
  within days of each other, with the noise real coding has (another code of the same root, actors
  swapped, target or place missing, day/reported/month/season/year precision), so clustering has work.
  Every actor, place and quote speaker is also mentioned in the event's / quote's sentence.
* quotes (one per sentence at most) with speakers (PER mostly, some NULL); a little removed_chrome,
  rejects and runs.

The mention count is exact: mentions of event actors and quote speakers come first, random mentions
(half of them on each document's topic entities) fill up the rest.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from depeche.tasks.warehouse import RUNS_SCHEMA, SCHEMAS, Warehouse  # noqa: E402

MARKER = "SYNTHETIC_WAREHOUSE"  # a directory holding this file may be overwritten by build()
N_ENTITIES = 2_000
FIRST_DAY = np.datetime64("2015-01-01")
LAST_DAY = np.datetime64("2026-11-30")
EPOCH = np.datetime64("1970-01-01")

TOP_ENTITIES = [
    "country-rus", "country-usa", "country-ukr", "country-chn", "vladimir-putin", "country-fra", "xi-jinping",
    "volodymyr-zelenskyy", "emmanuel-macron", "donald-trump", "joe-biden", "sergey-lavrov", "wang-yi",
    "united-nations", "country-deu", "country-gbr", "country-irn", "country-isr", "country-tur", "country-ind",
    "european-union", "nato", "country-prk", "country-jpn", "country-pse", "antony-blinken", "olaf-scholz",
    "recep-tayyip-erdogan", "narendra-modi", "benjamin-netanyahu", "kremlin", "white-house", "moscow", "beijing",
    "washington", "kyiv", "paris",
]
SOURCES = [  # (name, domain, language)
    ("Le Monde", "lemonde.fr", "fr"), ("AFP", "afp.com", "fr"), ("Le Figaro", "lefigaro.fr", "fr"),
    ("Reuters", "reuters.com", "en"), ("France 24", "france24.com", "fr"), ("RFI", "rfi.fr", "fr"),
    ("Euronews", "euronews.com", "fr"), ("Libération", "liberation.fr", "fr"), ("BBC", "bbc.com", "en"),
    ("Associated Press", "apnews.com", "en"), ("Le Parisien", "leparisien.fr", "fr"), ("Les Echos", "lesechos.fr", "fr"),
    ("Ouest-France", "ouest-france.fr", "fr"), ("L'Express", "lexpress.fr", "fr"), ("Le Point", "lepoint.fr", "fr"),
    ("La Croix", "la-croix.com", "fr"), ("Courrier international", "courrierinternational.com", "fr"),
    ("TV5Monde", "tv5monde.com", "fr"), ("franceinfo", "francetvinfo.fr", "fr"), ("20 Minutes", "20minutes.fr", "fr"),
    ("Le Temps", "letemps.ch", "fr"), ("Le Soir", "lesoir.be", "fr"), ("La Presse", "lapresse.ca", "fr"),
    ("Jeune Afrique", "jeuneafrique.com", "fr"), ("Mediapart", "mediapart.fr", "fr"), ("The Guardian", "theguardian.com", "en"),
    ("The New York Times", "nytimes.com", "en"), ("Financial Times", "ft.com", "en"), ("Al Jazeera", "aljazeera.com", "en"),
    ("Politico Europe", "politico.eu", "en"), ("Deutsche Welle", "dw.com", "en"), ("El País", "elpais.com", "es"),
    ("El Mundo", "elmundo.es", "es"), ("Der Spiegel", "spiegel.de", "de"), ("Die Zeit", "zeit.de", "de"),
    ("Süddeutsche Zeitung", "sueddeutsche.de", "de"), ("Corriere della Sera", "corriere.it", "it"),
    ("La Repubblica", "repubblica.it", "it"), ("Sputnik Afrique", "sputniknews.africa", "fr"), ("Xinhua", "xinhuanet.com", "fr"),
    ("Kyiv Independent", "kyivindependent.com", "en"), ("Meduza", "meduza.io", "en"), ("Le Devoir", "ledevoir.com", "fr"),
    ("L'Orient-Le Jour", "lorientlejour.com", "fr"), ("Slate", "slate.fr", "fr"), ("Challenges", "challenges.fr", "fr"),
    ("Marianne", "marianne.net", "fr"), ("L'Humanité", "humanite.fr", "fr"), ("Nice-Matin", "nicematin.com", "fr"),
    ("Sud Ouest", "sudouest.fr", "fr"),
]
LANGUAGES = ["fr", "en", "es", "de", "it"]
TAG_MODELS = {"fr": "fr_core_news_md-3.8.0", "en": "en_core_web_md-3.8.0"}
# CAMEO codes with (relative frequency, Goldstein); data/reference/cameo_codes.csv overrides the Goldstein scores.
CAMEO = {
    "010": (14, 0.0), "011": (1, -0.1), "012": (1, -0.4), "013": (1, 0.4), "018": (1, 3.4), "019": (1, 3.4),
    "020": (2, 3.0), "030": (2, 4.0), "031": (1, 5.2), "036": (6, 4.0), "040": (8, 1.0), "041": (4, 1.0),
    "042": (7, 1.9), "043": (4, 2.8), "044": (3, 2.5), "046": (3, 7.0), "050": (1, 3.5), "051": (3, 3.4),
    "052": (1, 3.5), "057": (3, 8.0), "060": (1, 6.0), "061": (2, 6.4), "062": (1, 7.4), "070": (1, 7.0),
    "110": (2, -2.0), "111": (6, -2.0), "112": (5, -2.0), "120": (2, -4.0), "130": (2, -4.4), "163": (3, -8.0),
    "190": (4, -10.0),
}
TRIGGERS = {
    "01": ["a déclaré", "said"], "02": ["a appelé", "urged"], "03": ["s'est dit prêt à coopérer"],
    "04": ["a rencontré", "s'est entretenu avec", "met", "s'est rendu"], "05": ["a salué", "a signé", "praised"],
    "06": ["coopèrent", "cooperate"], "07": ["a fourni une aide"], "11": ["a critiqué", "a accusé", "accused"],
    "12": ["a rejeté", "rejected"], "13": ["a menacé", "threatened"], "16": ["a imposé des sanctions", "sanctioned"],
    "19": ["a frappé", "bombarde", "attacked"],
}
ROLE_PHRASES = ["le président", "le chef de la diplomatie", "le Premier ministre", "le ministre des Affaires étrangères",
                "son homologue", "le chancelier", "the president"]
OPENINGS = ["", "", "Mardi, ", "Dans un communiqué, ", "Lors d'une conférence de presse, ", "Selon l'agence, ",
            "Par ailleurs, ", "De son côté, ", "Deux jours plus tard, ", "On Monday, ", "Au même moment, "]
FILLERS = ["", "selon ", "avec ", "pour ", "et ", "contre ", "face à ", "après ", "alors que ", "with ", "tandis que "]
CLOSINGS = ["a-t-on appris.", "selon des sources diplomatiques.", "dans la capitale.", "ont indiqué les autorités.",
            "a rapporté la presse.", "sans autre précision.", "officials said.", "au terme de la rencontre.", "."]
QUOTE_TEXTS = ["Nous ne reculerons pas", "La paix est possible", "C'est une ligne rouge", "Nous avons eu des échanges francs",
               "Le dialogue doit continuer", "Ces sanctions sont illégales", "Nous soutenons pleinement nos partenaires",
               "We will not accept this", "Rien n'est exclu", "Il faut une solution politique", "L'heure est grave",
               "Nous sommes prêts à négocier", "Cette décision est inacceptable", "The door remains open"]
CHROME_REASONS = ["navigation", "newsletter", "social", "advertising", "byline", "photo_credit", "related", "legal"]
CHROME_TEXTS = ["Partager sur Facebook", "Abonnez-vous à notre newsletter", "Lire aussi", "Publicité", "© AFP",
                "Par la rédaction", "Mentions légales", "Temps de lecture : 3 min"]
FIRST_NAMES = ["Jean", "Marie", "Ahmed", "Olga", "Li", "Carlos", "Fatou", "Igor", "Anna", "Pierre", "Mohamed", "Yuki",
               "Sergio", "Hanna", "Omar", "Elena"]
LAST_NAMES = ["Martin", "Diallo", "Petrov", "Zhang", "Garcia", "Kowalski", "Haddad", "Novak", "Dubois", "Okafor",
              "Ivanova", "Rossi", "Nguyen", "Schmidt", "Benali", "Moreau"]
ORG_WORDS = ["Comité", "Fondation", "Institut", "Conseil", "Agence", "Association", "Front", "Union"]
PLACE_WORDS = ["Saint-", "Nova ", "Port-", "Mont-", "Bad ", "Nueva ", "Villa "]
MISC_WORDS = ["Accord de", "Sommet de", "Plan", "Opération", "Traité de", "Forum de"]


# ----------------------------------------------------------------------------------------- helpers
def _hex(rng: np.random.Generator, n: int, words: int) -> np.ndarray:
    """n random lowercase hex strings of 16*words digits, as a numpy bytes array."""
    raw = rng.integers(0, 2**63, size=(n, words), dtype=np.int64).astype(">u8").view(np.uint8).reshape(n, words * 8)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    out = np.empty((n, words * 16), dtype=np.uint8)
    out[:, 0::2] = digits[raw >> 4]
    out[:, 1::2] = digits[raw & 15]
    return out.view(f"S{words * 16}").ravel()


def _s(values) -> pa.Array:
    """A pyarrow string array from a numpy bytes array or a list of str."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "S":
        return pa.array(values).cast(pa.string())
    return pa.array(values, pa.string())


def _pick(values: list, index: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """values[index] as a string array (index < 0 or `null` true -> NULL)."""
    index = np.asarray(index)
    mask = index < 0 if null is None else (null | (index < 0))
    return pa.array(values, pa.string()).take(pa.array(np.where(mask, 0, index), mask=mask))


def _cat(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _pad(numbers: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(pc.cast(pa.array(numbers, pa.int64()), pa.string()), width=width, padding="0")


def _group_starts(sorted_keys: np.ndarray) -> np.ndarray:
    """Index of the first row of each run of equal keys (keys sorted)."""
    if len(sorted_keys) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.r_[0, np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1]


def _rank_in_group(sorted_keys: np.ndarray) -> np.ndarray:
    """0, 1, 2… within each run of equal keys."""
    n = len(sorted_keys)
    starts = _group_starts(sorted_keys)
    return np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))


def _exclusive_cumsum_in_group(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    total = np.cumsum(values) - values
    starts = _group_starts(sorted_keys)
    return total - np.repeat(total[starts], np.diff(np.r_[starts, len(values)]))


def _zipf_weights(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _dates(days: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array((EPOCH + days.astype("timedelta64[D]")).astype("datetime64[D]"), mask=null)


def _days(d: np.datetime64) -> int:
    return int((d - EPOCH).astype(int))


def _table(name: str, columns: dict) -> pa.Table:
    """A table in the warehouse's own schema for `name`: every column of the schema, in its order and
    type; a column the generator does not know (one added to the warehouse since) is NULL."""
    schema = RUNS_SCHEMA if name == "runs" else SCHEMAS[name]
    unknown = sorted(set(columns) - set(schema.names))
    if unknown:
        raise KeyError(f"{name}: generated columns not in the warehouse schema: {', '.join(unknown)}")
    length = len(next(iter(columns.values())))
    arrays = []
    for field in schema:
        values = columns.get(field.name)
        if values is None:
            arrays.append(pa.nulls(length, field.type))
        else:
            array = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)
            arrays.append(array.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _cameo() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Codes, relative frequencies and Goldstein scores (scores from data/reference when present)."""
    goldstein = {code: g for code, (_, g) in CAMEO.items()}
    reference = ROOT / "data" / "reference" / "cameo_codes.csv"
    if reference.exists():
        with open(reference, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                goldstein[row["code"].strip()] = float(row["goldstein"])
    codes = sorted(goldstein)
    weights = np.array([CAMEO.get(c, (1, 0))[0] for c in codes], dtype=float)
    return codes, weights / weights.sum(), np.array([goldstein[c] for c in codes])


# ----------------------------------------------------------------------------------------- entities
def _entities(rng: np.random.Generator) -> dict:
    try:
        from depeche.tasks.gazetteer import load_gazetteer

        reference = sorted(load_gazetteer(ROOT / "data" / "reference").entities.values(), key=lambda e: e.entity_id)
        rows = [(e.entity_id, e.name, e.label, e.country_code, e.kb_id, e.actor_code) for e in reference]
    except Exception as error:  # no reference data: countries only
        print(f"note: reference entities unavailable ({error}); using synthetic ones", file=sys.stderr)
        import pycountry

        rows = [(f"country-{c.alpha_3.lower()}", c.name, "LOC", c.alpha_3, None, c.alpha_3) for c in pycountry.countries]
    rows = rows[:N_ENTITIES]
    n_extra = N_ENTITIES - len(rows)
    labels = rng.choice(["PER", "ORG", "LOC", "MISC"], size=n_extra, p=[0.45, 0.25, 0.15, 0.15])
    hashes = [h.decode() for h in _hex(rng, n_extra, 1)]
    first, last = rng.integers(0, 16, n_extra), rng.integers(0, 16, n_extra)
    words = rng.integers(0, 6, n_extra)
    for i, label in enumerate(labels):  # ~260 rows: a loop is fine here
        name = {
            "PER": f"{FIRST_NAMES[first[i]]} {LAST_NAMES[last[i]]}",
            "ORG": f"{ORG_WORDS[words[i] % len(ORG_WORDS)]} {LAST_NAMES[last[i]]}",
            "LOC": f"{PLACE_WORDS[words[i] % len(PLACE_WORDS)]}{LAST_NAMES[last[i]]}",
            "MISC": f"{MISC_WORDS[words[i]]} {LAST_NAMES[last[i]]}",
        }[label]
        rows.append((f"x-{label.lower()}-{hashes[i][:12]}", name, label, None, None, None))
    ids = [r[0] for r in rows]
    position = {entity_id: i for i, entity_id in enumerate(ids)}
    top = [position[e] for e in TOP_ENTITIES if e in position]
    rest = np.setdiff1d(np.arange(len(rows)), top)
    order = np.r_[np.array(top, dtype=np.int64), rng.permutation(rest)]  # order[rank] = entity index
    popularity = np.empty(len(rows))
    popularity[order] = _zipf_weights(len(rows), 1.0)
    label = np.array([r[2] for r in rows])
    is_country = np.array([r[0].startswith("country-") for r in rows])
    return {
        "rows": rows, "ids": ids, "names": [r[1] for r in rows], "label": label, "labels": list(label),
        "popularity": popularity,
        # as the coder does: people, organisations and countries act (a capital stands for its country)
        "can_act": np.isin(label, ["PER", "ORG"]) | is_country,
        "is_place": label == "LOC",
        "is_person": label == "PER",
        "is_reference": np.array([not r[0].startswith("x-") for r in rows]),
    }


def _choose(rng, mask: np.ndarray, popularity: np.ndarray, size: int) -> np.ndarray:
    """Entity indices among `mask`, drawn by popularity."""
    candidates = np.flatnonzero(mask)
    weights = popularity[candidates] / popularity[candidates].sum()
    return candidates[rng.choice(len(candidates), size=size, p=weights)]


# ----------------------------------------------------------------------------------------- build
def generate(documents: int = 50_000, mentions: int = 1_000_000, events: int = 100_000, quotes: int = 100_000,
             seed: int = 0) -> dict[str, pa.Table]:
    """All tables as Arrow tables, keyed by table name."""
    rng = np.random.default_rng(seed)
    ent = _entities(rng)
    n_ent = len(ent["ids"])

    # --- documents: dates, sources, languages
    n_doc = documents
    sha = _hex(rng, n_doc, 4)
    doc_id_bytes = sha.view("S16").reshape(n_doc, 4)[:, 0].copy()
    if len(np.unique(doc_id_bytes)) != n_doc:
        raise RuntimeError("doc_id collision: use another seed")
    doc_id = _s(doc_id_bytes)
    first, last = _days(FIRST_DAY), _days(LAST_DAY)
    span = np.arange(first, last + 1)
    t = (span - first) / (last - first)
    weight = 1 + 2.5 * t  # more articles in recent years
    for burst, height, width in (("2022-02-24", 6, 40), ("2020-03-15", 2, 30), ("2023-10-07", 3, 20),
                                 ("2024-11-05", 2, 15), ("2025-02-15", 2.5, 40), ("2018-07-16", 1.5, 5)):
        weight += height * np.exp(-0.5 * ((span - _days(np.datetime64(burst))) / width) ** 2)
    published = rng.choice(span, size=n_doc, p=weight / weight.sum())
    u = rng.random(n_doc)
    no_date = u < 0.08
    precision_index = np.select([no_date, u < 0.90, u < 0.97], [-1, 0, 1], 2)  # day / month / year
    pub_dt = (EPOCH + published.astype("timedelta64[D]")).astype("datetime64[D]")
    published = np.where(precision_index == 1, (pub_dt.astype("datetime64[M]").astype("datetime64[D]") - EPOCH).astype(int), published)
    published = np.where(precision_index == 2, (pub_dt.astype("datetime64[Y]").astype("datetime64[D]") - EPOCH).astype(int), published)
    source = rng.choice(len(SOURCES), size=n_doc, p=_zipf_weights(len(SOURCES), 0.9))
    source = np.where(rng.random(n_doc) < 0.06, -1, source)
    source_language = np.array([LANGUAGES.index(s[2]) for s in SOURCES])
    language = np.where(source >= 0, source_language[np.maximum(source, 0)], 0)
    language = np.where(rng.random(n_doc) < 0.06, rng.choice(len(LANGUAGES), n_doc, p=[0.3, 0.4, 0.1, 0.1, 0.1]), language)
    is_html = rng.random(n_doc) < 0.4
    n_sent = np.clip(np.rint(rng.lognormal(np.log(18), 0.5, n_doc)), 3, 150).astype(np.int64)
    topics = _choose(rng, np.ones(n_ent, bool), ent["popularity"], n_doc * 3).reshape(n_doc, 3)

    # --- sentences (text comes later, from the pieces)
    n_sentences = int(n_sent.sum())
    sent_doc = np.repeat(np.arange(n_doc), n_sent)
    sent_first = np.r_[0, np.cumsum(n_sent)[:-1]]  # global index of each document's sentence 0
    sent_id = np.arange(n_sentences) - sent_first[sent_doc]
    new_paragraph = (rng.random(n_sentences) < 0.35) & (sent_id > 0)
    paragraph_id = _exclusive_cumsum_in_group(new_paragraph.astype(np.int64), sent_doc) + new_paragraph

    def random_sentence(doc: np.ndarray) -> np.ndarray:
        return sent_first[doc] + np.floor(rng.random(len(doc)) * n_sent[doc]).astype(np.int64)

    # --- events: stories reported by several articles
    codes, code_p, code_goldstein = _cameo()
    code_root = np.array([int(c[:2]) for c in codes])
    n_ev = events
    sizes = np.minimum(rng.zipf(1.9, size=max(n_ev, 1)), 40)
    cut = int(np.searchsorted(np.cumsum(sizes), n_ev)) + 1
    sizes = sizes[:cut]
    sizes[-1] -= sizes.sum() - n_ev
    n_story = len(sizes)
    story = np.repeat(np.arange(n_story), sizes)
    story_code = rng.choice(len(codes), size=n_story, p=code_p)
    story_a1 = _choose(rng, ent["can_act"], ent["popularity"], n_story)
    story_a2 = _choose(rng, ent["can_act"], ent["popularity"], n_story)
    story_a2 = np.where((story_a2 == story_a1) | (rng.random(n_story) < 0.15), -1, story_a2)
    story_place = np.where(rng.random(n_story) < 0.45, -1, _choose(rng, ent["is_place"], ent["popularity"], n_story))
    dated = np.flatnonzero(~no_date)
    by_date = dated[np.argsort(published[dated], kind="stable")]
    sorted_dates = published[by_date]
    story_day = published[rng.choice(dated, size=n_story)] - rng.integers(0, 3, n_story)
    # each report: an article published within 4 days of the story (a few undated articles too)
    day = story_day[story]
    lo = np.searchsorted(sorted_dates, day, "left")
    hi = np.searchsorted(sorted_dates, day + 4, "left")
    ev_doc = by_date[np.minimum(lo + np.floor(rng.random(n_ev) * (hi - lo)).astype(np.int64), len(by_date) - 1)]
    undated_docs = np.flatnonzero(no_date)
    in_undated = (rng.random(n_ev) < 0.04) & (len(undated_docs) > 0)
    if len(undated_docs):
        ev_doc = np.where(in_undated, undated_docs[rng.integers(0, len(undated_docs), n_ev)], ev_doc)
    ev_code = story_code[story].copy()
    variant = rng.random(n_ev) < 0.2
    for root in np.unique(code_root):  # another code of the same root (one pass per root, not per row)
        members = np.flatnonzero(code_root == root)
        rows = np.flatnonzero(variant & (code_root[ev_code] == root))
        ev_code[rows] = rng.choice(members, size=len(rows), p=code_p[members] / code_p[members].sum())
    ev_root = code_root[ev_code]
    a1, a2 = story_a1[story].copy(), story_a2[story].copy()
    swap = (rng.random(n_ev) < 0.12) & (a2 >= 0) & (ev_root <= 5)
    a1, a2 = np.where(swap, a2, a1), np.where(swap, a1, a2)
    a2 = np.where(rng.random(n_ev) < 0.08, -1, a2)
    place = np.where(rng.random(n_ev) < 0.05, -1, story_place[story])
    precision_names = ["day", "reported", "month", "season", "year"]
    ev_precision = rng.choice(5, size=n_ev, p=[0.45, 0.37, 0.09, 0.03, 0.06])
    ev_precision = np.where(in_undated, np.where(rng.random(n_ev) < 0.8, 1, 4), ev_precision)
    day_dt = (EPOCH + day.astype("timedelta64[D]")).astype("datetime64[D]")
    month_start = (day_dt.astype("datetime64[M]").astype("datetime64[D]") - EPOCH).astype(int)
    year_start = (day_dt.astype("datetime64[Y]").astype("datetime64[D]") - EPOCH).astype(int)
    month0 = day_dt.astype("datetime64[M]").astype(int) % 12  # 0 = January
    back = np.select([month0 < 2, month0 < 5, month0 < 8, month0 < 11], [month0 + 1, month0 - 2, month0 - 5, month0 - 8], 0)
    season_start = ((day_dt.astype("datetime64[M]") - back.astype("timedelta64[M]")).astype("datetime64[D]") - EPOCH).astype(int)
    ev_date = np.select([ev_precision == 0, ev_precision == 1, ev_precision == 2, ev_precision == 3],
                        [day, published[ev_doc], month_start, season_start], year_start)
    ev_date_null = (ev_precision == 1) & no_date[ev_doc]
    ev_sentence = random_sentence(ev_doc)
    order = np.lexsort((rng.random(n_ev), ev_sentence))  # by sentence (hence by document)
    ev_doc, ev_sentence, ev_code, ev_root, a1, a2, place, ev_precision, ev_date, ev_date_null = (
        x[order] for x in (ev_doc, ev_sentence, ev_code, ev_root, a1, a2, place, ev_precision, ev_date, ev_date_null))
    quad = np.select([ev_root <= 5, ev_root <= 8, ev_root <= 13], [1, 2, 3], 4)
    trigger_roots = sorted(TRIGGERS)
    trigger_values = [w for r in trigger_roots for w in TRIGGERS[r]]
    trigger_first = np.cumsum([0] + [len(TRIGGERS[r]) for r in trigger_roots])[:-1]
    trigger_count = np.array([len(TRIGGERS[r]) for r in trigger_roots])
    root_slot = np.clip(np.searchsorted([int(r) for r in trigger_roots], ev_root), 0, len(trigger_roots) - 1)
    trigger = trigger_first[root_slot] + np.floor(rng.random(n_ev) * trigger_count[root_slot]).astype(np.int64)
    events_table = _table("events", {
        "event_id": _cat(doc_id.take(pa.array(ev_doc)), "-e", _pad(_rank_in_group(ev_doc), 4)),
        "doc_id": doc_id.take(pa.array(ev_doc)),
        "sentence_id": sent_id[ev_sentence].astype(np.int32),
        "cameo_code": _pick(codes, ev_code),
        "quad_class": quad.astype(np.int32),
        "goldstein": code_goldstein[ev_code],
        "actor1_id": _pick(ent["ids"], a1),
        "actor2_id": _pick(ent["ids"], a2),
        "location_id": _pick(ent["ids"], place),
        "event_date": _dates(ev_date, ev_date_null),
        "date_precision": _pick(precision_names, ev_precision),
        "trigger": _pick(trigger_values, trigger),
        "confidence": rng.choice([0.5, 0.6, 0.7, 0.8, 0.9, 1.0], size=n_ev, p=[0.1, 0.15, 0.15, 0.3, 0.2, 0.1]),
    })

    # --- quotes: at most one per sentence
    n_q = min(quotes, n_sentences)
    q_sentence = np.sort(rng.choice(n_sentences, size=n_q, replace=False))
    q_doc = sent_doc[q_sentence]
    u = rng.random(n_q)
    speaker = np.where(u < 0.88, _choose(rng, ent["is_person"], ent["popularity"], n_q),
                       np.where(u < 0.92, _choose(rng, ent["label"] == "ORG", ent["popularity"], n_q), -1))
    q_text = rng.integers(0, len(QUOTE_TEXTS), n_q)
    q_text_len = np.array([len(q) for q in QUOTE_TEXTS])[q_text]

    # --- mentions: event actors and places, quote speakers, then random ones
    derived = [(ev_sentence, a1), (ev_sentence[a2 >= 0], a2[a2 >= 0]), (ev_sentence[place >= 0], place[place >= 0]),
               (q_sentence[speaker >= 0], speaker[speaker >= 0])]
    m_sentence = np.concatenate([d[0] for d in derived])
    m_entity = np.concatenate([d[1] for d in derived])
    m_derived = np.ones(len(m_sentence), bool)
    if len(m_sentence) > mentions:
        print(f"note: {len(m_sentence)} mentions are needed by events and quotes (> {mentions})", file=sys.stderr)
    n_random = max(mentions - len(m_sentence), 0)
    r_doc = rng.choice(n_doc, size=n_random, p=n_sent / n_sentences)
    r_entity = np.where(rng.random(n_random) < 0.5, topics[r_doc, rng.integers(0, 3, n_random)],
                        _choose(rng, np.ones(n_ent, bool), ent["popularity"], n_random))
    m_sentence = np.concatenate([m_sentence, random_sentence(r_doc)])
    m_entity = np.concatenate([m_entity, r_entity])
    m_derived = np.concatenate([m_derived, np.zeros(n_random, bool)])
    n_m = len(m_sentence)
    order = np.lexsort((rng.random(n_m), m_sentence))
    m_sentence, m_entity, m_derived = m_sentence[order], m_entity[order], m_derived[order]
    m_doc = sent_doc[m_sentence]
    u = rng.random(n_m)
    is_x = ~ent["is_reference"][m_entity]
    method = np.where(is_x | (u < 0.72), 0, np.where((u < 0.9) | m_derived, 1, 2))  # ner / gazetteer / role
    method = np.where((method == 2) & ~ent["is_person"][m_entity], 1, method)
    role_phrase = rng.integers(0, len(ROLE_PHRASES), n_m)
    surface = pc.if_else(pa.array(method == 2), _pick(ROLE_PHRASES, role_phrase), _pick(ent["names"], m_entity))

    # --- sentence text from pieces: opening, (filler + mention + " ")*, ("a déclaré « " + quote + " » ")?, closing
    opening = rng.integers(0, len(OPENINGS), n_sentences)
    closing = rng.integers(0, len(CLOSINGS), n_sentences)
    filler = rng.integers(0, len(FILLERS), n_m)
    quote_prefix = "a déclaré « "
    pieces = pa.concat_arrays([
        _pick(OPENINGS, opening),
        _cat(_pick(FILLERS, filler), surface, " "),
        _cat(quote_prefix, _pick(QUOTE_TEXTS, q_text), " » "),
        _pick(CLOSINGS, closing),
    ])
    piece_sentence = np.concatenate([np.arange(n_sentences), m_sentence, q_sentence, np.arange(n_sentences)])
    piece_order = np.concatenate([np.zeros(n_sentences), np.arange(n_m) + 1.0, np.full(n_q, 1e9), np.full(n_sentences, 2e9)])
    perm = np.lexsort((piece_order, piece_sentence))
    position = np.empty_like(perm)
    position[perm] = np.arange(len(perm))
    piece_length = pc.utf8_length(pieces).to_numpy().astype(np.int64)
    offset_in_sentence = _exclusive_cumsum_in_group(piece_length[perm], piece_sentence[perm])[position]
    per_sentence = np.bincount(piece_sentence, minlength=n_sentences)
    sentence_text = pc.binary_join(
        pa.ListArray.from_arrays(pa.array(np.r_[0, np.cumsum(per_sentence)].astype(np.int32)), pieces.take(pa.array(perm))), "")
    sentence_length = pc.utf8_length(sentence_text).to_numpy().astype(np.int64)
    last_in_doc = sent_id == n_sent[sent_doc] - 1
    next_new_paragraph = np.r_[new_paragraph[1:], False]
    separator = np.where(last_in_doc, 0, np.where(next_new_paragraph, 1, 2))  # "" / "\n\n" / " "
    separator_length = np.array([0, 2, 1])[separator]
    sentence_start = _exclusive_cumsum_in_group(sentence_length + separator_length, sent_doc)
    sentence_end = sentence_start + sentence_length
    clean_text = pc.binary_join(
        pa.ListArray.from_arrays(pa.array(np.r_[0, np.cumsum(n_sent)].astype(np.int32)),
                                 _cat(sentence_text, _pick(["", "\n\n", " "], separator))), "")
    m_piece = n_sentences + np.arange(n_m)
    m_start = sentence_start[m_sentence] + offset_in_sentence[m_piece] + np.array([len(f) for f in FILLERS])[filler]
    m_end = m_start + pc.utf8_length(surface).to_numpy().astype(np.int64)
    q_piece = n_sentences + n_m + np.arange(n_q)
    q_start = sentence_start[q_sentence] + offset_in_sentence[q_piece] + len(quote_prefix)

    mentions_table = _table("mentions", {
        "mention_id": _cat(doc_id.take(pa.array(m_doc)), "-m", _pad(_rank_in_group(m_doc), 5)),
        "doc_id": doc_id.take(pa.array(m_doc)),
        "sentence_id": sent_id[m_sentence].astype(np.int32),
        "start_char": m_start, "end_char": m_end,
        "surface": surface,
        "label": _pick(ent["labels"], m_entity),
        "entity_id": _pick(ent["ids"], m_entity),
        "method": _pick(["ner", "gazetteer", "role"], method),
    })
    quotes_table = _table("quotes", {
        "quote_id": _cat(doc_id.take(pa.array(q_doc)), "-q", _pad(_rank_in_group(q_doc), 4)),
        "doc_id": doc_id.take(pa.array(q_doc)),
        "sentence_id": sent_id[q_sentence].astype(np.int32),
        "speaker_id": _pick(ent["ids"], speaker),
        "text": _pick(QUOTE_TEXTS, q_text),
        "start_char": q_start, "end_char": q_start + q_text_len,
    })
    sentences_table = _table("sentences", {
        "doc_id": doc_id.take(pa.array(sent_doc)),
        "sentence_id": sent_id.astype(np.int32),
        "paragraph_id": paragraph_id.astype(np.int32),
        "start_char": sentence_start, "end_char": sentence_end,
        "text": sentence_text,
    })

    # --- documents
    n_chars_clean = pc.utf8_length(clean_text).to_numpy().astype(np.int64)
    n_chars_raw = (n_chars_clean * rng.uniform(1.2, 2.5, n_doc)).astype(np.int64)
    n_runs = 120
    run_ids = [h.decode() for h in _hex(rng, n_runs, 1)]
    run_ids = [r[:12] for r in run_ids]
    # runs happen over time: documents published later are loaded by later runs
    doc_run = np.clip(((published - first) / (last - first + 1) * n_runs).astype(int)
                      + rng.integers(0, 2, n_doc), 0, n_runs - 1)
    run_start = np.datetime64("2015-01-02T06:00:00", "us") + (np.arange(n_runs) * ((LAST_DAY - FIRST_DAY) / n_runs)).astype("timedelta64[D]")
    ingested_at = run_start[doc_run] + rng.integers(0, 3_600_000_000, n_doc).astype("timedelta64[us]")
    language_code = np.array(LANGUAGES)[language]
    tag_model = _pick([TAG_MODELS.get(l) or "" for l in LANGUAGES], language, null=~np.isin(language_code, list(TAG_MODELS)))
    tag_status = _pick(["tagged"] + [f"gazetteer only: no spaCy model installed for language '{l}'" for l in LANGUAGES],
                       np.where(np.isin(language_code, list(TAG_MODELS)), 0, language + 1))
    source_names = [s[0] for s in SOURCES]
    domains = [s[1] for s in SOURCES]
    extension = _pick([".txt", ".html"], is_html.astype(int))
    title_entity = _pick(ent["names"], topics[:, 0])
    documents_table = _table("documents", {
        "doc_id": doc_id,
        "raw_sha256": _s(sha),
        "source_path": _cat("data/raw/", _pad(np.arange(n_doc), 6), "_", doc_id, extension),
        "source_name": _pick(source_names, source),
        "url": _cat("https://www.", _pick(domains, source, null=~is_html), "/articles/", doc_id, ".html"),
        "title": _cat(_pick(["", "Ce qu'il faut retenir : ", "Diplomatie : ", "Analyse : ", "EN DIRECT — "],
                            rng.integers(0, 5, n_doc)), title_entity, " ", _pick(["au cœur des tensions", "en visite",
                            "hausse le ton", "face à la crise", "et la guerre", "sous pression"], rng.integers(0, 6, n_doc))),
        "language": _pick(LANGUAGES, language),
        "published_at": _dates(published, no_date),
        "published_precision": _pick(["day", "month", "year"], precision_index),
        "clean_text": clean_text,
        "n_chars_raw": n_chars_raw,
        "n_chars_clean": n_chars_clean,
        "n_bytes": (n_chars_raw * 1.03).astype(np.int64),
        "encoding": _pick(["utf-8", "cp1252"], (rng.random(n_doc) < 0.03).astype(int)),
        "content_type": _pick(["text", "html"], is_html.astype(int)),
        "tag_model": tag_model,
        "tag_status": tag_status,
        "pipeline_version": _pick(["clean=1.1;tag=1;model=fr_core_news_md", "clean=1.1;tag=1;model=en_core_web_md",
                                   "clean=1.1;tag=1;model=none"], np.select([language == 0, language == 1], [0, 1], 2)),
        "ingested_at": pa.array(ingested_at, pa.timestamp("us", tz="UTC")),
        "run_id": _pick(run_ids, doc_run),
    })

    # --- entities, removed_chrome, rejects, runs
    rows = ent["rows"]
    entities_table = _table("entities", {
        "entity_id": [r[0] for r in rows], "name": [r[1] for r in rows], "label": [r[2] for r in rows],
        "country_code": [r[3] for r in rows], "kb_id": [r[4] for r in rows], "actor_code": [r[5] for r in rows],
    })
    n_chrome = np.minimum(rng.poisson(3, n_doc), 12)
    chrome_doc = np.repeat(np.arange(n_doc), n_chrome)
    chrome_position = _rank_in_group(chrome_doc) * 3 + rng.integers(0, 3, len(chrome_doc))
    chrome_kind = rng.integers(0, len(CHROME_REASONS), len(chrome_doc))
    removed_table = _table("removed_chrome", {
        "doc_id": doc_id.take(pa.array(chrome_doc)),
        "position": chrome_position.astype(np.int32),
        "text": _pick(CHROME_TEXTS, chrome_kind),
        "reason": _pick(CHROME_REASONS, chrome_kind),
    })
    n_rej = max(n_doc // 200, 1)
    reject_reason = rng.choice(["empty", "binary", "undecodable", "no_article_text", "tag_error"], size=n_rej)
    reject_run = rng.integers(0, n_runs, n_rej)
    rejects_table = _table("rejects", {
        "run_id": _pick(run_ids, reject_run),
        "source_path": _cat("data/raw/rejected_", _pad(np.arange(n_rej), 6), ".txt"),
        "raw_sha256": _s(_hex(rng, n_rej, 4)),
        "reason": pa.array(reject_reason, pa.string()),
        "detail": pa.array(reject_reason, pa.string()),
        "rejected_at": pa.array(run_start[reject_run], pa.timestamp("us", tz="UTC")),
    })
    loaded = np.bincount(doc_run, minlength=n_runs)
    runs_table = _table("runs", {
        "run_id": run_ids, "flow_run_id": [f"flow-{r}" for r in run_ids],
        "started_at": pa.array(run_start, pa.timestamp("us", tz="UTC")),
        "finished_at": pa.array(run_start + np.timedelta64(3_600, "s"), pa.timestamp("us", tz="UTC")),
        "status": ["completed"] * n_runs,
        "docs_seen": loaded + np.bincount(reject_run, minlength=n_runs), "docs_loaded": loaded,
        "docs_skipped": np.zeros(n_runs, np.int64), "docs_rejected": np.bincount(reject_run, minlength=n_runs),
        "pipeline_version": ["clean=1.1;tag=1"] * n_runs,
        "docs_removed": np.zeros(n_runs, np.int64), "docs_pruned": np.zeros(n_runs, np.int64),
    })
    return {
        "entities": entities_table, "documents": documents_table, "removed_chrome": removed_table,
        "sentences": sentences_table, "mentions": mentions_table, "events": events_table, "quotes": quotes_table,
        "rejects": rejects_table, "runs": runs_table,
    }


def build(root: Path, documents: int = 50_000, mentions: int = 1_000_000, events: int = 100_000, seed: int = 0,
          quotes: int = 100_000) -> Path:
    """Create a synthetic warehouse under `root`; returns the path of its DuckDB file.

    A directory already holding a warehouse is only overwritten when an earlier build() made it.
    """
    root = Path(root)
    store = Warehouse(root)
    if store.duckdb_path.exists():
        if not (root / MARKER).exists():
            raise FileExistsError(f"{store.duckdb_path} exists and is not a synthetic warehouse: refusing to overwrite it")
        store.wipe()
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("made by bench/synthetic_warehouse.py; may be overwritten\n", encoding="utf-8")
    tables = generate(documents=documents, mentions=mentions, events=events, quotes=quotes, seed=seed)
    store.initialise()
    with store.connect() as con:
        for name, table in tables.items():  # entities and documents first: the keys others point to
            con.register("synthetic_rows", table)
            columns = ", ".join(f'"{c}"' for c in table.column_names)  # by name: the table's order may differ
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM synthetic_rows")
            con.unregister("synthetic_rows")
        con.execute("CHECKPOINT")
    return store.duckdb_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build(args.out_dir, documents=args.documents, mentions=args.mentions, events=args.events, seed=args.seed,
                 quotes=args.quotes)
    seconds = time.perf_counter() - started
    with Warehouse(args.out_dir).connect(read_only=True) as con:
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in [*SCHEMAS, "runs"]}
    print(f"synthetic warehouse {path} built in {seconds:.1f} s")
    for name, rows in counts.items():
        print(f"  {name:<15}{rows:>12,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
