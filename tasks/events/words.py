"""Closed word classes the coder reads: cases, pronouns, negations, planning and speech verbs."""

from __future__ import annotations

import re



NEGATIONS = frozenset({"pas", "jamais", "plus", "aucun", "aucune", "rarement", "not", "never", "no", "rarely"})
INTENT_LEMMAS = frozenset({
    "prévoir", "devoir", "attendre", "envisager", "projeter", "compter", "accepter", "vouloir", "préparer",
    "préparation", "intention", "invitation", "projet", "base", "plan", "expect", "intend", "prévu", "envisagé",
})
PLACE_CASES = frozenset({"à", "en", "au", "aux", "dans", "in", "at", "to"})
PARTNER_CASES = frozenset({"avec", "with", "entre", "between"})
DATIVE_CASES = frozenset({"à", "au", "aux", "to"})
ADDRESSEE_CASES = frozenset({"à", "au", "aux", "to", "contre", "against", "sur", "on"})  # « a assuré à Lavrov », « sanctions contre l'Iran »
AGENT_CASES = frozenset({"par", "by"})
AGAINST_CASES = frozenset({"contre", "against"})
ON_CASES = frozenset({"sur", "on"})
OWNER_CASES = frozenset({"de", "du", "des", "d'", "d’", "of"})  # « la visite de X », « les dirigeants de la France »
PATIENT_CASES = frozenset({"de", "du", "des", "d'", "d’", "contre", "against", "of", "on"})
SOURCE_CASES = frozenset({"selon", "d'après", "d’après", "according"})  # who reports an event is not its party
RELATIVE_OBJECTS = frozenset({"que", "qu'", "qu’", "whom"})
RELATIVE_PRONOUNS = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles", "who", "which", "that"})
# A relation as the subject of a reported clause: its parties are whoever reports it and the other side.
RELATION_NOUNS = frozenset({"relation", "relations", "coopération", "lien", "liens", "partenariat", "coordination", "dialogue", "amitié", "alliance",
                            "ties", "cooperation", "partnership", "relationship"})
FUTURE_ENDINGS = ("aient", "ions", "iez", "ais", "ait", "ons", "ont", "ez", "ai", "as", "a")  # after the future stem (« coordonner-aient »)
IRREGULAR_FUTURE_STEMS = frozenset({
    "ser", "aur", "fer", "ir", "pourr", "devr", "voudr", "viendr", "tiendr", "verr", "saur", "faudr", "enverr",
    "mourr", "courr", "recevr", "vaudr", "apercevr", "concevr", "percevr",
})
MODAL_LEMMAS = frozenset({"devoir", "falloir", "vouloir", "should", "must", "will", "would"})
COMPLEMENTIZERS = frozenset({"que", "qu'", "qu’", "that"})
ACCUSATION_LEMMAS = frozenset({"accuser", "reprocher", "soupçonner", "suspecter", "accuse", "suspect"})
HYPOTHETICAL_WORDS = frozenset({"éventuel", "éventuelle", "éventuels", "éventuelles", "hypothétique", "hypothétiques", "possible", "possibles", "potential", "eventual"})
HABITUAL = re.compile(
    r"\b(?:tous les (?:deux |trois |quatre |cinq )?(?:ans|mois|semaines)|toutes les (?:semaines|deux semaines)|chaque (?:année|an|mois|semaine)"
    r"|régulièrement|habituellement|d['’]ordinaire|d['’]habitude|traditionnellement|en principe|every (?:year|month|week)|regularly|usually)\b",
    re.IGNORECASE,
)
GROUP_NOUNS = frozenset({"dirigeant", "homme", "président", "ministre", "chef", "leader", "responsable", "diplomate", "chancelier", "man", "president", "minister"})
GROUP_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "two": 2, "three": 3, "four": 4}
FIRST_PERSON = frozenset({"nous", "je", "j'", "j’", "we", "i"})
PERSONAL_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})
SPEECH_VERBS = re.compile(
    r"\b(?:déclaré|dit|affirmé|souligné|ajouté|indiqué|estimé|expliqué|assuré|averti|résumé|lancé|précisé|insisté|noté|rappelé|martelé|confié|jugé|prévenu|reconnu|annoncé|répondu|écrit|qualifié|félicité|réjoui|exprimé|salué|saluant|dénoncé|dénonçant|promis"
    r"|accusé|accusant|critiqué|critiquant|remercié|réagi|répliqué|fustigé|reproché|qualifiant|exhorté|appelé|regretté|déploré|condamné|plaidé|mis en garde"
    r"|évoqué|évoquant|répété|réaffirmé|réitéré|proposé|demandé|souhaité|jugeant|estimant|affirmant|assurant|soulignant|ajoutant)\b"
    r"|\b(?:déclare|dit|affirme|souligne|ajoute|indique|estime|explique|assure|dénonce|accuse|critique|salue|qualifie|juge|regrette|déplore|réagit|selon|d['’]après|propos|a[- ]t[- ](?:il|elle)|said|says|told|added|stated|wrote|writes|warned|insisted|stressed|noted|argued|declared|replied|explained|tweeted|posted|according to"
    r"|called|calling|described|describing|saying|praised|praising|condemned|condemning|rejected|dismissed|dismissing|accused|accusing|critici[sz]ed|denounced|thanked|urged|hailed|welcomed)\b",
    re.IGNORECASE,
)
SPEECH_PARTICIPLES = r"(?:déclaré|dit|affirmé|assuré|noté|estimé|indiqué|souligné|expliqué|averti|rappelé|ajouté|précisé|annoncé|reconnu|jugé|prévenu|martelé)"
SPEECH_PRESENT = r"(?:déclare|dit|affirme|assure|note|estime|indique|souligne|explique|rappelle|ajoute|précise|annonce|juge)"
