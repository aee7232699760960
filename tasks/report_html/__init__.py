"""The run report as one self-contained HTML page: `queries` (warehouse -> plain data), `charts`
(plain data -> Plotly figures), `page` (-> HTML string). No Prefect here; the `report` task and
`depeche report` call `build_report` and `write_report`."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from depeche.tasks.report_html import charts, queries
from depeche.tasks.report_html.page import Figures, ReportData, render
from depeche.tasks.report_html.queries import Scope, UnknownActor, cameo_labels, resolve_scope

__all__ = ["Scope", "UnknownActor", "build_report", "cameo_labels", "collect", "draw", "resolve_scope", "write_report"]


def collect(con, scope: Scope, labels: dict[str, str], data_tests: list | None = None) -> ReportData:
    """Everything the page shows, read from the warehouse connection `con` (read only)."""
    missing = queries.missing_tables(con)
    if missing:
        raise RuntimeError(f"the warehouse lacks the tables {', '.join(missing)}: run `depeche run` to build them")
    events, events_total = queries.events(con, scope, labels)
    return ReportData(
        scope=scope, mentions=queries.mentions_over_time(con, scope), network=queries.network(con, scope),
        events=events, events_total=events_total, quotes=queries.quotes_by_speaker(con, scope),
        quality=queries.quality(con, scope), data_tests=data_tests,
    )


def draw(data: ReportData) -> Figures:
    return Figures(
        mentions=charts.mentions_figure(data.mentions, f"{data.scope.actor_name} and partners" if data.scope.actor_name else "the most mentioned actors"),
        network=charts.network_figure(data.network),
        timeline=charts.timeline_figure(data.events),
        speakers=charts.bar_figure([(name, count) for name, count, _ in data.quotes], "Who is quoted most", "quotes", "speaker"),
        chrome=charts.bar_figure([(reason.replace("_", " "), n) for reason, n in data.quality.chrome], "Web chrome removed by the cleaner, by reason", "lines or blocks removed", "reason"),
        rejects=charts.bar_figure([(reason.replace("_", " "), n) for reason, n, _ in data.quality.rejects], "Rejected files, by reason", "files", "reason"),
    )


def build_report(con, scope: Scope, labels: dict[str, str], data_tests: list | None = None, source: str = "") -> str:
    """The report page for `scope` as an HTML string."""
    data = collect(con, scope, labels, data_tests)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return render(data, draw(data), generated, source)


def write_report(html: str, path: Path) -> Path:
    """Write the page atomically (a reader never sees half a file); returns the absolute path."""
    path = Path(path).absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(html)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide the page from other readers
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
