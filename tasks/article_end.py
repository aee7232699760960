"""Where does the article end? A logistic regression over the places the body's kept lines could end.

Most of the chrome the line rules and the line classifier let through sits after the article's
last paragraph: reader comments (running text, each under a name and a time), author bios
("X is our property reporter."), topic rows, related headlines, subscription appeals. Line by line
they look like content; as a block after the story they do not. So the question is asked of each
place the tail could start: how much of the kept text, how many long paragraphs, lie beyond it,
how much of what follows the rules and the classifier already removed, whether a removed marker
(comments, related, newsletter) or a comment header (a name with a time) comes just before or
after it, how the line there looks. The earliest place the model is sure of ends the article;
every kept line from there on is removed (reason `after_article_end`).

The weights are learned by `bench/train_article_end.py` from the labelled pages and shipped as
`article_end.json`; its version is part of the cleaner's. Scoring is a dot product.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Protocol, Sequence

from depeche.tasks import linear_model
from depeche.tasks.line_classifier import body_lines
from depeche.tasks.page_vocabulary import PAGE_WORDS, READER_WORDS, TIME_MENTION

MODEL_PATH = Path(__file__).with_name("article_end.json")

# Reasons of removed lines that open a page's tail rather than interrupt its body.
TAIL_MARKER_REASONS = frozenset({"comments", "related", "related_link", "newsletter", "teaser", "legal"})
_TALK_WORDS = READER_WORDS | PAGE_WORDS
HEADER_MAX_WORDS = 8
LONG_PARAGRAPH_WORDS = 40
WINDOW = 4  # lines looked at on each side of a place


class Line(Protocol):
    text: str
    words: int
    plain_tokens: list[str]  # lower case, quotations aside
    chrome_probability: float  # the line classifier's (0 for the lines it does not judge)
    reason: str | None
    is_prose: bool
    is_paragraph: bool


def is_comment_header(line: Line) -> bool:
    return line.words <= HEADER_MAX_WORDS and bool(TIME_MENTION.search(line.text))


def places(lines: Sequence[Line], kept: list[int]) -> list[dict[str, float]]:
    """Features of each place the tail could start: kept[j], for j from 1 (one kept line stays)."""
    # How much each kept line talks to the reader about the site: a tail's appeals and notices do.
    talk = [_talk(lines[i]) for i in kept]
    # Sums over the kept lines from each place to the end.
    long_after, words_after, headers_after = [0] * (len(kept) + 1), [0] * (len(kept) + 1), [0] * (len(kept) + 1)
    talk_after, chrome_after = [0] * (len(kept) + 1), [0.0] * (len(kept) + 1)  # chrome: the line classifier's probabilities
    for j in range(len(kept) - 1, -1, -1):
        line = lines[kept[j]]
        long_after[j] = long_after[j + 1] + (line.is_paragraph and line.words >= LONG_PARAGRAPH_WORDS)
        words_after[j] = words_after[j + 1] + line.words
        headers_after[j] = headers_after[j + 1] + is_comment_header(line)
        talk_after[j] = talk_after[j + 1] + talk[j][0]
        chrome_after[j] = chrome_after[j + 1] + line.chrome_probability
    total_words, long_total = max(words_after[0], 1), max(long_after[0], 1)
    # Per line of the page, once: removed, short, a comment header; prefix sums for the windows.
    removed = [0] + list(itertools.accumulate(line.reason is not None for line in lines))
    short = [0] + list(itertools.accumulate(line.words <= HEADER_MAX_WORDS for line in lines))
    marker = [0] + list(itertools.accumulate(line.reason in TAIL_MARKER_REASONS for line in lines))
    found = []
    for j in range(1, len(kept)):
        at, before = kept[j], kept[j - 1]
        line, previous = lines[at], lines[before]
        after_end = min(at + 1 + WINDOW, len(lines))
        after_count = max(after_end - at - 1, 1)
        before_start = max(before - WINDOW + 1, 0)
        found.append({
            "words_after_share": words_after[j] / total_words,
            "long_after_share": long_after[j] / long_total,
            "long_after_none": float(long_after[j] == 0),
            "long_before_log": math.log1p(long_total - long_after[j]),
            "removed_between": float(at > before + 1),
            "marker_between": float(marker[at] > marker[before + 1]),
            "headers_after_log": math.log1p(headers_after[j]),
            "header_here": float(is_comment_header(line)),
            "header_next": float(any(is_comment_header(other) for other in lines[at + 1 : at + 3])),
            "paragraph_here": float(line.is_paragraph),
            "long_here": float(line.words >= LONG_PARAGRAPH_WORDS),
            "short_here": float(line.words <= HEADER_MAX_WORDS and not line.is_prose),
            "previous_long_paragraph": float(previous.is_paragraph and previous.words >= 20),
            "removed_share_after": (removed[after_end] - removed[at + 1]) / after_count,
            "removed_share_before": (removed[before + 1] - removed[before_start]) / (before + 1 - before_start),
            "short_share_after": (short[after_end] - short[at + 1]) / after_count,
            "place_share": j / len(kept),
            "talk_here": 10 * talk[j][0] / max(talk[j][1], 1),
            "talk_after_share": 10 * talk_after[j] / max(words_after[j], 1),
            "chrome_here": line.chrome_probability,
            "chrome_after_mean": chrome_after[j] / (len(kept) - j),
        })
    return found


def _talk(line: Line) -> tuple[int, int]:
    """(words that address the reader or name the site's furniture, words) of a line, quotations aside."""
    words = line.plain_tokens
    return sum(map(_TALK_WORDS.__contains__, words)), len(words)


SHIPPED = linear_model.LinearModel(MODEL_PATH)
model, version, tail_probability = SHIPPED.fitted, SHIPPED.version, SHIPPED.probability


def tail_start(lines: Sequence[Line], first_body: int, last_body: int, title_at: int | None) -> int | None:
    """The index of the first line of the page's tail, or None when the article runs to its last kept line."""
    kept = body_lines(lines, first_body, last_body, title_at)
    threshold = model()["threshold"]
    for j, found in enumerate(places(lines, kept), start=1):
        # A long paragraph of the story's own (no reader addressed) does not open a tail: a cut
        # there would take the story's last paragraphs with the comments.
        if tail_probability(found) >= threshold and not _story_paragraph(lines[kept[j]]):
            return kept[j]
    return None


def _story_paragraph(line: Line) -> bool:
    return line.is_paragraph and line.words >= LONG_PARAGRAPH_WORDS and not any(map(READER_WORDS.__contains__, line.plain_tokens))
