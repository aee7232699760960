"""Is a line of an article's body chrome? A logistic regression over features of the line and its
neighbours, for the lines the wording rules and the page layout leave in the body.

The rules name what they know ("Lire aussi", a credit, a cookie banner); the leaks they let
through are short lines that look like nothing in particular: a share bar worded another way, a
lone ad label, a row of topic names, a byline with a city, a comment count. What gives those
away is their shape (short, no sentence, capitalised words, separators, digits), their
vocabulary (the words of buttons and links, in several languages: a feature, not a list of
lines), their place (among other short lines, far from a paragraph) and what the page repeats.

The weights are learned by `bench/train_line_classifier.py` from labelled pages (the fixture
pages, the training pages, the sample's golden files and half of the peer bench's annotated
pages) and shipped as `line_classifier.json`; its version is part of the cleaner's, so a new
model re-processes the documents. Scoring is a dot product: no library at run time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from depeche.tasks import linear_model
from depeche.tasks.page_vocabulary import INTERFACE_WORDS, NEWSROOM_WORDS, READER_WORDS, WORD, word_key

MODEL_PATH = Path(__file__).with_name("line_classifier.json")

_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}\s?[:hH]\s?\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SEPARATORS = re.compile(r"[|·•/>»›—–]")
_HANDLE = re.compile(r"[@#]\w|https?://|www\.|©|\.(?:com|fr|org|net|de|es)\b")  # searched in lower case: re.I costs more
_SENTENCE_ENDS = tuple('.!?…»"”)。！？')
_ENDINGS = '.!?:…»"”)'
# Feature names made once, not formatted for every line: (bucket bounds, one name per bucket).
_WORDS_BOUNDS = (1, 2, 3, 5, 8, 14, 25)
_STOP_BOUNDS = (0.0, 0.15, 0.3)
_CAPITALISED_BOUNDS = (0.2, 0.5, 0.8)
_INTERFACE_BOUNDS = (0, 1, 2)
_INTERFACE_SHARE_BOUNDS = (0.0, 0.25, 0.5)
_DIGITS_BOUNDS = (0.0, 0.05, 0.2)


def _names(prefix: str, bounds: tuple) -> tuple[str, ...]:
    return tuple(f"{prefix}={i}" for i in range(len(bounds) + 1))


_WORDS_KEYS, _STOP_KEYS, _CAPITALISED_KEYS = _names("words", _WORDS_BOUNDS), _names("stop", _STOP_BOUNDS), _names("capitalised", _CAPITALISED_BOUNDS)
_INTERFACE_KEYS, _INTERFACE_SHARE_KEYS = _names("interface", _INTERFACE_BOUNDS), _names("interface_share", _INTERFACE_SHARE_BOUNDS)
_DIGITS_KEYS = _names("digits", _DIGITS_BOUNDS)
_END_KEYS = {ending: f"end={ending}" for ending in _ENDINGS}
_NEIGHBOUR_KEYS = tuple(tuple(f"{side}_{what}" for what in ("paragraph", "short", "chrome", "none")) for side in ("previous", "next"))
_READER_KEYS = ("reader=0", "reader=1", "reader=2")
_NEWSROOM_KEYS = ("newsroom=0", "newsroom=1", "newsroom=2")
_QUOTE_OPENERS = frozenset('«“"„‚‹')
_DISTANCE_KEYS = tuple(f"paragraph_distance={d}" for d in range(5))


class Line(Protocol):
    text: str
    tokens: list[str]  # its words in lower case
    words: int
    stop_share: float
    min_stop_share: float
    reason: str | None
    starts_block: bool
    is_prose: bool
    is_paragraph: bool
    looks_like_heading: bool
    is_truncated: bool
    plain_tokens: list[str]  # its words in lower case, quotations aside


def _bucket(value: float, bounds: Sequence[float]) -> int:
    """The index of the first bound at or above `value` (len(bounds) past the last)."""
    return bisect_left(bounds, value)


# A complete paragraph longer than this is never judged: chrome that long is a site's appeal or
# notice, which its repetition across pages gives away (boilerplate.py). It halves the lines scored.
CLASSIFIED_MAX_WORDS = 40
# In an HTML page's extracted text, trafilatura has judged the blocks already: only the short
# lines it kept (labels, share bars, bylines) are judged again, which keeps HTML cleaning at
# trafilatura's speed.
CLASSIFIED_MAX_WORDS_EXTRACTED = 12


@dataclass(frozen=True)
class PageFacts:
    """What every line's features look up about the page: computed once per page."""

    repeats: dict[str, int]  # how often each line's text occurs in the page
    paragraph: list[bool]  # each line's is_paragraph
    keys: list[str]  # each line's word_key
    joined: str  # the keys, one per line ("\n" between them): where a line's words recur
    starts: list[int]  # each key's offset in `joined`
    names: frozenset[str]  # keys of the lines that are a name alone ("Jane Doe", "Le Temps")
    sites: frozenset[str]  # keys of what the page calls itself: a title's "| Site", a "© Site" line


# What follows a headline in a title bar, or a copyright sign: the site's own name.
_SITE_AFTER = re.compile(r"(?:\s[|·–—-]\s|©\s*(?:(?:19|20)\d{2}\s*)?)((?:[^|·–—©.]|\.(?=\S)){2,40}?)\s*(?:[-–,]?\s*(?:19|20)\d{2})?\s*(?:[.,]\s.*)?$")
NAME_MAX_WORDS = 4
_SITE_MARKS = re.compile(r"\s[|·–—-]\s|©")  # a quick look before _SITE_AFTER's slower one


# The lower-case particles of people's names: « Sanne de Bruijn », "Ursula von der Leyen".
NAME_PARTICLES = frozenset("de du des la le van von der den ten ter da di del dos y e bin ibn al".split())


def _is_name(text: str, words: list[str] | None = None) -> bool:
    """A person's or a site's name alone: two to four capitalised words, particles aside, no digit
    (`words`: its words, when found already)."""
    words = WORD.findall(text) if words is None else words
    capitalised = [w for w in words if w not in NAME_PARTICLES]
    return (2 <= len(words) <= NAME_MAX_WORDS and len(capitalised) >= 2 and words[0][0].isupper()
            and all(w[0].isupper() for w in capitalised) and not _DIGIT.search(text))


# A caption's credit at its end: « … Photo ER/Clément Vautrin », "… File Photo by Erin Kessler/UPI",
# « … / FERRAN NADEU », "… Beeld Raymond Rutting", « … OSCAR VAZQUEZ » (a name in capitals).
_CREDIT_TAIL = re.compile(
    r"(?:(?P<capitals>\b[A-ZÀ-ÖØ-Þ]{2,}(?:[ -][A-ZÀ-ÖØ-Þ]{2,})+)"
    r"|(?i:\b(?:photos?|foto|fotos|bild|beeld|image|imagen|picture|pictures|crédits?|credits?|courtesy|illustration|ilustración|archives?|archivo|legende)\b)"
    r"[^.!?]{0,50}|[/|]\s*[^\W\d_][^/|.!?]{1,40})\W*$"
)


# An offer: an amount of money with a period or a first month (« 1 € le premier mois », "€1 for the
# first month", "desde 4,99 € al mes", "für 2,99 € im Monat").
_PRICE = re.compile(r"(?:[€$£]\s?\d|\d(?:[.,]\d+)?\s?(?:€|\$|£|euros?|dollars?|fr\.|chf))")
_PERIOD = re.compile(r"\b(?:mois|month|months|mes|meses|monat|monate|monats|semaine|week|semana|woche|an|year|año|jahr)\b", re.IGNORECASE)


CREDIT_TAIL_CHARACTERS = 70  # the longest credit the patterns read, and its word


def credit_tail(text: str) -> bool:
    """The line ends with a photo credit or a name in capitals after a sentence of caption."""
    tail = text[-CREDIT_TAIL_CHARACTERS:]  # a pattern anchored at the end would still try every start
    found = _CREDIT_TAIL.search(tail)
    return bool(found) and (found.group("capitals") is not None or found.start() > 0 or len(tail) < len(text))


def offers_a_price(text: str) -> bool:
    return bool(_PRICE.search(text)) and bool(_PERIOD.search(text))


def page_facts(lines: Sequence[Line], first_body: int) -> PageFacts:
    """`first_body`: the body's first line; the site names itself above it ("Headline | Site", a
    masthead) or in a copyright line anywhere."""
    repeats: dict[str, int] = {}
    for line in lines:
        repeats[line.text] = repeats.get(line.text, 0) + 1
    keys = [" ".join(line.tokens) for line in lines]  # word_key of each, from the words read already
    starts, offset = [], 0
    for key in keys:
        starts.append(offset)
        offset += len(key) + 1
    names = frozenset(key for line, key in zip(lines, keys) if 2 <= line.words <= NAME_MAX_WORDS and _is_name(line.text))
    sites = set()
    for at, line in enumerate(lines):
        marks = len(_SITE_MARKS.findall(line.text)) if line.words <= 25 else 0
        # a title bar has a separator or two ("Headline | Section | Site"); a menu has more
        if 0 < marks <= 2 and ((at < first_body and not line.is_prose) or "©" in line.text):
            found = _SITE_AFTER.search(line.text)
            if found and 1 <= len(WORD.findall(found.group(1))) <= NAME_MAX_WORDS:
                sites.add(word_key(found.group(1)))
    return PageFacts(repeats, [line.is_paragraph for line in lines], keys, "\n".join(keys), starts, names, frozenset(sites) - {""})


ECHO_MIN_CHARACTERS = 20  # shorter runs of words recur by chance


def echoes_page(facts: PageFacts, i: int) -> bool:
    """The line's words recur inside a longer line of the page: a pull quote, a caption or a teaser
    that repeats the article, a headline its own page links to."""
    key = facts.keys[i]
    if len(key) < ECHO_MIN_CHARACTERS:
        return False
    at = facts.joined.find(key)
    while at >= 0:
        j = bisect_left(facts.starts, at + 1) - 1
        if j != i and len(facts.keys[j]) > len(key) + ECHO_MIN_CHARACTERS // 2:
            return True
        at = facts.joined.find(key, at + 1)
    return False


def names_on_page(facts: PageFacts, i: int) -> tuple[bool, bool]:
    """(the line opens with a name that stands alone elsewhere on the page — a bio under a byline;
    the line is a name alone that opens another line)."""
    key = facts.keys[i]
    if not facts.names or (key not in facts.names and key.count(" ") < 3):
        return False, False  # neither a name alone nor long enough to open with one
    words = key.split(" ")
    opens = any(" ".join(words[:n]) in facts.names for n in range(2, min(NAME_MAX_WORDS, len(words) - 2) + 1))
    is_opened = key in facts.names and facts.joined.count("\n" + key + " ") > 0
    return opens, is_opened


def site_mentions(facts: PageFacts, i: int) -> tuple[bool, bool]:
    """(the line is the site's name alone; the line names the site among other words)."""
    key = facts.keys[i]
    if not facts.sites:
        return False, False
    if key in facts.sites:
        return True, False
    padded = f" {key} "
    return False, any(f" {site} " in padded for site in facts.sites)


def candidates(lines: Sequence[Line], facts: PageFacts, first_body: int, last_body: int, title_at: int | None,
               extracted: bool = False) -> list[int]:
    """The lines the classifier judges: those the rules and the layout keep in the body, the title
    and long paragraphs aside (`extracted`: the text an extractor isolated from HTML)."""
    longest = CLASSIFIED_MAX_WORDS_EXTRACTED if extracted else CLASSIFIED_MAX_WORDS
    return [i for i in body_lines(lines, first_body, last_body, title_at) if not (facts.paragraph[i] and lines[i].words > longest)]


def body_lines(lines: Sequence[Line], first_body: int, last_body: int, title_at: int | None) -> list[int]:
    """The lines of the body, the title aside, that nothing has removed yet."""
    return [i for i in range(max(first_body, 0), min(last_body, len(lines) - 1) + 1) if i != title_at and lines[i].reason is None]


def features(lines: Sequence[Line], i: int, first_body: int, last_body: int, facts: PageFacts) -> dict[str, float]:
    """Named features of lines[i]."""
    line = lines[i]
    repeats, paragraph = facts.repeats, facts.paragraph
    text = line.text
    words = WORD.findall(text)
    n = max(len(words), 1)
    capitalised = sum([w[0].isupper() for w in words]) / n
    lowered = list(map(str.lower, words))
    interface = sum(map(INTERFACE_WORDS.__contains__, lowered))
    reader = sum(map(READER_WORDS.__contains__, line.plain_tokens))
    newsroom = sum(map(NEWSROOM_WORDS.__contains__, lowered))
    digit_count = len(_DIGIT.findall(text))
    digits = digit_count / max(len(text), 1)
    end = text[-1:] if text else ""
    first = text[:1]
    found: dict[str, float] = {
        _WORDS_KEYS[_bucket(line.words, _WORDS_BOUNDS)]: 1.0,
        _END_KEYS.get(end) or ("end=alnum" if end.isalnum() else "end=other"): 1.0,
        "start=upper" if first.isupper() else "start=lower" if first.islower() else "start=digit" if first.isdigit() else "start=other": 1.0,
        _STOP_KEYS[_bucket(line.stop_share, _STOP_BOUNDS)] if line.min_stop_share else "stop=unknown": 1.0,
        _CAPITALISED_KEYS[_bucket(capitalised, _CAPITALISED_BOUNDS)]: 1.0,
        _INTERFACE_KEYS[_bucket(interface, _INTERFACE_BOUNDS)]: 1.0,
        _INTERFACE_SHARE_KEYS[_bucket(interface / n, _INTERFACE_SHARE_BOUNDS)]: 1.0,
        _DIGITS_KEYS[_bucket(digits, _DIGITS_BOUNDS)]: 1.0,
        "time": float(digit_count > 0 and bool(_TIME.search(text))),
        "year": float(digit_count > 0 and bool(_YEAR.search(text))),
        "separators": float(min(len(_SEPARATORS.findall(text)), 3)),
        "handle_or_url": float(bool(_HANDLE.search(text.lower()))),
        "all_caps": float(len(words) >= 1 and text.isupper()),
        "parenthesis": float("(" in text),
        "comma_list": float(text.count(",") >= 2 and line.stop_share < 0.1),
        "prose": float(line.is_prose),
        "paragraph": float(paragraph[i]),
        "heading_like": float(line.looks_like_heading),
        "truncated": float(line.is_truncated),
        "sentence_end": float(text.rstrip().endswith(_SENTENCE_ENDS)),
        "starts_block": float(line.starts_block),
        "repeated_in_page": float(repeats.get(text, 0) > 1),
        _READER_KEYS[min(reader, 2)]: 1.0,
        _NEWSROOM_KEYS[min(newsroom, 2)]: 1.0,
        "echoes_page": float(echoes_page(facts, i)),
        "quoted": float(first in _QUOTE_OPENERS),
        "credit_tail": float(credit_tail(text)),
        "price_offer": float(digit_count > 0 and offers_a_price(text)),
        "place=before" if i < first_body else "place=after" if i > last_body else "place=edge" if i in (first_body, last_body) else "place=inside": 1.0,
    }
    opens_with_name, name_opens_line = names_on_page(facts, i)
    found["opens_with_page_name"], found["name_opens_page_line"] = float(opens_with_name), float(name_opens_line)
    site_name, mentions_site = site_mentions(facts, i)
    found["site_name"], found["mentions_site"] = float(site_name), float(mentions_site)
    kept_before = next((j for j in range(i - 1, -1, -1) if lines[j].reason is None), None)
    found["previous_kept_paragraph"] = float(kept_before is not None and paragraph[kept_before])
    for (paragraph_key, short_key, chrome_key, none_key), j in zip(_NEIGHBOUR_KEYS, (i - 1, i + 1)):
        if 0 <= j < len(lines):
            other = lines[j]
            found[paragraph_key] = float(paragraph[j])
            found[short_key] = float(other.words <= 5)
            found[chrome_key] = float(other.reason is not None)
        else:
            found[none_key] = 1.0
    # Shapes a linear model cannot form from the parts: chrome is short AND something else.
    short, sentence = line.words <= 6, found["sentence_end"] > 0
    if short and not sentence:
        found["short_no_sentence"] = 1.0
        found["short_no_sentence_interface"] = float(interface > 0)
        found["short_no_sentence_no_stop_words"] = float(line.stop_share == 0.0 and line.min_stop_share > 0)
        found["short_no_sentence_capitalised"] = float(capitalised > 0.5)
        found["short_no_sentence_digits"] = float(digits > 0)
        found["short_among_short"] = float(found.get("previous_short", 1.0) > 0 and found.get("next_short", 1.0) > 0)
        found["subhead_shape"] = float(found.get("next_paragraph", 0.0) > 0 and capitalised <= 0.5 and interface == 0)
        # A person's name alone (a byline), or a header over a run of short lines (related links, tags).
        found["name_like"] = float(_is_name(text, words))
        following = range(i + 1, min(i + 4, len(lines)))
        found["heads_short_lines"] = float(len(following) >= 2 and all(lines[j].words <= 12 and not paragraph[j] for j in following))
    nearest = min((abs(j - i) for j in range(max(0, i - 3), min(len(lines), i + 4)) if j != i and paragraph[j]), default=4)
    found[_DISTANCE_KEYS[nearest]] = 1.0
    return found


SHIPPED = linear_model.LinearModel(MODEL_PATH)
model, version, chrome_probability = SHIPPED.fitted, SHIPPED.version, SHIPPED.probability


def threshold(extracted: bool) -> float:
    """The probability from which a line is chrome: higher in the short lines of an extractor's
    main text (HTML), which the extractor has judged content already."""
    fitted = model()
    return fitted.get("threshold_extracted", fitted["threshold"]) if extracted else fitted["threshold"]


def is_subhead(found: dict[str, float]) -> bool:
    """A short line between two paragraphs (chrome aside), mostly lower-case, with few button words,
    no digit, not a name alone: a subhead,
    which no probability removes (losing the article's structure costs more than a leaked label)."""
    return (found.get("short_no_sentence", 0.0) > 0 and found.get("next_paragraph", 0.0) > 0
            and found.get("previous_kept_paragraph", 0.0) > 0 and found.get("name_like", 0.0) == 0
            and found.get("digits=0", 0.0) > 0 and (found.get("capitalised=0", 0.0) or found.get("capitalised=1", 0.0))
            and (found.get("interface_share=0", 0.0) or found.get("interface_share=1", 0.0)))
