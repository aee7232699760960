"""The event coder against the hand-made gold of the sample corpus: the issue's bars, as a guard
against regressions (the numbers themselves are printed by `bench/events_bench.py`)."""

import pytest

from bench import events_bench


@pytest.fixture(scope="module")
def totals():
    raw_dir, gold_dir, people = events_bench.SETS["sample"]
    return events_bench.quality(events_bench.Settings(raw_dir=raw_dir), gold_dir, out=lambda *args, **kwargs: None,
                                people=events_bench.read_people(people))


def test_event_precision_and_recall_meet_the_bars(totals):
    assert totals["tp"] / totals["predicted"] >= 0.8
    assert totals["tp"] / totals["gold"] >= 0.85


def test_quote_speakers_meet_the_bar(totals):
    assert totals["quotes_found"] >= 0.8 * totals["quotes_gold"]
    assert totals["speakers"] / totals["quotes_found"] >= 0.9


def test_events_in_dated_documents_are_dated_right(totals):
    assert totals["dated_dates"] / totals["dated_tp"] >= 0.9
