"""Is what the cleaner kept an article at all? A logistic regression over features of the whole page.

A consent wall, a 404 page, a login wall, a search or tag page and a page a script fills are
written in full sentences too, so "some line of running text is left" does not tell them from a
news brief. What does is the page as a whole: such pages talk to the reader about the site (you,
your choices, cookies, the page, an account, an offer, results) and hold little running text and
few names; an article narrates, names people and places, and quotes.

The weights are learned by `bench/train_article_classifier.py` from the labelled pages (articles
and pages without one) and the peer bench's pages, and shipped as `article_classifier.json`; its
version is part of the cleaner's. Scoring is a dot product: no library at run time.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path
from typing import Protocol, Sequence

from depeche.tasks.line_classifier import INTERFACE_WORDS

MODEL_PATH = Path(__file__).with_name("article_classifier.json")

# The reader addressed: second person, and the site's "we" that speaks to them.
READER_WORDS = frozenset("""
you your yours you're we we're we've our us vous votre vos nous notre nos sie ihre ihr ihnen ihren ihrem ihrer wir unsere
unser unseren usted ustedes su sus nosotros nuestra nuestro nuestros nuestras te tu tus voi vostro vostra noi nostro nostra
você vocês seu sua nós nosso nossa
""".split())
# Words about the site, the page and the reader's account rather than the news.
PAGE_WORDS = INTERFACE_WORDS | frozenset("""
page pages seite seiten página pagina site website sites webseite sitio javascript navigateur browser navegador
error erreur fehler 404 introuvable found gefunden encontrada encontrado trouvée trouver finden encontrar
compte account konto cuenta conta offre offer offers angebot oferta ofertas tarif tarifs abo-angebot
résultats résultat results result ergebnisse ergebnis resultados resultado recherche search suche búsqueda buscar
données data daten datos dati dados partenaires partners partner socios partenaire accepter accept akzeptieren aceptar
accetta consentement zustimmung einwilligung consentimiento privacy confidentialité datenschutz privacidad
paramètres settings einstellungen configuración preferences préférences mot mots passe password passwort contraseña
connectez-vous connecter log einloggen iniciar sesión disponible available verfügbar supprimé removed entfernt eliminado
""".split())
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_QUOTE = re.compile(r"[«»“”„\"]")


class Line(Protocol):
    text: str
    words: int
    is_prose: bool


def features(title: str | None, lines: Sequence[Line]) -> dict[str, float]:
    """Named features of a page: its title and the body lines the cleaner kept."""
    words = reader = page = names = 0
    for line in lines:
        tokens = _WORD.findall(line.text)
        words += len(tokens)
        lowered = [token.lower() for token in tokens]
        reader += sum(map(READER_WORDS.__contains__, lowered))
        page += sum(map(PAGE_WORDS.__contains__, lowered))
        # Capitalised words after a line's first: the names an article is full of.
        names += sum(token[0].isupper() for token in tokens[1:])
    n = max(words, 1)
    title_words = [word.lower() for word in _WORD.findall(title or "")]
    return {
        "prose_words_log": math.log1p(sum(line.words for line in lines if line.is_prose)),
        "reader_share": 10 * reader / n,
        "page_share": 10 * page / n,
        "names_share": 10 * names / n,
        "quotes": float(any(_QUOTE.search(line.text) for line in lines)),
        "title_page_words": float(any(word in PAGE_WORDS or word.isdigit() for word in title_words)),
        "title_reader_words": float(any(word in READER_WORDS for word in title_words)),
    }


@lru_cache(maxsize=1)
def model() -> dict:
    """The shipped weights: {"version", "threshold", "bias", "weights": {feature: weight}}."""
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def version() -> str:
    return model()["version"]


def article_probability(found: dict[str, float]) -> float:
    fitted = model()
    z = fitted["bias"] + sum(map(mul, found.values(), map(fitted["weights"].get, found, repeat(0.0))))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def is_article(found: dict[str, float]) -> bool:
    """A page that never addresses the reader nor names the site's furniture is an article, however
    short (a one-sentence brief); the others are as the model scores them."""
    return not talks_about_the_page(found) or article_probability(found) >= model()["threshold"]


def talks_about_the_page(found: dict[str, float]) -> bool:
    return found["reader_share"] > 0 or found["page_share"] > 0
