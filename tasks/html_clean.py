"""Clean stage, HTML pages: the main text by trafilatura, with the standfirst it drops put back, then
cleaned as a text page (`tasks/clean.py`) with the page's own title and date; every visible block left
out is kept for audit. Pure functions on strings; no Prefect, no files."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from depeche.tasks import html_page, page_dates
from depeche.tasks.clean import EDGE_LINE_WORDS, PROSE_MIN_WORDS, CleanResult, RemovedBlock, clean_text_page
from depeche.tasks.plain_text import normalize_text
from depeche.tasks.page_vocabulary import WORD, word_key

# Below this many characters from trafilatura's fast mode, its full mode runs: on the peer bench that
# recovers most of the recall the fast mode loses, for one page in twenty extracted twice.
FAST_EXTRACTION_MIN_CHARS = 500
_WORD_OR_BREAK = re.compile(f"{WORD.pattern}|\n")


def clean_html_page(html: str) -> CleanResult:
    """Main text by trafilatura (plus the standfirst it drops), metadata from the page's own tags.

    The page is parsed once: trafilatura works on a copy of the tree it is given, so the same
    tree serves the metadata, the standfirst and the audit of removed blocks."""
    tree = html_page.parse(html)
    if tree is None:
        return _clean_visible_text(html_page.streamed_blocks(html), title=None)
    meta = html_page.metadata(tree)
    blocks = html_page.visible_blocks(tree)
    extracted = _main_text(tree)
    if not all(key in meta for key in ("title", "published", "site_name")):
        # htmldate's search for a date costs a third of the extraction: only when the page's own
        # tags leave a gap.
        html_page.fill_gaps(tree, meta)
    body_text = html_body_text(tree, extracted)
    title = meta.get("title")
    if body_text.strip() and not _layout_table(body_text):
        result = clean_text_page(body_text, main_text_of=normalize_text(title) if title else "", tagged_date=meta.get("published"))
    else:
        # trafilatura gave up (nesting deeper than libxml2 holds, odd markup), or flattened a page
        # laid out in a table into a few rows of cells: clean the page's visible text like a text
        # page, layout inference included.
        result = _clean_visible_text(blocks or html_page.streamed_blocks(html), title, meta.get("published"))
    result.removed = _removed_blocks(blocks, result.clean_text) + result.removed
    page_dates.infer_date(result, (block.text for block in result.removed))  # the extracted text's chrome lacks the page's footer
    result.source_name = meta.get("site_name") or result.source_name
    result.url = meta.get("url")
    return result


_EMPTY_CELL = re.compile(r"\|\s+\|")


def _layout_table(body_text: str) -> bool:
    """trafilatura's text of a page laid out in a table: most lines are rows ("| … |  |  |"), some
    with empty cells, which an article's data table seldom has."""
    lines = [line for line in body_text.split("\n") if line.strip()]
    rows = [line for line in lines if line.lstrip().startswith("|")]
    return len(rows) * 2 > len(lines) and any(_EMPTY_CELL.search(row) for row in rows)


def html_body_text(tree, extracted=None) -> str:
    """The article's text as trafilatura extracts it (`extracted`, or extracted now), with the
    standfirst it drops put back; empty when it finds none."""
    if extracted is None:
        extracted = _main_text(tree)
    body_text = extracted.text if extracted is not None and extracted.text else ""
    standfirst = _standfirst(html_page.standfirst_candidates(tree))
    if standfirst and word_key(standfirst) not in word_key(body_text):
        # after the kicker or label the text may open with, which stay at its edge
        lines = body_text.split("\n")
        opening = next((i for i, line in enumerate(lines) if len(WORD.findall(line)) > EDGE_LINE_WORDS), len(lines))
        body_text = "\n".join(lines[:opening] + [standfirst] + lines[opening:])
    return body_text


def _main_text(tree):
    """trafilatura's extraction (a Document, or None): its fast mode, which skips the comparison
    with readability and jusText (some 30 % of its time), unless it finds little text: on
    those pages that comparison is what finds the article."""
    import trafilatura

    fast, full = _extractors()
    extracted = trafilatura.bare_extraction(tree, options=fast)
    if extracted is None or len(extracted.text or "") < FAST_EXTRACTION_MIN_CHARS:
        extracted = trafilatura.bare_extraction(tree, options=full)
    return extracted


@lru_cache(maxsize=1)
def _extractors():
    """trafilatura's options, fast and full, made once: making them reads its configuration
    (a tenth of the extraction of a small page)."""
    from trafilatura.settings import Extractor

    return tuple(Extractor(output_format="python", fast=fast, comments=False, tables=True) for fast in (True, False))


def _clean_visible_text(blocks: list[str], title: str | None, tagged_date: str | None = None) -> CleanResult:
    result = clean_text_page("\n".join(blocks), tagged_date=tagged_date)
    result.title = result.title or title
    return result


STANDFIRST_MAX_WORDS = 80


def _standfirst(candidates: list[str]) -> str | None:
    """The first candidate that reads like a standfirst: one prose paragraph of modest length."""
    for text in candidates:
        text = normalize_text(text)
        if PROSE_MIN_WORDS <= len(WORD.findall(text)) <= STANDFIRST_MAX_WORDS:
            return text
    return None


# Looking every block up by scanning the kept text costs about 1 ns per character of the kept text
# and block; beyond this budget (some 0.2 s) the index, slower on the pages of news sites, wins.
MAX_SCANNED_CHARS = 200_000_000


def _removed_blocks(blocks: list[str], kept_text: str) -> list[RemovedBlock]:
    """Visible text blocks of the page that did not reach clean_text, for the audit trail."""
    kept_key = word_key(kept_text)
    kept = kept_key if len(blocks) * len(kept_key) <= MAX_SCANNED_CHARS else _KeyIndex(kept_key)
    text = normalize_text("\n".join(blocks))
    # word_key of every block from one regex pass over the page: the breaks are tokens too.
    keys = (key.strip() for key in " ".join(_WORD_OR_BREAK.findall(text.lower())).split("\n"))
    return [
        RemovedBlock(position, block, "html_boilerplate")
        for position, (block, key) in enumerate(zip(text.split("\n"), keys))
        if block and key not in kept
    ]


class _KeyIndex:
    """`key in text` for keys and a text made by `_key` (words joined by single spaces), answered
    through the text's words: a large page has 100,000 blocks, and scanning the kept text for
    each block that is not in it was quadratic (a 2 MB page: 5 s, 15 MB: minutes).

    A key of several words occurs where a word ends with its first word, its inner words follow,
    and a word starts with its last one; a key of one word occurs inside one word, which holds
    its three-letter pieces. The rarest of these places are checked, unless they are so common
    that scanning the text (which stops at the first occurrence) costs less."""

    SCAN_SHARE = 200  # checking one place in Python costs about as much as scanning 200 words

    def __init__(self, text: str):
        self._text = text
        self._words = text.split(" ")
        self._most_places = len(self._words) // self.SCAN_SHARE
        at: dict[str, list[int]] = {}
        for position, word in enumerate(self._words):
            at.setdefault(word, []).append(position)
        self._at = at
        self._starting = _Prefixes(at)
        self._ending = _Prefixes({word[::-1]: positions for word, positions in at.items()})
        self._vocabulary = "\n".join(at)
        self._trigrams: dict[str, list[str]] = {}
        for word in at:
            for trigram in {word[i : i + 3] for i in range(len(word) - 2)}:
                self._trigrams.setdefault(trigram, []).append(word)

    def __contains__(self, key: str) -> bool:
        parts = key.split(" ")
        if len(parts) == 1:
            holders = min((self._trigrams.get(key[i : i + 3], []) for i in range(len(key) - 2)), key=len, default=None)
            if holders is None or len(holders) > self._most_places:
                return key in self._vocabulary  # the distinct words, one a line
            return any(key in word for word in holders)
        first, last = parts[0][::-1], parts[-1]
        places = [(self._ending.count(first), lambda: self._ending.positions(first), 0)]
        places += [(len(self._at.get(word, ())), lambda word=word: self._at.get(word, ()), offset) for offset, word in enumerate(parts[1:-1], 1)]
        places.append((self._starting.count(last), lambda: self._starting.positions(last), len(parts) - 1))
        count, positions, offset = min(places, key=lambda place: place[0])
        if count > self._most_places:
            return key in self._text
        return any(self._occurs_at(parts, position - offset) for position in positions())

    def _occurs_at(self, parts: list[str], first: int) -> bool:
        last = first + len(parts) - 1
        words = self._words
        return (
            first >= 0 and last < len(words) and words[first].endswith(parts[0])
            and words[first + 1 : last] == parts[1:-1] and words[last].startswith(parts[-1])
        )


class _Prefixes:
    """Positions of the words that start with a prefix: the words sorted, with running counts."""

    def __init__(self, at: dict[str, list[int]]):
        self._at = at
        self._words = sorted(at)
        self._counts = list(itertools.accumulate((len(at[word]) for word in self._words), initial=0))

    def _range(self, prefix: str) -> tuple[int, int]:
        # \U0010ffff sorts after any character a word can hold (a noncharacter is no \w).
        return bisect.bisect_left(self._words, prefix), bisect.bisect_left(self._words, prefix + "\U0010ffff")

    def count(self, prefix: str) -> int:
        low, high = self._range(prefix)
        return self._counts[high] - self._counts[low]

    def positions(self, prefix: str):
        low, high = self._range(prefix)
        for word in self._words[low:high]:
            yield from self._at[word]
