"""Segment stage: paragraphs and sentences with character offsets into clean_text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence of a document, the one shape every stage passes around: offsets into clean_text
    and its number in the document."""

    start: int
    end: int
    sentence_id: int


def paragraph_spans(clean_text: str) -> list[Span]:
    """Non-blank paragraphs separated by blank lines, trimmed of surrounding white space."""
    spans: list[Span] = []
    position = 0
    for piece in _PARAGRAPH_BREAK.split(clean_text):
        start = clean_text.index(piece, position)
        position = start + len(piece)
        stripped_start = start + (len(piece) - len(piece.lstrip()))
        stripped_end = start + len(piece.rstrip())
        if stripped_end > stripped_start:
            spans.append(Span(stripped_start, stripped_end))
    return spans


_SENTENCE_FINAL = re.compile(r"[.!?…][\s»\"”’')\]]*$")
_OPENING_MARK_AT_END = re.compile(r"(?<=[.!?…])\s+[\"“«]$")
# A title or an initial before a name ends with a full stop that ends nothing ("Mr. Modi", « M. Barrot », "John F. Kennedy").
_TITLE_OR_INITIAL = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Messrs|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Amb|Hon|Rev|St|M|MM|Mme|Mmes|Mgr|Pr|Me|[A-Z])\.$")


def sentence_spans(paragraph: Span, spacy_doc, clean_text: str) -> list[Span]:
    """Sentences of one paragraph's spaCy doc (parsed from `clean_text[paragraph]`), as offsets into
    the whole clean_text, trimmed.

    A split after a word with no final punctuation is the model's mistake ("Kim Jong | Un a
    quitté…", where "Un" looks like a sentence start), and so is a split after a title or an
    initial ("Mr. | Modi", the rule-based splitter of languages without a model): such a piece is
    joined to the next one.
    """
    spans: list[Span] = []
    text = clean_text[paragraph.start : paragraph.end]  # spaCy's doc.text would join its tokens again
    joined_to_next = False
    for sent in spacy_doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if joined_to_next and spans:
            spans[-1] = Span(spans[-1].start, paragraph.start + end)
        else:
            spans.append(Span(paragraph.start + start, paragraph.start + end))
        joined_to_next = not _SENTENCE_FINAL.search(text[start:end]) or bool(_TITLE_OR_INITIAL.search(text[start:end]))
    return _opening_marks_moved(spans, clean_text)


def _opening_marks_moved(spans: list[Span], clean_text: str) -> list[Span]:
    """A quotation mark that opens the next sentence (« …summer. "Germany understands… ») belongs
    to it: the rule-based splitter ends the sentence after it, as if it closed a quotation."""
    for i in range(len(spans) - 1):
        opening = _OPENING_MARK_AT_END.search(clean_text, spans[i].start, spans[i].end)
        if opening and spans[i + 1].start >= spans[i].end:
            spans[i], spans[i + 1] = Span(spans[i].start, opening.start()), Span(opening.start() + len(opening.group(0)) - 1, spans[i + 1].end)
    return spans
