"""What the clean stage reads from an HTML page besides its main text: metadata, the standfirst,
and the visible text blocks (for the audit of what was removed). lxml, and trafilatura's and
htmldate's metadata searches for what the page's own tags leave out; no network."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser

from lxml import etree, html as lxml_html

from depeche.tasks import headline
from depeche.tasks.page_vocabulary import word_key

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
    """An lxml tree of the page, or None when it has no parsable markup.

    The markup is first repaired as trafilatura repairs the pages it parses (no characters XML
    forbids, no faulty doctype): trafilatura then extracts from this tree what it would from the
    string, and the page is parsed once."""
    if not html.strip():
        return None
    from trafilatura.utils import repair_faulty_html

    html = repair_faulty_html(html, html[:50].lower())
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
    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)
    # Every element an HtmlElement, chosen in C: lxml.html's own lookup calls Python for each
    # element the cleaner or trafilatura touches (a sixth of trafilatura's time), to give forms and
    # inputs classes of their own that neither uses.
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement))
    return parser


def metadata(tree) -> dict[str, str]:
    """Title, publication date, site name and URL from og:/article: meta tags and JSON-LD."""

    contents: dict[tuple[str, str | None], str] = {}  # the first non-blank content of each (attribute, value)
    for tag in tree.iter("meta"):
        found = (tag.get("content") or "").strip()
        if found:
            for attr in ("property", "name", "itemprop"):
                contents.setdefault((attr, tag.get(attr)), found)

    def content(*selectors: tuple[str, str]) -> str | None:
        return next((contents[selector] for selector in selectors if selector in contents), None)

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
    if title:
        title = _without_site_name(title, site_name, tree)
    for key, value in (("title", title), ("published", published), ("site_name", site_name), ("url", url)):
        if value and str(value).strip():
            meta[key] = " ".join(str(value).split())
    return meta


def fill_gaps(tree, meta: dict[str, str]) -> None:
    """Add to `meta` what the page's own tags left out, as trafilatura's metadata search finds it
    (its wider choice of meta tags, the title element, htmldate for the date, the URL's domain for
    the site), without its author, category and licence searches, over half of its time."""
    from htmldate import find_date
    from trafilatura import metadata as trafilatura_metadata
    from trafilatura.settings import set_date_params

    found = trafilatura_metadata.extract_meta_json(tree, trafilatura_metadata.examine_meta(tree))
    url = found.url or trafilatura_metadata.extract_url(tree)
    searches = {
        "title": lambda: found.title or trafilatura_metadata.extract_title(tree),
        # Not htmldate's extensive search: it reads dates out of the free text, where it took a
        # copyright year for a day (« 2024 » -> 2024-01-01), and the text's datelines and bylines
        # are the cleaner's to read (clean_text_page), with the page's language.
        "published": lambda: find_date(tree, **set_date_params(extensive=False), url=url),
        "site_name": lambda: _site_name(found.sitename or trafilatura_metadata.extract_sitename(tree), url),
        "url": lambda: url,
    }
    for key, search in searches.items():
        value = meta.get(key) or search()
        if value and str(value).strip():
            meta[key] = " ".join(str(value).split())


def _site_name(name: str | None, url: str | None) -> str | None:
    """A site name as trafilatura writes it: no Twitter "@", capitalised, else the URL's domain."""
    from trafilatura.metadata import META_URL

    name = name.lstrip("@") if name else None
    if name:
        return name.title() if "." not in name and not name[0].isupper() else name
    domain = META_URL.match(url) if url else None
    return domain[1] if domain else None


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


def _without_site_name(title: str, site_name: str | None, tree) -> str:
    """An og:title's "Headline | Site": the headline, when the suffix is the site's name (or holds
    it, or is a domain) or what is left is the page's <h1>."""
    split = headline.split_site_suffix(" ".join(title.split()))
    if split is None:
        return title
    head, site = split
    site_key, name_key = word_key(site), word_key(site_name or "")
    heading = tree.find(".//h1")
    if (name_key and (name_key in site_key or site_key in name_key)) or "." in site or (
            heading is not None and word_key(heading.text_content()) == word_key(head)):
        return head
    return title


def strip_site_suffix(title: str) -> str:
    """"Headline - Site" -> "Headline" (the longest part)."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    return max(parts, key=len) if len(parts) > 1 else title


def standfirst_candidates(tree) -> list[str]:
    """Texts of elements whose class names a standfirst (chapô, dek, lede), first five; then the
    first block of text after the headline (`<h1>`), whatever its class ("subhead", "teaser",
    "entry-excerpt", "sortDec"): where a standfirst stands."""
    found = []
    for element in tree.iter(*STANDFIRST_TAGS):
        if STANDFIRST_CLASS.search(element.get("class") or ""):
            found.append(" ".join(element.text_content().split()))
            if len(found) == 5:
                break
    after_headline = _first_block_after_headline(tree)
    return found + [after_headline] if after_headline else found


AFTER_HEADLINE_ELEMENTS = 40  # elements looked at after the headline: its kicker, date, byline, player
_NOT_STANDFIRST_ANCESTORS = frozenset({"figure", "figcaption", "nav", "aside", "footer", "form", "button", "label"})


def _first_block_after_headline(tree) -> str | None:
    """The text of the first leaf block after the page's first `<h1>` that holds a sentence's worth
    of words (captions, menus and asides skipped), or None."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return None
    for looked, element in enumerate(_following(headline)):
        if looked >= AFTER_HEADLINE_ELEMENTS:
            break
        if element.tag not in STANDFIRST_TAGS or any(True for _ in element.iter(*STANDFIRST_TAGS) if _ is not element):
            continue
        if any(ancestor.tag in _NOT_STANDFIRST_ANCESTORS for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if len(text.split()) >= STANDFIRST_MIN_WORDS:
            return text
    return None


STANDFIRST_MIN_WORDS = 8


def _following(element):
    """The elements after `element` in document order (not its own descendants)."""
    for following in element.itersiblings():
        yield following
        yield from following.iterdescendants()
    parent = element.getparent()
    if parent is not None:
        yield from _following(parent)


def visible_blocks(tree) -> list[str]:
    """The page's visible text, one block per line, in document order (the tree is not changed)."""
    return _lines(str(_visible_text()(tree)))


@lru_cache(maxsize=1)
def _visible_text() -> etree.XSLT:
    """A stylesheet writing the text of the page, invisible elements skipped, a line break after
    each block element: libxslt walks the tree in C, twice as fast as a loop over events in Python."""
    return etree.XSLT(etree.XML(f"""
        <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
          <xsl:output method="text" encoding="utf-8"/>
          <xsl:template match="{"|".join(INVISIBLE_TAGS)}"/>
          <xsl:template match="{"|".join(BLOCK_TAGS)}"><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
        </xsl:stylesheet>"""))


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


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
    return _lines("".join(stream.pieces))
