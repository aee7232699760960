"""Chrome that only shows across pages: a line that recurs on several articles of the same source
(its newsletter blurb, its "Why you can trust us", its promotion) is the site's, not the news.

One page cannot tell such a line from a short paragraph; several pages of one publisher can. Lines
are compared within a batch and with the lines the warehouse has already seen recur for that source
(`Warehouse.boilerplate_lines`), so what is learned grows with the warehouse. A removed line lands
in `removed_chrome` with the reason `cross_page_boilerplate`.

Two versions or copies of one story share their paragraphs without those being chrome: articles
whose long paragraphs mostly coincide count as one, and only lines of at most
BOILERPLATE_MAX_WORDS words are candidates. A source is a URL's host or a publisher's name; pages
of unknown source are compared among themselves in a batch, and nothing is learned for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Mapping
from urllib.parse import urlsplit

from depeche.tasks.clean import PARAGRAPH_SEPARATOR, CleanResult, RemovedBlock
from depeche.tasks.page_vocabulary import word_key

BOILERPLATE_MAX_WORDS = 40
MIN_PAGES = 2  # distinct articles of one source sharing the line, in a batch
MIN_PAGES_IN_WAREHOUSE = 3  # to learn it from what is loaded: a stricter test, since it lasts
SAME_STORY_OVERLAP = 0.5  # share of long paragraphs two versions of one story have in common
LONG_PARAGRAPH_WORDS = 12
REASON = "cross_page_boilerplate"
UNKNOWN_SOURCE = ""


def source_key(url: str | None, source_name: str | None) -> str | None:
    """The site a page comes from: its URL's host, else its publisher's name, else unknown."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return " ".join(source_name.split()).casefold() if source_name else None


@dataclass
class Page:
    source: str | None
    paragraphs: list[str]  # clean_text's paragraphs
    body_from: int = 1  # the first that is not the title


def repeated_lines(pages: list[Page], known: Mapping[str, Collection[str]]) -> list[set[int]]:
    """For each page, the indexes of its paragraphs that are its source's boilerplate (never the title)."""
    by_source: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        # Pages of unknown source (a text page that names no publisher) are compared among
        # themselves: the same guards hold, and a copied site's chrome is no less its chrome.
        by_source.setdefault(page.source or UNKNOWN_SOURCE, []).append(number)
    found: list[set[int]] = [set() for _ in pages]
    for source, members in by_source.items():
        learned = known.get(source, ())
        if len(members) < MIN_PAGES and not learned:
            continue
        keys = {number: [word_key(p) for p in pages[number].paragraphs] for number in members}
        stories = _stories(members, keys, pages)
        seen_in: dict[str, set[int]] = {}
        for number in members:
            for key in set(keys[number][pages[number].body_from :]):
                if key and len(key.split()) <= BOILERPLATE_MAX_WORDS:
                    seen_in.setdefault(key, set()).add(stories[number])
        shared = {key for key, story_set in seen_in.items() if len(story_set) >= MIN_PAGES} | set(learned)
        for number in members:
            found[number] = {i for i, key in enumerate(keys[number]) if i >= pages[number].body_from and key in shared}
    return found


def _stories(members: list[int], keys: dict[int, list[str]], pages: list[Page]) -> dict[int, int]:
    """Each page's story: the first earlier page whose long paragraphs it mostly shares, else its own."""
    long_keys = {
        number: {k for k in keys[number][pages[number].body_from :] if len(k.split()) >= LONG_PARAGRAPH_WORDS} for number in members
    }
    story: dict[int, int] = {}
    for position, number in enumerate(members):
        mine = long_keys[number]
        story[number] = next(
            (story[other] for other in members[:position]
             if mine and long_keys[other] and len(mine & long_keys[other]) >= SAME_STORY_OVERLAP * min(len(mine), len(long_keys[other]))),
            number,
        )
    return story


def page_of(result: CleanResult) -> Page:
    return Page(source_key(result.url, result.source_name), result.clean_text.split(PARAGRAPH_SEPARATOR), int(bool(result.title)))


def remove(result: CleanResult, drop: set[int]) -> bool:
    """Take the paragraphs `drop` out of `result`'s clean_text, into its removed blocks; whether any
    paragraph but the title is left."""
    paragraphs = result.clean_text.split(PARAGRAPH_SEPARATOR)
    positions = result.kept_positions + [-1] * (len(paragraphs) - len(result.kept_positions))
    result.removed = result.removed + [RemovedBlock(positions[i], paragraphs[i], REASON) for i in sorted(drop)]
    result.clean_text = PARAGRAPH_SEPARATOR.join(p for i, p in enumerate(paragraphs) if i not in drop)
    result.kept_positions = [position for i, position in enumerate(positions) if i not in drop]
    return len(paragraphs) - len(drop) > int(bool(result.title))
