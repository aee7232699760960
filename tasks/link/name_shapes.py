"""What a single word's shape says in the capitalised-name finder: a first name (gender-guesser's),
a market ticker or a currency code, an acronym, a product's model name; and the word lists of
`name_words.csv` by language."""

from __future__ import annotations

import re
from functools import lru_cache

ACRONYM_MAX = 5
ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


@lru_cache(maxsize=1)
def first_names():
    """gender-guesser's detector: some 40,000 first names across Europe and beyond."""
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def in_list(words, list_name: str, lang: str, word: str) -> bool:
    """Whether a word is in a `name_words.csv` list of the language (or of every language)."""
    by_lang = words.get(list_name, {})
    return word in by_lang.get(lang, ()) or word in by_lang.get("any", ())


def ticker(word: str) -> bool:
    """A market ticker or an amount, no name: letters run into digits ("US19", "Sh100"), or an ISO 4217
    currency code ("CAD", "KES")."""
    return (any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)) or word in currency_codes()


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return 2 <= len(letters) <= ACRONYM_MAX and all(ch.isupper() for ch in letters) and not ROMAN_NUMERAL.fullmatch(word)


def names_a_product(toks, end: int, words, lang: str) -> bool:
    """Whether the name ending at token `end` is a product's: a model number or a product noun
    follows ("Challenger 3", "Patriot missiles", "Virginia-class submarines")."""
    following = toks[end + 1 : end + 3]
    if not following:
        return False
    if following[0][2].isdigit():
        return True
    head = following[1][2] if following[0][2] == "-" and len(following) > 1 and following[0][0] == toks[end][1] else following[0][2]
    return in_list(words, "product_head", lang, head.lower())
