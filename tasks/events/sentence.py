"""Candidate sentences (those holding a trigger) and the parsed view of one: its tokens, actors and places."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple
from typing import TYPE_CHECKING

from depeche.tasks.segment import Sentence
from depeche.tasks.events.discourse import after_place_word, OBLIQUE_BEFORE_NAME, previous_people
from depeche.tasks.events.positions import Mentions

if TYPE_CHECKING:
    from depeche.tasks.events.lexicon import Lexicon
    from depeche.tasks.events.records import MentionRef


class Candidate(NamedTuple):
    """A sentence holding triggers: its offsets and number, and the (code, match) pairs found."""

    start: int
    end: int
    sentence_id: int
    triggers: list


def candidate_sentences(sentences: list[Sentence], text: str, lexicon: Lexicon, language: str | None = None) -> list[Candidate]:
    """Sentences holding at least one trigger, with the (code, match) pairs found in each; a match
    inside a longer one of another pattern ("entretien" in "entretien vidéo") is left out."""
    if not sentences:
        return []
    starts = [start for start, _, _ in sentences]
    ends = [end for _, end, _ in sentences]
    by_sentence: dict[int, dict] = defaultdict(dict)
    # Each pattern scans the text once (not once per sentence: the calls, not the characters, cost);
    # a match belongs to the sentence it lies in.
    for trigger in lexicon.triggers_for(language):
        for match in trigger.pattern.finditer(text, starts[0], ends[-1]):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= ends[index]:
                by_sentence[index][(trigger.code, match.span())] = (trigger.code, match)
    out = []
    for index in sorted(by_sentence):
        found = list(by_sentence[index].values())
        contained = _contained_spans([m.span() for _, m in found])
        start, end, sentence_id = sentences[index]
        out.append(Candidate(start, end, sentence_id, [(code, m) for code, m in found if m.span() not in contained]))
    return out


def _contained_spans(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans inside a longer one (starting no later, ending no earlier, not the same span), in
    one pass by start rather than by comparing every pair: a long sentence can hold thousands."""
    contained = set()
    furthest = -1  # the furthest end of the spans that start earlier
    for start, group in itertools.groupby(sorted(set(spans)), key=lambda span: span[0]):
        ends = [end for _, end in group]
        contained.update((start, end) for end in ends if end <= furthest or end < ends[-1])
        furthest = max(furthest, ends[-1])
    return contained


@dataclass
class ParsedSentence:
    """One parsed candidate sentence and the linked mentions inside it."""

    doc: object
    offset: int
    end: int
    text: str
    mentions: list[MentionRef]
    previous_actor: MentionRef | None  # who « il », « ils » most likely stand for
    origins: dict = field(default_factory=dict)  # Lexicon.origins
    document_mentions: list = field(default_factory=list)  # every mention of the document, for « les deux dirigeants »
    speaker: MentionRef | None = None  # inside a statement, who « nous », « je » are

    def __post_init__(self):
        self.sentence_text = self.text[self.offset : self.end]  # what was parsed (spaCy's doc.text joins its tokens again)
        # Places named as settings (« à Moscou », « au Kremlin ») are not actors; nor are names in a
        # quotation that opens the sentence (« « … », a déclaré X »), which belong to what was said,
        # not to the clause that reports it. A partial quote inside the clause is part of it
        # (« en saluant “le retour du Brésil sur la scène internationale” »).
        first_word = self.offset + len(self.sentence_text) - len(self.sentence_text.lstrip())
        quoted = [
            (start, end) for start, end in quoted_spans(self.text, self.offset, self.offset + len(self.sentence_text))
            if start <= first_word
        ]
        self.actors = Mentions(
            m for m in self.mentions
            if m.can_act and not (m.label in ("LOC", "ORG") and after_place_word(self.text, m.start))
            and not any(s <= m.start < e for s, e in quoted)
        )
        self._places = Mentions(m for m in self.mentions if m.label == "LOC")

    @cached_property
    def previous_people(self) -> list[tuple[MentionRef, int]]:
        """(person, mentions so far) before this sentence, most named first: only asked for when a
        group noun (« les deux dirigeants ») is a subject."""
        return previous_people(self.offset, self.document_mentions)

    @cached_property
    def unintroduced(self) -> Mentions:
        """Actors that no preposition introduces: who may be a subject found by position."""
        return Mentions(m for m in self.actors if not OBLIQUE_BEFORE_NAME.search(self.text[max(0, m.start - 16) : m.start]))

    @cached_property
    def unintroduced_people(self) -> Mentions:
        return Mentions(m for m in self.unintroduced if m.label == "PER")

    @cached_property
    def _token_bounds(self) -> tuple[list[int], list[int]]:
        return [t.idx for t in self.doc], [t.idx + len(t) for t in self.doc]

    def tokens_of(self, match: re.Match) -> list:
        """The tokens a match overlaps (tokens are in order and do not overlap: a bisection)."""
        starts, ends = self._token_bounds
        first = bisect.bisect_right(ends, match.start() - self.offset)
        last = bisect.bisect_left(starts, match.end() - self.offset)
        return [self.doc[i] for i in range(first, last)]

    def actor_at(self, token) -> MentionRef | None:
        return self.actors.at(self.offset + token.idx)

    def place_at(self, token) -> MentionRef | None:
        return self._places.at(self.offset + token.idx)


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches of a sentence; a closing mark with no opening one closes a quotation begun
    in an earlier sentence."""
    spans = []
    for opening, closing in (("«", "»"), ("“", "”")):
        position = start
        while True:
            close = text.find(closing, position, end)
            if close < 0:
                break
            open_ = text.rfind(opening, position, close)
            spans.append((open_ if open_ >= 0 else start, close))
            position = close + 1
    return spans
