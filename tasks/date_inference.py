"""Date inference: a publication date read from an article's own words when the page has no date line.

Four clues, in French, English, Spanish and German: a weekday with its day and month (« ce jeudi
16 mai ») fixes the year once the text names the years it narrates — the day when the text puts
it in the week of writing (« ce », "this", or a "today" in the text), else only the month ("met
on Friday, 17 May": some day after); a relative year beside its number (« l'an dernier, en
2023 ») gives the year, as does a count of years beside one ("nine years ago, in 2016"); a
relative month beside a dated event (« le mois dernier, en mars 2024 ») gives the month. Clues
that disagree give nothing: a wrong date is worse than none. Dates written with their year are
the caller's to parse (tasks/dates.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterator

from depeche.tasks.event_dates import MONTHS as FR_EN_MONTHS
from depeche.tasks.event_dates import WEEKDAYS as FR_EN_WEEKDAYS

LANGUAGES = ("fr", "en", "es", "de")
MONTHS = {
    **FR_EN_MONTHS,
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
}
MONTH_VARIANTS = {  # unaccented spellings and the abbreviations of wire copy (« Oct. 1 »)
    "fr": {"fevrier": 2, "aout": 8, "decembre": 12},
    "en": {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    "es": {"setiembre": 9},
    "de": {"jänner": 1, "maerz": 3},
}
WEEKDAYS = {
    **FR_EN_WEEKDAYS,
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
}
WEEKDAY_VARIANTS = {"es": {"miercoles": 2, "sabado": 5}, "de": {"sonnabend": 5}}
# A weekday, its day and its month, in each language's order; {wd} and {month} are name alternations.
WEEKDAY_DATES = {
    "fr": [r"(?P<wd>{wd})\s*,?\s*\(?(?:le\s+)?(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{month})\b"],
    "en": [
        r"(?P<wd>{wd})\s*,?\s*\(?(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b",
        r"(?P<wd>{wd})\s*,?\s*\(?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})\b",
    ],
    "es": [r"(?P<wd>{wd})\s*,?\s*(?P<day>\d{{1,2}})\s+de\s+(?P<month>{month})\b"],
    "de": [r"(?P<wd>{wd})\s*,?\s*\(?(?:den\s+|dem\s+)?(?P<day>\d{{1,2}})\.\s*(?P<month>{month})\b"],
}
# Publication year minus the year named beside the phrase (« l'an dernier, en 2023 »: 2024).
RELATIVE_YEARS = {
    "fr": {r"l['’]an dernier|l['’]année dernière|l['’]an passé|l['’]année passée": 1, r"cette année": 0, r"l['’]an prochain|l['’]année prochaine": -1},
    "en": {r"last year": 1, r"this year": 0, r"next year": -1},
    "es": {r"d?el año pasado": 1, r"este año": 0, r"d?el año próximo|d?el próximo año|d?el año que viene": -1},
    "de": {r"letztes jahr|letzten jahr|vergangenen jahr|vergangenes jahr|vorjahr": 1, r"dieses jahr|diesem jahr": 0, r"nächstes jahr|nächsten jahr|kommendes jahr|kommenden jahr": -1},
}
# "N years ago, in 2016" (« il y a neuf ans, en 2016 », "vor bald neun Jahren, im Juni 2016"):
# publication year = the year + N. {n} is a count in digits or words; "nearly" keeps N.
YEARS_AGO = {
    "fr": r"il y a (?:près de |presque |bientôt |exactement )?{n} ans?",
    "en": r"(?:nearly |almost |exactly )?{n} years? ago",
    "es": r"hace (?:casi |exactamente )?{n} años?",
    "de": r"vor (?:bald |fast |knapp |genau )?{n} jahre?n?",
}
COUNT_VARIANTS = {"en": {"a": 1, "an": 1}}  # "a year ago"
YEARS_UNIT = {"fr": r" ans?\b", "en": r" years?\b", "es": r" años?\b", "de": r" jahre?n?\b"}
COUNT_WORDS = {
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf vingt",
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty",
    "es": "un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte",
    "de": "einem zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
}
# Publication month minus the month named near the phrase (« le mois dernier, en mars 2024 »: April).
RELATIVE_MONTHS = {
    "fr": {r"le mois dernier|le mois passé": 1, r"ce mois-ci|en ce mois": 0, r"le mois prochain": -1},
    "en": {r"last month": 1, r"this month": 0, r"next month": -1},
    "es": {r"el mes pasado": 1, r"este mes": 0, r"el mes próximo|el próximo mes|el mes que viene": -1},
    "de": {r"letzten monat|vergangenen monat": 1, r"diesen monat|diesem monat|dieses monats": 0, r"nächsten monat|kommenden monat": -1},
}
# A year announced rather than narrated says nothing of when the article was written.
FUTURE_BEFORE = {  # (words just before the year, words up to NEAR_WORDS words before it)
    "fr": (r"d['’]ici(?: à)?|jusqu['’](?:en|à|au)", r"prévue?s?|prochaine?s?|en vue d\w*|à l['’]horizon|horizon|objectifs?|au plus tôt|au plus tard"),
    "en": (r"by|until|till", r"next|upcoming|scheduled|planned|targets?|ahead of"),  # not "latest": "the latest figures for 2023" narrate it
    "es": (r"hasta(?: el)?", r"previst[oa]s?|próxim[oa]s?|de cara a|como pronto|como muy pronto|a más tardar"),
    "de": (r"bis(?: zum jahr| ins jahr)?", r"geplant\w*|vorgesehen\w*|kommende[nmrs]?|nächste[nmrs]?|frühestens|spätestens"),
}
FUTURE_AFTER = {  # a future verb up to NEAR_WORDS words after the year (« les élections de 2027 auront lieu »)
    "fr": r"aura|auront|sera|seront|devra|devront|au plus tôt|au plus tard",
    "en": r"will|at the earliest|at the latest",
    "es": r"será|serán|tendrá|tendrán|habrá|como pronto|como muy pronto|a más tardar",
    "de": r"soll|sollen|frühestens|spätestens",  # not « wird »: the passive present uses it too
}
# The words that put a weekday in the week of writing (« ce jeudi »), and those of "today".
PRESENT = {"fr": r"ce|dès ce", "en": r"this", "es": r"este|esta", "de": r"diesen|diesem|an diesem|am heutigen"}
TODAY = {"fr": r"aujourd['’]hui|ce matin|cet après-midi|ce soir", "en": r"today|this morning|this afternoon|tonight",
         "es": r"hoy|esta mañana|esta tarde|esta noche", "de": r"heute|heute morgen|heute abend"}
# Those that put it the day before writing (« hier jeudi 16 mai », "am gestrigen Donnerstag").
YESTERDAY = {"fr": r"hier", "en": r"yesterday", "es": r"ayer", "de": r"gestern|am gestrigen|gestrigen"}
PRESENT_BEFORE = 16  # characters before the weekday where « ce » or "this" is looked for
NEAR_WORDS = 3
FAR_YEARS = 10  # a round year this far beyond every other one is a target (« 2050 »), not a past event
RELATIVE_YEAR_GAP = 20  # characters between « l'an dernier » and its year: « l'an dernier, en 2023 »
RELATIVE_MONTH_GAP = 80  # « ce mois-ci, le gouvernement a présenté le 4 février 2025 »
RECENT_YEARS = timedelta(days=round(7 * 365.25))  # how far before the ingestion date a weekday alone may be placed
CALENDAR = range(1900, 2100)
YEAR = r"(?:19|20)\d{2}"
_NAMED_YEAR = re.compile(
    rf"(?<![\d.,/])({YEAR})(?!\d|[.,/]\d|\s*[%€$]|\s+(?:euros?|dollars?|personnes|people|habitants|menschen|personas|km|tonnes)\b)", re.I
)
# A season across two years, "Winter 2025/26", « la campagne 2025-2026 »: its first year has begun.
_SEASON = re.compile(rf"(?<![\d./-])({YEAR})\s?[/–-]\s?(?:\d{{2}}|{YEAR})(?!\d|[./-]\d)")
_DAY_BEFORE = re.compile(r"\d(?:er)?\.?\s+(?:de\s+)?$")  # « le 4 février 2025 », « 4. Februar 2025 », « 4 de febrero de 2025 »
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÀ-ÖØ-Þ«\"“])|[\n;]")


@dataclass(frozen=True)
class InferredDate:
    value: date  # the first day of the month or year for those precisions
    precision: str  # day, month or year
    evidence: str  # the words of the text it rests on, for audit


def infer_publication_date(text: str, language: str | None, not_after: date | None = None) -> InferredDate | None:
    """The publication date the text implies, or None when it implies none or several.

    `language` (ISO 639-1) None tries every known language; another language gives None.
    `not_after`, the ingestion date, bounds the answer but is never the answer itself.
    """
    if language is not None and language not in LANGUAGES:
        return None
    grammar = _grammar((language,) if language else LANGUAGES)
    folded = _fold(text)
    months = {clue.value: clue for clue in _relative_months(text, folded, grammar)}
    years = {clue.value: clue for clue in _relative_years(text, folded, grammar) + _years_ago_clues(text, folded, grammar)}
    if len(months) > 1 or len(years) > 1 or months and years and next(iter(months)).year != next(iter(years)).year:
        return None  # clues that disagree: one of them misreads the text, and nothing says which
    found = next(iter(months.values()), None) or next(iter(years.values()), None)
    mention = _weekday_mention(folded, grammar)
    if found is None and mention is None:
        return None  # most texts: the years they narrate need not be read
    named = _past_years(text, grammar, not_after)
    latest = max(named, default=None)
    if mention is not None:
        match, dates = mention
        # « jeudi 27 novembre » beside « en novembre 2014 » narrated: a writer does not name the month he
        # writes in by its year alone (he would say « ce mois-ci »), so the weekday's is another November
        narrated = {
            (int(event.group("year")), grammar.months[event.group("month").lower()])
            for event in _words(grammar.month_year, folded)
            if not event.group("day") and not _DAY_BEFORE.search(folded[max(0, event.start() - 8) : event.start()])
        }
        dates = [d for d in dates if (d.year, d.month) not in narrated]
        chosen = _choose_date(dates, found.value.year if found else None, latest, not_after)
        if chosen is None or months and chosen.month != found.value.month:
            return None
        decider = found.evidence if found else named.get(chosen.year) or named.get(chosen.year - 1)
        evidence = " … ".join(filter(None, [text[match.start() : match.end()].strip(" ,("), decider]))
        # « hier jeudi 16 mai »: the day after. « ce jeudi 16 mai », or a text that speaks of today:
        # the day it was written. Otherwise ("met on Friday, 17 May") a day of its recent past: the
        # month is sure, the day is not.
        before = folded[max(0, match.start() - PRESENT_BEFORE) : match.start()]
        if grammar.yesterday.search(before):
            found = InferredDate(chosen + timedelta(days=1), "day", evidence)
        elif grammar.present.search(before) or grammar.today.search(folded):
            found = InferredDate(chosen, "day", evidence)
        else:
            found = InferredDate(chosen.replace(day=1), "month", evidence)
    if found is None or not_after is not None and found.value > not_after:
        return None
    # The text narrates a later year as past: the clue misreads it. Not against a relative year the
    # text states (« im vergangenen Jahr 2025 »): a later year beside it is one to come that no
    # future marker announced (« Ende 2027 »).
    if latest is not None and found.value.year < latest and not (years or months):
        return None
    return found


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_dates: tuple[re.Pattern, ...]
    relative_years: re.Pattern  # group phrase, then group year
    relative_months: re.Pattern
    years_ago: re.Pattern  # group count, then group year (either order, in one clause)
    counts: dict[str, int]
    years_unit: re.Pattern  # the word "years" of each language, which every such clue holds
    relative_offsets: tuple[tuple[re.Pattern, int], ...]  # which offset a matched phrase has
    month_year: re.Pattern
    future_before: re.Pattern
    present: re.Pattern  # a weekday said of the present week, just before it
    yesterday: re.Pattern  # a weekday said of the day before writing, just before it
    today: re.Pattern
    future_after: re.Pattern


@lru_cache(maxsize=8)
def _grammar(languages: tuple[str, ...]) -> _Grammar:
    months = {name: i + 1 for code in languages for i, name in enumerate(MONTHS[code])}
    months |= {name: number for code in languages for name, number in MONTH_VARIANTS.get(code, {}).items()}
    weekdays = {name: i for code in languages for i, name in enumerate(WEEKDAYS[code])}
    weekdays |= {name: number for code in languages for name, number in WEEKDAY_VARIANTS.get(code, {}).items()}
    month, wd = _alternation(months), _alternation(weekdays)
    not_followed_by_year = rf"(?!\.?,?\s*(?:del?\s+)?{YEAR}\b)"
    right, near = ("|".join(FUTURE_BEFORE[code][i] for code in languages) for i in (0, 1))
    return _Grammar(
        months=months,
        weekdays=weekdays,
        weekday_dates=tuple(
            re.compile(template.format(wd=wd, month=month) + not_followed_by_year) for code in languages for template in WEEKDAY_DATES[code]
        ),
        relative_years=re.compile(rf"(?P<phrase>{_phrases(RELATIVE_YEARS, languages)})\b[^.!?;\d]{{0,{RELATIVE_YEAR_GAP}}}?\b(?P<year>{YEAR})\b"),
        years_ago=re.compile(
            rf"(?P<phrase>{_years_ago(languages)})\b[^.!?;\d]{{0,{RELATIVE_YEAR_GAP}}}?\b(?P<year>{YEAR})\b"
            rf"|(?<!\d)(?P<year_first>{YEAR})\b[^.!?;\d]{{0,{RELATIVE_YEAR_GAP}}}?\b(?P<phrase_after>{_years_ago(languages, 'count_after')})\b"
        ),
        counts={word: i + 1 for code in languages for i, word in enumerate(COUNT_WORDS[code].split())}
        | {word: n for code in languages for word, n in COUNT_VARIANTS.get(code, {}).items()},
        years_unit=re.compile("|".join(YEARS_UNIT[code] for code in languages)),
        relative_months=re.compile(rf"(?:{_phrases(RELATIVE_MONTHS, languages)})\b"),
        relative_offsets=tuple(
            (re.compile(phrase), offset) for code in languages for table in (RELATIVE_YEARS, RELATIVE_MONTHS) for phrase, offset in table[code].items()
        ),
        month_year=re.compile(
            rf"(?P<month>{month})\.?\s+(?:(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:del?\s+)?(?P<year>{YEAR})\b"
        ),
        present=re.compile(rf"\b(?:{'|'.join(PRESENT[code] for code in languages)})\W*$"),
        yesterday=re.compile(rf"\b(?:{'|'.join(YESTERDAY[code] for code in languages)})\W*(?:am\W+)?$"),
        today=re.compile(rf"\b(?:{'|'.join(TODAY[code] for code in languages)})\b"),
        future_before=re.compile(rf"(?:^|\W)(?:(?:{right})|(?:{near})(?:\W+\w+){{0,{NEAR_WORDS}}})\W+$", re.I),
        # within the year's own clause: « ouvertes en mars 2024, ne sera pas présenté » narrates 2024
        future_after=re.compile(rf"^[^\w,]*(?:\w+[^\w,]+){{0,{NEAR_WORDS}}}?(?:{'|'.join(FUTURE_AFTER[code] for code in languages)})\b", re.I),
    )


# The full-text searches are the cost of inference. They run case-sensitive on a lower-cased copy
# and without a leading \b (either would stop the regex engine skipping ahead on a phrase's first
# letters, and cost 2 to 3 times as much); `_words` keeps the matches that start a word.
def _phrases(table: dict[str, dict[str, int]], languages: tuple[str, ...]) -> str:
    return "|".join(phrase for code in languages for phrase in table[code])


def _years_ago(languages: tuple[str, ...], group: str = "count") -> str:
    count = "|".join([word for code in languages for word in COUNT_WORDS[code].split()] + [word for code in languages for word in COUNT_VARIANTS.get(code, {})])
    return "|".join(YEARS_AGO[code].format(n=rf"(?P<{group}_{code}>\d{{1,2}}|{count})") for code in languages)


def _fold(text: str) -> str:
    """`text` in lower case, character for character (U+0130 is the one letter whose lower case is
    two), so that the offsets of a match index `text`."""
    return text.replace("\u0130", "I").lower()


def _words(pattern: re.Pattern, folded: str) -> Iterator[re.Match]:
    for match in pattern.finditer(folded):
        start = match.start()
        if start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "_"):
            yield match


def _offset(phrase: str, grammar: _Grammar) -> int:
    return next(offset for pattern, offset in grammar.relative_offsets if pattern.fullmatch(phrase))


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def _past_years(text: str, grammar: _Grammar, not_after: date | None) -> dict[int, str]:
    """The years the text narrates, each with the words naming it: announced years, and years
    after the ingestion date, are left out."""
    named: dict[int, str] = {}
    for match in _NAMED_YEAR.finditer(text):
        year = int(match.group(1))
        before = _clause(text[max(0, match.start() - 60) : match.start()], keep_end=True)
        after = _clause(text[match.end() : match.end() + 60], keep_end=False)
        if grammar.future_before.search(before) or grammar.future_after.search(after):
            continue
        if not_after is not None and year > not_after.year:
            continue
        named.setdefault(year, " ".join(before.split()[-1:] + [match.group(1)]))
    for match in _SEASON.finditer(text):  # _NAMED_YEAR leaves a year followed by "/26" to dates
        named.setdefault(int(match.group(1)), match.group(0))
    if not_after is not None:
        named = {year: words for year, words in named.items() if year <= not_after.year}
    ordered = sorted(named)
    while len(ordered) > 1 and ordered[-1] % 5 == 0 and ordered[-1] > ordered[-2] + FAR_YEARS:
        del named[ordered.pop()]
    return named


def _clause(window: str, keep_end: bool) -> str:
    """The part of `window` in the same sentence as the year it touches."""
    ends = list(_SENTENCE_END.finditer(window))
    if not ends:
        return window
    return window[ends[-1].end() :] if keep_end else window[: ends[0].start()]


def _relative_years(text: str, folded: str, grammar: _Grammar) -> list[InferredDate]:
    return [
        InferredDate(date(int(match.group("year")) + _offset(match.group("phrase"), grammar), 1, 1), "year", text[match.start() : match.end()])
        for match in _words(grammar.relative_years, folded)
    ]


def _years_ago_clues(text: str, folded: str, grammar: _Grammar) -> list[InferredDate]:
    if not grammar.years_unit.search(folded):
        return []  # most texts count no years: the long search is spared
    found = []
    for match in _words(grammar.years_ago, folded):
        count = next(value for name, value in match.groupdict().items() if name.startswith("count") and value)
        years = int(count) if count.isdigit() else grammar.counts[count]
        year = int(match.group("year") or match.group("year_first"))
        found.append(InferredDate(date(year + years, 1, 1), "year", text[match.start() : match.end()]))
    return found


def _relative_months(text: str, folded: str, grammar: _Grammar) -> list[InferredDate]:
    """The publication month of each relative-month phrase, from the dated event nearest to it in its sentence."""
    phrases = [(phrase, _offset(phrase.group(0), grammar)) for phrase in _words(grammar.relative_months, folded)]
    if not phrases:
        return []  # most texts have none: the search for dated events, over the whole text, is spared
    events = list(_words(grammar.month_year, folded))
    found = []
    for phrase, offset in phrases:
        near = [
            event
            for event in events
            if _gap(phrase, event) <= RELATIVE_MONTH_GAP
            and not _SENTENCE_END.search(text[min(phrase.end(), event.end()) : max(phrase.start(), event.start())])
        ]
        if not near:
            continue
        event = min(near, key=lambda event: _gap(phrase, event))
        index = int(event.group("year")) * 12 + grammar.months[event.group("month").lower()] - 1 + offset
        span = text[min(phrase.start(), event.start()) : max(phrase.end(), event.end())]
        found.append(InferredDate(date(index // 12, index % 12 + 1, 1), "month", span))
    return found


def _gap(first: re.Match, second: re.Match) -> int:
    return max(first.start(), second.start()) - min(first.end(), second.end())


def _weekday_mention(folded: str, grammar: _Grammar) -> tuple[re.Match, list[date]] | None:
    """The first weekday-day-month of the text that some year's calendar has, with those dates."""
    mentions = sorted((match for pattern in grammar.weekday_dates for match in _words(pattern, folded)), key=lambda m: m.start())
    for match in mentions:
        weekday = grammar.weekdays[match.group("wd").lower()]
        month, day = grammar.months[match.group("month").lower()], int(match.group("day"))
        dates = [d for d in (_date(year, month, day) for year in CALENDAR) if d is not None and d.weekday() == weekday]
        if dates:
            return match, dates
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _choose_date(dates: list[date], anchor_year: int | None, latest: int | None, not_after: date | None) -> date | None:
    """The one date of `dates` in the year the other clues give, else in the year of the latest
    past event or the next, else the only one in the years before the ingestion date."""
    if not_after is not None:
        dates = [d for d in dates if d <= not_after]
    if anchor_year is not None:
        return next((d for d in dates if d.year == anchor_year), None)
    if latest is not None:
        dates = [d for d in dates if d.year >= latest]
        after_event = [d for d in dates if d.year <= latest + 1]
        if len(after_event) == 1:
            return after_event[0]
    if not_after is not None:
        recent = [d for d in dates if d >= not_after - RECENT_YEARS]
        if len(recent) == 1:
            return recent[0]
    return None

