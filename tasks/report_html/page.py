"""The report page: one self-contained HTML string (Plotly's JavaScript embedded once, no network).
Every value from the warehouse goes through `html.escape`."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from depeche.tasks.report_html.charts import QUAD_CLASSES, QUAD_COLOURS
from depeche.tasks.report_html.queries import Event, MentionSeries, Network, Quality, Scope

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1180px;padding:1.5rem;color:#222}
h1{margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:2px solid #e5e5e5;padding-bottom:.3rem}
.note{color:#555} .empty{background:#fff8e1;border-left:4px solid #f4a261;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.8rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6} td.n{text-align:right} .chip{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em}
.figures{display:grid;grid-template-columns:1fr;gap:1rem} blockquote{margin:.3rem 0 .6rem 1rem;color:#333}
.pass{color:#2a7d2a} .fail{color:#b00020;font-weight:bold}
"""


@dataclass
class ReportData:
    scope: Scope
    mentions: MentionSeries
    network: Network
    events: list[Event]  # the MAX_EVENTS most reported
    quotes: list[tuple[str, int, list[tuple[str, str]]]]
    quality: Quality
    data_tests: list | None  # data_tests.Outcome, or None when they were not run
    events_total: int = 0  # events in the scope, shown or not


@dataclass
class Figures:
    mentions: go.Figure | None
    network: go.Figure | None
    timeline: go.Figure | None
    speakers: go.Figure | None
    chrome: go.Figure | None
    rejects: go.Figure | None


def render(data: ReportData, figures: Figures, generated: str, source: str) -> str:
    """The whole page."""
    q = data.quality
    head = (f"<h1>Dépêche report</h1><p class='note'>{escape(source)} · generated {escape(generated)} · "
            f"scope: {escape(data.scope.describe())}</p>"
            f"<p><b>{q.documents}</b> article(s) · <b>{max(data.events_total, len(data.events))}</b> distinct event(s) · "
            f"<b>{sum(count for _, count, _ in data.quotes)}</b> quote(s) by the speakers below · "
            f"<b>{sum(r[1] for r in q.rejects)}</b> file(s) rejected</p>")
    if not q.documents:
        head += _empty("The warehouse holds no documents" + (" in this scope" if data.scope.since or data.scope.until or data.scope.actor_id else "")
                       + (f": every file was rejected ({sum(r[1] for r in q.rejects)} files; the reasons are under Data quality)."
                          if q.rejects and not q.documents else ". Run `depeche run` on a folder of articles to fill it."))
    body = [
        _section("mentions", "1. Mentions over time", figures.mentions, _mentions_note(data.mentions),
                 "No dated article mentions an actor in this scope, so there is nothing to draw in time."),
        _section("network", "2. The actor network", figures.network, _pairs_table(data.network),
                 "No two people or organisations are named in the same sentence in this scope."),
        _section("events", "3. Event timeline", figures.timeline, _events_table(data.events, data.events_total),
                 "No dated event in this scope." if data.events else "No event in this scope."),
        _section("quotes", "4. Quotes by speaker", figures.speakers, _quotes(data.quotes), "No quote with a known speaker in this scope."),
        _quality(data, figures),
    ]
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Dépêche report</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<style>{STYLE}</style><script type='text/javascript'>{get_plotlyjs()}</script></head>\n"
            f"<body>{head}{''.join(body)}</body></html>\n")


def _figure(figure: go.Figure, name: str) -> str:
    html = figure.to_html(full_html=False, include_plotlyjs=False, config=PLOTLY_CONFIG, div_id=f"chart-{name}")
    return f"<div class='chart' data-chart='{name}'>{html}</div>"


def _empty(sentence: str) -> str:
    return f"<p class='empty'>{escape(sentence)}</p>"


def _section(name: str, title: str, figure: go.Figure | None, extra: str, empty: str) -> str:
    drawn = _figure(figure, name) if figure is not None else _empty(empty)
    return f"<section id='{name}'><h2>{escape(title)}</h2>{drawn}{extra if figure is not None or name == 'events' else ''}</section>\n"


def _table(header: tuple[str, ...], rows: list[tuple], numeric: tuple[int, ...] = ()) -> str:
    """A table of already-escaped cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td class='n'>{c}</td>" if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _mentions_note(data: MentionSeries) -> str:
    if not data.undated_documents:
        return ""
    return f"<p class='note'>{data.undated_documents} article(s) without a publication date are not in this chart.</p>"


def _pairs_table(network: Network) -> str:
    if not network.edges:
        return ""
    names = {node[0]: node[1] for node in network.nodes}
    rows = [(escape(names.get(a, a)), escape(names.get(b, b)), n) for a, b, n in network.edges[:10]]
    return "<p class='note'>The strongest pairs:</p>" + _table(("actor", "actor", "sentences together"), rows, (2,))


def _events_table(events: list[Event], total: int) -> str:
    if not events:
        return ""
    undated = sum(not event.day for event in events)
    shown = f"the {len(events)} reported by the most articles, of {total} events" if total > len(events) else f"{len(events)} event(s)"
    note = f"<p class='note'>{shown}{f', of which {undated} without a date (in this table only)' if undated else ''}.</p>"
    rows = []
    for e in events:
        chip = f"<span class='chip' style='background:{QUAD_COLOURS.get(e.quad_class, '#999')}'></span>"
        rows.append((escape(str(e.day or e.date_key or "date unknown")),
                     f"{chip}{escape(e.label)} <span class='note'>({escape(e.cameo_code)}, {QUAD_CLASSES.get(e.quad_class, '')})</span>",
                     " and ".join(escape(n) for n in (e.actor_a, e.actor_b) if n) or "—", escape(e.place or "—"), e.articles,
                     f"<i>{escape(e.sentence)}</i>"))
    return note + _table(("date", "what happened", "actors", "place", "articles", "representative sentence"), rows, (4,))


def _quotes(speakers: list[tuple[str, int, list[tuple[str, str]]]]) -> str:
    parts = []
    for name, count, quotes in speakers:
        parts.append(f"<h3>{escape(name)} <span class='note'>({count} quote{'s' if count > 1 else ''})</span></h3>")
        parts += [f"<blockquote>« {escape(text)} »<br><span class='note'>— in <cite>{escape(title)}</cite></span></blockquote>"
                  for text, title in quotes]
    return "".join(parts)


def _quality(data: ReportData, figures: Figures) -> str:
    q = data.quality
    last = q.runs[0] if q.runs else None
    parts = [f"<p><b>{q.documents}</b> document(s) in the warehouse{' for this scope' if data.scope.actor_id or data.scope.since or data.scope.until else ''}"
             f" ({q.dated_documents} with a publication date)"
             + (f"; the last run ({escape(str(last[0]))}, {escape(str(last[1]))}) saw {last[2]} file(s): {last[3]} loaded, "
                f"{last[4]} skipped as unchanged, {last[5]} rejected." if last else "; no run recorded.") + "</p>"]
    if q.rejects:
        parts.append(_figure(figures.rejects, "rejects") if figures.rejects is not None else "")
        parts.append(_table(("reason", "files", "example"), [(escape(r), n, escape(p or "")) for r, n, p in q.rejects], (1,)))
    else:
        parts.append("<p>No file was rejected.</p>")
    parts.append(_figure(figures.chrome, "chrome") if figures.chrome is not None else "<p>The cleaner removed no web chrome in this scope.</p>")
    if q.without_model:
        listing = ", ".join(f"{n} in {escape(lang)}" for lang, n in q.without_model)
        parts.append(f"<p>Documents tagged without a language model for their language (names from the reference data, role phrases and capital letters): {listing}.</p>")
    elif q.documents:
        parts.append("<p>Every document was tagged with a language model.</p>")
    parts.append(_data_tests(data.data_tests))
    if q.runs:
        parts.append("<p class='note'>The last runs:</p>" + _table(
            ("started (UTC)", "status", "files seen", "loaded", "skipped", "rejected"), [tuple(escape(str(v)) for v in run) for run in q.runs], (2, 3, 4, 5)))
    return f"<section id='quality'><h2>5. Data quality</h2>{''.join(parts)}</section>\n"


def _data_tests(outcomes: list | None) -> str:
    if outcomes is None:
        return "<p>Data tests: not run.</p>"
    failed = [o for o in outcomes if not o.passed]
    line = f"<p>Data tests: <span class='{'fail' if failed else 'pass'}'>{len(outcomes) - len(failed)} passed, {len(failed)} failed</span>.</p>"
    if failed:
        line += _table(("failed test", "offending rows"), [(escape(o.name), o.offending_rows) for o in failed], (1,))
    return line
