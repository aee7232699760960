"""Lines of a text page that belong to something else than the article around them: a photo's caption
and credit, an author's name beside the byline, a line printed twice, links to other articles (teasers,
headlines under a "related" header). The lines are the cleaner's (`clean._Line`); each found gets its
`reason`."""

from __future__ import annotations

CREDIT_ONLY_WORDS = 8  # "Foto: Anja Kessler / dpa": a credit line with no caption text of its own


def mark_teasers(lines: list, first_body: int, last_body: int) -> None:
    """Links to other articles inside the body: the headlines listed under a "related" header,
    and a heading followed by a lead cut short with an ellipsis."""
    for i in range(max(first_body, 1), last_body + 1):
        lead, heading = lines[i], lines[i - 1]
        if lead.reason is None and lead.is_truncated and heading.reason is None and heading.looks_like_heading and not heading.is_prose:
            heading.reason = lead.reason = "teaser"
    for i in range(first_body, last_body + 1):
        if lines[i].reason == "related":
            for line in lines[i + 1 : last_body + 1]:
                if line.is_paragraph or line.starts_block:
                    break
                if line.reason is None:
                    line.reason = "related_link"


def mark_captions(lines: list) -> None:
    """A line repeated as the start of the credit line after it is the photo's caption."""
    for before, after in zip(lines, lines[1:]):
        credit_only = after.reason == "photo_credit" and after.words <= CREDIT_ONLY_WORDS
        if before.reason is None and after.reason == "photo_credit" and (after.text.startswith(before.text) or (credit_only and not before.is_paragraph)):
            before.reason = "caption"
    # An author's name in capitals beside the byline or dateline.
    for i, line in enumerate(lines):
        neighbours = lines[max(i - 1, 0) : i] + lines[i + 1 : i + 2]
        if line.reason is None and 2 <= line.words <= 4 and line.text.isupper() and any(n.reason == "byline" for n in neighbours):
            line.reason = "byline"
    # Two identical adjacent short lines are a caption printed twice or a menu echo.
    for before, after in zip(lines, lines[1:]):
        if before.reason is None and after.reason is None and before.text == after.text and not before.is_prose:
            after.reason = "repeated_line"
