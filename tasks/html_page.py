"""What the clean stage reads from an HTML page besides its main text: metadata, the standfirst,
and the visible text blocks (for the audit of what was removed). lxml only, no network."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from lxml import etree, html as lxml_html

INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")
BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "a", "figcaption",
    "blockquote", "section", "article", "header", "footer", "nav", "aside", "main", "form", "button", "label",
    "option", "dt", "dd", "pre", "br", "title",
)
STANDFIRST_CLASS = re.compile(
    r"(?:^|[-_ ])(?:chapo|chapeau|standfirst|stand-first|lede|dek|deck|article-?intro|intro|lead|leadin|summary|"
    r"sumario|entradilla|teaser-text|subtitle|subheadline|article-description)(?:$|[-_ ])",
    re.IGNORECASE,
)
STANDFIRST_TAGS = ("p", "div", "h2")
# An opening tag's attributes stop at the next "<" too, so a stray "<script" costs a short look.
_HIDDEN_START = re.compile(r"<(script|style)\b([^<>]*)>|<!--", re.IGNORECASE)
_HIDDEN_END = {"script": re.compile(r"</script\s*>", re.IGNORECASE), "style": re.compile(r"</style\s*>", re.IGNORECASE), None: re.compile("-->")}
_JSON_LD = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)


def parse(html: str):
    """An lxml tree of the page, or None when it has no parsable markup."""
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, ValueError):
        return None


def without_scripts(html: str) -> str:
    """The page without its scripts, styles and comments, none of which the cleaner reads (JSON-LD
    scripts stay: the metadata comes from them): all a page over the size limit may shed. One
    pass; an element left open runs to the end of the page, as a browser reads it."""
    pieces: list[str] = []
    position = 0
    while (start := _HIDDEN_START.search(html, position)) is not None:
        tag = start.group(1).lower() if start.group(1) else None
        end = _HIDDEN_END[tag].search(html, start.end())
        stop = end.end() if end else len(html)
        keep = tag == "script" and _JSON_LD.search(start.group(2))
        pieces.append(html[position:stop] if keep else html[position : start.start()])
        position = stop
    pieces.append(html[position:])
    return "".join(pieces)


def _parser():
    # huge_tree: pages with thousands of nested elements are parsed instead of refused.
    return lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, no_network=True)


def metadata(tree) -> dict[str, str]:
    """Title, publication date, site name and URL from og:/article: meta tags and JSON-LD."""

    def content(*selectors: tuple[str, str]) -> str | None:
        for attr, value in selectors:
            for found in tree.xpath(f"//meta[@{attr}=$value]/@content", value=value):
                if found.strip():
                    return found.strip()
        return None

    meta: dict[str, str] = {}
    title = content(("property", "og:title"), ("name", "twitter:title"))
    if not title:
        heading = tree.find(".//h1")
        title = heading.text_content().strip() if heading is not None else None
    if not title:
        title = strip_site_suffix((tree.findtext(".//title") or "").strip())
    published = content(("property", "article:published_time"), ("name", "pubdate"), ("itemprop", "datePublished"), ("name", "date"))
    site_name = content(("property", "og:site_name"), ("name", "application-name"))
    url = content(("property", "og:url")) or next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
    for raw in tree.xpath("//script[@type='application/ld+json']/text()"):
        for item in json_ld_items(raw):
            published = published or item.get("datePublished")
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and not site_name:
                site_name = publisher.get("name")
    for key, value in (("title", title), ("published", published), ("site_name", site_name), ("url", url)):
        if value and str(value).strip():
            meta[key] = " ".join(str(value).split())
    return meta


def json_ld_items(raw: str) -> list[dict]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    items = data if isinstance(data, list) else [data]
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph", [])
            out.extend(x for x in graph if isinstance(x, dict)) if isinstance(graph, list) else None
    return out


def strip_site_suffix(title: str) -> str:
    """"Headline - Site" -> "Headline" (the longest part)."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    return max(parts, key=len) if len(parts) > 1 else title


def standfirst_candidates(tree) -> list[str]:
    """Texts of elements whose class names a standfirst (chapô, dek, lede), first five."""
    found = []
    for element in tree.iter(*STANDFIRST_TAGS):
        if STANDFIRST_CLASS.search(element.get("class") or ""):
            found.append(" ".join(element.text_content().split()))
            if len(found) == 5:
                break
    return found


def visible_blocks(tree) -> list[str]:
    """The page's visible text, one block per line, in document order (the tree is not changed)."""
    pieces: list[str] = []
    hidden_depth = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in INVISIBLE_TAGS:
                hidden_depth += 1
            elif not hidden_depth and element.text:
                pieces.append(element.text)
            continue
        if tag in INVISIBLE_TAGS:
            hidden_depth -= 1
        elif tag in BLOCK_TAGS:
            pieces.append("\n")
        if not hidden_depth and element.tail:
            pieces.append(element.tail)
    return [" ".join(line.split()) for line in "".join(pieces).split("\n") if line.strip()]


class _TextStream(HTMLParser):
    """Visible text by events, with no tree: survives nesting deeper than libxml2 accepts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in INVISIBLE_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_endtag(self, tag):
        if tag in INVISIBLE_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.pieces.append(data)


def streamed_blocks(html: str) -> list[str]:
    """Visible text blocks of a page that the tree parser could not hold (see visible_blocks)."""
    stream = _TextStream()
    stream.feed(html)
    stream.close()
    return [" ".join(line.split()) for line in "".join(stream.pieces).split("\n") if line.strip()]
