"""Position indexes over a document's mentions, sentences and spans: a long document asks, for each
sentence, quote and speech verb, what lies near it, and scanning every item each time was quadratic."""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from functools import cached_property
from typing import TYPE_CHECKING

from depeche.tasks.segment import Sentence

if TYPE_CHECKING:
    from depeche.tasks.events.records import MentionRef


class Mentions(list):
    """Mentions in their given order, indexed by start offset. A long document asks, for each
    sentence, quote and speech verb, which mentions lie near it; scanning them all each time was
    quadratic (10,000 mentions: minutes). Answers keep the list's order, as the scans did."""

    def __init__(self, mentions=()):
        super().__init__(mentions)
        self._order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._starts = [self[i].start for i in self._order]
        self._longest = max((m.end - m.start for m in self), default=0)

    def starting(self, low: int, high: int) -> list[MentionRef]:
        """The mentions with low <= start <= high."""
        first, last = bisect.bisect_left(self._starts, low), bisect.bisect_right(self._starts, high)
        return [self[i] for i in sorted(self._order[first:last])]

    def at(self, position: int) -> MentionRef | None:
        """The first mention that covers a character position."""
        return next((m for m in self.starting(position - self._longest, position) if m.start <= position < m.end), None)

    def last_ending_by(self, position: int) -> MentionRef | None:
        """The last mention in the list that ends at or before a position."""
        ends, latest = self._by_end
        count = bisect.bisect_right(ends, position)
        return self[latest[count - 1]] if count else None

    def nearest(self, entity_id: str | None, position: int) -> MentionRef | None:
        """The mention of an entity closest to a position, the first one on a tie."""
        if entity_id not in self._entities:
            return None
        starts, indices = self._entities[entity_id]
        after = bisect.bisect_left(starts, position)
        distance = min(abs(starts[k] - position) for k in (after - 1, after) if 0 <= k < len(starts))
        # A run of equal starts is in list order (the sort is stable): its first is the first in the list.
        runs = (bisect.bisect_left(starts, position - distance), bisect.bisect_left(starts, position + distance))
        return self[min(indices[k] for k in runs if k < len(starts) and abs(starts[k] - position) == distance)]

    @cached_property
    def people(self) -> dict[str, list[MentionRef]]:
        """Each person's mentions in text order, people in the order they are first named."""
        people: dict[str, list[MentionRef]] = {}
        for i in self._order:
            if self[i].label == "PER":
                people.setdefault(self[i].entity_id, []).append(self[i])
        return people

    @cached_property
    def _by_end(self) -> tuple[list[int], list[int]]:
        """Ends in order, and for each prefix of that order the latest list position in it."""
        order = sorted(range(len(self)), key=lambda i: self[i].end)
        return [self[i].end for i in order], list(itertools.accumulate(order, max))

    @cached_property
    def _entities(self) -> dict[str, tuple[list[int], list[int]]]:
        """entity id -> starts and list positions of its mentions, in text order."""
        found: dict[str, tuple[list[int], list[int]]] = {}
        for i in self._order:
            starts, indices = found.setdefault(self[i].entity_id, ([], []))
            starts.append(self[i].start)
            indices.append(i)
        return found


class FirstCovering:
    """For any position, the first of some spans (objects with start and end, in list order, which
    may overlap) that covers it, computed once per stretch between span bounds: looking through
    every statement of a long document for each trigger was quadratic."""

    def __init__(self, spans):
        self._bounds = sorted({bound for span in spans for bound in (span.start, span.end)})
        self._first = []
        by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
        active: list[int] = []  # a heap of list positions; spans that ended are dropped from its top
        started = 0
        for bound in self._bounds:
            while started < len(by_start) and spans[by_start[started]].start <= bound:
                heapq.heappush(active, by_start[started])
                started += 1
            while active and spans[active[0]].end <= bound:
                heapq.heappop(active)
            self._first.append(spans[active[0]] if active else None)

    def at(self, position: int):
        index = bisect.bisect_right(self._bounds, position) - 1
        return self._first[index] if index >= 0 else None


class Sentences(list):
    """Sentences in text order, not overlapping, found by position."""

    def __init__(self, sentences=()):
        super().__init__(sentences)
        self._starts = [start for start, _, _ in self]

    def at(self, position: int) -> Sentence | None:
        index = bisect.bisect_right(self._starts, position) - 1
        return self[index] if index >= 0 and position < self[index][1] else None


class SentenceEnds:
    """Where the sentence that goes on at a position ends (after its final mark), for every
    position at once: a search from each quote ran to the end of a long unpunctuated text."""

    _END = re.compile(r"(?=([.!?](?:\s|$)|\n))")  # a lookahead: every place an end starts, overlapping ones too

    def __init__(self, text: str):
        found = [(match.start(), match.end(1)) for match in self._END.finditer(text)]
        self._starts = [start for start, _ in found]
        self._ends = [end for _, end in found]
        self._length = len(text)

    def after(self, position: int) -> int:
        index = bisect.bisect_left(self._starts, position)
        return self._ends[index] if index < len(self._ends) else self._length
