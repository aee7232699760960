"""Clean stage: strip web chrome from text pages and HTML, keep what was removed, read metadata.

Pure functions on strings; no Prefect, no files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from depeche.tasks import article_classifier, article_end, headline, line_classifier, page_blocks, page_dates
from depeche.tasks import chrome_rules as rules
from depeche.tasks.dates import parse_published
from depeche.tasks.page_vocabulary import WORD, stop_words, unquoted, word_key
from depeche.tasks.plain_text import detect_language, normalize_text, unwrap_lines

CLEANER_VERSION = f"4.{rules.CHROME_RULES_VERSION}.lines-{line_classifier.version()}.pages-{article_classifier.version()}.end-{article_end.version()}"

MAX_PATTERN_WORDS = 25  # longer lines are article text even when they contain a chrome word
PROSE_MIN_WORDS = 8  # a line of fewer words is prose only when it ends like a sentence
PROSE_MIN_STOPWORD_SHARE = 0.2  # jusText's signal: running text is full of function words
# Below this share over a whole page, its language has no stop-word list here (Korean, Chinese…)
# and the signal is ignored rather than calling every line a menu.
STOP_WORDS_KNOWN_SHARE = 0.05
HEADLINE_MAX_WORDS = 30
MAX_CAPTION_WORDS = 60
EDGE_LINE_WORDS = 6  # in an extracted main text, shorter lines before or after all prose are chrome
BLOCK_LAYOUT_SHARE = 0.8  # when (almost) every line follows a blank line, blank lines say nothing
PARAGRAPH_SEPARATOR = "\n\n"
ONE_DAY = timedelta(days=1)  # a page dated tomorrow was written in a time zone ahead
_WORD = WORD
# Chinese and Japanese write no spaces: count their characters, about two to a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[.!?…»\"”)。！？」』]\s*$")
_CLOSERS = '»"”)'  # what may follow a paragraph's final stop, with spaces
_BREADCRUMB = re.compile(r"^[^/>›»|]{1,40}(?:\s[/>›»|]\s[^/>›»|]{1,120}){2,}$")


@dataclass(frozen=True)
class RemovedBlock:
    position: int  # index of the line (text pages) or block (HTML) in the input
    text: str
    reason: str


@dataclass
class CleanResult:
    clean_text: str
    title: str | None
    removed: list[RemovedBlock] = field(default_factory=list)
    published_at: date | None = None
    published_precision: str | None = None
    published_source: str | None = None  # meta, dateline, byline, caption or inferred (page_dates.DATE_SOURCES)
    source_name: str | None = None
    url: str | None = None
    language: str | None = None
    truncated_from: int | None = None  # the length of clean_text before `truncate` cut it
    # Kept lines of running text: none, and the page was only chrome (a consent wall, a menu, an
    # index, a shell a script fills): no article, whatever lines are left.
    prose_lines: int = 0
    kept_positions: list[int] = field(default_factory=list)  # of clean_text's paragraphs in the input (-1: a title from markup)
    # What the kept text reads as, page-wide (article_classifier): running text that talks to
    # the reader about the site (a consent wall, a 404, a login wall) is not an article.
    article_features: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def has_article(self) -> bool:
        return bool(self.clean_text.strip()) and self.prose_lines > 0 and self.reads_as_article

    @property
    def reads_as_article(self) -> bool:
        return not self.article_features or article_classifier.is_article(self.article_features)


@dataclass
class _Line:
    index: int
    text: str
    words: int
    stop_share: float
    reason: str | None = None  # chrome reason, None while undecided or kept
    min_stop_share: float = PROSE_MIN_STOPWORD_SHARE
    starts_block: bool = True  # a blank line (or the page's start) comes before it
    tokens: list[str] = field(default_factory=list)  # its words in lower case
    chrome_probability: float = 0.0  # the line classifier's, for the lines it judged

    @cached_property
    def is_prose(self) -> bool:
        ends_sentence = bool(_SENTENCE_END.search(self.text)) and not self.is_truncated
        if self.words >= PROSE_MIN_WORDS and self.stop_share >= self.min_stop_share:
            return ends_sentence or self.words >= 2 * PROSE_MIN_WORDS
        return ends_sentence and self.words >= 4 and self.stop_share >= self.min_stop_share

    @property
    def is_paragraph(self) -> bool:
        """A complete paragraph of article text: prose that ends a sentence (not a question headline)."""
        return self.reason is None and self.is_prose and self.words >= 5 and self.ends_paragraph

    @cached_property
    def ends_paragraph(self) -> bool:
        """A full stop or an exclamation mark, then only spaces and closing quotes or brackets (a
        regex anchored at the end would still try every position of the line)."""
        text, trimmed = self.text, None
        while trimmed != text:
            trimmed, text = text, text.rstrip().rstrip(_CLOSERS)
        return text.endswith((".", "!")) or self.text.endswith(("。", "！", "」", "』"))

    @cached_property
    def plain_tokens(self) -> list[str]:
        """Its words in lower case, quotations aside: their "we" and "you" are the speaker's."""
        plain = unquoted(self.text)
        return self.tokens if plain is self.text else _WORD.findall(plain.lower())

    @property
    def is_truncated(self) -> bool:
        return self.text.endswith(rules.TRUNCATION_MARKS)

    @property
    def looks_like_heading(self) -> bool:
        return 2 <= self.words <= HEADLINE_MAX_WORDS and not self.text.endswith((":", ",", ";")) and not self.is_truncated


def _make_line(index: int, text: str) -> _Line:
    words = _WORD.findall(text.lower())
    share = sum(map(stop_words().__contains__, words)) / len(words) if words else 0.0
    unspaced = len(_UNSPACED.findall(text)) if _UNSPACED.search(text) else 0  # CJK only
    count = len(words) + unspaced // 2 if unspaced else len(words)
    return _Line(index=index, text=text, words=count, stop_share=share, tokens=words)


def _calibrate_stop_words(lines: list[_Line]) -> None:
    """Ignore the stop-word signal on pages in a language it does not cover."""
    long_lines = [line for line in lines if line.words >= PROSE_MIN_WORDS]
    if long_lines and sum(line.stop_share for line in long_lines) / len(long_lines) < STOP_WORDS_KNOWN_SHARE:
        for line in lines:
            line.min_stop_share = 0.0


def chrome_reason(text: str, words: int) -> str | None:
    """The reason code of a line that is site chrome by its wording alone, else None."""
    if words == 0:
        return "no_words"
    if rules.COMPILED_CONSENT_BANNER.match(text):
        return "legal"
    if words <= MAX_PATTERN_WORDS:
        match = rules.COMPILED_LINE_PATTERNS.match(text)
        if match:
            return match.lastgroup
        if _BREADCRUMB.match(text) and not _SENTENCE_END.search(text):
            return "navigation"
    if words <= MAX_CAPTION_WORDS and _may_be_credit(text) and rules.COMPILED_CREDIT.search(text):
        return "photo_credit"
    return None


_CREDIT_HINT = re.compile("|".join(map(re.escape, rules.CREDIT_HINTS)))


def _may_be_credit(text: str) -> bool:
    lowered = text.lower()
    return bool(_CREDIT_HINT.search(lowered)) or lowered.rstrip(" .)").endswith(rules.PHOTO_AGENCIES)


@dataclass
class _Page:
    """A text page's lines and what the rules and the layout decided of them."""

    lines: list[_Line]
    removed: list[RemovedBlock]
    date_candidates: list[tuple[int, int, str, bool]]  # (rank, line, text, needs a full day)
    source_name: str | None
    title_at: int | None
    title: str | None
    first_body: int
    last_body: int
    end_of_body: int
    extracted: bool  # its main text was isolated by an extractor (HTML), not laid out here


def clean_text_page(text: str, main_text_of: str | None = None, tagged_date: str | None = None) -> CleanResult:
    """Strip chrome from a plain-text page: the headline once, then the article's paragraphs.

    `main_text_of` is the headline of a page whose main text was already isolated (by trafilatura,
    for HTML): then only line-level chrome is removed, and the page layout is not guessed again.
    `tagged_date` is the publication date its markup states: it outranks the text's datelines and
    bylines, which are parsed only when it does not parse.
    """
    page = judged(text, main_text_of, tagged_date)
    # An extractor's main text (HTML) has had its end decided already: on the peer bench's
    # trafilatura set the model moved F1 by 0.001 (precision up, recall down), for its cost.
    tail = None if page.extracted else article_end.tail_start(page.lines, page.first_body, page.last_body, page.title_at)
    if tail is not None:
        for line in page.lines[tail : page.last_body + 1]:
            line.reason = line.reason or "after_article_end"
    return _result(page)


def judged(text: str, main_text_of: str | None = None, tagged_date: str | None = None) -> _Page:
    """The page laid out, and its body's lines judged by the line classifier (the article-end
    model's input)."""
    page = laid_out(text, main_text_of, tagged_date)
    _classify_body_lines(page)
    return page


def laid_out(text: str, main_text_of: str | None = None, tagged_date: str | None = None) -> _Page:
    """The page's lines with the reasons the wording rules give, and its layout (also the line
    classifier's training input)."""
    raw_lines = normalize_text(text).split("\n")
    lines = [_make_line(i, t) for i, t in unwrap_lines(raw_lines)]
    _calibrate_stop_words(lines)
    blank_lines_mean_blocks = sum(1 for i, _ in enumerate(raw_lines) if i and not raw_lines[i - 1]) < BLOCK_LAYOUT_SHARE * len(lines)
    for line in lines:
        line.starts_block = line.index == 0 or not raw_lines[line.index - 1] or not blank_lines_mean_blocks
    removed: list[RemovedBlock] = []
    date_candidates: list[tuple[int, int, str, bool]] = []  # (rank, line, text, needs a full day)
    if tagged_date:
        date_candidates.append((-1, -1, tagged_date, False))

    # Metadata first: a "date 2023-09" prefix glued to the headline, datelines.
    for line in lines:
        prefix = rules.COMPILED_DATE_PREFIX.match(line.text)
        if prefix:
            date_candidates.append((0, line.index, prefix.group("date"), False))
            removed.append(RemovedBlock(line.index, prefix.group(0).strip(), "metadata"))
            line.text = line.text[prefix.end() :].strip()
            line.tokens = _WORD.findall(line.text.lower())
            line.words = len(line.tokens)
            if not line.text:
                line.reason = "metadata"
                continue
        dateline = rules.COMPILED_DATELINE.match(line.text)
        if dateline and line.words <= MAX_PATTERN_WORDS:
            date_candidates.append((1, line.index, dateline.group("date"), False))
    lines = [line for line in lines if line.reason is None]
    source_name = _publisher(lines)

    for line in lines:
        line.reason = chrome_reason(line.text, line.words)
    page_blocks.mark_captions(lines)
    date_candidates += page_dates.byline_and_credit_dates(lines)

    if main_text_of is None:
        title_at, first_body, last_body, end_of_body = _layout(lines)
        title = None
        if title_at is not None:
            headline_at, title, site = headline.without_site_name(lines, title_at)
            if headline_at != title_at and headline_at < first_body:
                title_at = headline_at  # the tab's title above it goes with the header
            elif site is not None:
                removed.append(RemovedBlock(lines[title_at].index, site, "site_name"))
            else:
                title = lines[title_at].text
    else:
        # Only short lines at the edges of an isolated main text are still suspect (kickers,
        # "Support us" buttons); its layout was decided by the extractor.
        title_at, end_of_body, title = None, len(lines), main_text_of or None
        body = [i for i, line in enumerate(lines) if line.reason is None and (line.is_prose or line.words > EDGE_LINE_WORDS)]
        first_body, last_body = (body[0], body[-1]) if body else (len(lines), -1)
    page_blocks.mark_teasers(lines, first_body, last_body)
    if not any(rank <= 1 for rank, *_ in date_candidates):  # the markup's date or a known date line outranks
        page_dates.find_header_dates(lines, first_body, date_candidates)
    return _Page(lines, removed, date_candidates, source_name, title_at, title, first_body, last_body, end_of_body, main_text_of is not None)


# Past this many lines the page is a dump or a list, not an article, and scoring each line costs
# more than it can save.
CLASSIFIED_LINES_MAX = 2_000


def _classify_body_lines(page: _Page) -> None:
    """The line classifier's verdict on each line the rules and the layout keep in the body."""
    lines = page.lines
    if len(lines) > CLASSIFIED_LINES_MAX:
        return
    facts = line_classifier.page_facts(lines, page.first_body)
    threshold = line_classifier.threshold(page.extracted)
    verdicts = []
    for i in line_classifier.candidates(lines, facts, page.first_body, page.last_body, page.title_at, page.extracted):
        found = line_classifier.features(lines, i, page.first_body, page.last_body, facts)
        lines[i].chrome_probability = line_classifier.chrome_probability(found)
        if not line_classifier.is_subhead(found) and lines[i].chrome_probability >= threshold:
            verdicts.append(i)
    for i in verdicts:  # decided together: one verdict must not change a neighbour's features
        lines[i].reason = "line_classifier"


def _result(page: _Page) -> CleanResult:
    lines, removed, title_at, title = page.lines, page.removed, page.title_at, page.title
    first_body, last_body, end_of_body = page.first_body, page.last_body, page.end_of_body
    title_key = word_key(title) if title else None
    title_words = len(_WORD.findall(title)) if title else -1
    kept: list[str] = [title] if title else []
    kept_positions = [lines[title_at].index if title_at is not None else -1] if title else []
    prose_lines = int(title_at is not None and lines[title_at].is_prose)  # a page whose only sentence became its title
    kept_lines = []
    for i, line in enumerate(lines):
        reason = line.reason
        if i == title_at:
            continue
        if reason is None:
            if line.words == title_words and word_key(line.text) == title_key:
                reason = "duplicate_headline"
            elif i < first_body:
                reason = "before_body"
            elif i > last_body:
                reason = "after_body" if i < end_of_body else "after_end_of_body"
        if reason is None:
            kept.append(line.text)
            kept_positions.append(line.index)
            kept_lines.append(line)
            prose_lines += line.is_prose
        else:
            removed.append(RemovedBlock(line.index, line.text, reason))
    removed.sort(key=lambda block: block.position)
    clean_text = PARAGRAPH_SEPARATOR.join(kept)
    result = CleanResult(clean_text=clean_text, title=title, removed=removed, source_name=page.source_name, prose_lines=prose_lines,
                         kept_positions=kept_positions)
    result.language = detect_language(clean_text)
    result.article_features = article_classifier.features(title, kept_lines)
    # Dates in the footer belong to teasers and copyright notices, not to this article.
    footer_starts = lines[last_body].index if 0 <= last_body < len(lines) else len(lines)
    for rank, position, candidate, require_day in sorted(page.date_candidates):
        if position > footer_starts:
            continue
        published = parse_published(candidate, require_day=require_day, language=result.language)
        if published and published[0] <= date.today() + ONE_DAY:  # "Sion 2038" in a teaser names no publication date
            result.published_at, result.published_precision = published
            result.published_source = page_dates.DATE_SOURCES[rank]
            break
    page_dates.infer_date(result, (line.text for line in lines if line.reason is not None))
    return result


def _publisher(lines: list[_Line]) -> str | None:
    """The publisher named by a byline ("Par Euronews", "Le Monde avec AFP") or a copyright line."""
    found: list[tuple[int, str]] = []
    for line in lines:
        for priority, pattern in enumerate(rules.COMPILED_PUBLISHER_LINES):
            match = pattern.match(line.text)
            if match:
                found.append((priority, match.group("name").strip()))
                break
    return min(found, key=lambda item: item[0])[1] if found else None


def _layout(lines: list[_Line]) -> tuple[int | None, int, int, int]:
    """(headline index, first and last body line, first footer line) of a page's lines."""
    prose = [i for i, line in enumerate(lines) if line.reason is None and line.is_prose]
    title_at = headline.find_title(lines, prose[0] if prose else len(lines))
    on_topic = headline.headline_on_topic(lines, prose, title_at)
    if on_topic is None:
        on_topic = headline.headline_read_as_prose(lines, prose, title_at)
    if on_topic is not None:
        # weather alerts and promotions above the headline are the header's, however long
        title_at, prose = on_topic, [i for i in prose if i > on_topic]
    prose = [i for i in prose if i != title_at]
    first_prose = prose[0] if prose else len(lines)
    last_paragraph = max((i for i, line in enumerate(lines) if line.is_paragraph), default=-1)
    # A footer marker ends the body only when no complete paragraph follows it.
    end_of_body = next(
        (i for i in range(max(first_prose, last_paragraph + 1), len(lines)) if lines[i].reason in rules.END_OF_BODY_REASONS),
        len(lines),
    )
    last_body = max((i for i in prose if i < end_of_body), default=first_prose - 1)
    return title_at, first_prose, last_body, end_of_body


def truncate(result: CleanResult, max_chars: int) -> CleanResult:
    """The result with clean_text cut to at most `max_chars` characters at its last paragraph
    break before the limit (in one long paragraph, its last sentence end, else its last space),
    and the length it had recorded: analysis costs in proportion to the text, and a text this
    long is no article but a dump, a list or an attack."""
    text = result.clean_text
    if len(text) <= max_chars:
        return result
    cut = text.rfind(PARAGRAPH_SEPARATOR, 0, max_chars + len(PARAGRAPH_SEPARATOR))
    if cut <= 0:
        cut = max(text.rfind(mark, 0, max_chars + 1) + 1 for mark in (". ", "! ", "? ", "… "))
    if cut <= 0:
        cut = text.rfind(" ", 0, max_chars + 1)
    if cut <= 0:
        cut = max_chars
    result.clean_text, result.truncated_from = text[:cut], len(text)
    return result


def clean_document(text: str, kind: str) -> CleanResult:
    """Façade: clean a decoded document of kind "text" or "html"."""
    if kind == "html":
        from depeche.tasks.html_clean import clean_html_page  # it cleans the extracted text with this module

        return clean_html_page(text)
    return clean_text_page(text)
