"""The span a linker works on: a stretch of text with its label, entity (if any) and method."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass
class Span:
    start: int
    end: int
    label: str
    entity_id: str | None
    method: str
    name: str | None = None  # an unlinked span's entity name, when not its own text ("Papperger" -> "Armin Papperger")


def overlaps(extents: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `extents`, which are in text order and do not overlap
    (so their ends are in order too): a bisection, not a scan of every extent of a long document."""
    before_end = bisect.bisect_left(extents, (end,))  # the extents starting before `end`
    return before_end > 0 and extents[before_end - 1][1] > start
