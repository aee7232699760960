"""Dates: publication dates from metadata strings and captions, with their precision."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

LANGUAGES = ["fr", "en", "es", "de", "it", "pt"]
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_YEAR = re.compile(r"\b(1[89]\d{2}|2\d{3})\b")


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=LANGUAGES,
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_TIME_AS_PERIOD": False},
    )


def parse_published(text: str, require_day: bool = False) -> tuple[date, str] | None:
    """(date, precision) of the first explicit, year-bearing date in `text`, else None.

    Precision is 'day', 'month' or 'year'. A date without a year is not a publication date:
    guessing the year would invent data. With `require_day`, only full dates count (captions).
    """
    text = text.strip()
    if not text:
        return None
    iso = _ISO.match(text)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), iso.group(3)
        try:
            found = (date(year, month, int(day)), "day") if day else (date(year, month, 1), "month")
        except ValueError:
            return None
    else:
        found = _parse_text(text[:200])
        if found is None and _YEAR.search(text):
            found = _search_text(text[:500])
    if found is None or (require_day and found[1] != "day"):
        return None
    return found


def _parse_text(text: str) -> tuple[date, str] | None:
    if not _YEAR.search(text):
        return None
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _search_text(text: str) -> tuple[date, str] | None:
    from dateparser.search import search_dates

    matches = search_dates(text, languages=LANGUAGES, settings={"REQUIRE_PARTS": ["year"]}) or []
    for substring, _ in matches:
        if _YEAR.search(substring):
            parsed = _parse_text(substring)
            if parsed:
                return parsed
    return None
