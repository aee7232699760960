"""Event dates: the date expression of a sentence resolved against the article's publication date.

Candidate expressions are found by their shape (« le 24 février », « du 31 mars au 2 avril »,
« mercredi », « en mai », « juillet dernier », « au printemps », « le mois dernier », « l'an
dernier », « en 2022 »);
day-and-month expressions are resolved by dateparser relative to the publication date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
SEASONS = {  # first month of the season (northern hemisphere)
    "printemps": 3, "été": 6, "automne": 9, "hiver": 12,
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
}
_MONTH = "|".join(m for names in MONTHS.values() for m in names)
_WEEKDAY = "|".join(d for names in WEEKDAYS.values() for d in names)
_SEASON = "|".join(SEASONS)

PATTERNS = [
    ("range", re.compile(rf"\b(?:du|from)\s+(\d{{1,2}})(?:er)?\s*(?:({_MONTH})\s+)?(?:au|to|until)\s+(\d{{1,2}})(?:er)?\s+({_MONTH})(?:\s+(\d{{4}}))?", re.I)),
    ("day", re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH})(?:\s+(\d{{4}}))?\b", re.I)),
    ("day", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\b", re.I)),
    ("relative", re.compile(r"\b(?:le mois dernier|le mois précédent|last month|l['’]an dernier|l['’]année dernière|last year|l['’]an prochain|l['’]année prochaine|next year|le mois prochain|next month|hier|yesterday|aujourd['’]hui|today|demain|tomorrow|cette année|this year)\b", re.I)),
    ("weekday", re.compile(rf"\b({_WEEKDAY})\b", re.I)),
    ("month_relative", re.compile(rf"\b({_MONTH})\s+(dernier|prochain)\b|\b(last|next)\s+({_MONTH})\b", re.I)),
    ("month", re.compile(rf"\b(?:en|in|au mois de|début|fin|mi-|depuis|since)\s*({_MONTH})(?:\s+(\d{{4}}))?\b", re.I)),
    ("season", re.compile(rf"\b(?:au|en|à l['’]|this|next|last|in)\s*({_SEASON})(?:\s+(?:prochain|dernier))?(?:\s+(\d{{4}}))?\b", re.I)),
    ("year", re.compile(r"\b(?:en|in|depuis|since)\s+((?:19|20)\d{2})\b", re.I)),
]


@dataclass(frozen=True)
class ResolvedDate:
    value: date | None
    precision: str  # day, month, season, year, or reported
    expression: str | None


def resolve_event_date(
    sentence: str, published: date | None, language: str | None, future: bool, scope: list[tuple[int, int]] | None = None
) -> ResolvedDate:
    """The first date expression of the sentence, resolved; else the publication date ('reported').

    `future`: the event is announced, so a bare weekday or month points forward, not back.
    `scope`: the character ranges (start, end) of the sentence, in order and not overlapping,
    that belong to the event's clause (« X se rendra en Chine en septembre, tandis que Y est
    attendu en mai »: each event has its own date); None for the whole sentence. An expression
    is in scope when it starts in one of them.
    Without a publication date only expressions that carry their own year resolve.
    """
    for kind, match in _expressions(sentence, scope):
        resolved = _resolve(kind, match, published, language or "fr", future)
        if resolved is not None:
            return ResolvedDate(resolved[0], resolved[1], match.group(0))
    return ResolvedDate(published, "reported", None)


def date_expression(sentence: str, scope: list[tuple[int, int]] | None = None) -> str | None:
    """The first date expression of the sentence (in scope) as written, resolvable or not."""
    return next((match.group(0) for _, match in _expressions(sentence, scope)), None)


def _expressions(sentence: str, scope: list[tuple[int, int]] | None):
    """The first expression in scope of each kind, in the order of PATTERNS."""
    for (kind, _), (matches, starts) in zip(PATTERNS, _all_expressions(sentence)):
        match = _first_in_scope(matches, starts, scope)
        if match is not None:
            yield kind, match


def _first_in_scope(matches: tuple[re.Match, ...], starts: list[int], scope: list[tuple[int, int]] | None) -> re.Match | None:
    """The first match starting inside a range of `scope`, by bisection from whichever side is
    shorter: a long sentence holds thousands of dates and clauses, and trying each match against
    each range was quadratic."""
    if not matches or scope is None:
        return matches[0] if matches else None
    if len(matches) <= len(scope):
        ends = [end for _, end in scope]
        for match in matches:
            index = bisect.bisect_right(ends, match.start())  # the first range ending after the match's start
            if index < len(scope) and scope[index][0] <= match.start():
                return match
        return None
    for low, high in scope:
        index = bisect.bisect_left(starts, low)  # the first match starting in the range, if any
        if index < len(starts) and starts[index] < high:
            return matches[index]
    return None


@lru_cache(maxsize=64)
def _all_expressions(sentence: str) -> tuple[tuple[tuple[re.Match, ...], list[int]], ...]:
    # Cached: every event of a sentence, and each clause tried for it, looks at the same matches.
    found = [tuple(pattern.finditer(sentence)) for _, pattern in PATTERNS]
    return tuple((matches, [m.start() for m in matches]) for matches in found)


def _resolve(kind: str, match: re.Match, published: date | None, language: str, future: bool) -> tuple[date, str] | None:
    text = match.group(0).lower()
    if kind == "year":
        return date(int(match.group(1)), 1, 1), "year"
    if kind in ("range", "day"):
        groups = [g for g in match.groups() if g]
        has_year = any(g.isdigit() and len(g) == 4 for g in groups)
        if published is None and not has_year:
            return None
        if kind == "range":
            day, month = match.group(1), match.group(2) or match.group(4)
            text = f"{day} {month} {match.group(5) or ''}".strip()
        return _dateparser(text, published, language, future)
    if published is None:
        return None
    if kind == "relative":
        return _relative(text, published)
    if kind == "weekday":
        names = WEEKDAYS["fr"] + WEEKDAYS["en"]
        target = names.index(match.group(1).lower()) % 7
        delta = (target - published.weekday()) % 7 if future else -((published.weekday() - target) % 7)
        return published + timedelta(days=delta), "day"
    if kind == "month_relative":  # « juillet dernier », « septembre prochain »
        month = _month_number(match.group(1) or match.group(4))
        ahead = (match.group(2) or match.group(3)).lower() in ("prochain", "next")
        return date(_nearest_year(published, month, ahead, strictly=True), month, 1), "month"
    if kind == "month":
        month = _month_number(match.group(1))
        year = int(match.group(2)) if match.group(2) else _nearest_year(published, month, future)
        return date(year, month, 1), "month"
    if kind == "season":
        month = SEASONS[match.group(1).lower()]
        year = int(match.group(2)) if match.group(2) else published.year
        if "prochain" in text or "next" in text:
            year = published.year + (1 if month <= published.month else 0)
        elif "dernier" in text or "last" in text:
            year = published.year - (1 if month >= published.month else 0)
        return date(year, month, 1), "season"
    return None


def _relative(text: str, published: date) -> tuple[date, str] | None:
    first = published.replace(day=1)
    if "mois dernier" in text or "mois précédent" in text or "last month" in text:
        return (first - timedelta(days=1)).replace(day=1), "month"
    if "mois prochain" in text or "next month" in text:
        return (first + timedelta(days=32)).replace(day=1), "month"
    if "dernier" in text or "dernière" in text or "last year" in text:
        return date(published.year - 1, 1, 1), "year"
    if "prochain" in text or "next year" in text:
        return date(published.year + 1, 1, 1), "year"
    if "hier" in text or "yesterday" in text:
        return published - timedelta(days=1), "day"
    if "demain" in text or "tomorrow" in text:
        return published + timedelta(days=1), "day"
    if "aujourd" in text or "today" in text:
        return published, "day"
    if "cette année" in text or "this year" in text:
        return date(published.year, 1, 1), "year"
    return None


def _month_number(name: str) -> int:
    name = name.lower()
    for names in MONTHS.values():
        if name in names:
            return names.index(name) + 1
    raise ValueError(name)


def _nearest_year(published: date, month: int, future: bool, strictly: bool = False) -> int:
    """The year of the nearest such month ahead (or back); `strictly`: not the publication month
    itself (« juillet dernier » written in July is last year's)."""
    if future:
        return published.year + (1 if month < published.month or strictly and month == published.month else 0)
    return published.year - (1 if month > published.month or strictly and month == published.month else 0)


def _dateparser(text: str, published: date | None, language: str, future: bool) -> tuple[date, str] | None:
    import dateparser

    base = datetime.combine(published or date.today(), datetime.min.time())
    languages = [language, "en"] if language != "en" else ["en"]
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if future else "past"}
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    return (parsed.date(), "day") if parsed else None
