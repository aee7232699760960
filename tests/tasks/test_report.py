from datetime import datetime, timezone

from tasks.data_tests import Outcome
from tasks.report import RunHighlights, stage_rows, summary_markdown
from tasks.steps import RunTotals


def _totals() -> RunTotals:
    totals = RunTotals(run_id="abc", started_at=datetime(2026, 1, 1, tzinfo=timezone.utc), docs_seen=12, docs_skipped=3,
                       docs_submitted=9, docs_cleaned=8, docs_loaded=7, docs_rejected=2, docs_removed=11,
                       removed_paths=[f"raw/old-{n}.txt" for n in range(11)], seconds=4.2)
    totals.rows = {"sentences": 70, "mentions": 140, "events": 9, "quotes": 4, "removed_chrome": 30, "entities": 12}
    totals.stage_seconds = {"plan": 0.5, "clean": 1.0, "tag": 2.0, "load": 0.25, "data tests": 0.1}
    totals.model_seconds = [("mention_counts", 0.2), ("event_clusters", 0.3)]
    totals.data_tests = [Outcome("events.quad_class", 0), Outcome("mentions.in_sentence", 3)]
    return totals


def test_stage_rows_count_each_stage():
    stages = {row["stage"]: row for row in stage_rows(_totals())}
    assert (stages["discover"]["in"], stages["discover"]["skipped"], stages["discover"]["out"]) == (12, 3, 9)
    assert (stages["clean"]["in"], stages["clean"]["out"], stages["clean"]["rejected"]) == (9, 8, 1)
    assert (stages["tag"]["out"], stages["tag"]["rejected"]) == (7, 1)
    assert stages["tag"]["produced"] == "70 sentences, 140 mentions, 9 events, 4 quotes"
    assert stages["models"]["seconds"] == 0.5 and stages["data tests"]["rejected"] == 1


def test_summary_puts_failures_rejects_and_removed_files_first():
    highlights = RunHighlights(
        top_actors=[("Wang | Yi", "PER", 12, 3)], top_events=[("042", "Wang Yi", "Russie", 2)],
        rejects=[("empty", 2, "raw/a.txt: file is empty")],
    )
    markdown = summary_markdown(_totals(), highlights, "failed")
    assert markdown.startswith("# Dépêche run `abc`: failed")
    assert "**1 of 2 FAILED.**" in markdown and "| `mentions.in_sentence` | 3 |" in markdown
    assert "| `empty` | 2 | raw/a.txt: file is empty |" in markdown
    assert "- … and 1 more" in markdown and "--prune" in markdown
    assert "| Wang \\| Yi | PER | 12 | 3 |" in markdown  # a pipe in a name cannot break the table
    assert "| 042 | Wang Yi | Russie | 2 |" in markdown


def test_summary_of_an_empty_run():
    totals = RunTotals(run_id="r0", started_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    markdown = summary_markdown(totals, RunHighlights(), "completed")
    assert "Not run" in markdown and "None." in markdown and "No documents loaded in this run." in markdown
