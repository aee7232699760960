"""Clean stage: strip web chrome from text pages and HTML, keep what was removed, read metadata.

Pure functions on strings; no Prefect, no files.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tasks import chrome_rules as rules
from tasks.dates import parse_published

CLEANER_VERSION = f"1.{rules.CHROME_RULES_VERSION}"

MAX_PATTERN_WORDS = 20  # longer lines are article text even when they contain a chrome word
PROSE_MIN_WORDS = 8  # a line of fewer words is prose only when it ends like a sentence
PROSE_MIN_STOPWORD_SHARE = 0.2  # jusText's signal: running text is full of function words
HEADLINE_MAX_WORDS = 30
MAX_CAPTION_WORDS = 60  # a caption with its credit; longer lines citing an agency are article text
PARAGRAPH_SEPARATOR = "\n\n"
LANGUAGE_SAMPLE_CHARS = 600  # a few sentences identify a language; scoring is linear in length

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co")  # control, format (zero-width, BOM, soft hyphen), surrogate, private
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
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
    source_name: str | None = None
    url: str | None = None
    language: str | None = None


def normalize_text(text: str) -> str:
    """Unicode NFC, LF line ends, no zero-width or control characters, single spaces inside lines."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = _invisible_characters().sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@lru_cache(maxsize=1)
def _invisible_characters() -> re.Pattern:
    """One character class of every code point in _INVISIBLE_CATEGORIES except newline and tab."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in _INVISIBLE_CATEGORIES and chr(code) not in "\n\t":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of the languages we expect; their density tells running text from menus."""
    from spacy.lang.de.stop_words import STOP_WORDS as de
    from spacy.lang.en.stop_words import STOP_WORDS as en
    from spacy.lang.es.stop_words import STOP_WORDS as es
    from spacy.lang.fr.stop_words import STOP_WORDS as fr
    from spacy.lang.it.stop_words import STOP_WORDS as it
    from spacy.lang.pt.stop_words import STOP_WORDS as pt

    return frozenset(w.lower() for w in fr | en | es | de | it | pt)


@dataclass
class _Line:
    index: int
    text: str
    words: int
    stop_share: float
    reason: str | None = None  # chrome reason, None while undecided or kept

    @property
    def is_prose(self) -> bool:
        ends_sentence = bool(_SENTENCE_END.search(self.text)) and not self.is_truncated
        if self.words >= PROSE_MIN_WORDS and self.stop_share >= PROSE_MIN_STOPWORD_SHARE:
            return ends_sentence or self.words >= 2 * PROSE_MIN_WORDS
        return ends_sentence and self.words >= 4 and self.stop_share >= PROSE_MIN_STOPWORD_SHARE

    @property
    def is_truncated(self) -> bool:
        return self.text.endswith(rules.TRUNCATION_MARKS)

    @property
    def looks_like_heading(self) -> bool:
        return 2 <= self.words <= HEADLINE_MAX_WORDS and not self.text.endswith((":", ",", ";")) and not self.is_truncated


def _make_line(index: int, text: str) -> _Line:
    words = _WORD.findall(text)
    stops = stop_words()
    share = sum(1 for w in words if w.lower() in stops) / len(words) if words else 0.0
    return _Line(index=index, text=text, words=len(words), stop_share=share)


def chrome_reason(text: str, words: int) -> str | None:
    """The reason code of a line that is site chrome by its wording alone, else None."""
    if words == 0:
        return "no_words"
    if words <= MAX_PATTERN_WORDS:
        for reason, pattern in rules.COMPILED_LINE_PATTERNS.items():
            if pattern.match(text):
                return reason
        if _BREADCRUMB.match(text) and not _SENTENCE_END.search(text):
            return "navigation"
    if words <= MAX_CAPTION_WORDS and _may_be_credit(text) and rules.COMPILED_CREDIT.search(text):
        return "photo_credit"
    return None


def _may_be_credit(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in rules.CREDIT_HINTS) or lowered.rstrip(" .)").endswith(rules.PHOTO_AGENCIES)


def clean_text_page(text: str) -> CleanResult:
    """Strip chrome from a plain-text page: the headline once, then the article's paragraphs."""
    lines = [_make_line(i, t) for i, t in enumerate(normalize_text(text).split("\n")) if t]
    removed: list[RemovedBlock] = []
    date_candidates: list[tuple[str, bool]] = []  # (text, needs a full day), best first
    source_name: str | None = None

    # Metadata first: a "date 2023-09" prefix glued to the headline, datelines, bylines.
    for line in lines:
        prefix = rules.COMPILED_DATE_PREFIX.match(line.text)
        if prefix:
            date_candidates.append((prefix.group("date"), False))
            removed.append(RemovedBlock(line.index, prefix.group(0).strip(), "metadata"))
            line.text = line.text[prefix.end() :].strip()
            line.words = len(_WORD.findall(line.text))
            if not line.text:
                line.reason = "metadata"
                continue
        dateline = rules.COMPILED_DATELINE.match(line.text)
        if dateline and line.words <= MAX_PATTERN_WORDS:
            date_candidates.append((dateline.group("date"), False))
        byline = rules.COMPILED_BYLINE_PUBLISHER.match(line.text)
        if byline and source_name is None and len(byline.group("name").split()) == 1:
            source_name = byline.group("name").strip()
    lines = [line for line in lines if line.reason is None]

    for line in lines:
        line.reason = chrome_reason(line.text, line.words)
    _mark_captions(lines)
    date_candidates += [(line.text, True) for line in lines if line.reason == "photo_credit"]

    title_at = _find_title(lines)
    title = lines[title_at].text if title_at is not None else None
    prose = [i for i, line in enumerate(lines) if line.reason is None and line.is_prose and i != title_at]
    first_body = prose[0] if prose else len(lines)
    end_of_body = next((i for i in range(first_body, len(lines)) if lines[i].reason in rules.END_OF_BODY_REASONS), len(lines))
    last_body = max((i for i in prose if i < end_of_body), default=first_body - 1)
    _mark_teasers(lines, first_body, last_body)

    title_key = _key(title) if title else None
    kept: list[str] = [title] if title else []
    for i, line in enumerate(lines):
        reason = line.reason
        if i == title_at:
            continue
        if reason is None:
            if title_key and _key(line.text) == title_key:
                reason = "duplicate_headline"
            elif i < first_body:
                reason = "before_body"
            elif i > last_body:
                reason = "after_body" if i < end_of_body else "after_end_of_body"
        if reason is None:
            kept.append(line.text)
        else:
            removed.append(RemovedBlock(line.index, line.text, reason))
    removed.sort(key=lambda block: block.position)
    clean_text = PARAGRAPH_SEPARATOR.join(kept)
    result = CleanResult(clean_text=clean_text, title=title, removed=removed, source_name=source_name)
    result.language = detect_language(clean_text)
    for candidate, require_day in date_candidates:
        published = parse_published(candidate, require_day=require_day, language=result.language)
        if published:
            result.published_at, result.published_precision = published
            break
    return result


def _mark_teasers(lines: list[_Line], first_body: int, last_body: int) -> None:
    """A heading followed by a lead cut short with an ellipsis is a teaser for another article."""
    for i in range(max(first_body, 1), last_body + 1):
        lead, heading = lines[i], lines[i - 1]
        if lead.reason is None and lead.is_truncated and heading.reason is None and heading.looks_like_heading and not heading.is_prose:
            heading.reason = lead.reason = "teaser"


def _mark_captions(lines: list[_Line]) -> None:
    """A line repeated as the start of the credit line after it is the photo's caption."""
    for before, after in zip(lines, lines[1:]):
        if before.reason is None and after.reason == "photo_credit" and after.text.startswith(before.text):
            before.reason = "caption"
    # Two identical adjacent short lines are a caption printed twice or a menu echo.
    for before, after in zip(lines, lines[1:]):
        if before.reason is None and after.reason is None and before.text == after.text and not before.is_prose:
            after.reason = "repeated_line"


def _find_title(lines: list[_Line]) -> int | None:
    """Index of the headline: the first line that is not chrome, when it is short enough to be one.

    A headline may end with a question mark or even a period, so prose-likeness is no test;
    a long first line means the page starts with the body and has no headline.
    """
    for i, line in enumerate(lines):
        if line.reason is None:
            return i if line.looks_like_heading else None
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def clean_html_page(html: str) -> CleanResult:
    """Main text by trafilatura, metadata by trafilatura and the page's own meta tags."""
    import trafilatura
    from bs4 import BeautifulSoup

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=True, favor_recall=False
    )
    soup = BeautifulSoup(html, "lxml")
    meta = _html_meta(soup)
    body_text = (extracted.text if extracted is not None and extracted.text else "") or ""
    title = meta.get("title") or (extracted.title if extracted is not None else None)
    text_result = clean_text_page(((title + "\n\n") if title else "") + body_text)
    text_result.title = title or text_result.title
    text_result.removed = _removed_html_blocks(soup, text_result.clean_text) + text_result.removed
    published = None
    for candidate in (meta.get("published"), extracted.date if extracted is not None else None):
        if candidate and published is None:
            published = parse_published(candidate)
    if published:
        text_result.published_at, text_result.published_precision = published
    text_result.source_name = meta.get("site_name") or (extracted.sitename if extracted is not None else None) or text_result.source_name
    text_result.url = meta.get("url") or (extracted.url if extracted is not None else None)
    return text_result


def _html_meta(soup) -> dict[str, str]:
    """og:/article: meta tags and JSON-LD NewsArticle fields, which publishers fill reliably."""

    def content(*selectors: tuple[str, str]) -> str | None:
        for attr, value in selectors:
            tag = soup.find("meta", attrs={attr: value})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return None

    meta: dict[str, str] = {}
    title = content(("property", "og:title"), ("name", "twitter:title"))
    if not title and soup.h1:
        title = soup.h1.get_text(" ", strip=True)
    if not title and soup.title:
        title = _strip_site_suffix(soup.title.get_text(" ", strip=True))
    if title:
        meta["title"] = normalize_text(title)
    published = content(("property", "article:published_time"), ("name", "pubdate"), ("itemprop", "datePublished"), ("name", "date"))
    site_name = content(("property", "og:site_name"), ("name", "application-name"))
    url = content(("property", "og:url"))
    canonical = soup.find("link", rel="canonical")
    url = url or (canonical.get("href") if canonical else None)
    for script in soup.find_all("script", type="application/ld+json"):
        for item in _json_ld_items(script.string or ""):
            published = published or item.get("datePublished")
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and not site_name:
                site_name = publisher.get("name")
    if published:
        meta["published"] = str(published)
    if site_name:
        meta["site_name"] = str(site_name).strip()
    if url:
        meta["url"] = url.strip()
    return meta


def _json_ld_items(raw: str) -> list[dict]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    items = data if isinstance(data, list) else [data]
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            out.extend(x for x in item.get("@graph", []) if isinstance(x, dict))
    return out


def _strip_site_suffix(title: str) -> str:
    parts = re.split(r"\s+[|–—-]\s+", title)
    return max(parts, key=len) if len(parts) > 1 else title


def _removed_html_blocks(soup, kept_text: str) -> list[RemovedBlock]:
    """Visible text blocks of the page that did not reach clean_text, for the audit trail."""
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    kept = _key(kept_text)
    removed = []
    for position, block in enumerate(normalize_text(soup.get_text("\n")).split("\n")):
        if block and _key(block) not in kept:
            removed.append(RemovedBlock(position, block, "html_boilerplate"))
    return removed


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by py3langid, or None for text too short to tell."""
    if len(_WORD.findall(text)) < 3:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return lang


def clean_document(text: str, kind: str) -> CleanResult:
    """Façade: clean a decoded document of kind "text" or "html"."""
    return clean_html_page(text) if kind == "html" else clean_text_page(text)
