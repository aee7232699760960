"""dbt-style unit tests of the SQL models: empty warehouse tables (the project's own schemas), a
handful of hand-written input rows, every model run, and the exact output rows of one model."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest

from depeche.tasks.models import run_models
# ALL_SCHEMAS is not re-exported by depeche.tasks.warehouse (only SCHEMAS and RUNS_SCHEMA are).
from depeche.tasks.warehouse.schemas import ALL_SCHEMAS, create_table_sql

MODELS_DIR = Path(__file__).resolve().parents[2] / "sql" / "models"

FRA, DEU, USA, UKR = "country-fra", "country-deu", "country-usa", "country-ukr"


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def build(**tables: list[dict]):
    """An in-memory warehouse holding `tables`' rows (other tables empty), with every model run."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, schema in ALL_SCHEMAS.items():
        con.execute(create_table_sql(name, schema))
    for name, rows in tables.items():
        for row in rows:
            columns = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            con.execute(f"INSERT INTO {name} ({columns}) VALUES ({marks})", list(row.values()))
    run_models(con, MODELS_DIR)
    return con


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def doc(doc_id, published_at=None, source_name=None, ingested=None):
    ingested = ingested or published_at or date(2024, 1, 1)
    return {"doc_id": doc_id, "published_at": published_at, "source_name": source_name, "ingested_at": noon(ingested)}


def entity(entity_id, name, label="LOC"):
    return {"entity_id": entity_id, "name": name, "label": label, "country_code": None}


def mention(mention_id, doc_id, sentence_id, entity_id):
    return {"mention_id": mention_id, "doc_id": doc_id, "sentence_id": sentence_id, "entity_id": entity_id}


def event(event_id, doc_id, sentence_id, cameo, quad, goldstein, actor1, actor2, event_date, precision,
          confidence=0.5, location=None):
    return {
        "event_id": event_id, "doc_id": doc_id, "sentence_id": sentence_id, "cameo_code": cameo, "quad_class": quad,
        "goldstein": goldstein, "actor1_id": actor1, "actor2_id": actor2, "location_id": location,
        "event_date": event_date, "date_precision": precision, "confidence": confidence,
    }


def sentence(doc_id, sentence_id, text):
    return {"doc_id": doc_id, "sentence_id": sentence_id, "paragraph_id": 0, "start_char": 0, "end_char": len(text), "text": text}


def test_empty_warehouse_builds_every_model_empty():
    # Proves the models run on the project's real (empty) tables and produce no invented rows.
    con = build()
    for model in ("stg_events", "mention_counts", "entity_cooccurrence", "event_clusters", "dyad_timeline", "actor_activity"):
        assert rows(con, f"select count(*) from {model}") == [(0,)], model
    kinds = dict(rows(con, "select table_name, table_type from information_schema.tables where table_name like 'stg_%'"))
    assert kinds == {"stg_events": "VIEW"}


# --- stg_events -------------------------------------------------------------------------------


def test_stg_events_keys_events_for_clustering():
    con = build(
        documents=[doc("dA", date(2024, 3, 6), "RFI")],
        events=[
            # actor order does not matter: the pair is stored sorted (a <= b);
            # no event date: the publication date stands in, 'reported' counts as day-precise
            event("e1", "dA", 0, "0431", 1, 2.8, FRA, DEU, None, "reported"),
            # no target and no place: '' keys (never NULL, so the group by can match them)
            event("e2", "dA", 1, "190", 4, -10.0, FRA, None, date(2024, 2, 17), "month"),
        ],
    )
    assert rows(con, """
        select event_id, root_code, actor_a, actor_b, place_id, event_day, is_day_precise, event_month, source_name
        from stg_events order by event_id""") == [
        ("e1", "04", DEU, FRA, "", date(2024, 3, 6), True, date(2024, 3, 1), "RFI"),
        ("e2", "19", "", FRA, "", date(2024, 2, 17), False, date(2024, 2, 1), "RFI"),
    ]


def test_stg_events_drops_events_of_unknown_documents():
    # Edge: an event whose document row is missing is not staged (inner join on doc_id).
    con = build(documents=[doc("dA", date(2024, 3, 6))], events=[event("e1", "dZ", 0, "042", 1, 1.0, FRA, DEU, date(2024, 3, 5), "day")])
    assert rows(con, "select count(*) from stg_events") == [(0,)]


# --- event_clusters and dyad_timeline -----------------------------------------------------------

CLUSTER_DOCS = [
    doc("dA", date(2024, 3, 5), "Le Monde"),
    doc("dB", date(2024, 3, 6), "RFI"),
    doc("dC", None, None, ingested=date(2024, 3, 10)),  # no date, no source
    doc("dD", date(2024, 3, 21), "Le Monde"),
    doc("dE", date(2023, 6, 1), "RFI"),
]
CLUSTER_EVENTS = [
    # The same meeting reported by two articles (actors in either order, different sub-codes).
    event("e1", "dA", 0, "042", 1, 1.0, FRA, DEU, date(2024, 3, 5), "day", confidence=0.6),
    event("e2", "dB", 2, "043", 1, 3.0, DEU, FRA, date(2024, 3, 5), "day", confidence=0.9),
    # A month-precise mention of it in an undated article joins the day cluster of that month.
    event("e3", "dC", 0, "042", 1, 2.0, FRA, DEU, date(2024, 3, 1), "month", confidence=0.5),
    # Year-precise with no day cluster that year: its own cluster keyed by the year.
    event("e4", "dE", 0, "042", 1, 1.0, FRA, DEU, date(2023, 1, 1), "year", confidence=0.4),
    # No target; dated by its article ('reported').
    event("e5", "dD", 1, "190", 4, -10.0, FRA, None, None, "reported", confidence=0.8, location=UKR),
    # Month-precise with no day cluster in May: its own cluster keyed by the month.
    event("e6", "dD", 1, "042", 1, 0.0, FRA, DEU, date(2024, 5, 1), "month", confidence=0.3),
    # Same dyad, same month, other roots / quad classes.
    event("e7", "dD", 1, "051", 1, 4.0, FRA, DEU, date(2024, 3, 20), "day", confidence=0.7),
    event("e8", "dD", 1, "111", 3, -2.0, DEU, FRA, date(2024, 3, 20), "day", confidence=0.7),
]
CLUSTER_SENTENCES = [
    sentence("dA", 0, "Paris a reçu Berlin."),
    sentence("dB", 2, "Berlin et Paris se sont consultés."),
    sentence("dC", 0, "En mars, Paris a consulté Berlin."),
    sentence("dD", 1, "Paris agit."),
    sentence("dE", 0, "En 2023, Paris a consulté Berlin."),
]


def cluster_id(*parts: str) -> str:
    return hashlib.md5("|".join(parts).encode()).hexdigest()


@pytest.fixture(scope="module")
def clustered():
    return build(documents=CLUSTER_DOCS, events=CLUSTER_EVENTS, sentences=CLUSTER_SENTENCES)


def test_event_clusters_dedup_date_grain_and_representative(clustered):
    got = rows(clustered, """
        select cluster_id, root_code, cameo_code, quad_class, goldstein, actor_a_id, actor_b_id, location_id, date_key,
               num_mentions, num_articles, num_sources, first_seen, representative_event_id, representative_sentence
        from event_clusters order by date_key, root_code""")
    assert got == [
        # e4: year-precise, alone in 2023
        (cluster_id("04", DEU, FRA, "", "2023"), "04", "042", 1, 1.0, DEU, FRA, None, "2023",
         1, 1, 1, date(2023, 6, 1), "e4", "En 2023, Paris a consulté Berlin."),
        # e1 + e2 (two articles, actors swapped) + e3 (month-precise, same month): one event, 3 sources
        # ('unknown' for the undated, unnamed dC), first seen on the earliest publication date,
        # represented by the most confident event (e2), the CAMEO code most often used (042).
        (cluster_id("04", DEU, FRA, "", "2024-03-05"), "04", "042", 1, 2.0, DEU, FRA, None, "2024-03-05",
         3, 3, 3, date(2024, 3, 5), "e2", "Berlin et Paris se sont consultés."),
        # e7 and e8: same dyad and day, other roots: separate clusters
        (cluster_id("05", DEU, FRA, "", "2024-03-20"), "05", "051", 1, 4.0, DEU, FRA, None, "2024-03-20",
         1, 1, 1, date(2024, 3, 21), "e7", "Paris agit."),
        (cluster_id("11", DEU, FRA, "", "2024-03-20"), "11", "111", 3, -2.0, DEU, FRA, None, "2024-03-20",
         1, 1, 1, date(2024, 3, 21), "e8", "Paris agit."),
        # e5: the lone actor sorts after '' so it lands in actor_b_id; dated by its article
        (cluster_id("19", "", FRA, UKR, "2024-03-21"), "19", "190", 4, -10.0, None, FRA, UKR, "2024-03-21",
         1, 1, 1, date(2024, 3, 21), "e5", "Paris agit."),
        # e6: month-precise, no day cluster in May: keyed by the month
        (cluster_id("04", DEU, FRA, "", "2024-05"), "04", "042", 1, 0.0, DEU, FRA, None, "2024-05",
         1, 1, 1, date(2024, 3, 21), "e6", "Paris agit."),
    ]
    # Every event is in exactly one cluster.
    assert rows(clustered, "select sum(num_mentions) from event_clusters") == [(len(CLUSTER_EVENTS),)]


def test_event_clusters_event_day_matches_its_day_key(clustered):
    # A month-precise member (dated to the 1st) must not pull a day cluster's date off its date_key.
    assert rows(clustered, "select event_day from event_clusters where date_key = '2024-03-05'") == [(date(2024, 3, 5),)]


def test_event_clusters_drop_a_cluster_whose_sentence_is_missing():
    # Edge: the representative sentence is an inner join; without the sentence row the cluster is gone.
    con = build(documents=CLUSTER_DOCS, events=CLUSTER_EVENTS[:1])
    assert rows(con, "select count(*) from event_clusters") == [(0,)]


def test_dyad_timeline_counts_clusters_per_pair_month_and_quad_class(clustered):
    got = rows(clustered, "select actor_a_id, actor_b_id, month, quad_class, events, mentions, mean_goldstein "
                          "from dyad_timeline order by month, quad_class")
    assert got == [
        # year-precise 2023 cluster: its event_day (2023-01-01) puts it in January
        (DEU, FRA, date(2023, 1, 1), 1, 1, 1, 1.0),
        # March 2024, quad 1: the 3-mention cluster (mean 2.0) and e7 (4.0): 2 events, 4 mentions,
        # the mean of the clusters' means
        (DEU, FRA, date(2024, 3, 1), 1, 2, 4, 3.0),
        # same month, quad class 3: its own row
        (DEU, FRA, date(2024, 3, 1), 3, 1, 1, -2.0),
        (DEU, FRA, date(2024, 5, 1), 1, 1, 1, 0.0),
        # e5 (no target) is not a dyad: no row
    ]


# --- mention_counts --------------------------------------------------------------------------


def test_mention_counts_per_entity_day_and_source():
    con = build(
        documents=[doc("dA", date(2024, 3, 5), "Le Monde"), doc("dF", date(2024, 3, 5), "Le Monde"), doc("dB", None, None)],
        entities=[entity(FRA, "France"), entity(DEU, "Allemagne")],
        mentions=[
            mention("m1", "dA", 0, FRA), mention("m2", "dA", 1, FRA), mention("m3", "dF", 0, FRA),
            mention("m4", "dA", 0, DEU),
            mention("m5", "dB", 0, FRA),  # undated, unnamed source: NULL day and month, source 'unknown'
            mention("m6", "dA", 0, "ghost"),  # no entity row: dropped
        ],
    )
    assert rows(con, "select entity_id, name, label, day, month, source_name, mentions, documents "
                     "from mention_counts order by entity_id, day nulls last") == [
        (DEU, "Allemagne", "LOC", date(2024, 3, 5), date(2024, 3, 1), "Le Monde", 1, 1),
        # three mentions in two documents of the same source and day
        (FRA, "France", "LOC", date(2024, 3, 5), date(2024, 3, 1), "Le Monde", 3, 2),
        (FRA, "France", "LOC", None, None, "unknown", 1, 1),
    ]


# --- entity_cooccurrence ---------------------------------------------------------------------


def test_entity_cooccurrence_counts_sentences_and_documents_once():
    con = build(
        mentions=[
            # dA s0: France twice and Germany -> one pair, counted once for the sentence
            mention("a1", "dA", 0, FRA), mention("a2", "dA", 0, DEU), mention("a3", "dA", 0, FRA),
            # dA s1: the same pair again -> 2 sentences, still 1 document
            mention("a4", "dA", 1, DEU), mention("a5", "dA", 1, FRA),
            # dA s2: France with itself -> no self-pair
            mention("a6", "dA", 2, FRA), mention("a7", "dA", 2, FRA),
            # USA outside any sentence: pairs with both at document level only
            mention("a8", "dA", None, USA),
            # dB: France and USA in different sentences -> document pair, no sentence pair
            mention("b1", "dB", 0, FRA), mention("b2", "dB", 1, USA),
        ],
    )
    assert rows(con, "select entity_a, entity_b, sentences, documents from entity_cooccurrence order by all") == [
        (DEU, FRA, 2, 1),
        (DEU, USA, 0, 1),
        (FRA, USA, 0, 2),
    ]


# --- actor_activity --------------------------------------------------------------------------


def test_actor_activity_one_row_per_entity():
    con = build(
        documents=[doc("dA", date(2024, 3, 5)), doc("dB", None, ingested=date(2024, 4, 2)), doc("dC", date(2024, 2, 1))],
        entities=[entity(FRA, "France"), entity(DEU, "Allemagne"), entity(USA, "États-Unis"), entity(UKR, "Ukraine")],
        mentions=[
            mention("m1", "dA", 0, FRA), mention("m2", "dA", 1, FRA),
            mention("m3", "dB", 0, FRA),  # undated document: seen on its ingestion day
            mention("m4", "dA", 0, DEU), mention("m5", "dC", 0, DEU),
        ],
        events=[
            event("v1", "dA", 0, "042", 1, 1.0, FRA, DEU, None, "reported"),
            event("v2", "dA", 1, "042", 1, 1.0, FRA, DEU, None, "reported"),
            event("v3", "dA", 0, "042", 1, 1.0, DEU, FRA, None, "reported"),
            event("v4", "dA", 0, "042", 1, 1.0, FRA, USA, None, "reported"),
            event("v5", "dA", 0, "010", 1, 0.0, FRA, None, None, "reported"),  # no target: a source event, no partner
            event("v6", "dA", 0, "042", 1, 1.0, USA, "country-xxx", None, "reported"),  # partner without an entity row
        ],
    )
    assert rows(con, "select entity_id, name, first_seen, last_seen, mentions, documents, events_as_source, "
                     "events_as_target, top_partners from actor_activity order by entity_id") == [
        # partners are counted in both directions: France-Germany 3 events
        (DEU, "Allemagne", date(2024, 2, 1), date(2024, 3, 5), 2, 2, 1, 2, ["France"]),
        (FRA, "France", date(2024, 3, 5), date(2024, 4, 2), 3, 2, 4, 1, ["Allemagne", "États-Unis"]),
        # an entity never mentioned nor in an event: NULL dates, zeros, no partners
        (UKR, "Ukraine", None, None, 0, 0, 0, 0, []),
        # tie at one event each: the named partner first, the unnamed one by its id
        (USA, "États-Unis", None, None, 0, 0, 1, 1, ["France", "country-xxx"]),
    ]
