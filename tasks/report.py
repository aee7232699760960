"""What a run did, for people: per-stage counts and durations, and a markdown summary of the
run's top actors and events, its rejects and its data tests. Plain functions on plain data; the
`report` task publishes them as Prefect artifacts and the CLI prints the table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from depeche.tasks.data_tests import Outcome

TOP = 10


@dataclass
class RunHighlights:
    """What the warehouse holds about one run's documents."""

    top_actors: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, label, mentions, documents
    top_events: list[tuple[str, str, str, int]] = field(default_factory=list)  # cameo code, actor 1, actor 2, events
    rejects: list[tuple[str, int, str]] = field(default_factory=list)  # reason, files, an example path and detail


def run_highlights(con, run_id: str) -> RunHighlights:
    """Top actors and events among the documents this run loaded, and its rejects by reason."""
    actors = con.execute(
        """
        select e.name, e.label, count(*) as mentions, count(distinct m.doc_id) as documents
        from mentions m join documents d using (doc_id) join entities e using (entity_id)
        where d.run_id = ?
        group by all order by mentions desc, e.name limit ?
        """,
        [run_id, TOP],
    ).fetchall()
    events = con.execute(
        """
        select ev.cameo_code, coalesce(a1.name, '—'), coalesce(a2.name, '—'), count(*) as n
        from events ev join documents d using (doc_id)
        left join entities a1 on a1.entity_id = ev.actor1_id
        left join entities a2 on a2.entity_id = ev.actor2_id
        where d.run_id = ?
        group by all order by n desc, 1, 2, 3 limit ?
        """,
        [run_id, TOP],
    ).fetchall()
    rejects = con.execute(
        """
        select reason, count(*) as files, min(source_path || ': ' || coalesce(detail, ''))
        from rejects where run_id = ? group by reason order by files desc, reason
        """,
        [run_id],
    ).fetchall()
    return RunHighlights(actors, events, rejects)


def stage_rows(totals) -> list[dict]:
    """One row per stage: documents (or items) in and out, rejected, rows produced, seconds of work.

    Seconds are summed over the stage's task runs, which overlap when several batches are in
    flight, so they can add up to more than the run's wall time.
    """
    rows = totals.rows
    seconds = totals.stage_seconds
    return [
        {"stage": "discover", "in": totals.docs_seen, "out": totals.docs_seen - totals.docs_skipped - totals.discovery_rejected,
         "skipped": totals.docs_skipped, "rejected": totals.discovery_rejected, "produced": f"{totals.docs_removed} removed from raw, {totals.docs_pruned} pruned",
         "seconds": round(seconds.get("plan", 0.0), 3)},
        {"stage": "clean", "in": totals.docs_submitted, "out": totals.docs_cleaned, "skipped": 0,
         "rejected": totals.docs_submitted - totals.docs_cleaned, "produced": f"{rows.get('removed_chrome', 0)} chrome blocks removed",
         "seconds": round(seconds.get("clean", 0.0), 3)},
        {"stage": "tag", "in": totals.docs_cleaned, "out": totals.docs_loaded, "skipped": 0,
         "rejected": totals.docs_cleaned - totals.docs_loaded,
         "produced": f"{rows.get('sentences', 0)} sentences, {rows.get('mentions', 0)} mentions, {rows.get('events', 0)} events, {rows.get('quotes', 0)} quotes",
         "seconds": round(seconds.get("tag", 0.0), 3)},
        {"stage": "load", "in": totals.docs_loaded, "out": totals.docs_loaded, "skipped": 0, "rejected": 0,
         "produced": f"{sum(rows.values())} rows, {rows.get('entities', 0)} new entities",
         "seconds": round(seconds.get("load", 0.0), 3)},
        {"stage": "models", "in": len(totals.model_seconds), "out": len(totals.model_seconds), "skipped": 0, "rejected": 0,
         "produced": f"{len(totals.model_seconds)} models rebuilt", "seconds": round(sum(s for _, s in totals.model_seconds), 3)},
        {"stage": "data tests", "in": len(totals.data_tests), "out": sum(o.passed for o in totals.data_tests), "skipped": 0,
         "rejected": sum(not o.passed for o in totals.data_tests), "produced": f"{totals.data_tests_passed} passed, {len(totals.data_tests) - totals.data_tests_passed} failed",
         "seconds": round(seconds.get("data tests", 0.0), 3)},
    ]


def summary_markdown(totals, highlights: RunHighlights, status: str, report_path: Path | None = None,
                     labels: dict[str, str] | None = None) -> str:
    """The run's summary for the Prefect UI: outcome first, then what to look at; `labels` (CAMEO
    code -> name) puts each event's kind in words beside its code."""
    failed = [o for o in totals.data_tests if not o.passed]
    labels = labels or {}
    lines = [
        f"# Dépêche run {_code(totals.run_id)}: {md_escape(status)}",
        "",
        f"{totals.docs_seen} files seen · **{totals.docs_loaded} documents loaded** · {totals.docs_skipped} unchanged · "
        f"**{totals.docs_rejected} rejected** · {totals.docs_removed} removed from the raw directory"
        + (f" ({totals.docs_pruned} pruned from the warehouse)" if totals.docs_pruned else "")
        + f" · {totals.seconds:.1f} s",
        "",
    ]
    if report_path is not None:
        lines += [f"The report, with charts: [{md_escape(str(report_path))}]({report_path.absolute().as_uri()})", ""]
    lines += [
        "## Data tests",
        "",
        _data_tests_line(totals.data_tests, failed),
    ]
    if failed:
        lines += ["", "| failed test | offending rows |", "|---|---|"] + [f"| {_code(o.name)} | {o.offending_rows} |" for o in failed]
    lines += _section("Rejected files", ("reason", "files", "example"),
                      [(_code(reason), files, md_escape(example)) for reason, files, example in highlights.rejects], "None.")
    if totals.removed_paths:
        lines += ["", "## Files removed from the raw directory", ""]
        lines += [f"- {md_escape(path)}" for path in totals.removed_paths[:TOP]]
        if len(totals.removed_paths) > TOP:
            lines.append(f"- … and {len(totals.removed_paths) - TOP} more")
        if not totals.docs_pruned:
            lines += ["", "Their documents are kept in the warehouse; `depeche run --prune` deletes them."]
    lines += _section("Top actors of this run", ("actor", "type", "mentions", "documents"), _escaped(highlights.top_actors),
                      "No documents loaded in this run.")
    events = [(f"{code} {labels[code]}" if code in labels else code, *rest) for code, *rest in highlights.top_events]
    lines += _section("Top events of this run", ("CAMEO", "source", "target", "events"), _escaped(events),
                      "No events in this run's documents.")
    return "\n".join(lines) + "\n"


def _section(title: str, header: tuple[str, ...], rows: list[tuple], empty: str) -> list[str]:
    """A titled markdown table, or the `empty` sentence when there are no rows (values already escaped)."""
    lines = ["", f"## {title}", ""]
    if not rows:
        return lines + [empty]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(value) for value in row) + " |" for row in rows]


def _data_tests_line(outcomes: list[Outcome], failed: list[Outcome]) -> str:
    if not outcomes:
        return "Not run (the run stopped before them)."
    if not failed:
        return f"All {len(outcomes)} passed."
    return f"**{len(failed)} of {len(outcomes)} FAILED.**"


# Characters with a meaning in (GitHub-flavoured) markdown anywhere in a line; a backslash makes
# them literal, and `\|` also keeps a table cell whole.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#!|~&])")
# …and at the start of a list item: "-", "+" (a nested bullet) and "12." (a numbered list).
_LINE_START = re.compile(r"^(?:([-+])|(\d+)\.)")


def md_escape(value, limit: int = 200) -> str:
    """`value` as literal text in a markdown line or table cell: on one line, at most `limit`
    characters, every markdown-special character backslash-escaped (file paths, details and
    names come from articles and must not become links, HTML, emphasis or extra table columns)."""
    text = " ".join(str(value).splitlines())[:limit]
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", text)


def _code(value) -> str:
    """An identifier we generated (run id, test name, reject reason) as inline code, or as escaped
    text when it could break out of the code span or a table cell."""
    text = str(value)
    return f"`{text}`" if re.fullmatch(r"[\w.:/ -]+", text) else md_escape(text)


def _escaped(rows: list[tuple]) -> list[tuple]:
    return [tuple(md_escape(value) for value in row) for row in rows]
