"""The report's figures: plain data in, Plotly figures out (None when there is nothing to draw).
Every text that came from the warehouse is HTML-escaped before it reaches a figure (Plotly
renders a few tags in hover labels and titles)."""

from __future__ import annotations

import textwrap
import zlib
from html import escape

import networkx as nx
import plotly.graph_objects as go
import pycountry
from plotly.colors import qualitative

from depeche.tasks.report_html.queries import Event, MentionSeries, Network

QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
QUAD_COLOURS = {1: "#2a9d8f", 2: "#264653", 3: "#e9c46a", 4: "#e76f51"}
LABELS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}
COUNTRY_PALETTE = qualitative.Dark24
# The countries the news is mostly about get distinct colours; others one from COUNTRY_PALETTE.
COUNTRY_COLOURS = {"CHN": "#d62728", "RUS": "#1f77b4", "USA": "#2ca02c", "UKR": "#ff7f0e", "FRA": "#9467bd",
                   "GBR": "#8c564b", "DEU": "#e377c2", "PRK": "#17becf", "IRN": "#bcbd22", "IND": "#7f7f7f"}
NO_COUNTRY = "#b0b0b0"
LABELLED_NODES = 14  # names written beside the largest dots; the others show theirs on hover
LAYOUT_SEED = 7  # the network's layout is the same on every run
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


def _layout(figure: go.Figure, title: str, height: int = 420) -> go.Figure:
    figure.update_layout(title=dict(text=title, x=0, xanchor="left"), template="plotly_white", height=height,
                         font=FONT, margin=dict(l=60, r=20, t=60, b=50), hoverlabel=dict(align="left"))
    return figure


def _wrap(text: str | None, width: int = 80) -> str:
    """Escaped text broken into hover-label lines."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text or "", width)[:6]) or "—"


def country_name(code: str | None) -> str:
    """An ISO alpha-3 code in words, for the legend."""
    if not code:
        return "no country (international or unknown)"
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code


def country_colour(code: str | None) -> str:
    """The same colour for a country on every page (a digest of its code picks it)."""
    if not code:
        return NO_COUNTRY
    return COUNTRY_COLOURS.get(code) or COUNTRY_PALETTE[zlib.crc32(code.encode()) % len(COUNTRY_PALETTE)]


def mentions_figure(data: MentionSeries, subject: str = "the most mentioned actors") -> go.Figure | None:
    """Lines of mentions per period, one per actor."""
    if not data.series:
        return None
    figure = go.Figure()
    for name, points in data.series.items():
        figure.add_trace(go.Scatter(
            x=[start.isoformat() for start, _ in points], y=[n for _, n in points], mode="lines+markers", name=escape(name),
            hovertemplate=f"<b>{escape(name)}</b><br>{data.bucket} of %{{x}}: %{{y}} mentions<extra></extra>",
        ))
    figure.update_xaxes(title_text=f"article date ({data.bucket} starting)", type="date")
    figure.update_yaxes(title_text="mentions", rangemode="tozero")
    return _layout(figure, f"Mentions of {escape(subject)}, per {data.bucket}")


def network_figure(data: Network) -> go.Figure | None:
    """Actors as dots (size: mentions, colour: country), lines between actors named in the same sentence."""
    if not data.edges:
        return None
    graph = nx.Graph()
    graph.add_weighted_edges_from(data.edges)
    # The largest connected group only: a spring layout flings small separate groups to the edges.
    kept = max(nx.connected_components(graph), key=lambda group: (len(group), sorted(group)))
    graph = graph.subgraph(kept)
    position = nx.spring_layout(graph, weight="weight", seed=LAYOUT_SEED, k=2.5 / max(1, len(graph)) ** 0.5)
    nodes = [node for node in data.nodes if node[0] in kept]
    edges = [edge for edge in data.edges if edge[0] in kept]
    names = {node[0]: node[1] for node in nodes}
    labelled = set(sorted(names, key=lambda n: -next(node[4] for node in nodes if node[0] == n))[:LABELLED_NODES])
    figure = go.Figure()
    heaviest = max(weight for _, _, weight in edges)
    for a, b, weight in edges:
        figure.add_trace(go.Scatter(
            x=[position[a][0], position[b][0]], y=[position[a][1], position[b][1]], mode="lines", showlegend=False,
            line=dict(width=0.5 + 7 * weight / heaviest, color="rgba(120,120,120,0.45)"), hoverinfo="skip",
        ))
    figure.add_trace(go.Scatter(  # invisible midpoints: hovering a line names the pair
        x=[(position[a][0] + position[b][0]) / 2 for a, b, _ in edges],
        y=[(position[a][1] + position[b][1]) / 2 for a, b, _ in edges], mode="markers", showlegend=False,
        marker=dict(size=8, opacity=0),
        hovertext=[f"{escape(names.get(a, a))} — {escape(names.get(b, b))}: {w} sentences together" for a, b, w in edges],
        hoverinfo="text",
    ))
    most = max(node[4] for node in nodes) or 1
    countries = sorted({node[3] for node in nodes}, key=lambda code: country_name(code) if code else "~")
    for code in countries:
        members = [node for node in nodes if node[3] == code]
        figure.add_trace(go.Scatter(
            x=[position[n[0]][0] for n in members], y=[position[n[0]][1] for n in members], mode="markers+text",
            name=escape(country_name(code)), text=[escape(n[1]) if n[0] in labelled else "" for n in members], textposition="top center",
            marker=dict(size=[12 + 30 * (n[4] / most) ** 0.5 for n in members], color=country_colour(code), opacity=0.85,
                        line=dict(width=1, color="white")),
            hovertext=[f"<b>{escape(n[1])}</b> ({LABELS.get(n[2], n[2])}, {escape(country_name(code))})<br>{n[4]} mentions"
                       for n in members],
            hoverinfo="text",
        ))
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(legend_title_text="country")
    return _layout(figure, "Who is named with whom: people and organisations in the same sentence (line width: sentences)", 560)


def timeline_figure(events: list[Event]) -> go.Figure | None:
    """Dated events in time, one row per kind of event, coloured by quad class."""
    dated = [event for event in events if event.day]
    if not dated:
        return None
    figure = go.Figure()
    for quad, name in QUAD_CLASSES.items():
        members = [event for event in dated if event.quad_class == quad]
        if not members:
            continue
        figure.add_trace(go.Scatter(
            x=[e.day.isoformat() for e in members], y=[escape(e.label) for e in members], mode="markers", name=name,
            marker=dict(size=[10 + 4 * min(e.articles, 5) for e in members], color=QUAD_COLOURS[quad], opacity=0.8,
                        line=dict(width=1, color="white")),
            hovertext=[_event_hover(e) for e in members], hoverinfo="text",
        ))
    figure.update_xaxes(title_text="event date", type="date")
    figure.update_yaxes(title_text="what happened (CAMEO)", type="category", automargin=True)
    figure.update_layout(legend_title_text="kind of event")
    rows = len({e.label for e in dated})
    return _layout(figure, "Events in time (one dot per real-world event, larger when more articles report it)", 260 + 32 * rows)


def _event_hover(event: Event) -> str:
    pair = " and ".join(escape(name) for name in (event.actor_a, event.actor_b) if name) or "actors unknown"
    return (f"<b>{escape(event.label)}</b> ({event.cameo_code}, {QUAD_CLASSES.get(event.quad_class, '')})<br>"
            f"{pair}{' in ' + escape(event.place) if event.place else ''}<br>"
            f"{event.day} · {event.articles} article(s)<br><i>{_wrap(event.sentence)}</i>")


def bar_figure(rows: list[tuple[str, int]], title: str, x_title: str, y_title: str) -> go.Figure | None:
    """A horizontal bar per (name, count), largest on top."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: row[1])
    figure = go.Figure(go.Bar(x=[n for _, n in rows], y=[escape(name) for name, _ in rows], orientation="h",
                              marker_color="#457b9d", hovertemplate="%{y}: %{x}<extra></extra>"))
    figure.update_xaxes(title_text=x_title, dtick=1 if rows[-1][1] <= 10 else None)  # whole counts: no 0.2 files
    figure.update_yaxes(title_text=y_title, type="category", automargin=True)
    return _layout(figure, title, 160 + 28 * len(rows))
