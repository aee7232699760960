"""The warehouse: Arrow schemas and row records (`schemas`), every write (`store`), the writer lock
(`lock`), and the agreement of its DuckDB and Parquet copies (`integrity`)."""

from depeche.tasks.warehouse.integrity import repair, verify
from depeche.tasks.warehouse.schemas import (
    ALL_SCHEMAS, DOCUMENT_TABLES, LOADED_TABLES, PRIMARY_KEYS, RECORD_TYPES, RUNS_SCHEMA, SCHEMAS, DocumentRow, EntityRow,
    EventRow, MentionRow, QuoteRow, RejectRow, RemovedChromeRow, SentenceRow, conform, empty_table, quote_identifier,
    table_from_records, table_from_rows,
)
from depeche.tasks.warehouse.lock import run_lock
from depeche.tasks.warehouse.store import (
    REPAIR_HINT, KnownDocument, Warehouse, WarehouseBusy, WarehouseNeedsRepair, is_damage, now, one_line, read_manifest,
)

__all__ = [
    "ALL_SCHEMAS", "RECORD_TYPES", "DocumentRow", "EntityRow", "EventRow", "MentionRow", "QuoteRow", "RejectRow", "RemovedChromeRow",
    "SentenceRow", "table_from_records", "DOCUMENT_TABLES", "LOADED_TABLES", "REPAIR_HINT", "PRIMARY_KEYS", "RUNS_SCHEMA", "SCHEMAS", "KnownDocument", "Warehouse", "WarehouseBusy",
    "WarehouseNeedsRepair", "conform", "empty_table", "is_damage", "now", "one_line", "quote_identifier", "read_manifest", "repair", "run_lock", "table_from_rows", "verify",
]
