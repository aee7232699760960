"""What a run processes, skips, replaces and reports removed, and its batches: the planning decisions alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from depeche.tasks.ingest import RawFile, Rejected
from depeche.tasks.planning import batches, decide
from depeche.tasks.warehouse import KnownDocument

VERSION = {"fr": "v2", "en": "v2", None: "v2"}


def raw(path: str, content: str) -> tuple[str, RawFile]:
    sha = (content * 64)[:64]
    return path, RawFile(path=path, raw_sha256=sha, n_bytes=len(content))


def doc_id(content: str) -> str:
    return raw("x", content)[1].doc_id


def loaded(content: str, path: str, version: str = "v2", language: str = "fr") -> tuple[str, KnownDocument]:
    return doc_id(content), KnownDocument(version, language, path)


def plan(found, known=(), known_rejects=frozenset()):
    return decide(list(found), dict(known), set(known_rejects), VERSION.__getitem__)


def test_new_files_are_processed_and_loaded_ones_skipped():
    decision = plan([raw("a.txt", "a"), raw("b.txt", "b")], [loaded("a", "a.txt")])
    assert [f.path for f in decision.todo] == ["b.txt"] and decision.skipped == 1
    assert decision.removed == {} and decision.replaces == {}


def test_a_version_bump_reprocesses_exactly_the_documents_it_affects():
    decision = plan([raw("a.txt", "a"), raw("b.txt", "b")], [loaded("a", "a.txt", version="v1"), loaded("b", "b.txt", language="en")])
    assert [f.path for f in decision.todo] == ["a.txt"] and decision.skipped == 1


def test_a_file_edited_in_place_replaces_its_older_version():
    decision = plan([raw("a.txt", "a, edited")], [loaded("a", "a.txt")])
    assert [f.path for f in decision.todo] == ["a.txt"]
    assert decision.replaces == {doc_id("a, edited"): [doc_id("a")]} and decision.removed == {}


def test_a_removed_file_is_reported_not_an_unreadable_one():
    unreadable = ("c.txt", Rejected("unreadable", "permission denied"))
    decision = plan([raw("a.txt", "a"), unreadable], [loaded("a", "a.txt"), loaded("b", "b.txt"), loaded("c", "c.txt")])
    assert decision.removed == {doc_id("b"): "b.txt"}
    assert [(r.source_path, r.reason) for r in decision.rejects] == [("c.txt", "unreadable")]


def test_the_same_bytes_under_two_names_load_once():
    decision = plan([raw("a.txt", "same"), raw("copy/a.txt", "same")])
    assert [f.path for f in decision.todo] == ["a.txt"] and decision.skipped == 1


def test_a_rejection_is_recorded_once_per_path_bytes_and_reason():
    empty = ("e.txt", Rejected("too_large", "over the limit"))
    sha = ("bad" * 22)[:64]
    before = {("e.txt", None, "too_large"), ("bad.txt", sha, "binary")}
    decision = plan([empty, ("bad.txt", RawFile("bad.txt", sha, 3))], known_rejects=before)
    assert decision.rejects == [] and decision.todo == [] and decision.skipped == 1


def test_a_file_name_that_is_not_utf8_matches_its_stored_escaped_path():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    decision = plan([raw(name, "a, edited")], [loaded("a", "caf\\xe9.txt")])
    assert decision.replaces == {doc_id("a, edited"): [doc_id("a")]} and decision.removed == {}


@given(documents=st.integers(0, 400), size=st.integers(1, 120), workers=st.integers(1, 8))
def test_batches_hold_every_document_once_in_order_spread_over_the_workers(documents, size, workers):
    todo = [raw(f"{i}.txt", str(i))[1] for i in range(documents)]
    made = batches(todo, size, workers)
    assert [f for batch in made for f in batch] == todo
    assert all(1 <= len(batch) <= size for batch in made)
    assert len(made) == max(-(-documents // size), min(documents, workers))  # never more than needed
    assert max(map(len, made), default=0) - min(map(len, made), default=0) <= 1


def test_a_small_run_uses_every_worker_and_a_large_one_ends_in_even_batches():
    todo = [raw(f"{i}.txt", str(i))[1] for i in range(250)]
    assert [len(b) for b in batches(todo[:60], 100, 2)] == [30, 30]
    assert [len(b) for b in batches(todo, 100, 2)] == [84, 83, 83]
    assert [len(b) for b in batches(todo[:1], 100, 4)] == [1]
