"""html_page: metadata, standfirst, visible blocks and script removal, on small hand-written pages."""

from __future__ import annotations

import pytest

from depeche.tasks import html_page

PAGE = """<html><head><title>Sommet à Paris - Le Site</title>
<meta property="og:title" content="  Sommet   à Paris ">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">
<meta property="og:site_name" content="">
<link rel="canonical" href="https://ex.fr/a">
<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-01-01", "publisher": {"name": "Le Journal"}}]}</script>
<style>p { color: red }</style></head>
<body><nav>Accueil</nav><article><p class="article-chapo">Le  chapô du texte.</p><p>Premier <b>paragraphe</b> ici.</p>
<script>var hidden = 1;</script><div class="leadership">Pas un chapô</div><p>Second.<br>Ligne</p></article></body></html>"""


@pytest.fixture(scope="module")
def tree():
    return html_page.parse(PAGE)


def test_metadata_prefers_meta_tags_then_json_ld(tree):
    # og:title (white space collapsed) wins over <title>; the meta date wins over JSON-LD's; an empty
    # og:site_name falls back to the JSON-LD publisher (inside @graph); the canonical link is the URL.
    assert html_page.metadata(tree) == {
        "title": "Sommet à Paris", "published": "2024-03-05T10:00:00+01:00", "site_name": "Le Journal", "url": "https://ex.fr/a",
    }


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # no og:title: the first <h1>; a date from <meta name="pubdate">
        ("<html><body><h1> Gros  titre </h1><meta name='pubdate' content='2024-05-01'></body></html>",
         {"title": "Gros titre", "published": "2024-05-01"}),
        # no og:title nor <h1>: <title> without its site suffix (the longest part kept)
        ("<html><head><title>Titre long de page | Site</title></head><body><p>x</p></body></html>", {"title": "Titre long de page"}),
        # nothing to report: an empty dict, not empty strings
        ("<html><body><p>Texte</p></body></html>", {}),
    ],
)
def test_metadata_fallbacks(page, expected):
    assert html_page.metadata(html_page.parse(page)) == expected


def test_standfirst_candidates_match_whole_class_words(tree):
    # "article-chapo" names a standfirst; "leadership" merely contains "lead" and does not
    assert html_page.standfirst_candidates(tree) == ["Le chapô du texte."]


def test_the_first_block_of_sentence_length_after_the_headline_is_a_standfirst_candidate():
    page = ("<html><body><header><nav><a>Politik</a></nav></header><main><p class='kicker'>Ratgeber</p>"
            "<h1>Neue Grundsteuer: Was Eigentümer wissen müssen</h1><div class='meta'><span>15.02.2024</span></div>"
            "<figure><figcaption>Ein Haus in Köln, fotografiert im Januar von einem unserer Reporter.</figcaption></figure>"
            "<p class='teaser'>Seit Jahresbeginn gilt die reformierte Grundsteuer, und viele Bescheide sind da.</p>"
            "<p>Der erste Absatz des Artikels beginnt hier und erzählt die Geschichte weiter.</p></main></body></html>")
    assert html_page.standfirst_candidates(html_page.parse(page)) == [
        "Seit Jahresbeginn gilt die reformierte Grundsteuer, und viele Bescheide sind da."]


def test_standfirst_candidates_stop_at_five():
    page = "<html><body>" + "".join(f"<p class='dek'>Chapô {n}</p>" for n in range(7)) + "</body></html>"
    assert html_page.standfirst_candidates(html_page.parse(page)) == [f"Chapô {n}" for n in range(5)]


def test_fill_gaps_reads_the_date_and_site_from_the_page_as_trafilatura_does():
    page = """<html><head><title>Le sommet de Vilnius | exemple.fr</title>
    <link rel="canonical" href="https://www.exemple.fr/monde/2023/07/12/sommet.html"></head>
    <body><h1>Le sommet</h1><p>Texte.</p></body></html>"""
    tree = html_page.parse(page)
    meta = html_page.metadata(tree)
    html_page.fill_gaps(tree, meta)
    # the page's own tags are kept; htmldate finds the date in the URL, the site is the URL's domain
    assert meta == {"title": "Le sommet", "url": "https://www.exemple.fr/monde/2023/07/12/sommet.html",
                    "published": "2023-07-12", "site_name": "exemple.fr"}


def test_parse_drops_characters_xml_forbids():
    # as trafilatura does when it parses a page itself: lxml refuses them in the copy it extracts from
    tree = html_page.parse("<html><body><p>Bonjour\x07 à tous</p></body></html>")
    assert html_page.visible_blocks(tree) == ["Bonjour à tous"]


def test_visible_blocks_skip_head_scripts_and_styles(tree):
    assert html_page.visible_blocks(tree) == [
        "Accueil", "Le chapô du texte.", "Premier paragraphe ici.", "Pas un chapô", "Second.", "Ligne",
    ]


def test_streamed_blocks_agree_with_the_tree_on_a_simple_page(tree):
    assert html_page.streamed_blocks(PAGE) == html_page.visible_blocks(tree)


def test_streamed_blocks_survive_nesting_too_deep_for_a_tree():
    page = "<div>" * 5000 + "<p>Au fond</p><script>x</script>" + "</div>" * 5000
    assert html_page.streamed_blocks(page) == ["Au fond"]


@pytest.mark.parametrize("blank", ["", "   \n\t"])
def test_parse_returns_none_without_markup(blank):
    assert html_page.parse(blank) is None


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # scripts, styles and comments go; JSON-LD stays
        ('a<script>x</script>b<style>y</style>c<!-- z -->d<script type="application/ld+json">{}</script>e',
         'abcd<script type="application/ld+json">{}</script>e'),
        # case-insensitive tags, attributes, a closing tag with a space
        ("a<SCRIPT src=x>x</script >b", "ab"),
        # an element left open runs to the end of the page
        ("a<script>never closed", "a"),
        ("a<!-- open comment <p>b</p>", "a"),
        # no hidden element: unchanged
        ("<p>plain</p>", "<p>plain</p>"),
    ],
)
def test_without_scripts(html, expected):
    assert html_page.without_scripts(html) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Headline here - Site", "Headline here"), ("Site | A much longer headline", "A much longer headline"),
     ("Jean-Marie rencontre — Le Monde", "Jean-Marie rencontre"), ("Jean-Marie", "Jean-Marie")],
)
def test_strip_site_suffix(title, expected):
    # splits only on a dash or bar surrounded by spaces, never inside a hyphenated name
    assert html_page.strip_site_suffix(title) == expected


def test_json_ld_items_flatten_lists_and_graphs():
    assert html_page.json_ld_items('[{"a": 1}, 2, {"@graph": [{"b": 2}, 3]}]') == [{"a": 1}, {"@graph": [{"b": 2}, 3]}, {"b": 2}]
    assert html_page.json_ld_items('{"@graph": {"x": 1}}') == [{"@graph": {"x": 1}}]  # a @graph that is not a list is ignored
    assert html_page.json_ld_items("not json {") == []
    assert html_page.json_ld_items("[" * 100_000) == []  # too deep for json: no crash


@pytest.mark.parametrize(("og_title", "site_name"), [
    ("Le Parlement doit reprendre la main sur la dette | L'Opinion", "L'Opinion"),
    ("Live: Cyclone Vaianu makes landfall in Northland | RNZ News", "RNZ"),
    ("What the MBTA's new fare system means for you - The Boston Globe", None),  # the <h1> says so
])
def test_an_og_title_loses_the_sites_name(og_title, site_name):
    head = og_title.rsplit(" | ", 1)[0].rsplit(" - ", 1)[0]
    site = f"<meta property='og:site_name' content=\"{site_name}\">" if site_name else ""
    page = f"<html><head><meta property='og:title' content=\"{og_title}\">{site}</head><body><h1>{head}</h1></body></html>"
    assert html_page.metadata(html_page.parse(page))["title"] == head


def test_an_og_title_keeps_a_dash_of_its_own():
    page = "<html><head><meta property='og:title' content='Ukraine - Russie : reprise des négociations'></head><body><h1>Autre</h1></body></html>"
    assert html_page.metadata(html_page.parse(page))["title"] == "Ukraine - Russie : reprise des négociations"
