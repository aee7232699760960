"""Is what the cleaner kept an article at all? A logistic regression over features of the whole page.

A consent wall, a 404 page, a login wall, a search or tag page and a page a script fills are
written in full sentences too, so "some line of running text is left" does not tell them from a
news brief. What does is the page as a whole: such pages talk to the reader about the site (you,
your choices, cookies, the page, an account, an offer, results) and hold little running text and
few names; an article narrates, names people and places, and quotes.

The weights are learned by `bench/train_article_classifier.py` from the labelled pages (articles
and pages without one) and the peer bench's pages, and shipped as `article_classifier.json`; its
version is part of the cleaner's. Scoring is a dot product: no library at run time.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Protocol, Sequence

from depeche.tasks import linear_model
from depeche.tasks.page_vocabulary import PAGE_WORDS, READER_WORDS, WORD, stop_words

MODEL_PATH = Path(__file__).with_name("article_classifier.json")

SAMPLE_WORDS = 400
HEADLINE_WORDS = 16
HEADLINE_LIST_SHARE = 0.5
_QUOTE = re.compile(r"[«»“”„\"]")


class Line(Protocol):
    text: str
    words: int
    plain_tokens: list[str]  # lower case, quotations aside
    is_prose: bool


def features(title: str | None, lines: Sequence[Line]) -> dict[str, float]:
    """Named features of a page: its title and the body lines the cleaner kept."""
    tokens: list[str] = []  # lower case, quotations aside
    names = 0  # capitalised words after a line's first: the names an article is full of
    for line in lines:  # the shares of the first words tell as much as the whole, at a bounded cost
        tokens += line.plain_tokens
        names += _names(line.text.split())
        if len(tokens) >= SAMPLE_WORDS:
            break
    n = max(len(tokens), 1)
    title_words = [word.lower() for word in WORD.findall(title or "")]
    return {
        # All the kept words, not only those of lines read as prose: a page hard-wrapped in a way
        # the cleaner does not undo keeps its article in short lines.
        "words_log": math.log1p(sum(line.words for line in lines)),
        "reader_share": 10 * sum(map(READER_WORDS.__contains__, tokens)) / n,
        "page_share": 10 * sum(map(PAGE_WORDS.__contains__, tokens)) / n,
        "names_share": 10 * names / n,
        # Lines too short to be sentences, a headline each: the lists of search and tag pages.
        "headline_share": sum(line.words <= HEADLINE_WORDS and not line.is_prose for line in lines) / max(len(lines), 1),
        "quotes": float(any(_QUOTE.search(line.text) for line in lines)),
        "title_page_words": float(any(word in PAGE_WORDS or word.isdigit() for word in title_words)),
        "title_reader_words": float(any(word in READER_WORDS for word in title_words)),
    }


def _names(words: list[str]) -> int:
    """Capitalised words after a line's first that no function word introduces: "Olaf Scholz",
    « le président Macron », but not German nouns (« die Partner », « unserer Website »), which are
    capitalised too and would make any German page read as full of names."""
    function_words = _function_words_any_case()
    # compress: the words before each capitalised one, picked in C (this runs on every page)
    return sum(1 for before in compress(words, map(str.istitle, words[1:])) if before not in function_words)


@lru_cache(maxsize=1)
def _function_words_any_case() -> frozenset[str]:
    words = stop_words()
    return frozenset(words | {word.capitalize() for word in words} | {word.upper() for word in words})


SHIPPED = linear_model.LinearModel(MODEL_PATH)
model, version, article_probability = SHIPPED.fitted, SHIPPED.version, SHIPPED.probability


def is_article(found: dict[str, float]) -> bool:
    """A page that never addresses the reader nor names the site's furniture, and is not a list of
    headlines, is an article however short (a one-sentence brief); the others are as the model
    scores them."""
    return not talks_about_the_page(found) or article_probability(found) >= model()["threshold"]


def talks_about_the_page(found: dict[str, float]) -> bool:
    """Addresses the reader, names the site's furniture, or is mostly a list of headlines."""
    return found["reader_share"] > 0 or found["page_share"] > 0 or found["headline_share"] >= HEADLINE_LIST_SHARE
