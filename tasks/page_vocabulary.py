"""Words and vocabularies that tell a page's furniture from its news, in the languages the project
reads: features of the line classifier, the page classifier and the article-end model, not lists of
lines; and the function words of many languages, whose density tells running text from menus."""

from __future__ import annotations

import re
from functools import lru_cache

# Words of buttons, links, labels and prompts across the languages the project reads. Each
# counts as a signal that the line talks about the page rather than the news.
INTERFACE_WORDS = frozenset("""
share partager partagez teilen compartir condividi compartilhar tweet tweeter facebook twitter x whatsapp linkedin
telegram messenger pinterest reddit flipboard bluesky threads instagram tiktok youtube mail e-mail email courriel imprimer
print drucken imprimir stampa copier copy kopieren copiar copia lien link enlace liens links
newsletter newsletters abonnez abonnez-vous abonner abonnement abonnements abonné abonnés subscribe subscribers subscriber
subscription abonnieren abo abonnent suscríbete suscribirse suscriptores suscripción iscriviti abbonati assine inscrivez
inscription inscrire sign signup login connexion connecter anmelden registrieren identifiez cookies cookie consent
consentement publicité publicite advertisement advertising anzeige werbung publicidad pubblicità publicidade sponsored
sponsorisé sponsorisée partenaire commentaires commentaire comments comment kommentare kommentar comentarios comentario
commenti commento réagir reagir répondre reply antworten responder signaler report melden lire read lesen leer leggi
aussi also auch también anche plus more mehr más voir see view sehen ver vedi suite continue continuer weiterlesen
seguir tags tag mots-clés keywords schlagworte themen thema temas tema argomenti topics topic sujets sujet rubriques
listen écouter écoutez anhören hören escuchar ascolta min mn minutes minuten minutos lecture reading lesezeit lectura
exclusive exclusif réservé premium gratuit free kostenlos gratis app application télécharger download herunterladen
descargar menu accueil home startseite inicio suivez follow folgen síguenos seguici podcast vidéo video vídéos videos
photos photo galerie gallery diaporama replay direct live ticker update updated mis jour actualisé aktualisiert
actualizado aggiornato publié published veröffentlicht publicado pubblicato crédit credit foto bild imagen source
""".split())
# The reader addressed: second person, and the site's "we" that speaks to them.
READER_WORDS = frozenset("""
you your yours you're we we're we've our us vous votre vos nous notre nos sie ihre ihr ihnen ihren ihrem ihrer wir unsere
unser unseren usted ustedes su sus nosotros nuestra nuestro nuestros nuestras te tu tus voi vostro vostra noi nostro nostra
você vocês seu sua nós nosso nossa nossos nossas vosso vossa vossos vossas
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
# Words of the newsroom: who wrote, photographed or translated the page, and for which desk. An
# author's bio, a credit or a signature is full of them; a news paragraph seldom.
NEWSROOM_WORDS = frozenset("""
journaliste journalistes journalist journalistin journalisten journalists periodista periodistas giornalista jornalista
reporter reporters reporterin reportera reportero reporteur reportrice correspondent correspondents correspondant
correspondante korrespondent korrespondentin corresponsal corrispondente correspondente rédaction rédacteur rédactrice
redaktion redakteur redakteurin redaktor redaktorin redacción redactor redactora redazione redação editor editora
editors éditrice chroniqueur chroniqueuse columnist kolumnist kolumnistin columnista editorialist photographe
photographer fotograf fotografin fotógrafo fotógrafa fotografo
desk ressort rubrique sección traduction translation übersetzung traducción traduzione freelance pigiste
contributor contributing collaborateur collaboratrice mitarbeiter mitarbeiterin colaborador colaboradora
""".split())
# A word: letters and digits, with inner apostrophes and hyphens (« aujourd'hui », "e-mail").
WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# A comment's or a teaser's header: a short line with a time ("il y a 2 heures", "3h ago",
# "hace 3 horas", "vor 5 Stunden", "09/10/2025 à 11:52", "· 1h").
TIME_MENTION = re.compile(
    r"\b(?:ago|il y a|hace|vor|geleden|fa|há)\b|\b\d{1,2}\s?(?:h|min|hrs?|mins?|std|stunden?|horas?|heures?|uur)\b"
    r"|\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",
    re.IGNORECASE,
)
# What a quotation says: its "we" and "you" are the speaker's, not the site's to its reader.
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|»[^«»]*«|\"[^\"]*\"")


def unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text) if any(mark in text for mark in '«“„»"') else text


STOP_WORD_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl", "ru", "uk", "pl", "cs", "ro", "sv", "da", "nb", "fi", "tr", "id", "ar", "fa", "el", "hu")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of many languages (spaCy's lists); their density tells running text from menus."""
    return frozenset().union(*(stop_words_of(language) for language in STOP_WORD_LANGUAGES))


@lru_cache(maxsize=32)
def stop_words_of(language: str) -> frozenset[str]:
    """Function words of one language (spaCy's list; empty for a language spaCy has none for).

    The lists are read from their files: importing them through their language packages would
    load spaCy itself, four seconds of CPU before a process cleans its first page."""
    import importlib.util
    import runpy
    from pathlib import Path

    path = Path(importlib.util.find_spec("spacy").origin).parent / "lang" / language / "stop_words.py"
    if not language.isalpha() or not path.exists():
        return frozenset()
    return frozenset(w.lower() for w in runpy.run_path(str(path))["STOP_WORDS"])


def word_key(text: str) -> str:
    """The words of a text, lower-cased, joined by single spaces: the same text however a page
    spaced or punctuated it."""
    return " ".join(WORD.findall(text.lower()))
