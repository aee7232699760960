"""The report's data: read-only queries on the warehouse returning plain dataclasses, narrowed by
an optional date range (article date, event date) and actor. No figure or HTML here."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TOP_ACTORS = 6  # lines in the mentions chart: more become unreadable
NETWORK_NODES = 30
PARTNERS = 10  # an actor's partners kept by --actor: the entities most often in its sentences
TOP_SPEAKERS = 8
MAX_EVENTS = 300  # on the timeline and in its table: the events most articles report
QUOTES_PER_SPEAKER = 3
ACTOR_LABELS = ("PER", "ORG")  # people and organisations: the actors of the charts
REQUIRED_TABLES = ("documents", "mentions", "entities", "quotes", "rejects", "runs", "removed_chrome",
                   "mention_counts", "entity_cooccurrence", "event_clusters")


class UnknownActor(ValueError):
    """--actor names no entity of the warehouse."""


@dataclass(frozen=True)
class Scope:
    """What the report covers: dates inclusive (None: open), and one actor with its partners."""

    since: date | None = None
    until: date | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    partner_ids: tuple[str, ...] = ()

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return (self.actor_id, *self.partner_ids) if self.actor_id else ()

    def describe(self) -> str:
        parts = []
        if self.actor_name:
            parts.append(f"actor {self.actor_name} and its {len(self.partner_ids)} most frequent partners")
        if self.since or self.until:
            parts.append(f"dates {self.since or '…'} to {self.until or '…'}")
        return "; ".join(parts) or "the whole warehouse"


@dataclass
class MentionSeries:
    bucket: str  # "day", "week" or "month"
    series: dict[str, list[tuple[date, int]]] = field(default_factory=dict)  # actor name -> (period start, mentions)
    undated_documents: int = 0


@dataclass
class Network:
    nodes: list[tuple[str, str, str, str | None, int]] = field(default_factory=list)  # id, name, label, country, mentions
    edges: list[tuple[str, str, int]] = field(default_factory=list)  # id a, id b, sentences together


@dataclass
class Event:
    day: date | None
    date_key: str | None
    cameo_code: str
    label: str
    quad_class: int
    actor_a: str | None
    actor_b: str | None
    place: str | None
    articles: int
    sentence: str


@dataclass
class Quality:
    documents: int = 0
    dated_documents: int = 0
    runs: list[tuple] = field(default_factory=list)  # started_at, status, seen, loaded, skipped, rejected
    rejects: list[tuple[str, int, str]] = field(default_factory=list)  # reason, files, example path
    chrome: list[tuple[str, int]] = field(default_factory=list)  # reason, lines removed
    without_model: list[tuple[str, int]] = field(default_factory=list)  # language, documents tagged without a spaCy model


def cameo_labels(reference_dir: Path) -> dict[str, str]:
    """CAMEO code -> its name in words, from the codebook `cameo_codes.csv`."""
    with open(Path(reference_dir) / "cameo_codes.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def missing_tables(con) -> list[str]:
    """Tables the report reads that `con` lacks, once empty stand-ins are registered for loaded
    tables without a file (the Parquet fallback shows only tables that have rows)."""
    from depeche.tasks.warehouse import RUNS_SCHEMA, SCHEMAS

    present = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
    schemas = {**SCHEMAS, "runs": RUNS_SCHEMA}
    for name in REQUIRED_TABLES:
        if name not in present and name in schemas:
            con.register(name, schemas[name].empty_table())
            present.add(name)
    return [name for name in REQUIRED_TABLES if name not in present]


def resolve_scope(con, since: date | None = None, until: date | None = None, actor: str | None = None) -> Scope:
    """The scope of a report; an actor is matched on its canonical name, else on a surface form
    it was mentioned by (an alias), case-insensitively. Raises UnknownActor."""
    if not actor:
        return Scope(since, until)
    found = con.execute("select entity_id, name from entities where lower(name) = lower(?) order by entity_id limit 1", [actor]).fetchone()
    if found is None:
        found = con.execute(
            """select e.entity_id, e.name from mentions m join entities e using (entity_id)
               where lower(m.surface) = lower(?) group by all order by count(*) desc, e.entity_id limit 1""",
            [actor],
        ).fetchone()
    if found is None:
        raise UnknownActor(f"--actor {actor!r}: no entity of the warehouse has this name or alias")
    partners = con.execute(
        """select case when entity_a = ? then entity_b else entity_a end as partner
           from entity_cooccurrence where ? in (entity_a, entity_b) and sentences > 0
           order by sentences desc, documents desc, partner limit ?""",
        [found[0], found[0], PARTNERS],
    ).fetchall()
    return Scope(since, until, found[0], found[1], tuple(p for (p,) in partners))


def _dates(column: str, scope: Scope) -> tuple[str, list]:
    """SQL condition and parameters keeping `column` inside the scope's dates (NULL dates out when bounded)."""
    conditions, params = ["true"], []
    if scope.since:
        conditions.append(f"{column} >= ?")
        params.append(scope.since)
    if scope.until:
        conditions.append(f"{column} <= ?")
        params.append(scope.until)
    return " and ".join(conditions), params


def _documents(scope: Scope) -> tuple[str, list]:
    """SQL condition on `d` (documents) for the scope: its dates, and mentioning the actor."""
    condition, params = _dates("d.published_at", scope)
    if scope.actor_id:
        condition += " and d.doc_id in (select doc_id from mentions where entity_id = ?)"
        params.append(scope.actor_id)
    return condition, params


def bucket_for(first: date, last: date) -> str:
    """Day for up to two months of dates, week up to two years, month beyond."""
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def period_start(day: date, bucket: str) -> date:
    """The first day of the day, week (Monday) or month holding `day`."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def mentions_over_time(con, scope: Scope) -> MentionSeries:
    """Mentions per period of the most mentioned actors (or of the scope's actor and partners)."""
    condition, params = _dates("day", scope)
    if scope.actor_id:
        condition += f" and entity_id in ({', '.join('?' * len(scope.entity_ids))})"
        params += list(scope.entity_ids)
    else:
        condition += f" and label in {ACTOR_LABELS}"
    per_day = f"select entity_id, name, day, sum(mentions)::int as mentions from mention_counts where day is not null and {condition} group by all"
    first, last = con.execute(f"select min(day), max(day) from ({per_day})", params).fetchone()
    doc_condition, doc_params = _documents(scope)
    undated = con.execute(f"select count(*) from documents d where d.published_at is null and {doc_condition}", doc_params).fetchone()[0]
    if first is None:
        return MentionSeries("day", {}, undated)
    # The top actors are chosen in SQL: a large warehouse has thousands of names a day.
    rows = con.execute(
        f"""with per_day as ({per_day}),
                 top as (select entity_id, name from per_day group by all order by sum(mentions) desc, name limit ?)
            select name, day, mentions from per_day join top using (entity_id, name)
            order by (select sum(mentions) from per_day p where p.entity_id = top.entity_id and p.name = top.name) desc, name, day""",
        params + [TOP_ACTORS],
    ).fetchall()
    bucket = bucket_for(first, last)
    series: dict[str, dict[date, int]] = {}
    for name, day, mentions in rows:
        points = series.setdefault(name, {})
        start = period_start(day, bucket)
        points[start] = points.get(start, 0) + mentions
    return MentionSeries(bucket, {name: sorted(points.items()) for name, points in series.items()}, undated)


def network(con, scope: Scope) -> Network:
    """People and organisations mentioned in the same sentence, weighted by how many sentences
    (the `entity_cooccurrence` model; recounted on the scope's articles when dates are given)."""
    if scope.since or scope.until:
        condition, params = _documents(scope)
        pairs_sql = f"""
            with s as (select distinct m.doc_id, m.sentence_id, m.entity_id from mentions m join documents d using (doc_id)
                       where m.sentence_id is not null and {condition})
            select a.entity_id as entity_a, b.entity_id as entity_b, count(*) as sentences
            from s a join s b on a.doc_id = b.doc_id and a.sentence_id = b.sentence_id and a.entity_id < b.entity_id
            group by all"""
    else:
        pairs_sql, params = "select entity_a, entity_b, sentences from entity_cooccurrence where sentences > 0", []
    kinds = f"label in {ACTOR_LABELS}" + (" or entity_id = ?" if scope.actor_id else "")
    # The nodes kept are chosen in SQL (a large warehouse has millions of pairs): the actor and
    # its strongest partners, or the entities with the most sentences shared with any other.
    if scope.actor_id:
        keep_sql = """select ? as entity_id union all
                      (select case when entity_a = ? then entity_b else entity_a end from edges
                       where ? in (entity_a, entity_b) order by sentences desc, 1 limit ?)"""
        keep_params = [scope.actor_id] * 3 + [NETWORK_NODES - 1]
    else:
        keep_sql = """select entity_id from (select entity_a as entity_id, sentences from edges
                                             union all select entity_b, sentences from edges)
                      group by entity_id order by sum(sentences) desc, entity_id limit ?"""
        keep_params = [NETWORK_NODES]
    edges = con.execute(
        f"""with pairs as ({pairs_sql}), actors as (select entity_id from entities where {kinds}),
                 edges as (select entity_a, entity_b, sentences::int as sentences from pairs
                           where entity_a in (select entity_id from actors) and entity_b in (select entity_id from actors)),
                 keep as ({keep_sql})
            select entity_a, entity_b, sentences from edges
            where entity_a in (select entity_id from keep) and entity_b in (select entity_id from keep)
            order by sentences desc, entity_a, entity_b""",
        params + ([scope.actor_id] if scope.actor_id else []) + keep_params,
    ).fetchall()
    if not edges:
        return Network()
    keep = {entity for a, b, _ in edges for entity in (a, b)}
    nodes = con.execute(
        f"""select e.entity_id, e.name, e.label, e.country_code, count(m.mention_id)::int
            from entities e left join mentions m using (entity_id)
            where e.entity_id in ({', '.join('?' * len(keep))}) group by all order by e.entity_id""",
        sorted(keep),
    ).fetchall()
    return Network(nodes, edges)


def events(con, scope: Scope, labels: dict[str, str]) -> tuple[list[Event], int]:
    """Deduplicated events (`event_clusters`) in the scope, dated first, with names in words: the
    MAX_EVENTS reported by the most articles, and how many there are in all."""
    condition, params = _dates("c.event_day", scope)
    if scope.actor_id:
        condition += " and ? in (c.actor_a_id, c.actor_b_id)"
        params.append(scope.actor_id)
    total = con.execute(f"select count(*) from event_clusters c where {condition}", params).fetchone()[0]
    rows = con.execute(
        f"""select c.event_day, c.date_key, c.cameo_code, c.quad_class, a.name, b.name, p.name, c.num_articles, c.representative_sentence
            from event_clusters c
            left join entities a on a.entity_id = c.actor_a_id
            left join entities b on b.entity_id = c.actor_b_id
            left join entities p on p.entity_id = c.location_id
            where {condition}
            order by c.num_articles desc, c.event_day nulls last, c.cameo_code, a.name nulls first, b.name nulls first
            limit ?""",
        params + [MAX_EVENTS],
    ).fetchall()
    rows.sort(key=lambda r: (r[0] is None, r[0] or date.min, -r[7], r[2], r[4] or "", r[5] or ""))
    return [Event(day, key, code, labels.get(code, f"CAMEO {code}"), quad, a, b, place, articles, sentence)
            for day, key, code, quad, a, b, place, articles, sentence in rows], total


def quotes_by_speaker(con, scope: Scope) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """The speakers quoted most, each with their count and first few quotes (text, article title)."""
    condition, params = _documents(scope)
    if scope.actor_id:
        condition += f" and q.speaker_id in ({', '.join('?' * len(scope.entity_ids))})"
        params += list(scope.entity_ids)
    rows = con.execute(
        f"""with q as (
                select e.name, q.text, coalesce(d.title, '(untitled)') as title, count(*) over (partition by e.name) as quotes,
                       row_number() over (partition by e.name order by d.published_at nulls last, d.doc_id, q.start_char) as k
                from quotes q join documents d using (doc_id) join entities e on e.entity_id = q.speaker_id
                where {condition})
            select name, quotes, text, title from q
            where k <= ? and name in (select name from q where k = 1 order by quotes desc, name limit ?)
            order by quotes desc, name, k""",
        params + [QUOTES_PER_SPEAKER, TOP_SPEAKERS],
    ).fetchall()
    speakers: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for name, quotes, text, title in rows:
        speakers.setdefault(name, (quotes, []))[1].append((text, title))
    return [(name, quotes, shown) for name, (quotes, shown) in speakers.items()]


def quality(con, scope: Scope) -> Quality:
    """Documents in the scope, chrome removed, gazetteer-only documents; runs and rejects (whole warehouse)."""
    condition, params = _documents(scope)
    documents, dated = con.execute(f"select count(*), count(d.published_at) from documents d where {condition}", params).fetchone()
    runs = con.execute(
        """select strftime(started_at, '%Y-%m-%d %H:%M'), status, docs_seen, docs_loaded, docs_skipped, docs_rejected
           from runs order by started_at desc limit 5"""
    ).fetchall()
    rejects = con.execute(
        "select reason, count(*)::int, min(source_path) from rejects group by reason order by 2 desc, reason"
    ).fetchall()
    chrome = con.execute(
        f"""select r.reason, count(*)::int from removed_chrome r join documents d using (doc_id)
            where {condition} group by r.reason order by 2 desc, r.reason""",
        params,
    ).fetchall()
    without_model = con.execute(
        f"""select coalesce(d.language, 'undetected'), count(*)::int from documents d
            where d.tag_status like 'without model%' and {condition} group by 1 order by 2 desc, 1""",
        params,
    ).fetchall()
    return Quality(documents, dated, runs, rejects, chrome, without_model)
