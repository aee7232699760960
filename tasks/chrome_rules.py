"""Phrases of web-site chrome, as data: one list of regular expressions per reason code.

Patterns match a whole line (after white space is collapsed), case-insensitively, unless noted.
They describe kinds of chrome seen across news sites in French, English, Spanish, German and Italian,
not the lines of any one sample. Bump CHROME_RULES_VERSION whenever this file changes.
"""

from __future__ import annotations

import re

CHROME_RULES_VERSION = "1"

_MINUTES = r"(?:\d+\s*(?:min(?:ute)?s?|mn|minuto?s?|minuten)\.?)"

# A whole line is chrome when it matches one of these.
LINE_PATTERNS: dict[str, list[str]] = {
    "reading_time": [
        rf"(?:temps de )?lecture\s*:?\s*{_MINUTES}",
        rf"temps de lecture\s*:?.*",
        rf"{_MINUTES}\s*(?:de lecture|read|reading|lesezeit|de lectura|di lettura)",
        rf"(?:reading time|lesezeit|tiempo de lectura|tempo di lettura)\s*:?\s*.*",
    ],
    "navigation": [
        r"(?:accueil|home|inicio|startseite)(?:\s*[/>›»|]\s*[^/>›»|]+)+",  # breadcrumb
        r"(?:table of contents|table des matières|sommaire|inhaltsverzeichnis|índice)",
        r"(?:menu|main menu|navigation|skip to (?:main )?content|aller au contenu(?: principal)?)",
        r"(?:accéder aux raccourcis d.accessibilité|raccourcis d.accessibilité|accessibility shortcuts?|skip navigation)",
        r"(?:retour (?:en haut|à l.accueil)|back to top|top of page|haut de page)",
        r"(?:loader|loading\.*|chargement(?: en cours)?\.*)",
        r"(?:close|fermer|close button|cerrar|schließen)",
        r"(?:voir plus|see more|show more|afficher plus|en savoir plus|learn more|mehr erfahren|ver más)",
        r"(?:précédent|suivant|previous|next)(?:\s*(?:article|page))?",
        r"(?:la sélection (?:vidéos?|photos?)|notre sélection|vidéos? à la une|les plus lus|most read|most popular|trending(?: now)?)",
        r"(?:en direct|live|direct|à la une|dernières? (?:infos?|nouvelles)|latest news|breaking news)",
    ],
    "newsletter": [
        r".*\bnewsletters?\b.*",
        r"(?:abonnez-vous|inscrivez-vous|s.abonner|subscribe(?: now)?|sign up(?: now)?|suscríbete|abonnieren)\b.*",
        r"(?:recevez|receive|get) .*(?:chaque (?:jour|semaine|matin)|every (?:day|week|morning)|in your inbox|dans votre (?:boîte|boite)).*",
        r"(?:déjà abonné|already (?:a )?subscriber|already have an account).*",
    ],
    "social": [
        r"(?:partager|partagez|share|compartir|teilen|condividi)(?:\s+(?:cet article|this article|this story|sur|on|via)?\s*\S*)?(?:\s+(?:discussion|close button|facebook|twitter|x|linkedin|whatsapp|e-?mail|copier le lien|copy link))*",
        r"(?:suivez-nous|follow us|síguenos|folgen sie uns|seguici)\b.*",
        r"(?:et )?(?:sur|retrouvez-nous sur|find us on|on) (?:nos|our|les) (?:réseaux sociaux|social (?:media|networks)).*",
        r"(?:facebook|twitter|x|linkedin|whatsapp|instagram|telegram|youtube|tiktok|e-?mail|imprimer|print)(?:\s*[|,·•/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|instagram|telegram|youtube|tiktok|e-?mail|imprimer|print))*",
        r"(?:copier le lien|copy link|lien copié|link copied)",
    ],
    "advertising": [
        r"(?:publicité|advertisement|advertising|annonce|anzeige|publicidad|pubblicità|sponsored|contenu sponsorisé|sponsorisé|ad)",
        r"(?:la suite (?:de l.article )?après (?:cette|la) publicité|article continues below(?: advertisement)?|story continues below)",
    ],
    "comments": [
        r"(?:laissez-nous vos commentaires|laisser un commentaire|laissez un commentaire|leave a (?:comment|reply)|post a comment|add a comment|ajouter un commentaire)",
        r"(?:\d+\s*)?(?:commentaires?|comments?|réactions?|discussion|kommentare|comentarios)(?:\s*\(\d+\))?",
        r"(?:poster (?:le |un )?commentaire|post comment|publier (?:le |un )?commentaire|envoyer|submit|send)",
        r"(?:votre adresse (?:e-?mail|de messagerie) ne sera pas publiée|your email address will not be published).*",
        r"(?:champs (?:requis|obligatoires) .*|required fields are marked.*|nom\s*\*?|name\s*\*?|e-?mail\s*\*?|site web|website)",
        r"(?:vous devez être connecté|you must be logged in|connectez-vous pour|log in to).*",
    ],
    "related": [
        r"(?:à découvrir (?:également|aussi)|a découvrir (?:également|aussi)|sur le même sujet|dans la même rubrique|à lire (?:aussi|également)|lire aussi|lire la suite|voir aussi|read more|read also|related(?: articles| stories| content)?|more (?:from|on) .{0,40}|you (?:may|might) also like|recommended(?: for you)?|recommandé pour vous|nos articles|plus d.articles|más noticias|lea también|te puede interesar|mehr zum thema|das könnte sie auch interessieren|leggi anche)\s*:?",
        r"(?:lire aussi|à lire aussi|voir aussi|read more|read also|related|lea también|leggi anche|mehr zum thema)\s*[:|›»>-]\s*.+",
    ],
    "legal": [
        r"(?:©|\(c\)|copyright)\s*.*",
        r"(?:tous droits réservés|all rights reserved|todos los derechos reservados|alle rechte vorbehalten|tutti i diritti riservati).*",
        r"(?:politique de (?:confidentialité|cookies)|privacy policy|cookie (?:policy|settings)|mentions légales|conditions (?:générales )?d.utilisation|terms (?:of (?:use|service)|and conditions)|gérer (?:mes|les) cookies|accept(?:er)? (?:all )?cookies|nous utilisons des cookies|we use cookies).*",
    ],
    "byline": [
        r"(?:par|by|por|von|di)\s+[^\s.,;:!?]+(?:\s+[^\s.,;:!?]+){0,4}",
        r"(?:publié|mis à jour|modifié|published|updated|posted|publicado|actualizado|veröffentlicht|aktualisiert|pubblicato)(?: le| on| el| am| il)?\s*:?(?:\s+.{0,60})?",
        r"(?:photo|crédit photo|crédits? photos?|image|credit|photo credit|foto|bild)\s*:.*",
        r"(?:avec|with|con|mit)\s+(?:afp|reuters|ap|ansa|efe|dpa|ats|belga)(?:\s*(?:et|and|,|/)\s*(?:afp|reuters|ap|ansa|efe|dpa|ats|belga))*\)?",
        r"\(?(?:afp|reuters|ap|efe|dpa|ansa)\)?",
    ],
    "media_label": [
        r"(?:vidéo|video|photo|photos|audio|podcast|podcasts|diaporama|galerie|gallery|infographie|graphique|carte|map)s?",
        r"(?:écouter|listen|regarder|watch|lire|play)(?: (?:l.article|this article|la vidéo|the video|le podcast))?",
    ],
}

PHOTO_AGENCIES = ("afp", "reuters", "ap", "getty images", "sputnik", "epa", "xinhua", "anadolu", "tass", "ria novosti", "pool")

# A substring anywhere in a line marks it as a photo caption credit.
CREDIT_MARKERS = [
    r"©",
    r"\(c\)\s",
    r"\btous droits réservés\b",
    r"\ball rights reserved\b",
    r"\b(?:photo|crédit|credit|image|foto)\s*:",
    r"\b(?:" + "|".join(PHOTO_AGENCIES) + r")\s*(?:photo|/|$)",
    r"/\s*(?:afp|reuters|ap|getty images|sputnik|epa|xinhua|anadolu|tass|ria novosti|pool photo|kremlin pool)\b",
    r"\bpool photo\b",
    r"\bvia (?:ap|reuters|afp|getty)\b",
]

# Cheap substrings, one of which every credit marker above contains (lower-cased): a line with
# none of them cannot be a credit, and most article lines are spared the regular expression.
CREDIT_HINTS = ("©", "(c)", "droits", "rights", "photo", "crédit", "credit", "image", "foto", "/", "via ", "pool")

# Reasons whose line, alone and after the body started, opens the page's footer: teasers, comment
# forms and newsletter prompts follow and nothing after it is the article.
END_OF_BODY_REASONS = frozenset({"comments", "related"})

# "date 2023-09", "Date : 12/03/2024" and similar metadata prefixes of a line.
DATE_PREFIX = r"^\s*(?:date|dated|datum|fecha|data)\s*:?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b\s*"
DATELINE = r"^\s*(?:publié|mis à jour|published|updated|posted|publicado|veröffentlicht|pubblicato)(?: le| on| el| am| il)?\s*:?\s*(?P<date>.+?)\s*$"
BYLINE_PUBLISHER = r"^\s*(?i:par|by|por|von|di)\s+(?P<name>[A-Z][\w&.' -]{1,40})\s*$"

TRUNCATION_MARKS = ("…", "...", "[…]", "[...]")

FLAGS = re.IGNORECASE | re.UNICODE
COMPILED_LINE_PATTERNS = {
    reason: re.compile("^(?:" + "|".join(patterns) + r")\s*[.!:]?$", FLAGS) for reason, patterns in LINE_PATTERNS.items()
}
COMPILED_CREDIT = re.compile("|".join(CREDIT_MARKERS), FLAGS)
COMPILED_DATE_PREFIX = re.compile(DATE_PREFIX, FLAGS)
COMPILED_DATELINE = re.compile(DATELINE, FLAGS)
COMPILED_BYLINE_PUBLISHER = re.compile(BYLINE_PUBLISHER, re.UNICODE)
