"""Function words the linker reads around names and role phrases, in the languages it reads:
French, English, German, Spanish, Italian, Portuguese. Tokens are compared lower-case and without
accents (`gazetteer.tokens`)."""

from __future__ import annotations

# The definite articles a bare role takes (« le chancelier », "der Kanzler", "el mandatario").
DEFINITE_ARTICLES = frozenset({
    "le", "la", "the", "der", "die", "den", "dem", "des", "el", "il", "lo", "o",
    # a preposition with its article: « au », « al », « del », « zum », « beim », « nel », « ao », « pelo »
    "au", "du", "al", "del", "zum", "zur", "beim", "vom", "nel", "dal", "ao", "pelo", "pela",
})
# Before a title, articles that say a woman holds it: « la présidente », « la canciller », « della premier »
FEMININE_ARTICLES = frozenset({"la", "della", "alla", "dalla", "nella", "sulla", "pela", "una", "une"})
# Languages whose titles end in -a for a woman (« presidenta », « ministra »), and their titles in -a for either
ROMANCE_A_FEMININE = frozenset({"es", "it", "pt"})
MASCULINE_IN_A = frozenset({"monarca", "patriarca", "jerarca", "papa", "premier"})
# Titles that say whose they are in every language (tokens are lower-case, without accents)
GENDERED_TITLES = {
    **dict.fromkeys(("king", "prince", "emperor", "konig", "prinz", "kaiser", "rey", "principe", "re", "rei", "roi", "empereur"), "male"),
    **dict.fromkeys(("queen", "princess", "empress", "konigin", "prinzessin", "kaiserin", "reina", "princesa", "regina",
                     "principessa", "rainha", "reine", "princesse", "imperatrice"), "female"),
}
DETERMINERS = DEFINITE_ARTICLES | frozenset({
    "l", "les", "son", "sa", "ses", "leur", "its", "his", "her", "their", "das", "los", "las", "gli", "i",
    "os", "as", "sein", "seine", "seinen", "seiner", "ihr", "ihre", "ihren", "su", "sus", "suo", "sua", "seu",
})
COUNTERPART_WORDS = frozenset({
    "homologue", "homologues", "counterpart", "counterparts", "homologo", "homologa", "homologos",
    "amtskollege", "amtskollegen", "amtskollegin", "kollege", "kollegen", "kollegin", "omologo", "omologa", "par", "pares",
})
# Spanish « su par chino »: the French preposition « par » comes after nationalities too.
NATIONALITY_AFTER_ONLY = frozenset({"par", "pares"})
# Between a role and its country: « président de la Russie », "President of France", "Präsident
# Russlands" needs none, "presidente de Estados Unidos", "presidente degli Stati Uniti".
OF_WORDS = frozenset({"de", "du", "des", "d", "of", "von", "der", "del", "di", "della", "dello", "degli", "do", "da", "dos", "das"})
# After a bare role, the words that open its complement (« le président de la Commission »): not
# German « der »/« das », which are as often the next phrase's article (« dass der Kanzler das Thema … »).
BARE_ROLE_COMPLEMENTS = OF_WORDS - {"der", "das"}
ARTICLES_AFTER_OF = frozenset({"la", "l", "'", "the", "den", "los", "las", "gli", "lo"})
# "Britain's prime minister": a country's possessive before a role; "US-Präsident": a compound.
POSSESSIVE = ("'", "s")
COMPOUND_HYPHEN = "-"
# Words that open a role's complement: « secrétaire d'État chargée du numérique » and "Secretary of
# State for Wales" are other offices than the one a country-specific phrase implies.
COMPLEMENT_OPENERS = OF_WORDS | frozenset({"au", "aux", "a", "chargé", "charge", "chargee", "for", "für", "fur", "para", "per", "pour"})
# Before a role: its former holder (« l'ancien président », "ex-chancellor"); before or after it: the
# next one ("the incoming president", « der designierte Präsident », "president-elect", « presidente electo »).
FORMER_WORDS = frozenset({
    "former", "ex", "previous", "ancien", "ancienne", "precedent", "precedente", "fruhere", "fruheren",
    "fruherer", "ehemalige", "ehemaligen", "ehemaliger", "einstige", "einstigen", "anterior", "antiguo", "antigua", "antigo",
})
NEXT_WORDS = frozenset({
    "incoming", "future", "designate", "elect", "futur", "prochain", "elu", "kunftige", "kunftigen", "kunftiger",
    "designierte", "designierten", "designierter", "futuro", "futura", "entrante", "electo", "electa", "eletto", "eleito",
})
# Before a bare title: the guest's, not the host country's holder ("the visiting president")
VISITING_WORDS = frozenset({"visiting", "besuchende", "besuchenden", "visitante", "visiteur", "visiteuse", "ospite"})
# Between an article and a bare title, words that say which holder: the former, the next, the
# guest, or the one in office (« le nouveau », "the outgoing", « der amtierende », « el actual »)
TIME_WORDS = FORMER_WORDS | NEXT_WORDS | VISITING_WORDS | frozenset({
    "outgoing", "current", "incumbent", "sitting", "acting", "new", "sortant", "nouveau", "nouvelle", "actuel", "actuelle",
    "amtierende", "amtierenden", "scheidende", "scheidenden", "neue", "neuen", "actual", "nuevo", "nueva", "saliente",
    "attuale", "nuovo", "nuova", "uscente", "atual", "novo", "nova",
})
# The word "executive" in a head of government's title, in each language (« jefe del Ejecutivo »)
EXECUTIVE_WORDS = frozenset({"executive", "executif", "ejecutivo", "exekutive", "esecutivo", "executivo"})
# Before a name: « M. », "Mr", « Herr », « Sra. » (a title and a name with only these between are in apposition)
HONORIFICS = frozenset({"m", "mme", "mr", "mrs", "ms", "dr", "president", "presidente", "general", "sir", "herr", "frau", "sr", "sra"})
# Who receives and who visits, standing for a leader: "his Chinese host", « der Gast aus Deutschland »
HOST_WORDS = frozenset({"host", "gastgeber", "gastgeberin", "gastgebers", "anfitrion", "anfitriona", "anfitriao", "anfitria"})
GUEST_WORDS = frozenset({"guest", "gast", "gastes", "invite", "invitee", "huesped", "ospite"})
# Before them: an article or a possessive, in any case (« seinem kanadischen Gastgeber »)
HOST_DETERMINERS = DETERMINERS | frozenset({"seinem", "seines", "ihrem", "ihres"})
FROM_WORDS = frozenset({"from", "aus", "de", "da", "di"})  # « der Gast aus Deutschland »
# Who held the office before or after someone: "his predecessor", « el antecesor de Boric », « sein Nachfolger »
PREDECESSOR_WORDS = frozenset({
    "predecessor", "predecesseur", "predecesseure", "vorganger", "vorgangerin", "vorgangers", "antecesor", "antecesora",
    "predecesor", "predecesora", "predecessore", "antecessor", "antecessora",
})
SUCCESSOR_WORDS = frozenset({
    "successor", "successeur", "successeure", "nachfolger", "nachfolgerin", "nachfolgers", "sucesor", "sucesora",
    "successore", "sucessor", "sucessora",
})
