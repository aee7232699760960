"""One batch of documents through the stages, as plain data: raw files in, Arrow tables out.

Failures are per document: a file that cannot be read, decoded, cleaned or tagged becomes a
`rejects` row with a reason and the rest of the batch goes on.
"""

from __future__ import annotations

import bisect
import hashlib
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Collection, Mapping

import pyarrow as pa

from depeche.tasks import boilerplate, events, html_page, ingest, link, nlp, segment, tag, warehouse, world_names
from depeche.tasks.gazetteer import Gazetteer, load_gazetteer
from depeche.tasks.clean import CLEANER_VERSION, CleanResult, clean_document, truncate
from depeche.tasks.faults import injected_bug
from depeche.tasks.settings import Settings

TAGGER_VERSION = "7"
# Errors of the machine (a missing file, model or memory), never of one document: they stop the run.
ENVIRONMENT_ERRORS = (OSError, ImportError, MemoryError)
# Rejects that mean a bug in a stage rather than bad input: the run loads the rest, then fails.
CODE_ERROR_REASONS = ("clean_error", "tag_error")
SPACY_BATCH_SIZE = 64


@dataclass
class PreparedDocument:
    """A decoded and cleaned document, ready for tagging."""

    doc_id: str
    raw_sha256: str
    source_path: str
    kind: str
    encoding: str
    n_bytes: int
    n_chars_raw: int
    clean: CleanResult


@dataclass
class Reject:
    source_path: str
    raw_sha256: str | None
    reason: str
    detail: str


@dataclass
class PreparedBatch:
    documents: list[PreparedDocument] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


# The tag status of a document no spaCy model read: its names come from the reference data, role
# phrases and capitals (`link.capitalised`).
WITHOUT_MODEL = "without model"
STAGE_VERSIONS = f"clean={CLEANER_VERSION};tag={TAGGER_VERSION};events={events.EVENTS_VERSION}"


def pipeline_version(settings: Settings, language: str | None) -> str:
    """Versions of every stage and of the reference data that shaped a document in `language`."""
    model = nlp.model_for_language(language, settings.spacy_models)
    return f"{STAGE_VERSIONS};model={model or 'none'};reference={reference_version(settings.reference_dir, settings.gazetteer_path)}"


def reference_version(reference_dir: Path, extra_file: Path | None) -> str:
    """A digest of every reference file (entities, roles, trigger lexicon, CAMEO codebook) and the
    user's entity file: editing any of them re-processes the documents, and a run that only skips
    documents never has to parse them. Also the cache key of the parsed reference data, so a
    long-lived process reads an edited file again."""
    files = sorted(reference_dir.glob("*.csv")) + ([extra_file] if extra_file else [])
    return _digest(tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files), world_names.data_version())


@lru_cache(maxsize=16)
def _digest(signature: tuple[tuple[str, int, int], ...], packages: str) -> str:
    """The files' names and bytes, and the versions of the packages the country and city names come from."""
    digest = hashlib.sha256(packages.encode("utf-8"))
    for path, _, _ in signature:
        digest.update(Path(path).name.encode("utf-8") + b"\0" + Path(path).read_bytes())
    return digest.hexdigest()[:12]


# A page that makes the cleaner import and initialise its libraries (HTML extraction, dates, language).
_WARM_UP_PAGE = (
    "<html lang='fr'><head><title>Essai</title><meta property='article:published_time' content='2024-03-05'></head>"
    "<body><article><p>Le président s'est rendu à Paris le 5 mars 2024 pour un entretien avec son homologue.</p></article></body></html>"
)


def warm_up(settings: Settings) -> None:
    """Load the models, reference data and cleaning libraries a batch needs: a worker process does
    this once, before its first batch, so that no batch pays for it."""
    for model_name in settings.spacy_models.values():
        nlp.load_model(model_name)  # tagging and parsing are two views of it
    gazetteer_for(settings)
    events.load_lexicon(settings.reference_dir, reference_version(settings.reference_dir, settings.gazetteer_path))
    clean_document(_WARM_UP_PAGE, "html")


def prepare_batch(files: list[ingest.RawFile], settings: Settings, known_boilerplate: Mapping[str, Collection[str]] | None = None) -> PreparedBatch:
    """Read, decode and clean each file, then drop the lines its source repeats across pages
    (`known_boilerplate`: what the warehouse learned, by source); collect rejects instead of raising."""
    batch = PreparedBatch()
    for raw in files:
        try:
            decoded = ingest.read_document(raw, settings.max_file_bytes)
            text = decoded.text
            injected_bug("clean", text[:2000])
            if decoded.kind == "html" and len(text) > settings.max_html_chars:
                text = html_page.without_scripts(text)
                if len(text) > settings.max_html_chars:
                    raise ingest.Rejected("too_large", (
                        f"{len(text):,} characters of HTML without scripts, styles and comments exceed the limit of "
                        f"{settings.max_html_chars:,} (max_html_chars)"
                    ))
            cleaned = truncate(clean_document(text, decoded.kind), settings.max_clean_chars)
        except ingest.Rejected as rejected:
            batch.rejects.append(Reject(raw.path, raw.raw_sha256, rejected.reason, rejected.detail))
            continue
        except ENVIRONMENT_ERRORS:
            raise  # the machine's fault, not the file's: the run stops with one clear line
        except Exception as error:  # a bug on one odd file must not cost the rest of the batch
            batch.rejects.append(Reject(raw.path, raw.raw_sha256, "clean_error", _describe(error)))
            continue
        if not cleaned.has_article:
            left = "nothing left" if not cleaned.clean_text.strip() else "no line of running text left"
            batch.rejects.append(
                Reject(raw.path, raw.raw_sha256, "no_article_text", f"{left} after cleaning ({len(cleaned.removed)} chrome blocks removed)")
            )
            continue
        batch.documents.append(
            PreparedDocument(
                doc_id=decoded.doc_id, raw_sha256=decoded.raw_sha256, source_path=decoded.path, kind=decoded.kind,
                encoding=decoded.encoding, n_bytes=decoded.n_bytes, n_chars_raw=len(decoded.text), clean=cleaned,
            )
        )
    _drop_cross_page_boilerplate(batch, known_boilerplate or {})
    return batch


def _drop_cross_page_boilerplate(batch: PreparedBatch, known: Mapping[str, Collection[str]]) -> None:
    pages = [boilerplate.page_of(doc.clean) for doc in batch.documents]
    kept = []
    for doc, drop in zip(batch.documents, boilerplate.repeated_lines(pages, known)):
        if drop and not boilerplate.remove(doc.clean, drop):
            batch.rejects.append(Reject(doc.source_path, doc.raw_sha256, "no_article_text", (
                f"nothing but lines its source repeats on other pages left after cleaning ({len(doc.clean.removed)} chrome blocks removed)"
            )))
            continue
        kept.append(doc)
    batch.documents = kept


def analyse_batch(batch: PreparedBatch, settings: Settings, run_id: str) -> dict[str, pa.Table]:
    """Segment and tag the batch's documents; return one Arrow table per warehouse table."""
    rows: dict[str, list] = defaultdict(list)
    rejects = list(batch.rejects)
    by_model: dict[str | None, list[PreparedDocument]] = defaultdict(list)
    for doc in batch.documents:
        by_model[nlp.model_for_language(doc.clean.language, settings.spacy_models)].append(doc)
    ingested_at = warehouse.now()
    for model_name, docs in by_model.items():
        for doc, paragraph_docs in _parse(docs, model_name, rejects):
            try:
                doc_rows = document_rows(doc, paragraph_docs, model_name, settings, run_id, ingested_at)
            except ENVIRONMENT_ERRORS:
                raise
            except Exception as error:
                rejects.append(Reject(doc.source_path, doc.raw_sha256, "tag_error", _describe(error)))
                continue
            for name, table_rows in doc_rows.items():
                rows[name].extend(table_rows)
    tables = {name: warehouse.table_from_records(name, rows.get(name, [])) for name in warehouse.LOADED_TABLES}
    tables["rejects"] = rejects_table(rejects, run_id, ingested_at)
    return tables


@dataclass
class ProcessedBatch:
    """A batch's Arrow tables, with the seconds each stage took and how many documents came through cleaning."""

    tables: dict[str, pa.Table]
    seconds: dict[str, float]
    cleaned: int


def process_batch(files: list[ingest.RawFile], settings: Settings, run_id: str,
                  known_boilerplate: Mapping[str, Collection[str]] | None = None) -> ProcessedBatch:
    """Clean, then segment, tag and code one batch: the work of one worker task."""
    clock = time.perf_counter()
    prepared = prepare_batch(files, settings, known_boilerplate)
    cleaned = time.perf_counter()
    tables = analyse_batch(prepared, settings, run_id)
    return ProcessedBatch(tables, {"clean": cleaned - clock, "tag": time.perf_counter() - cleaned}, len(prepared.documents))


def rejects_table(rejects: list[Reject], run_id: str, rejected_at) -> pa.Table:
    """The `rejects` rows of one run."""
    return warehouse.table_from_records("rejects", [
        warehouse.RejectRow(run_id=run_id, source_path=ingest.printable_path(r.source_path), raw_sha256=r.raw_sha256,
                            reason=r.reason, detail=ingest.printable_path(r.detail), rejected_at=rejected_at)
        for r in rejects
    ])


def _parse(docs: list[PreparedDocument], model_name: str | None, rejects: list[Reject]):
    """(document, [(paragraph span, spaCy doc)]) for each document that spaCy could process."""
    pipeline = nlp.load_tagger(model_name) if model_name else nlp.load_sentencizer()
    spans = [segment.paragraph_spans(doc.clean.clean_text) for doc in docs]
    texts = [doc.clean.clean_text[s.start : s.end] for doc, doc_spans in zip(docs, spans) for s in doc_spans]
    try:
        parsed = iter(list(pipeline.pipe(texts, batch_size=SPACY_BATCH_SIZE)))
    except Exception:
        parsed = None  # retry document by document below so one bad text cannot sink the batch
    for doc, doc_spans in zip(docs, spans):
        if parsed is not None:
            yield doc, [(span, next(parsed)) for span in doc_spans]
            continue
        try:
            yield doc, [(span, pipeline(doc.clean.clean_text[span.start : span.end])) for span in doc_spans]
        except ENVIRONMENT_ERRORS:
            raise
        except Exception as error:
            rejects.append(Reject(doc.source_path, doc.raw_sha256, "tag_error", _describe(error)))


def document_rows(doc: PreparedDocument, paragraph_docs, model_name, settings: Settings, run_id: str, ingested_at) -> dict[str, list]:
    """All warehouse rows of one document, as records of each table's type."""
    text = doc.clean.clean_text
    sentences: list[warehouse.SentenceRow] = []
    ner_spans: list[tuple[int, int, str]] = []
    bounds: list[segment.Sentence] = []
    for paragraph_id, (span, spacy_doc) in enumerate(paragraph_docs):
        for sentence in segment.sentence_spans(span, spacy_doc, text):
            sentence_id = len(sentences)
            sentences.append(warehouse.SentenceRow(
                doc_id=doc.doc_id, sentence_id=sentence_id, paragraph_id=paragraph_id,
                start_char=sentence.start, end_char=sentence.end, text=text[sentence.start : sentence.end],
            ))
            bounds.append(segment.Sentence(sentence.start, sentence.end, sentence_id))
        if model_name:
            ner_spans.extend(tag.ner_mentions(span.start, spacy_doc, text[span.start : span.end]))
    mentions, entities = link.link_document(
        text, ner_spans if model_name else None, bounds, gazetteer_for(settings), doc.clean.published_at, doc.clean.language,
        source_country=world_names.country_of_url(doc.clean.url) or world_names.country_of_page_chrome(_header_chrome(doc.clean)),
    )
    sentence_starts = [sentence.start for sentence in bounds]
    event_rows, quote_rows = _events_and_quotes(doc, text, bounds, mentions, entities, model_name, settings)
    entities = entities + _actor_entities(event_rows, quote_rows, entities, settings)
    mention_rows = []
    for number, mention in enumerate(mentions):
        sentence_id = _sentence_of(mention.start, sentence_starts, bounds)
        mention_rows.append(warehouse.MentionRow(
            mention_id=f"{doc.doc_id}-m{number:05d}", doc_id=doc.doc_id, sentence_id=sentence_id,
            start_char=mention.start, end_char=mention.end, surface=mention.surface, label=mention.label,
            entity_id=mention.entity_id, method=mention.method,
        ))
    if model_name:
        tag_status = "tagged"
    elif doc.clean.language:
        tag_status = f"{WITHOUT_MODEL}: no spaCy model installed for language '{doc.clean.language}'"
    else:
        tag_status = f"{WITHOUT_MODEL}: language not detected"
    if doc.clean.truncated_from is not None:
        tag_status += f"; truncated: {doc.clean.truncated_from:,} -> {len(text):,} characters (max_clean_chars)"
    clean = doc.clean
    document = warehouse.DocumentRow(
        doc_id=doc.doc_id, raw_sha256=doc.raw_sha256, source_path=ingest.printable_path(doc.source_path),
        source_name=clean.source_name, url=clean.url, title=clean.title, language=clean.language,
        published_at=clean.published_at, published_precision=clean.published_precision, published_source=clean.published_source,
        clean_text=text, n_chars_raw=doc.n_chars_raw, n_chars_clean=len(text), n_bytes=doc.n_bytes,
        encoding=doc.encoding, content_type=doc.kind, tag_model=nlp.model_version(model_name),
        tag_status=tag_status, pipeline_version=pipeline_version(settings, clean.language),
        ingested_at=ingested_at, run_id=run_id,
    )
    return {
        "documents": [document],
        "removed_chrome": [
            warehouse.RemovedChromeRow(doc_id=doc.doc_id, position=block.position, text=block.text, reason=block.reason)
            for block in _unique_removed(clean.removed)
        ],
        "sentences": sentences,
        "mentions": mention_rows,
        "events": event_rows,
        "quotes": quote_rows,
        "entities": [
            warehouse.EntityRow(entity_id=e.entity_id, name=e.name, label=e.label, country_code=e.country_code,
                                kb_id=e.kb_id, actor_code=e.actor_code)
            for e in entities
        ],
    }


def _events_and_quotes(doc: PreparedDocument, text: str, sentences: list[segment.Sentence], mentions, entities, model_name, settings: Settings):
    """Rows of the events and quotes tables; sentences are parsed only when they hold a trigger."""
    by_id = {e.entity_id: e for e in entities}
    # A name only its capitals found, which no reference entry or nationality placed, is too
    # uncertain an actor ("the House", a product): events and quotes are coded without it.
    refs = [
        events.MentionRef(m.start, m.end, m.entity_id, m.label, by_id[m.entity_id].country_code, by_id[m.entity_id].actor_code)
        for m in mentions
        if m.method != link.CAPITALISED or by_id[m.entity_id].country_code
    ]
    lexicon = events.load_lexicon(settings.reference_dir, reference_version(settings.reference_dir, settings.gazetteer_path))
    # The headline restates the body in a grammar of its own: events and quotes come from the body.
    body_start = len(doc.clean.title) if doc.clean.title and text.startswith(doc.clean.title) else 0
    candidates = [c for c in events.candidate_sentences(sentences, text, lexicon, doc.clean.language) if c.start >= body_start]
    parser = nlp.load_parser(model_name) if model_name and candidates else None
    parsed = list(parser.pipe([text[c.start : c.end] for c in candidates])) if parser else [None] * len(candidates)
    quotes = [q for q in events.find_quotes(text, sentences, refs) if q.start_char >= body_start]
    statements = events.find_statements(text, sentences, refs, quotes)
    coded = events.code_events(text, candidates, parsed, refs, doc.clean.published_at, doc.clean.language, lexicon, statements, sentences)
    event_rows = [
        warehouse.EventRow(
            event_id=f"{doc.doc_id}-e{n:04d}", doc_id=doc.doc_id, sentence_id=e.sentence_id, cameo_code=e.cameo_code,
            quad_class=e.quad_class, goldstein=e.goldstein, actor1_id=e.actor1_id, actor2_id=e.actor2_id,
            location_id=e.location_id, event_date=e.event_date, date_precision=e.date_precision,
            trigger=e.trigger, confidence=e.confidence,
        )
        for n, e in enumerate(coded)
    ]
    # A speaker acts as events' actors do: « Pékin a qualifié … » is China's government speaking, and so
    # is a Chinese official the gazetteer lacks.
    acting_as = {r.entity_id: r.actor_id for r in refs}
    quote_rows = [
        warehouse.QuoteRow(quote_id=f"{doc.doc_id}-q{n:04d}", doc_id=doc.doc_id, sentence_id=q.sentence_id, speaker_id=acting_as.get(q.speaker_id, q.speaker_id),
                           text=q.text, start_char=q.start_char, end_char=q.end_char)
        for n, q in enumerate(quotes)
    ]
    return event_rows, quote_rows


def _actor_entities(event_rows: list, quote_rows: list, entities, settings: Settings) -> list:
    """Countries that events and quotes name as actors and speakers (a capital standing for its
    country) without a mention of their own: their entity rows, so every id has a parent row."""
    known = {e.entity_id for e in entities}
    gazetteer = gazetteer_for(settings)
    needed = {actor for row in event_rows for actor in (row.actor1_id, row.actor2_id, row.location_id) if actor}
    needed = (needed | {row.speaker_id for row in quote_rows if row.speaker_id}) - known
    rows = []
    for entity_id in sorted(needed):
        if entity_id in gazetteer.entities:
            rows.append(gazetteer.entities[entity_id])
    return rows


def _unique_removed(blocks):
    seen = set()
    for block in blocks:
        key = (block.position, block.reason)
        if key not in seen:
            seen.add(key)
            yield block


def _header_chrome(clean) -> list[str]:
    """The lines the cleaner removed above the first line it kept: the page's header."""
    first_kept = min((position for position in clean.kept_positions if position >= 0), default=None)
    return [block.text for block in clean.removed if first_kept is None or block.position < first_kept]


def _sentence_of(offset: int, starts: list[int], sentences: list[segment.Sentence]) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index].sentence_id
    return None


def gazetteer_for(settings: Settings) -> Gazetteer:
    return load_gazetteer(settings.reference_dir, settings.gazetteer_path, reference_version(settings.reference_dir, settings.gazetteer_path))


def _describe(error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return f"{type(error).__name__}: {error}{location}"[:2000]
