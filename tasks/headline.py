"""Which line of a text page is its headline: a heading-like line that is no ticker, menu or shouted
label, the page repeats or the header holds, and that shares its topic words with the body's first
lines (a masthead or a weather alert does not). Reads the lines the clean stage laid out."""

from __future__ import annotations

import re
from typing import Protocol

from depeche.tasks.page_vocabulary import stop_words, word_key

# A headline shares its topic words (stems of this many letters) with the body's first lines
TOPIC_STEM, TOPIC_BODY_LINES, TOPIC_MIN_SHARE = 5, 12, 0.3
HEADLINE_MIN_WORDS = 6  # a headline is a sentence; a section label or a byline is shorter
BODY_PARAGRAPH_WORDS = 40  # a paragraph this long is the body's
BREADCRUMB_MARKS = (" > ", " › ", " · ")  # not « » : French quotes
MENU_MIN_ITEMS = 5
BYLINE_REACH = 3  # a headline is this near above its byline (a standfirst between them)
_FIGURE = re.compile(r"\S*\d\S*")  # a token holding a digit
_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_SHOUTED_LABEL = re.compile(r"^[^\w]*(?:[^\W\d_a-zà-ÿ]{2,}[\s\d]*)+(?:$|[:|])")


class Line(Protocol):
    text: str
    words: int
    stop_share: float
    reason: str | None
    is_prose: bool
    is_paragraph: bool
    looks_like_heading: bool
    ends_paragraph: bool
    tokens: list[str]


def headline_on_topic(lines: list[Line], prose: list[int], title_at: int | None) -> int | None:
    """A better headline than the one found when that one is off the body's topic (a masthead, a
    weather alert, a ticker): the first heading-like line on topic in the header's last
    BYLINE_REACH lines above its byline or date line, else above the body's first full paragraph
    (weather alerts and promotions may read as prose). A headline speaks of what the body does:
    TOPIC_MIN_SHARE of its topic words, and two at least, are the body's first lines'. None when
    the headline found shares two with them (and is no full sentence above a byline), or no line
    is on topic."""
    opening = next((i for i in prose if lines[i].is_paragraph and lines[i].words >= BODY_PARAGRAPH_WORDS), None)
    if opening is None:
        return None
    byline = next((i for i in range(opening) if lines[i].reason == "byline"), None)
    body = _topic(lines, [i for i in prose if i > (byline if byline is not None else opening)][:TOPIC_BODY_LINES])
    if title_at is not None and _shared(lines[title_at], body)[0] >= 2 and not (byline is not None and lines[title_at].is_paragraph):
        return None  # near the topic, and no sentence with a full stop where a byline says which line the headline is
    above = range(max(0, byline - BYLINE_REACH), byline) if byline is not None else range(opening)
    return next((i for i in above if may_be_headline(lines[i]) and lines[i].words >= HEADLINE_MIN_WORDS
                 and not lines[i].is_paragraph and _on_topic(lines[i], body)), None)


def headline_read_as_prose(lines: list[Line], prose: list[int], title_at: int | None) -> int | None:
    """The first line of running text, when it is the headline: a long headline without a full stop
    reads as prose (« La flota de Vigo teme un verano sin merluza en Gran Sol por el nuevo reparto
    de cuotas »), and the header line found instead (a weather line, a menu) shares no topic word
    with the body after it, which this line speaks of. None otherwise."""
    if len(prose) < 2:
        return None
    first = lines[prose[0]]
    if not first.looks_like_heading or first.ends_paragraph or _SENTENCE_END.search(first.text):
        return None
    body = _topic(lines, prose[1 : 1 + TOPIC_BODY_LINES])
    if title_at is not None and _shared(lines[title_at], body)[0] > 0:
        return None  # a headline the body echoes, however little
    return prose[0] if _on_topic(first, body) else None


def find_title(lines: list[Line], first_prose: int) -> int | None:
    """Index of the headline, or None when the page starts with its body.

    In order: a heading-like line the page repeats (headlines are echoed in breadcrumbs, share
    blocks and captions); else the longest heading-like line of the header before the first
    paragraph (menu items are short), or the line right above it when that one is of a sentence's
    length and the longest its standfirst; else a short first paragraph followed by a longer one
    (a headline ending with a period).
    """
    keys: dict[str, list[int]] = {}
    candidates = [i for i, line in enumerate(lines) if may_be_headline(line)]
    for i in candidates:
        keys.setdefault(word_key(lines[i].text), []).append(i)
    repeated = [positions[0] for positions in keys.values() if len(positions) > 1 and positions[0] <= first_prose]
    if repeated:
        # A short line a site repeats ("Facebook Flipboard Email", « taz zahl ich ») is its own
        # unless it speaks of what the body does.
        body = _topic(lines, [i for i in range(first_prose, len(lines)) if lines[i].reason is None and lines[i].is_prose][:TOPIC_BODY_LINES])
        repeated = [i for i in repeated if lines[i].words >= HEADLINE_MIN_WORDS or _shared(lines[i], body)[0] >= 1]
    if repeated:
        return min(repeated)
    header = [i for i in candidates if i < first_prose]
    if header:
        longest = max(header, key=lambda i: (lines[i].words, i))
        before = next((i for i in range(longest - 1, -1, -1) if lines[i].text.strip()), None)
        return before if before in header and lines[before].words >= HEADLINE_MIN_WORDS else longest
    if first_prose < len(lines) and lines[first_prose].looks_like_heading:
        following = next((line for line in lines[first_prose + 1 :] if line.reason is None and line.is_prose), None)
        if following is not None and following.words > lines[first_prose].words:
            return first_prose
    return None


def _topic(lines: list[Line], indices: list[int]) -> set[str]:
    """The stems of the topic words of those lines."""
    return {stem for i in indices for stem in _topic_stems(lines[i])}


def _topic_stems(line: Line) -> list[str]:
    """The stems of a line's topic words: its words of TOPIC_STEM letters or more, no function word."""
    function_words = stop_words()
    return [word[:TOPIC_STEM] for word in line.tokens if len(word) >= TOPIC_STEM and not word.isdigit() and word not in function_words]


def _shared(line: Line, body: set[str]) -> tuple[int, int]:
    """(how many of a line's topic words the body uses, how many it has)."""
    stems = _topic_stems(line)
    return sum(stem in body for stem in stems), len(stems)


def _on_topic(line: Line, body: set[str]) -> bool:
    shared, words = _shared(line, body)
    return shared >= 2 and shared >= TOPIC_MIN_SHARE * words


def may_be_headline(line: Line) -> bool:
    """A heading-like line of three words or more that is no ticker or menu: not mostly figures
    ("NSE 20 Share Index 4,405.88 ▼ | KES/USD 101.85"), not items between bars or a breadcrumb's arrows,
    not shouted (a masthead, "BREAKING: …", "ALERTA | …", « EILMELDUNG: … »), no menu of capitalised words."""
    if line.reason is not None or not line.looks_like_heading or line.words < 3:
        return False
    tokens = line.text.split()
    figures = len(_FIGURE.findall(line.text))
    words = [token for token in tokens if token[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in words)
    menu = len(words) >= MENU_MIN_ITEMS and line.stop_share == 0 and capitalised >= len(words) - 1  # "Home News Wealth Work & Careers …"
    label = _SHOUTED_LABEL.match(line.text)
    shouted = label is not None and sum(ch.isalpha() for ch in label.group()) >= 5  # "NATO: …" may be a headline
    return not shouted and not menu and figures <= len(tokens) // 4 and line.text.count("|") < 2 and not any(mark in line.text for mark in BREADCRUMB_MARKS)


# A browser tab's title: the headline, a separator, the site's name (« … | L'Avenir », "… - FR.de").
_SITE_SUFFIX = re.compile(r"^(?P<head>.{12,}?)\s+[|–—-]\s+(?P<site>[^|–—]{2,40})$")
SITE_SUFFIX_MAX_WORDS = 4


def without_site_name(lines: list[Line], title_at: int) -> tuple[int, str, str | None]:
    """(the headline's line, its text, the site's name cut from it) when the line found is a tab's
    title: the page's own headline line when the header repeats it without the suffix, else the
    tab's line without it when the suffix names the site (a line alone elsewhere on the page, or a
    domain name). Else the line as found."""
    text = lines[title_at].text
    split = split_site_suffix(text)
    if split is None:
        return title_at, text, None
    head, site = split
    head_key, site_key = word_key(head), word_key(site)
    for i, line in enumerate(lines):
        if i != title_at and line.reason is None and word_key(line.text) == head_key:
            return i, line.text, site
    if "." in site or any(i != title_at and word_key(line.text) == site_key for i, line in enumerate(lines)):
        return title_at, head, site
    return title_at, text, None


def split_site_suffix(text: str) -> tuple[str, str] | None:
    """(headline, site) of a tab's title « … | L'Avenir », else None; whether the suffix is the
    site's name is the caller's to judge."""
    found = _SITE_SUFFIX.match(text)
    if not found or len(found.group("site").split()) > SITE_SUFFIX_MAX_WORDS:
        return None
    return found.group("head").strip(), found.group("site").strip()

