"""Phrases of web-site chrome, as data: one list of regular expressions per reason code.

Patterns match a whole line (after white space is collapsed), case-insensitively. They describe
kinds of chrome seen across news sites in French, English, Spanish, German and Italian, not the
lines of any one page. Bump CHROME_RULES_VERSION whenever this file changes: documents cleaned
with older rules are then re-processed.
"""

from __future__ import annotations

import re

CHROME_RULES_VERSION = "5"

_MINUTES = r"(?:\d+\s*(?:min(?:ute)?s?|mn|minuto?s?|minuten)\.?)"
_AGENCY = r"(?:afp|reuters|ap|ansa|efe|dpa|ats|belga|agences|agencies)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)\.?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"

# A whole line is chrome when it matches one of these (only lines of at most MAX_PATTERN_WORDS).
LINE_PATTERNS: dict[str, list[str]] = {
    "reading_time": [
        rf"(?:temps de )?lecture\s*:?\s*{_MINUTES}",
        r"temps de lecture\s*:?.*",
        rf"{_MINUTES}(?:\s*(?:de lecture|read|reading|lesezeit|de lectura|di lettura))?",
        rf".{{0,40}}[•·|,-]\s*{_MINUTES}",
        r"(?:reading time|lesezeit|tiempo de lectura|tempo di lettura)\s*:?\s*.*",
    ],
    "navigation": [
        r"(?:accueil|home|inicio|startseite)(?:\s*[/>›»|]\s*[^/>›»|]+)+",  # breadcrumb
        r"(?:table of contents|table des matières|sommaire|inhaltsverzeichnis|índice)",
        r"(?:menu|main menu|navigation|skip to (?:main )?content|aller au contenu(?: principal)?|passer au contenu(?: principal)?|ir al contenido(?: principal)?|zum inhalt springen)",
        r"(?:(?:go to |accéder aux )?(?:raccourcis d.accessibilité|accessibility shortcuts?)|skip navigation)",
        r"(?:retour (?:en haut|à l.accueil)|back to top|top of page|haut de page)",
        r"(?:loader|loading\.*|chargement(?: en cours)?\.*)",
        r"(?:close|fermer|close button|cerrar|schließen)",
        r"(?:voir plus|see more|show more|afficher plus|en savoir plus|learn more|mehr erfahren|ver más)",
        r"(?:précédent|suivant|previous|next)(?:\s*(?:article|page))?",
        r"(?:la sélection (?:vidéos?|photos?)|notre sélection|vidéos? à la une|les plus vus|most viewed|most popular|lo más visto|meistgelesen|trending(?: now)?)",
        r"(?:en direct|live|direct|à la une|dernières? (?:infos?|nouvelles)|latest news|breaking news)",
        r"(?:se connecter|connexion|s.identifier|mon compte|sign in|log ?in|register|my account|my news|iniciar sesión|anmelden|registrieren|accedi)",
        r"(?:rechercher|recherche|search|buscar|suche|cerca)",
        r"(?:site index|plan du site|sitemap|suggested topics|sujets suggérés|topics|thèmes|tags|mots-clés|browse today.s tags)\s*:?",
        r"(?:item \d+ of \d+|\d+ ?/ ?\d+|image \d+ (?:sur|of) \d+)",
        r"(?:opens new tab|ouvre un nouvel onglet|purchase licensing rights(?:, opens new tab)?|copy to clipboard|copied|copier dans le presse-papiers|copy/paste the article video embed link below:?)",
        r"(?:watch live|regarder en direct|écouter la radio|listen live|télécharger l.application.*|download the app.*|get the app)",
        r"(?:offrir l.article|offrir cet article|gift (?:this )?article|lire plus tard|read later|save|sauvegarder|enregistrer|ajouter à mes favoris|add to favou?rites|bookmark)",
        r"(?:contribuer|réutiliser ce contenu|reuse this content|signaler (?:un abus|une erreur)|report (?:an error|a correction)|corrections?)",
    ],
    "newsletter": [
        r"(?=(?:\S+\s+){0,11}\S+$).*\bnewsletters?\b.*",  # short lines only: articles may mention one
        r"(?:apúntate|suscríbete|abonnez-vous|inscrivez-vous|sign up|subscribe|melden sie sich)\b.*\bnewsletters?\b.*",
        r".*\bnewsletters?\b.*\b(?:sign up|subscribe|inscrivez-vous|abonnez-vous|suscríbete|apúntate)(?: here| ici| aquí)?\.?",
        r"(?:abonnez-vous|inscrivez-vous|s.abonner|s.inscrire|subscribe(?: now)?|sign up(?: here| now)?|suscríbete|abonnieren)\b.*",
        r"(?:recevez|receive|get) .*(?:chaque (?:jour|semaine|matin)|every (?:day|week|morning)|in your inbox|dans votre (?:boîte|boite)).*",
        r"(?:déjà abonné|already (?:a )?subscriber|already have an account).*",
    ],
    "social": [
        r"(?:partager|partagez|share|compartir|teilen|condividi)(?:\s+(?:cet article|this article|this story|sur|on|via)?\s*\S*)?(?:\s+(?:discussion|close button|facebook|twitter|x|linkedin|whatsapp|e-?mail|copier le lien|copy link))*",
        r"(?:suivez-nous|follow us|síguenos|folgen sie uns|seguici)\b.*",
        r"(?:et )?(?:sur|retrouvez-nous sur|find us on|on) (?:nos|our|les) (?:réseaux sociaux|social (?:media|networks)).*",
        r"(?:facebook|twitter|x|linkedin|whatsapp|instagram|telegram|youtube|tiktok|e-?mail|imprimer|print)(?:\s*[|,·•/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|instagram|telegram|youtube|tiktok|e-?mail|imprimer|print))*",
        r"(?:copier le lien|copy link|lien copié|link copied|link kopieren|copiar enlace|copia link|x\.com)",
        r"(?:zur merkliste hinzufügen|merken|weitere optionen zum teilen|more sharing options|plus d.options de partage|más opciones para compartir|imprimir|enviar)",
        r"(?:suivre|follow|seguir|folgen)",
    ],
    "advertising": [
        r"(?:publicité|advertisement|advertising|annonce|anzeige|publicidad|pubblicità|sponsored|contenu sponsorisé|sponsorisé|ad)(?:\s*[·:|-]\s*(?:scroll to continue|faites défiler.*|continue reading.*))?",
        r"(?:passer (?:la|cette) publicité|skip (?:the )?ad(?:vertisement)?|la suite (?:de l.article )?après (?:cette|la) publicité|article continues below(?: advertisement)?|story continues below|scroll to continue|continue reading below)",
    ],
    "comments": [
        r"(?:laissez-nous vos commentaires|laisser un commentaire|laissez un commentaire|leave a (?:comment|reply)|post a comment|add a comment|ajouter un commentaire)",
        r"(?:(?:aller aux|voir les|go to|view|ir a los|zu den)\s+)?(?:\d+\s*)?(?:commentaires?|comments?|réactions?|discussion|kommentare|comentarios)(?:\s*\(\d+\))?",
        r"(?:diskutieren sie mit|participez au débat|join the (?:conversation|debate)|únete a la conversación)",
        r"(?:poster (?:le |un )?commentaire|post comment|publier (?:le |un )?commentaire|envoyer|submit|send)",
        r"(?:votre adresse (?:e-?mail|de messagerie) ne sera pas publiée|your email address will not be published).*",
        r"(?:champs (?:requis|obligatoires) .*|required fields are marked.*|nom\s*\*?|name\s*\*?|e-?mail\s*\*?|site web|website)",
        r"(?:vous devez être connecté|you must be logged in|connectez-vous pour|log in to).*",
    ],
    # A header announcing links to other articles; the footer usually starts here.
    "related": [
        r"(?:[àa] découvrir (?:également|aussi)|sur le même sujet|dans la même rubrique|[àa] lire (?:aussi|également)|lire aussi|lire la suite|voir aussi|read more|read next|read also|related(?: articles| stories| content| topics)?|more (?:from|on) .{0,40}|more on this story|most read|les plus lus|lo más leído|más información|artículos relacionados|articles liés|articles similaires|ailleurs sur le web|you (?:may|might) also like|recommended(?: for you)?|recommandé pour vous|nos articles|plus d.articles|más noticias|lea también|te puede interesar|mehr zum thema|das könnte sie auch interessieren|leggi anche)\s*:?",
    ],
    # An inline link to another article inside the body: one line of chrome, not the end of the body.
    "related_link": [
        r"(?:lire aussi|[àa] lire aussi|voir aussi|read more|read also|related|see also|lea también|leer más|leggi anche|mehr zum thema|lesen sie auch|auch interessant)(?:\s+(?:le|la|l.|notre|our)\s*\w+)?\s*[:|›»>·-]?\s*.+",
        r"(?:article réservé à nos abonnés|réservé aux abonnés|abonnés|for subscribers|subscriber[- ]only|exclusivo para suscriptores|\+\s*plus|s\+)",
    ],
    "legal": [
        r"(?:©|\(c\)|copyright)\s*.*",
        r"(?:tous droits réservés|all rights reserved|todos los derechos reservados|alle rechte vorbehalten|tutti i diritti riservati).*",
        r"(?:politique de (?:confidentialité|cookies)|privacy policy|cookie (?:policy|settings)|mentions légales|conditions (?:générales )?d.utilisation|terms (?:of (?:use|service)|and conditions)|gérer (?:mes|les) cookies|gestion des cookies|accept(?:er)? (?:all )?cookies|tout accepter|tout refuser|accept all|reject all|nous utilisons des cookies|we use cookies).*",
        r"(?:all quotes delayed|cotations différées).*",
    ],
    "byline": [
        r"(?:par|by|por|von|di|texte par|text by|propos recueillis par|interview by)\s*:?\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]*(?:\s+(?:(?-i:[A-ZÀ-ÖØ-Þ0-9])[\w'’.-]*|and|et|und|y|e|de|du|van|von|der|la|le))*(?:\s*,\s*[\w' -]{1,40})?",
        r"(?:avec notre correspondant(?:e)?|with our correspondent|de notre (?:envoyé|envoyée|correspondant|correspondante) spéciale?)\b.*",
        r".{0,80}\b(?:contributed to this report|a contribué à cet article|ont contribué à cet article)\.?",
        rf"\(?[^\s()]+(?:\s+[^\s()]+){{0,3}}\s+(?:avec|with|con|mit)\s+{_AGENCY}\)?",
        rf"(?:avec|with|con|mit)\s+{_AGENCY}(?:\s*(?:et|and|,|/)\s*{_AGENCY})*\)?",
        rf"\(?{_AGENCY}\)?",
        r"(?:reporting|writing|editing|additional reporting|reportage|rédaction|edición|mitarbeit) by .*",
        r"(?:additional sources|sources additionnelles|avec agences)\s*[•:·-]?\s*.*",
        r"(?:our standards|nos standards|the thomson reuters trust principles).*",
        r"(?:publié|mis à jour|modifié|published|updated|posted|last (?:modified|updated)|dernière mise à jour|publicado|actualizado|veröffentlicht|aktualisiert|pubblicato)(?: le| on| el| am| il)?\s*:?(?:\s+.{0,80})?",
        r"[^.!?]{0,40}[-–—]\s*\d{1,2}\s+\w{3,10}\.?\s+\d{4}(?:\s*[-–—,]\s*\d{1,2}[:h.]\d{2}.{0,20})?",
        rf"(?:le\s+)?(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:er)?\.?\s+\w+|\w+\s+\d{{1,2}},?)\s+\d{{4}}.{{0,60}}",  # « Le 10 juillet 2025 à 19h12, modifié le … »
        r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:\s*(?:à|-|,)?\s*\d{1,2}[:h.]\d{2}.{0,30})?",
        r"(?:\d+\s*(?:hours?|minutes?|days?|h|min) ago|il y a \d+\s*(?:heures?|minutes?|jours?|h|min))",
    ],
    "media_label": [
        r"(?:vidéo|video|photo|photos|audio|podcast|podcasts|diaporama|galerie|gallery|infographie|graphique|carte|map)s?",
        r"(?:écouter|listen|regarder|watch|lire|play|escuchar|anhören)(?: (?:l.article|this article|cet article|la vidéo|the video|le podcast))?(?:\s*[-–:]?\s*\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?)?",
        r"\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?",
    ],
}

PHOTO_AGENCIES = ("afp", "reuters", "ap", "getty images", "sputnik", "epa", "xinhua", "anadolu", "tass", "ria novosti", "pool")

# A line of any length that starts like this is a cookie or consent banner.
CONSENT_BANNER = r"^(?:we use cookies|we and our partners|this (?:site|website) uses cookies|nous utilisons des cookies|nous et nos partenaires|ce site utilise des cookies|en poursuivant votre navigation|utilizamos cookies|usamos cookies|wir verwenden cookies|wir nutzen cookies|utilizziamo (?:i )?cookie)"

# A substring anywhere in a line marks it as a photo caption credit.
CREDIT_MARKERS = [
    r"©",
    r"\(c\)\s",
    r"\btous droits réservés\b",
    r"\ball rights reserved\b",
    # "Photo: AFP", "Image caption, …"; not "deserved the credit, Mr Turnbull said"
    r"\b(?:photos?|crédits?(?: photos?)?|credits?|image|foto|bild|image source|image caption|illustration|ilustración|infographie|graphic)\s*:",
    r"\b(?-i:Photos?|Crédits?(?: photos?)?|Credits?|Image|Foto|Bild|Image source|Image caption|Illustration|Ilustración|Infographie|Graphic)\s*,",
    r"\b(?:" + "|".join(PHOTO_AGENCIES) + r")\s*(?:photo|/|$)",
    r"/\s*(?:afp|reuters|ap|getty images|sputnik|epa|xinhua|anadolu|tass|ria novosti|pool photo|kremlin pool)\b",
    r"\bpool photo\b",
    r"\bvia (?:ap|reuters|afp|getty)\b",
    r"\((?:afp|reuters|ap|efe|dpa|epa|ansa|getty images|sipa|maxppp)\)\s*$",
    r"\((?:photo|crédit|credit|foto)\b[^)]*\)\s*$",
]

# Cheap substrings, one of which every credit marker above contains (lower-cased): a line with
# none of them cannot be a credit, and most article lines are spared the regular expression.
CREDIT_HINTS = ("©", "(c)", "droits", "rights", "photo", "crédit", "credit", "image", "foto", "bild", "illustr", "ilustr", "infographie", "graphic", "/", "via ", "pool", "(")

# Reasons whose line opens the page's footer when less article text follows it than precedes it.
END_OF_BODY_REASONS = frozenset({"comments", "related"})
STRONG_PROSE_WORDS = 20  # paragraphs this long after a footer marker count as article text

# "date 2023-09", "Date : 12/03/2024" and similar metadata prefixes of a line.
DATE_PREFIX = r"^\s*(?:date|dated|datum|fecha|data)\s*:?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b\s*"
DATELINE = r"^\s*(?:publié|mis à jour|published|updated|posted|publicado|veröffentlicht|pubblicato)(?: le| on| el| am| il)?\s*:?\s*(?P<date>.+?)\s*$"
# A line that names the publisher (the group "name"); case-sensitive on the name's capital.
PUBLISHER_LINES = [
    # "Par Euronews", "Par : RFI", "Texte par : FRANCE 24", "By Reuters"
    r"^\s*(?i:texte par|text by|par|by|por|von)\s*:?\s*(?P<name>[A-Z][\w&'’-]*(?:\s+\d+)?)\s*$",
    # "Le Monde avec AFP", "(FRANCE 24 avec AFP)", "By Euronews with AFP"
    r"^\s*\(?(?:(?i:par|by)\s+)?(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z0-9][\w&'’.-]*){0,3})\s+(?i:avec|with|con|mit)\s+(?i:" + _AGENCY + r")\)?\s*$",
    # "© 2025 Reuters. All rights reserved", "© Copyright Euronews 2026", "Copyright 2025 BBC."
    r"^\s*(?:©|\(c\)|(?i:copyright))\s*(?:(?i:copyright)\s*)?(?:\d{4}\s*)?(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}?)\.?\s*(?:\d{4})?\s*[.,]?\s*(?i:all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten)?\.?\s*$",
]

TRUNCATION_MARKS = ("…", "...", "[…]", "[...]")

FLAGS = re.IGNORECASE | re.UNICODE
# One expression, one named group per reason (first listed wins): a single match per line.
COMPILED_LINE_PATTERNS = re.compile(
    "^(?:" + "|".join(f"(?P<{reason}>" + "|".join(patterns) + ")" for reason, patterns in LINE_PATTERNS.items()) + r")\s*[.!:]?$",
    FLAGS,
)
COMPILED_CREDIT = re.compile("|".join(CREDIT_MARKERS), FLAGS)
COMPILED_CONSENT_BANNER = re.compile(CONSENT_BANNER, FLAGS)
COMPILED_DATE_PREFIX = re.compile(DATE_PREFIX, FLAGS)
COMPILED_DATELINE = re.compile(DATELINE, FLAGS)
COMPILED_PUBLISHER_LINES = [re.compile(p, re.UNICODE) for p in PUBLISHER_LINES]
