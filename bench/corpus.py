"""A deterministic corpus of distinct, plausible French news pages, made from the sample pages.

    from bench.corpus import write_corpus
    stats = write_corpus(raw_dir, count=10_000, seed=0)

The templates are the French pages of the repository: data/raw/*.txt, tests/fixtures/heldout*/*.txt
and the fixture pages of tests/fixtures/pages whose expectation says `"language": "fr"` (text and
HTML). Each article starts from one template and varies it the way real articles of one outlet vary:

- people and places: a leader is replaced everywhere by another holder of the same office in the
  same country (Poutine ↔ Medvedev, Macron ↔ Hollande ↔ Sarkozy, …), a city by one in the same role;
- dates: every full date is shifted by the same number of days (so the dateline, the "modifié le"
  line and the captions stay consistent), never into the future;
- chrome: menu lines, a cookie banner, a "Lire aussi" teaser between paragraphs, share buttons and
  footer lines, each drawn from small lists;
- paragraphs: the lede stays first, a few later paragraphs are dropped and neighbours swapped.

Pages are HTML in the same share as the templates, spread evenly over the corpus. Article i depends
only on (seed, i), and articles are generated one at a time: nothing holds the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_ATTEMPTS = 100  # redraws of one article whose bytes another article already has

# Holders of the same office in the same country, so "le président turc, X" stays true of some X.
# Each person is its forms, full name first and the short form used after first mention last.
PEOPLE = [
    [("Vladimir Poutine", "Poutine"), ("Dmitri Medvedev", "Medvedev")],
    [("Sergueï Lavrov", "Lavrov"), ("Igor Ivanov", "Ivanov")],
    [("Xi Jinping", "Xi"), ("Hu Jintao", "Hu")],
    [("Wang Yi",), ("Yang Jiechi",), ("Qin Gang",)],
    [("Donald Trump", "Trump"), ("Joe Biden", "Biden"), ("Barack Obama", "Obama")],
    [("Antony Blinken", "Blinken"), ("John Kerry", "Kerry"), ("Mike Pompeo", "Pompeo"), ("Marco Rubio", "Rubio")],
    [("Emmanuel Macron", "Macron"), ("François Hollande", "Hollande"), ("Nicolas Sarkozy", "Sarkozy")],
    [("Recep Tayyip Erdogan", "Tayyip Erdogan", "Erdogan"), ("Abdullah Gül", "Gül")],
    [("Volodymyr Zelensky", "Zelensky"), ("Petro Porochenko", "Porochenko")],
    [("Keir Starmer", "Starmer"), ("Rishi Sunak", "Sunak"), ("Boris Johnson", "Johnson")],
    [("Olaf Scholz", "Scholz"), ("Friedrich Merz", "Merz"), ("Gerhard Schröder", "Schröder")],
    [("Luiz Inácio Lula da Silva", "Luiz Inácio Lula", "Lula da Silva", "Lula"), ("Jair Bolsonaro", "Bolsonaro")],
    [("Narendra Modi", "Modi"), ("Atal Bihari Vajpayee", "Vajpayee")],
    [("Fumio Kishida", "Kishida"), ("Shigeru Ishiba", "Ishiba"), ("Yoshihide Suga", "Suga")],
    [("Justin Trudeau", "Trudeau"), ("Mark Carney", "Carney"), ("Stephen Harper", "Harper")],
    [("Benjamin Netanyahou", "Benyamin Netanyahou", "Netanyahou"), ("Naftali Bennett", "Bennett"), ("Ehoud Olmert", "Olmert")],
    [("Yoon Suk Yeol", "Yoon"), ("Moon Jae-in", "Moon")],
]
PLACES = [
    [("Odessa",), ("Izmaïl",)],  # Ukrainian Black Sea ports
    [("Istanbul",), ("Izmir",)],  # Turkish metropolises hosting visits
    [("Vientiane, au Laos",), ("Phnom Penh, au Cambodge",), ("Jakarta, en Indonésie",), ("Kuala Lumpur, en Malaisie",)],  # ASEAN hosts
]
SWAP_GROUPS = PEOPLE + PLACES

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre")
DATE = re.compile(
    r"\b(?P<day>1er|\d{1,2}) (?P<month>" + "|".join(MONTHS) + r") (?P<year>\d{4})\b"
    r"|\b(?P<nday>\d{2})/(?P<nmonth>\d{2})/(?P<nyear>\d{4}|\d{2})\b"
    r"|\b(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})(?![\d-])"
)
MAX_DATE_SHIFT_DAYS = 730

MENU = ("Accueil", "International", "Politique", "Économie", "Société", "Culture", "Sport", "Planète", "Idées",
        "Vidéos", "Podcasts", "Le direct", "Newsletters", "Se connecter", "S’abonner", "Rechercher")
COOKIE_BANNERS = (
    "Nous utilisons des cookies pour améliorer votre expérience, mesurer l’audience et vous proposer des publicités "
    "personnalisées. Vous pouvez modifier vos choix à tout moment.",
    "Avec votre accord, nous et nos partenaires utilisons des cookies ou technologies similaires pour stocker et "
    "accéder à des informations personnelles comme votre visite sur ce site.",
    "Ce site utilise des cookies. En poursuivant votre navigation, vous acceptez leur utilisation à des fins de "
    "mesure d’audience et de publicité.",
)
COOKIE_BUTTONS = ("Accepter et fermer", "Tout refuser", "Paramétrer les cookies", "Continuer sans accepter")
READ_ALSO = ("Lire aussi | {}", "À lire aussi : {}", "LIRE AUSSI - {}", "Sur le même sujet : {}")
TEASERS = (
    "Guerre en Ukraine : les frappes de drones se multiplient sur les infrastructures énergétiques",
    "À Bruxelles, les Vingt-Sept divisés sur le budget de la défense",
    "Au Sahel, la junte malienne durcit le ton face à la Cédéao",
    "Proche-Orient : les négociations sur une trêve piétinent au Caire",
    "Chine : la croissance ralentit au troisième trimestre",
    "G20 : les ministres des finances s’accordent sur une taxe minimale",
    "Climat : la COP s’achève sur un compromis a minima",
    "Japon : le yen au plus bas depuis trente ans face au dollar",
    "Brésil : la déforestation de l’Amazonie recule pour la deuxième année",
    "Iran : Téhéran annonce la mise en service de nouvelles centrifugeuses",
)
SHARE = ("Partager", "Partager sur Facebook", "Partager sur X", "Partager sur LinkedIn", "Envoyer par e-mail",
         "Copier le lien", "Imprimer")
FOOTER = ("Mentions légales", "Politique de confidentialité", "Gestion des cookies", "Conditions générales d’utilisation",
          "Nous contacter", "Plan du site", "Publicité", "Recrutement", "Tous droits réservés")

TEXT_PARAGRAPH_MIN_CHARS = 160  # shorter lines of a text page are headlines, captions or chrome
WRAPPED_MAX_LINE_CHARS = 100  # a page whose lines are all this short was hard-wrapped (a lynx-like dump)
HTML_PARAGRAPH_MIN_CHARS = 80  # an attribute-less <p> of the article this long is body text, not a byline
HTML_PARAGRAPH = re.compile(r"<p>(?P<inner>.*?)</p>", re.S)
HTML_TAG = re.compile(r"<[^>]+>")
HTML_CHARSET = re.compile(rb"<meta[^>]*charset=[\"']?([\w-]+)", re.I)


@dataclass(frozen=True)
class Template:
    name: str
    kind: str  # "text" or "html"
    text: str
    encoding: str  # what the article is written in: the template's own (one HTML fixture is windows-1252)
    newline: str


@dataclass
class CorpusStats:
    text: int = 0
    html: int = 0
    n_bytes: int = 0

    @property
    def documents(self) -> int:
        return self.text + self.html


# ------------------------------------------------------------------------------- templates
def template_paths() -> list[Path]:
    pages = ROOT / "tests" / "fixtures" / "pages"
    french_pages = [p for p in sorted(pages.iterdir()) if p.suffix in (".txt", ".html")
                    and json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["language"] == "fr"]
    return [*sorted((ROOT / "data" / "raw").glob("*.txt")), *sorted((ROOT / "tests" / "fixtures").glob("heldout*/*.txt")),
            *french_pages]


def read_template(path: Path) -> Template:
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:  # a page that declares its legacy charset
        encoding = HTML_CHARSET.search(data).group(1).decode("ascii")
        text = data.decode(encoding)
    newline = "\r\n" if "\r\n" in text else "\n"
    kind = "html" if path.suffix == ".html" else "text"
    return Template(path.stem, kind, text.replace("\r\n", "\n"), encoding, newline)


@cache
def templates() -> dict[str, list[Template]]:
    loaded = [read_template(p) for p in template_paths()]
    return {kind: [t for t in loaded if t.kind == kind] for kind in ("text", "html")}


def kind_of(index: int) -> str:
    """HTML for the share of indexes the templates have, spread evenly (so any prefix keeps the mix)."""
    by_kind = templates()
    html, total = len(by_kind["html"]), len(by_kind["text"]) + len(by_kind["html"])
    return "html" if (index + 1) * html // total > index * html // total else "text"


# ------------------------------------------------------------------------------- variations
@cache
def swap_pattern() -> re.Pattern:
    forms = sorted({form for group in SWAP_GROUPS for person in group for form in person}, key=lambda f: (-len(f), f))
    return re.compile(r"(?P<prep>\b(?:[dD]['’]|de ))?(?<![\w-])(?P<name>" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def swap_table(rng: random.Random) -> dict[str, str]:
    """Each form of each name to its stand-in's form (full for full, short for short), one permutation per group."""
    table = {}
    for group in SWAP_GROUPS:
        stand_ins = rng.sample(group, len(group))
        for person, stand_in in zip(group, stand_ins):
            for position, form in enumerate(person):
                table[form] = stand_in[-1] if position == len(person) - 1 and position > 0 else stand_in[0]
    return table


def swap_names(text: str, table: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        name = table[match["name"]]
        prep = match["prep"]
        if prep:  # French elision follows the new name: "d’Emmanuel Macron" but "de François Hollande"
            apostrophe = "'" if "'" in prep else "’"
            prep = prep[0] + (apostrophe if name[0] in "AEIOUÉÈÎÔ" else "e ")
        return (prep or "") + name

    return swap_pattern().sub(replace, text)


def shift_dates(text: str, days: int) -> str:
    shift = dt.timedelta(days=days)

    def replace(match: re.Match) -> str:
        try:
            if match["day"]:
                day = 1 if match["day"] == "1er" else int(match["day"])
                date = dt.date(int(match["year"]), MONTHS.index(match["month"]) + 1, day) + shift
                shown = "1er" if date.day == 1 else f"{date.day:02d}" if match["day"].startswith("0") else str(date.day)
                return f"{shown} {MONTHS[date.month - 1]} {date.year}"
            if match["nday"]:
                year = int(match["nyear"]) + (2000 if len(match["nyear"]) == 2 else 0)
                date = dt.date(year, int(match["nmonth"]), int(match["nday"])) + shift
                return f"{date:%d/%m/}{date.year % 100 if len(match['nyear']) == 2 else date.year:0{len(match['nyear'])}d}"
            date = dt.date(int(match["iyear"]), int(match["imonth"]), int(match["iday"])) + shift
            return date.isoformat()
        except ValueError:  # not a calendar date after all ("31/02/2024"): leave it
            return match[0]

    return DATE.sub(replace, text)


def vary_paragraphs(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The lede first, then the other paragraphs with about one in six dropped and a neighbour pair swapped."""
    if len(paragraphs) < 3:
        return paragraphs
    lede, rest = paragraphs[0], paragraphs[1:]
    kept = [p for p in rest if rng.random() > 1 / 6] or rest[:1]
    if len(kept) > 1 and rng.random() < 0.5:
        i = rng.randrange(len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return [lede, *kept]


@dataclass(frozen=True)
class Chrome:
    menu: list[str]
    cookie: list[str]  # the banner then its buttons; empty: no banner
    teaser: str | None
    share: list[str]
    footer: list[str]


def draw_chrome(rng: random.Random, year: int) -> Chrome:
    def some(items: tuple[str, ...], low: int, high: int) -> list[str]:
        return sorted(rng.sample(items, rng.randint(low, high)), key=items.index)

    return Chrome(
        menu=some(MENU, 3, 8) if rng.random() < 0.7 else [],
        cookie=[rng.choice(COOKIE_BANNERS), *some(COOKIE_BUTTONS, 2, 3)] if rng.random() < 0.5 else [],
        teaser=rng.choice(READ_ALSO).format(rng.choice(TEASERS)) if rng.random() < 0.7 else None,
        share=some(SHARE, 2, 5) if rng.random() < 0.7 else [],
        footer=[*some(FOOTER, 2, 5), f"© {year}"] if rng.random() < 0.7 else [],
    )


def is_text_paragraph(unit: str) -> bool:
    """Long enough, ending like a sentence (a caption ends with its credit), and no copyright notice."""
    unit = " ".join(unit.split())
    return len(unit) >= TEXT_PARAGRAPH_MIN_CHARS and unit[-1] in ".!?»”\"…" and "©" not in unit


def vary_text_page(text: str, rng: random.Random, chrome: Chrome) -> str:
    text = text.strip("\n")
    # A paragraph is a line, or in a hard-wrapped page a block of lines between blank lines.
    wrapped = max(map(len, text.split("\n"))) <= WRAPPED_MAX_LINE_CHARS
    pieces = re.split(r"(\n[ \t]*\n\s*)" if wrapped else r"(\n+)", text)
    units, separators = pieces[0::2], [*pieces[1::2], "\n"]
    positions = [i for i, unit in enumerate(units) if is_text_paragraph(unit)]
    varied = dict(zip(positions, vary_paragraphs(rng, [units[i] for i in positions])))
    teaser_after = rng.choice(positions[:-1]) if chrome.teaser and len(positions) > 1 else None
    gap = "\n\n" if "\n\n" in text else "\n"
    top, tail = [*chrome.cookie, *chrome.menu], [*chrome.share, *chrome.footer]
    out = ["\n".join(top) + gap] if top else []
    for i, (unit, separator) in enumerate(zip(units, separators)):
        if i in positions:
            if i not in varied:  # dropped, with the line break after it
                continue
            unit = varied[i]
        out.append(unit + separator)
        if i == teaser_after:
            out.append(chrome.teaser + separator)
    if tail:
        out.append(gap[1:] + "\n".join(tail) + "\n")
    return "".join(out)


def html_list(tag: str, css: str, items: list[str]) -> str:
    return f'<{tag} class="{css}">' + " ".join(f'<a href="#">{item}</a>' for item in items) + f"</{tag}>\n"


def vary_html_page(html: str, rng: random.Random, chrome: Chrome) -> str:
    """Every HTML template has a <body> and an <article>: paragraphs vary inside the article, chrome
    goes at the start and the end of the body."""
    body_open = html.index(">", html.index("<body")) + 1
    start, end, body_close = html.index("<article"), html.index("</article>"), html.rindex("</body>")
    article = html[start:end]
    matches = [m for m in HTML_PARAGRAPH.finditer(article)
               if len(HTML_TAG.sub("", m["inner"]).strip()) >= HTML_PARAGRAPH_MIN_CHARS]
    paragraphs = iter(vary_paragraphs(rng, [m[0] for m in matches]))
    teaser_after = rng.randrange(len(matches) - 1) if chrome.teaser and len(matches) > 1 else None
    pieces, cursor = [], 0
    for index, match in enumerate(matches):
        pieces += [article[cursor:match.start()], next(paragraphs, "")]
        if index == teaser_after:
            pieces.append(f'\n<aside class="related"><a href="#">{chrome.teaser}</a></aside>')
        cursor = match.end()
    article = "".join(pieces) + article[cursor:]
    head = (f'<div class="cookie-consent"><p>{chrome.cookie[0]}</p>'
            + "".join(f"<button>{b}</button>" for b in chrome.cookie[1:]) + "</div>\n" if chrome.cookie else "")
    head += html_list("nav", "menu", chrome.menu) if chrome.menu else ""
    tail = html_list("div", "share", chrome.share) if chrome.share else ""
    tail += html_list("footer", "site-footer", chrome.footer) if chrome.footer else ""
    return html[:body_open] + "\n" + head + html[body_open:start] + article + html[end:body_close] + tail + html[body_close:]


def article(template: Template, rng: random.Random) -> bytes:
    text = shift_dates(swap_names(template.text, swap_table(rng)), -rng.randint(0, MAX_DATE_SHIFT_DAYS))
    year = max((int(y) for y in re.findall(r"\b(20[0-3]\d)\b", text)), default=2024)
    chrome = draw_chrome(rng, year)
    if template.kind == "html":
        page = vary_html_page(text, rng, chrome)
        return page.replace("\n", template.newline).encode(template.encoding, errors="xmlcharrefreplace")
    return vary_text_page(text, rng, chrome).replace("\n", template.newline).encode("utf-8")


# ------------------------------------------------------------------------------- the corpus
def generate(count: int, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of `count` articles, each with bytes no other has."""
    by_kind = templates()
    seen: set[bytes] = set()  # digests only: 32 bytes an article
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        kind = kind_of(index)
        for _ in range(MAX_ATTEMPTS):
            template = rng.choice(by_kind[kind])
            data = article(template, rng)
            digest = hashlib.sha256(data).digest()
            if digest not in seen:
                break
        else:
            raise RuntimeError(f"no distinct variation of article {index} in {MAX_ATTEMPTS} attempts")
        seen.add(digest)
        yield f"{index:06d}_{template.name}.{'html' if kind == 'html' else 'txt'}", data


def write_corpus(raw: Path, count: int, seed: int = 0) -> CorpusStats:
    raw.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    for name, data in generate(count, seed):
        (raw / name).write_bytes(data)
        stats.n_bytes += len(data)
        if name.endswith(".html"):
            stats.html += 1
        else:
            stats.text += 1
    return stats
