"""The warehouse's tables as Arrow schemas (the public contract), their keys, and the helpers that
turn rows and identifiers into what DuckDB and Parquet accept."""

from __future__ import annotations

from dataclasses import field as dataclass_field, make_dataclass

import pyarrow as pa

STR = pa.string()
INT = pa.int32()
BIG = pa.int64()
TS = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", STR), ("raw_sha256", STR), ("source_path", STR), ("source_name", STR), ("url", STR),
            ("title", STR), ("language", STR), ("published_at", pa.date32()), ("published_precision", STR),
            ("clean_text", STR), ("n_chars_raw", BIG), ("n_chars_clean", BIG), ("n_bytes", BIG),
            ("encoding", STR), ("content_type", STR), ("tag_model", STR), ("tag_status", STR),
            ("pipeline_version", STR), ("ingested_at", TS), ("run_id", STR), ("published_source", STR),
        ]
    ),
    "removed_chrome": pa.schema([("doc_id", STR), ("position", INT), ("text", STR), ("reason", STR)]),
    "sentences": pa.schema(
        [("doc_id", STR), ("sentence_id", INT), ("paragraph_id", INT), ("start_char", BIG), ("end_char", BIG), ("text", STR)]
    ),
    "entities": pa.schema(
        [("entity_id", STR), ("name", STR), ("label", STR), ("country_code", STR), ("kb_id", STR), ("actor_code", STR)]
    ),
    "mentions": pa.schema(
        [
            ("mention_id", STR), ("doc_id", STR), ("sentence_id", INT), ("start_char", BIG), ("end_char", BIG),
            ("surface", STR), ("label", STR), ("entity_id", STR), ("method", STR),
        ]
    ),
    "events": pa.schema(
        [
            ("event_id", STR), ("doc_id", STR), ("sentence_id", INT), ("cameo_code", STR), ("quad_class", INT),
            ("goldstein", pa.float64()), ("actor1_id", STR), ("actor2_id", STR), ("location_id", STR),
            ("event_date", pa.date32()), ("date_precision", STR), ("trigger", STR), ("confidence", pa.float64()),
        ]
    ),
    "quotes": pa.schema(
        [("quote_id", STR), ("doc_id", STR), ("sentence_id", INT), ("speaker_id", STR), ("text", STR),
         ("start_char", BIG), ("end_char", BIG)]
    ),
    "rejects": pa.schema(
        [("run_id", STR), ("source_path", STR), ("raw_sha256", STR), ("reason", STR), ("detail", STR), ("rejected_at", TS)]
    ),
}
RUNS_SCHEMA = pa.schema(
    [
        ("run_id", STR), ("flow_run_id", STR), ("started_at", TS), ("finished_at", TS), ("status", STR),
        ("docs_seen", BIG), ("docs_loaded", BIG), ("docs_skipped", BIG), ("docs_rejected", BIG),
        ("pipeline_version", STR), ("docs_removed", BIG), ("docs_pruned", BIG),
    ]
)
PRIMARY_KEYS = {
    "documents": ("doc_id",),
    "removed_chrome": ("doc_id", "position", "reason"),
    "sentences": ("doc_id", "sentence_id"),
    "entities": ("entity_id",),
    "mentions": ("mention_id",),
    "events": ("event_id",),
    "quotes": ("quote_id",),
    "runs": ("run_id",),
}
# Tables whose rows belong to one document: re-processing a document replaces them.
DOCUMENT_TABLES = ("documents", "removed_chrome", "sentences", "mentions", "events", "quotes")
LOADED_TABLES = tuple(SCHEMAS)
ALL_SCHEMAS = {**SCHEMAS, "runs": RUNS_SCHEMA}

DUCK_TYPES = {
    pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
    pa.date32(): "DATE", TS: "TIMESTAMPTZ",
}


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()


def table_from_rows(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table read from Parquet in `schema`'s column order and types; columns added since the file
    was written are NULL."""
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def quote_identifier(name: str) -> str:
    """`name` as a DuckDB identifier, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(name: str, schema: pa.Schema) -> str:
    columns = ", ".join(f"{quote_identifier(f.name)} {DUCK_TYPES[f.type]}" for f in schema)
    key = PRIMARY_KEYS.get(name)
    key_sql = f", PRIMARY KEY ({', '.join(map(quote_identifier, key))})" if key else ""
    return f"CREATE TABLE IF NOT EXISTS {quote_identifier(name)} ({columns}{key_sql})"


def fingerprint_sql(relation: str, columns: list[str]) -> str:
    """(row count, order-independent content hash) of `relation` over `columns` in a fixed order:
    DuckDB's and Parquet's column orders may differ."""
    listed = ", ".join(quote_identifier(c) for c in sorted(columns))
    return f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM (SELECT {listed} FROM {relation}) t"


def _record_type(table: str, name: str):
    """A frozen record with exactly the columns of `table`'s schema (all optional, NULL when absent):
    a misspelt column fails where the row is built, not at load time."""
    return make_dataclass(name, [(column, object, dataclass_field(default=None)) for column in ALL_SCHEMAS[table].names],
                          frozen=True, slots=True)


DocumentRow = _record_type("documents", "DocumentRow")
RemovedChromeRow = _record_type("removed_chrome", "RemovedChromeRow")
SentenceRow = _record_type("sentences", "SentenceRow")
EntityRow = _record_type("entities", "EntityRow")
MentionRow = _record_type("mentions", "MentionRow")
EventRow = _record_type("events", "EventRow")
QuoteRow = _record_type("quotes", "QuoteRow")
RejectRow = _record_type("rejects", "RejectRow")
RECORD_TYPES = {
    "documents": DocumentRow, "removed_chrome": RemovedChromeRow, "sentences": SentenceRow, "entities": EntityRow,
    "mentions": MentionRow, "events": EventRow, "quotes": QuoteRow, "rejects": RejectRow,
}


def table_from_records(name: str, records: list) -> pa.Table:
    """The one place rows become Arrow: records of `name`'s type, column by column, in its schema."""
    schema = SCHEMAS[name]
    expected = RECORD_TYPES[name]
    if any(type(record) is not expected for record in records):
        raise TypeError(f"{name} takes {expected.__name__} records")
    return pa.Table.from_arrays([pa.array([getattr(r, column) for r in records], type=f.type) for column, f in zip(schema.names, schema)],
                                schema=schema)
