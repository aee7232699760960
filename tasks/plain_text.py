"""Text as a page gives it: characters normalised, hard-wrapped lines joined, the language told.

Pure functions on strings, shared by the text and HTML paths of the cleaner (`clean`, `html_clean`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

from depeche.tasks.page_vocabulary import WORD

# A few sentences identify a language, and scoring is linear in length: on 683 cleaned pages
# (fixtures, training pages, the peer bench) 250 or 300 characters agree with 400 on all but one
# (English or Nigerian Pidgin), 200 on all but three.
LANGUAGE_SAMPLE_CHARS = 250

_LINE_BREAKS = "\r\v\f\x85\u2028\u2029"  # after "\r\n" became "\n"
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co")  # control, format (zero-width, BOM, soft hyphen), surrogate, private
_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# Their plain forms, by one str.replace each: a regex character class tested at every position cost
# two thirds of the normalisation (which runs on every page, several times for HTML), and
# str.translate, which looks every character of a non-ASCII text up in a dict, as much.
_PLAIN_FORMS = [(char, "\n") for char in _LINE_BREAKS] + [(char, " ") for char in _SPACES]
_SPACE_RUN = re.compile(" {2,}")
WRAP_MIN_FILL = 0.8  # wrapped lines fill most of the width: most long lines are at least this full
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 50, 100  # the usual fixed widths (72, 76, 80) with margin


def normalize_text(text: str) -> str:
    """Unicode NFC, LF line ends, no zero-width or control characters, single spaces inside lines."""
    text = text.replace("\r\n", "\n")
    for char, plain in _PLAIN_FORMS:
        text = text.replace(char, plain)
    # str.isprintable is False for every invisible character (and a few rare spaces): most pages
    # have none, and skip the search.
    if not text.replace("\n", "").isprintable():
        text = _invisible_characters().sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    # NFC last: a control character removed between a letter and its accent leaves them to compose
    return unicodedata.normalize("NFC", "\n".join(line.strip() for line in text.split("\n")))


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


WRAPPED_MIN_BREAKS = 6
WRAPPED_FULL_SHARE = 0.8


def unwrap_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index of first line, text) of each non-empty line, hard-wrapped paragraphs joined.

    A page wrapped at a fixed width (e-mail, Usenet, some text dumps) breaks a line only where
    the next word would not fit; a break the next word would have fitted before is deliberate.
    """
    width = _wrap_width(lines)
    out: list[tuple[int, str]] = []
    joinable = False
    for index, line in enumerate(lines):
        if not line:
            joinable = False
            continue
        if joinable and width:
            start, previous = out[-1]
            out[-1] = (start, f"{previous} {line}")
        else:
            out.append((index, line))
        next_word = lines[index + 1].split(" ", 1)[0] if index + 1 < len(lines) else ""
        joinable = bool(next_word) and len(line) + 1 + len(next_word) > width
    return out


def _wrap_width(lines: list[str]) -> int:
    """The fixed width a page is wrapped at, or 0 when it is not hard-wrapped."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.95) - 1]
    near_width = sum(1 for n in lengths if WRAP_MIN_FILL * width <= n <= width)
    long_lines = sum(1 for n in lengths if n >= width / 2)  # menu items and headings do not count
    if not (MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH and lengths[-1] <= width + 5):
        return 0
    if near_width >= 0.6 * long_lines:
        return width
    # Or many short lines between the full ones (bylines, lists, a standfirst): a line near the
    # width that text follows is full, the next word would not have fitted on it.
    followed = [(line, after) for line, after in zip(lines, lines[1:]) if line and after and len(line) >= WRAP_MIN_FILL * width]
    full = sum(1 for line, after in followed if len(line) + 1 + len(after.split(" ", 1)[0]) > width)
    return width if len(followed) >= WRAPPED_MIN_BREAKS and full >= WRAPPED_FULL_SHARE * len(followed) else 0


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by py3langid, or None for text too short to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(WORD.findall(sample)) < 3:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang
