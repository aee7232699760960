from datetime import datetime, timezone

from depeche.tasks.data_tests import Outcome
from depeche.tasks.report import RunHighlights, stage_rows, summary_markdown
from depeche.tasks.steps import RunTotals


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


def test_values_reaching_the_markdown_artifact_are_escaped():
    from depeche.tasks.report import md_escape

    assert md_escape("a|b `c` *d* _e_ [f](g) <h> # ! ~ & \\") == "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\]\\(g\\) \\<h\\> \\# \\! \\~ \\& \\\\"
    assert md_escape("- x") == "\\- x" and md_escape("12. x") == "12\\. x" and md_escape("line\nbreak") == "line break"
    assert md_escape("raw/2026-01-01 a.b.txt") == "raw/2026-01-01 a.b.txt"  # ordinary paths stay readable
    assert len(md_escape("x" * 500)) == 200

    totals = _totals()
    totals.removed_paths = ["raw/[x](http://evil).txt", "raw/<img src=x>.txt"]
    totals.data_tests = [Outcome("bad`name|x", 1)]
    totals.run_id = "r`1"
    highlights = RunHighlights(
        top_actors=[("**Wang** <b>Yi</b>", "PER", 1, 1)], top_events=[("042", "_A_", "B|C", 1)],
        rejects=[("too|big", 1, "raw/a_b.txt: `rm -rf` [link](x)")],
    )
    markdown = summary_markdown(totals, highlights, "failed")
    assert markdown.startswith("# Dépêche run r\\`1: failed")
    assert "| bad\\`name\\|x | 1 |" in markdown
    assert "| too\\|big | 1 | raw/a\\_b.txt: \\`rm -rf\\` \\[link\\]\\(x\\) |" in markdown
    assert "- raw/\\[x\\]\\(http://evil\\).txt" in markdown and "- raw/\\<img src=x\\>.txt" in markdown
    assert "| \\*\\*Wang\\*\\* \\<b\\>Yi\\</b\\> | PER | 1 | 1 |" in markdown
    assert "| 042 | \\_A\\_ | B\\|C | 1 |" in markdown
    columns = None
    for line in markdown.splitlines():  # no cell spills into an extra column: as many pipes as the header
        if not line.startswith("|"):
            columns = None
        elif columns is None:
            columns = line.count("|")
        else:
            assert line.replace("\\|", "").count("|") == columns, line


def test_summary_names_cameo_codes_in_words_and_links_the_report(tmp_path):
    highlights = RunHighlights(top_events=[("042", "Wang Yi", "Russia", 2), ("999", "A", "B", 1)])
    report = tmp_path / "wh (copy)" / "report" / "index.html"
    markdown = summary_markdown(_totals(), highlights, "completed", report_path=report, labels={"042": "Make a visit"})
    assert "| 042 Make a visit | Wang Yi | Russia | 2 |" in markdown and "| 999 | A | B | 1 |" in markdown
    link = f"({report.as_uri()})"
    assert link in markdown and "%20%28copy%29" in link  # spaces and brackets cannot break the link
    assert "The report, with charts" not in summary_markdown(_totals(), RunHighlights(), "completed")  # none was written


def test_stage_rows_count_data_tests_in_numbers():
    stages = {row["stage"]: row for row in stage_rows(_totals())}
    assert stages["data tests"]["produced"] == "1 passed, 1 failed"
