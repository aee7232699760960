"""The labelled pages the cleaner is trained and measured on (tests/fixtures/pages*, bench/blind/*),
written by helpers who never saw the code: every label is in its page, no chrome entry is article
text, dates are well formed, the weekdays reasoned with are right. One check for every set."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

from depeche.tasks.ingest import decode

ROOT = Path(__file__).resolve().parents[1]
SETS = [*sorted((ROOT / "tests" / "fixtures").glob("pages*")), *sorted(p for p in (ROOT / "bench" / "blind").iterdir() if p.is_dir())]
EXPECTED = [path for directory in SETS for path in sorted(directory.glob("*.expected.json"))]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def collapsed(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def visible_texts(page: Path) -> list[str]:
    """The page's text as a reader sees it: for HTML, without scripts, styles and comments, its tags
    dropped (inline: "the <a>homepage</a>.") or read as spaces (blocks: "</p><p>")."""
    text, _ = decode(page.read_bytes(), is_html=page.suffix == ".html")
    if page.suffix != ".html":
        return [collapsed(text)]
    text = re.sub(r"(?s)<!--.*?-->", " ", re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text))
    return [collapsed(html.unescape(re.sub(r"(?s)<[^>]+>", tag, text))) for tag in ("", " ")]


def find(texts: list[str], entry: str, start: int = 0) -> int:
    return max(text.find(collapsed(entry), start) for text in texts)


def test_the_sets_are_there():
    names = {directory.name for directory in SETS}
    assert {"pages", "pages_train", "pages_train3", "clean", "clean2"} <= names
    assert len(EXPECTED) >= 260


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.expected.json')}")
def test_every_label_is_in_its_page_and_no_chrome_entry_is_article_text(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    name = expected_path.name.removesuffix(".expected.json")
    [page] = [p for p in expected_path.parent.glob(name + ".*") if p.suffix in (".txt", ".html")]
    texts = visible_texts(page)
    title, body = expected["title"], expected["body"]
    if expected.get("no_article"):
        assert title is None and not body
    else:
        assert title and find(texts, title) >= 0 and body
    for paragraph in body:
        assert find(texts, paragraph) >= 0, f"body paragraph not in the page: {paragraph[:80]!r}"
    article = [collapsed(entry).lower() for entry in [title or "", *body]]
    for entry in expected["chrome"]:
        assert find(texts, entry) >= 0, f"chrome entry not in the page: {entry[:80]!r}"
        assert not any(collapsed(entry).lower() in part for part in article), f"chrome entry inside the article: {entry!r}"
    # The weekdays the labellers reasoned with ("2025-06-17 is a Tuesday") are the calendar's.
    claims = re.findall(rf"(\d{{4}}-\d{{2}}-\d{{2}}),? (?:is|was) a ({'|'.join(WEEKDAYS)})", expected.get("date_reasoning") or "")
    claims += [tuple(claim) for claim in expected.get("weekday_checks", [])]
    for day, weekday in claims:
        assert WEEKDAYS[date.fromisoformat(day).weekday()] == weekday, f"{day} is not a {weekday}"
    precision, published = expected["published_precision"], expected["published_at"]
    assert (precision is None) == (published is None)
    if precision:
        assert re.fullmatch(DATE_FORMATS[precision], published)
        date.fromisoformat(published if precision == "day" else f"{published}-01" if precision == "month" else f"{published}-01-01")
