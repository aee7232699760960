"""What a run has to do, decided from what is on disk and what the warehouse holds: which files to
process, which to skip, which loaded documents a file edited in place replaces, and which lost their
file. A pure function: the `plan` task does the I/O around it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Mapping

from depeche.tasks.batch import Reject
from depeche.tasks.ingest import RawFile, Rejected, printable_path
from depeche.tasks.warehouse import KnownDocument


@dataclass
class Decision:
    todo: list[RawFile] = field(default_factory=list)
    skipped: int = 0
    rejects: list[Reject] = field(default_factory=list)
    # Documents no raw file holds any more, by doc_id, with the path they were loaded from.
    removed: dict[str, str] = field(default_factory=dict)
    # New doc_id -> older versions of the same file (edited in place), replaced when it loads.
    replaces: dict[str, list[str]] = field(default_factory=dict)


def decide(
    found: list[tuple[str, RawFile | Rejected]],
    known: Mapping[str, KnownDocument],
    known_rejects: set[tuple[str, str | None, str]],
    current_version: Callable[[str | None], str],
) -> Decision:
    """`found` is each discovered path with its hash (or why it could not be read), in discovery
    order; `known` the loaded documents; `known_rejects` the (path, sha256, reason) already recorded;
    `current_version(language)` the pipeline version a document in that language gets today.

    A file is skipped when its bytes were already seen in this run (same bytes, two names: one
    document), are loaded at the current version, or were rejected before; a rejection is recorded
    once per path, bytes and reason."""
    decision = Decision()
    versions: dict[str | None, str] = {}  # one reference digest per language and run, not per file
    rejected_files = {(path, sha) for path, sha, _ in known_rejects}
    seen: set[str] = set()
    doc_at_path: dict[str, str] = {}
    for path, outcome in found:
        name = printable_path(path)
        if isinstance(outcome, Rejected):
            if (name, None, outcome.reason) not in known_rejects:
                decision.rejects.append(Reject(path, None, outcome.reason, outcome.detail))
            continue
        doc_at_path[name] = outcome.doc_id
        loaded = known.get(outcome.doc_id)
        if loaded is not None and loaded.language not in versions:
            versions[loaded.language] = current_version(loaded.language)
        current = loaded is not None and loaded.pipeline_version == versions[loaded.language]
        if outcome.doc_id in seen or current or (name, outcome.raw_sha256) in rejected_files:
            decision.skipped += 1
            continue
        seen.add(outcome.doc_id)
        decision.todo.append(outcome)
    listed = {printable_path(path) for path, _ in found}
    present = set(doc_at_path.values())
    for doc_id, document in known.items():
        if doc_id in present:
            continue
        if document.source_path in doc_at_path:  # edited in place: the new version replaces it
            decision.replaces.setdefault(doc_at_path[document.source_path], []).append(doc_id)
        elif document.source_path not in listed:  # gone (an unreadable file is not "removed")
            decision.removed[doc_id] = document.source_path
    return decision


def batches(todo: list[RawFile], size: int, workers: int) -> list[list[RawFile]]:
    """`todo` in order, in batches of at most `size` documents and at least one per worker (when
    there are that many documents), their sizes differing by one at most: 60 new files and two
    workers make two batches of 30, not one of 60 while a worker idles, and 250 files make three
    batches of 84, 83 and 83, not a last batch of 50 that one worker runs alone."""
    count = max(math.ceil(len(todo) / size), min(len(todo), workers))
    if not count:
        return []
    share, extra = divmod(len(todo), count)
    starts = [index * share + min(index, extra) for index in range(count + 1)]
    return [todo[start:end] for start, end in zip(starts, starts[1:])]

