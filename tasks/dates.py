"""Dates: publication dates from metadata strings and captions, with their precision."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

DEFAULT_LANGUAGES = ("fr", "en", "es", "de", "it", "pt")
# ISO 8601 and its machine-written cousins: the date part is all a publication date needs.
_SHORT_YEAR = re.compile(r"\b(\d{1,2}[/.]\d{1,2})([/.])(\d{2})\b(?![/.:]?\d)")  # « 19/08/23 », not « 19/08/2023 » or a time
# A date and a time copied from a page without the space between them: "September 22, 20253:41 PM".
_GLUED_YEAR_TIME = re.compile(r"\b((?:19|20)\d{2})(\d{1,2}:\d{2})\b")
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T ]\d|\s*$)")
_YEAR = re.compile(r"\b(1[89]\d{2}|2\d{3})\b")
WHOLE_TEXT_CHARS = 40
WINDOW_WORDS = 4  # « le 22 février 2023 », "Monday, March 3, 2021", « 31 de marzo de 2023 »: a few words before its year


@lru_cache(maxsize=16)
def _parser(languages: tuple[str, ...]):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_TIME_AS_PERIOD": False},
    )


def parse_published(text: str, require_day: bool = False, language: str | None = None) -> tuple[date, str] | None:
    """(date, precision) of the first explicit, year-bearing date in `text`, else None.

    Precision is 'day', 'month' or 'year'. A date without a year is not a publication date:
    guessing the year would invent data. With `require_day`, only full dates count (captions).
    `language` (ISO 639-1), when known, narrows dateparser's search and makes it much faster.
    """
    text = _GLUED_YEAR_TIME.sub(r"\1 \2", _SHORT_YEAR.sub(_four_digit_year, text.strip()))
    if not text:
        return None
    iso = _ISO_START.match(text)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), iso.group(3)
        try:
            found = (date(year, month, int(day)), "day") if day else (date(year, month, 1), "month")
        except ValueError:
            return None
    else:
        languages = _languages(language)
        # A short string may be a date as a whole; in a longer one, look around each year.
        found = _parse_text(text, languages) if len(text) <= WHOLE_TEXT_CHARS else None
        if found is None:
            found = _search_windows(text[:500], languages)
    if found is None or (require_day and found[1] != "day"):
        return None
    return found


def _four_digit_year(match: re.Match) -> str:
    """« 19/08/23 » -> « 19/08/2023 »: a two-digit year is this century's unless that is in the future."""
    year = int(match.group(3))
    century = 2000 if 2000 + year <= date.today().year + 1 else 1900
    return f"{match.group(1)}{match.group(2)}{century + year}"


def _search_windows(text: str, languages: tuple[str, ...]) -> tuple[date, str] | None:
    """The first year in the text with the longest run of words before it that parses as a date."""
    for year in _YEAR.finditer(text):
        words = text[: year.start()].split()[-WINDOW_WORDS:]
        for size in range(len(words), -1, -1):
            candidate = " ".join(words[len(words) - size :] + [year.group(0)])
            found = _parse_text(candidate, languages)
            if found:
                return found
    return None


@lru_cache(maxsize=1)
def _written_date_pattern() -> tuple[re.Pattern, dict[str, int]]:
    """The two everyday spellings of a full date, « le 22 février 2023 » and "Monday, March 3, 2021",
    in the languages date_inference knows: read here in microseconds, where dateparser takes two
    milliseconds, and the most common dates of page headers and bylines."""
    from depeche.tasks.date_inference import MONTH_VARIANTS, MONTHS

    months = {name: i + 1 for names in MONTHS.values() for i, name in enumerate(names)}
    months |= {name: number for variants in MONTH_VARIANTS.values() for name, number in variants.items()}
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    pattern = re.compile(
        rf"(?:[^\W\d]+,?\s+)?(?:(?P<day>\d{{1,2}})(?:er|\.|º)?\s+(?:de\s+)?(?P<month>{month})\.?,?\s+(?:de\s+)?"
        rf"|(?P<month_first>{month})\.?\s+(?P<day_second>\d{{1,2}})(?:st|nd|rd|th)?,\s*)(?P<year>\d{{4}})",
        re.IGNORECASE,
    )
    return pattern, months


def _written_date(text: str) -> tuple[date, str] | None:
    pattern, months = _written_date_pattern()
    match = pattern.fullmatch(text)
    if match is None:
        return None
    day, month = (match.group("day"), match.group("month")) if match.group("day") else (match.group("day_second"), match.group("month_first"))
    try:
        return date(int(match.group("year")), months[month.lower()], int(day)), "day"
    except ValueError:
        return None


def _languages(language: str | None) -> tuple[str, ...]:
    return (language,) if language and language in _known_languages() else DEFAULT_LANGUAGES


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())


def _parse_text(text: str, languages: tuple[str, ...]) -> tuple[date, str] | None:
    if not _YEAR.search(text):
        return None
    written = _written_date(text)
    if written is not None:
        return written
    try:
        data = _parser(languages).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    parsed, period = data.date_obj.date(), data.period or "day"
    if str(parsed.year) not in {year.group(0) for year in _YEAR.finditer(text)}:
        return None  # « 14/04/2023 05h30 » read as a time of today: the year the text writes is the date's
    # dateparser fills missing parts from today's date; a month or year has no day to report.
    if period == "year":
        parsed = date(parsed.year, 1, 1)
    elif period == "month":
        parsed = date(parsed.year, parsed.month, 1)
    return parsed, period
