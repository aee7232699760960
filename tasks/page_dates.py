"""Where a text page says when it was published: date lines in its header, under its byline, in a
photo credit — candidates ranked by where they come from (`DATE_SOURCES`), which the cleaner parses
in that order — and, with none, what its text tells within what its chrome bounds (`infer_date`).
The lines are the cleaner's (`clean._Line`: text, words, index, reason, is_prose)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Iterable

from depeche.tasks import headline
from depeche.tasks.date_inference import infer_publication_date
from depeche.tasks.dates import parse_published
from depeche.tasks.page_vocabulary import WORD

if TYPE_CHECKING:
    from depeche.tasks.clean import CleanResult  # clean imports this module

HEADER_DATE_MAX_WORDS = 14
HEADER_DATE_EXTRA_LINES = 4  # a date line may follow the standfirst, which starts the body
DATE_ONLY_MAX_WORDS = 6
BARE_DATE_MAX_WORDS = 3  # "Junio 2015", "12 mars 2024": a date line to the month needs no more
_TIME = re.compile(r"\b\d{1,2}\s?[:h]\s?\d{2}\b")
_DAY = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?!\d)")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BYLINE_PARTS = re.compile(r"\s[|·•]\s")  # the separators of a byline's author, place and date
_UPDATE = re.compile(
    r"mis à jour|mise à jour|modifi|actualis|updated?\b|actualizad|aktualisiert|geändert|aggiornat|atualizad", re.IGNORECASE
)

# Where a publication date comes from, by the rank of its candidate (laid_out): the page's markup,
# a date line (or a date glued to the headline), a byline, a photo credit.
DATE_SOURCES = {-1: "meta", 0: "dateline", 1: "dateline", 2: "byline", 3: "caption"}


def byline_and_credit_dates(lines: list) -> list[tuple[int, int, str, bool]]:
    """(rank, line, text, needs a full day) of bylines, of the date line under a byline ("Por Martín
    Echeverría" / « 30 de noviembre de 2018 ») and of photo credits; of a byline or the line under it,
    the part before an update's date (« Le 14/01/2026 à 07:45 - Mis à jour le … »)."""
    found = [(2, line.index, _with_year(published_part(line.text)[0], line.text), False) for line in lines if line.reason == "byline"]
    found += [
        (2, after.index, published_part(after.text)[0], True) for line, after in zip(lines, lines[1:])
        if line.reason == "byline" and after.words <= HEADER_DATE_MAX_WORDS and YEAR.search(after.text)
    ]
    return found + [(3, line.index, line.text, True) for line in lines if line.reason == "photo_credit"]


def published_part(text: str) -> tuple[str, int]:
    """The part of a date line that says when the page was published, and how many parts a byline's
    separators cut the line into: not an update's date ("2018.04.27 21:48 | Updated 2018.04.27 23:05",
    "… 3:41 PMUpdated 2 hours ago"); of "Por Alejandra Garza | Monterrey, Nuevo León | 2 de marzo de
    2023, 07:40 h", the part with the year."""
    update = _UPDATE.search(text)
    published = text[: update.start()] if update else text
    parts = _BYLINE_PARTS.split(published)
    return next((part for part in reversed(parts) if YEAR.search(part)), published), len(parts)


def _with_year(part: str, text: str) -> str:
    """The part, if it holds a year; else the whole line (an update's date is a byline's last resort)."""
    return part if YEAR.search(part) else text


def find_header_dates(lines: list, first_body: int, date_candidates: list) -> None:
    """A short line of the header (or just after the standfirst) holding a full date is a date
    line, however the site words it (the rules know "Publié le …", not every CMS's); an update's
    date never is. One that is little more than the date, or a date and a time, is chrome."""
    dated = {position for _, position, _, _ in date_candidates}
    # Up to the first paragraph of running text, when chrome taken for the headline put the body too early.
    first_paragraph = next((i for i, line in enumerate(lines) if line.is_prose and line.words >= headline.BODY_PARAGRAPH_WORDS), 0)
    for line in lines[: max(first_body, first_paragraph, 0) + HEADER_DATE_EXTRA_LINES]:
        published, parts = published_part(line.text)
        # an update cut off ("… à 07:45 - Mis à jour le …", "…, modifié le 4 juin 2025 à 07h10.") leaves a byline's date
        whole = parts == 1 and published == line.text
        words = line.words if whole else len(WORD.findall(published))
        if line.index in dated or (line.is_prose and whole) or words > HEADER_DATE_MAX_WORDS or not YEAR.search(published):
            continue
        if words > BARE_DATE_MAX_WORDS and not _DAY.search(published):
            continue  # no day of the month: dateparser (milliseconds a line) could find no full date
        # A bare "Junio 2015" is a date line to the month; a longer line needs its day.
        found = parse_published(published, require_day=words > BARE_DATE_MAX_WORDS)
        if found and found[1] != "year":
            date_candidates.append((1, line.index, published, found[1] == "day"))
            if line.reason is None and (line.words <= DATE_ONLY_MAX_WORDS or _TIME.search(line.text)):
                line.reason = "dateline"


_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})\b", re.IGNORECASE)
_BOUND_MARKER = re.compile(f"©|\\(c\\)|copyright|{_UPDATE.pattern}", re.IGNORECASE)  # one search for most lines, which have neither
BOUND_LINE_MAX_WORDS = 30


def latest_possible(chrome: Iterable[str]) -> date | None:
    """The last day the article can have been published, by the lines its page's chrome removed: the
    end of a copyright year (the year the page was served, its article's or later) or of an update's. Dates
    an article's own text names say nothing of the kind ("the forecast updated on 3 May 2023");
    teasers' dates neither (a related story may be older or newer)."""
    bounds = []
    for text in chrome:
        if not _BOUND_MARKER.search(text) or len(WORD.findall(text)) > BOUND_LINE_MAX_WORDS:
            continue
        copyright_year = _COPYRIGHT_YEAR.search(text)
        if copyright_year:
            bounds.append(date(int(copyright_year.group(1)), 12, 31))
        update = _UPDATE.search(text)
        year = update and YEAR.search(text, update.end())
        if year:  # its year's end: reading the day would take dateparser milliseconds a page
            bounds.append(date(int(year.group(0)), 12, 31))
    return min(bounds, default=None)


def infer_date(result: CleanResult, chrome: Iterable[str]) -> None:
    """When no date line dated the page: what the text itself tells (a weekday with its day and
    month, "last year, in 2023"), bounded by what the page's `chrome` shows (a copyright year, an
    update), never the day the page was read. `chrome` is read only for an undated page."""
    if result.published_at is not None:
        return
    inferred = infer_publication_date(result.clean_text, result.language, not_after=latest_possible(chrome))
    if inferred is not None:
        result.published_at, result.published_precision, result.published_source = inferred.value, inferred.precision, "inferred"

