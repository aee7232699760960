"""Alias matches of the reference data in a document's sentences, and the evidence that a match is
part of something else: a longer name ("Alice Springs", "the Peoples Democratic Party", "Ghana Stock
Exchange"), a person's name (« Francia Márquez », "Leila de Lima", « Oliver Hermes »), a noun spelled
like a town (« die Türen »), an abbreviation ("Jan. 2"), or a function word of the page's language.
"""

from __future__ import annotations

import bisect

from depeche.tasks.gazetteer import Gazetteer
from depeche.tasks.link.name_shapes import first_names, names_a_product
from depeche.tasks.link.spans import Span
from depeche.tasks.link.words import DETERMINERS
from depeche.tasks.page_vocabulary import stop_words, stop_words_of
from depeche.tasks.segment import Sentence
from depeche.tasks.tag import Entity, strip_accents

GENITIVE_S_LANGUAGES = INFLECTED_ADJECTIVE_LANGUAGES = NOUN_CAPITALISING = frozenset({"de"})
NAME_PARTICLES = frozenset({"del", "de", "della", "di", "do", "da"})  # « Palacio del Pueblo »
SURNAME_PARTICLES = NAME_PARTICLES | {"dos", "van", "von"}  # not an article too (German « der »: « Lage der Schweiz »)
HEAD_NOUN_REACH = 2  # capitalised words between a place and the organisation noun that makes them one name


def alias_matches(toks, sentences: list[Sentence], gazetteer: Gazetteer, language: str | None = None,
                       without_model: bool = False) -> list[Span]:
    """Longest case-exact alias matches, each inside one sentence; in German, a name's genitive too
    (« Russlands », « Pekings »). `without_model`: no NER reads the language, so a first name that
    is also a place's is left to the capitalised-name finder."""
    found: list[Span] = []
    stops = stop_words()
    # a one-word alias that is a function word of the page's language ("Un", "Le" opening a sentence)
    # is no name; of another language it is (« Lima » is Indonesian for five, « Indien » Dutch for "if")
    own_stops = stop_words_of(language) if language else stops
    token_starts = [t[0] for t in toks]
    for sentence_start, sentence_end, _ in sentences:
        i = bisect.bisect_left(token_starts, sentence_start)
        while i < len(toks) and toks[i][1] <= sentence_end:
            match = None
            longest = min(gazetteer.longest_from.get(toks[i][2], 0), len(toks) - i)
            # « EE. UU. »: a sentence splitter may cut after an abbreviation's full stop, so an alias
            # may run past the sentence's end when a full stop inside it is what ended it
            first_stop = next((j - i for j in range(i, i + longest - 1) if toks[j][2] == "."), longest)
            for n in range(longest, 0, -1):
                if toks[i + n - 1][1] <= sentence_end or first_stop < n - 1:
                    entity_id = gazetteer.exact.get(tuple(t[2] for t in toks[i : i + n]))
                    if entity_id:
                        match = (n, entity_id)
                        break
            if language in GENITIVE_S_LANGUAGES and toks[i][2][:1].isupper():
                # « Russlands », « Sachsen-Anhalts » (longer than « Sachsen »): a name's last word with a genitive s
                for n in range(max(longest, 1), match[0] if match else 0, -1):
                    last = toks[i + n - 1][2]
                    if (toks[i + n - 1][1] <= sentence_end and last.endswith("s")
                            and (entity_id := gazetteer.exact.get((*(t[2] for t in toks[i : i + n - 1]), last[:-1])))):
                        match = (n, entity_id)
                        break
            if match is None and language in INFLECTED_ADJECTIVE_LANGUAGES and toks[i][2].endswith("en") and toks[i][2][:1].isupper():
                # « der Deutschen Presse-Agentur », « der Europäischen Zentralbank »: a name's adjective declined
                declined = toks[i][2][:-1]
                for n in range(min(gazetteer.longest_from.get(declined, 0), len(toks) - i), 1, -1):
                    if toks[i + n - 1][1] <= sentence_end and (entity_id := gazetteer.exact.get((declined, *(t[2] for t in toks[i + 1 : i + n])))):
                        match = (n, entity_id)
                        break
            word = toks[i][2]
            acronym = len(word) > 1 and word.isupper()
            if match is None or (match[0] == 1 and not acronym and (word.lower() in own_stops or not word[:1].isupper())):
                i += 1  # "Un", "Le" at a sentence start, or a lower-case word, is no name
                continue
            n, entity_id = match
            if n == 1 and language in NOUN_CAPITALISING and (toks[i][2],) in gazetteer.city_names and i > 0 and toks[i - 1][2] in DETERMINERS:
                i += 1  # « die Zölle », « beider Länder »: a noun after its article, not a town GeoNames spells so
                continue
            if n == 1 and (toks[i][2],) in gazetteer.city_names and (
                _inside_longer_name(toks, i, sentence_start, stops) or names_a_product(toks, i, gazetteer.name_words, language or "")
                or toks[i + 1 : i + 3] and toks[i + 1][2] == "." and i + 2 < len(toks) and toks[i + 2][2].isdigit()
            ):
                i += 1  # « Springs » in "Alice Springs", « Pueblo » in « Gran Palacio del Pueblo », "Virginia-class", "Jan. 2"
                continue
            if (without_model and language not in GENITIVE_S_LANGUAGES and gazetteer.entities[entity_id].label == "ORG"
                    and _name_word_before(toks, i, sentence_start, stops, gazetteer)):
                i += n  # "the Peoples Democratic Party" is not the Democratic Party: the capitals find it whole
                continue
            if n == 1 and without_model and gazetteer.entities[entity_id].label in ("LOC", "ORG") and (
                    _first_name_of_a_person(toks, i, gazetteer, stops) or _surname_after_particle(toks, i)
                    or _surname_after_first_name(toks, i, gazetteer, stops)):
                i += 1  # « Francia Márquez », "Leila de Lima", « Oliver Hermes »: a person, found by the capitals
                continue
            if without_model and i + n < len(toks) and _before_a_head_noun(toks, i + n, gazetteer, gazetteer.entities[entity_id].label):
                i += n  # "Westminster Abbey", "Elk Valley", "Canada Post": a name of its own, found by the capitals
                continue
            if n == 1 and without_model and gazetteer.entities[entity_id].label == "PER" and _another_first_name_before(toks, i, gazetteer.entities[entity_id], stops):
                i += 1  # « Petra Lindner » is not Christian Lindner: the capitals find her
                continue
            found.append(Span(toks[i][0], toks[i + n - 1][1], gazetteer.entities[entity_id].label, entity_id, "gazetteer"))
            i += n
    return found


def _before_a_head_noun(toks, j: int, gazetteer: Gazetteer, label: str) -> bool:
    """Whether token j, right after a name of that label, is a capitalised noun that makes the two one
    longer name: an organisation or place noun after a place ("Elk Valley", "Canada Post"), a place
    noun after an organisation ("Westminster Abbey"), or words ending in one after a place ("Ghana
    Stock Exchange"); in any language. Or a hyphen joining it to
    capitalised words that end in an organisation noun ("NATO-Russia Council")."""
    heads = {"LOC": ("org_word", "loc_word"), "ORG": ("loc_word",)}.get(label, ())
    if j + 1 < len(toks) and toks[j][2] == "-" and toks[j][0] == toks[j - 1][1] and toks[j + 1][0] == toks[j][1]:
        if not toks[j + 1][2][:1].isupper():
            return False  # "the Shanghai-based New Development Bank": an adjective, then another name
        k = j + 1
        while k + 1 < len(toks) and toks[k + 1][2][:1].isupper() and toks[k + 1][0] - toks[k][1] <= 1:
            k += 1
        return toks[k][2][:1].isupper() and toks[k][2].lower() in gazetteer.organisation_words
    if not heads or j >= len(toks) or toks[j][0] != toks[j - 1][1] + 1 or not toks[j][2][:1].isupper():
        return False
    if label == "LOC":  # "Ghana Stock Exchange", "Ghana Cocoa Board": capitalised words that end in an organisation noun
        k = j
        while k + 1 < len(toks) and k - j < HEAD_NOUN_REACH and toks[k + 1][2][:1].isupper() and toks[k + 1][0] == toks[k][1] + 1:
            k += 1
            if toks[k][2].lower() in gazetteer.organisation_words:
                return True
    return gazetteer.in_name_words(toks[j][2], *heads)


def _another_first_name_before(toks, i: int, person: Entity, stops: frozenset[str]) -> bool:
    """A first name right before a person's one-word alias (token i) that is not in that person's
    name, nor a function word ("The Trump administration": « The » is a first name somewhere)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0]:
        return False
    word = toks[i - 1][2]
    return word[:1].isupper() and word.lower() not in stops and word not in strip_accents(person.name).split() and _known_first_name(word)


def _known_first_name(word: str) -> bool:
    """A first name gender-guesser knows as a man's or a woman's (not one it calls either)."""
    return first_names().get_gender(word) not in ("unknown", "andy")


def _first_name_of_a_person(toks, i: int, gazetteer: Gazetteer, stops: frozenset[str]) -> bool:
    """A place's one-word name (token i) that is also a first name, right before a capitalised word that
    names nothing itself (no alias, role, nationality, function or name-list word)."""
    if toks[i][2].isupper() or i + 1 >= len(toks):
        return False
    after = toks[i + 1]
    return after[0] == toks[i][1] + 1 and _names_nothing(after[2], gazetteer, stops) and _known_first_name(toks[i][2])


def _name_word_before(toks, i: int, sentence_start: int, stops: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A capitalised word right before token i that names nothing itself (no alias, nationality,
    role, function or name-list word), inside the sentence: the start of a longer name (not in
    German, which capitalises every noun: « der Nachrichtenagentur Xinhua »)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0] or toks[i - 1][0] <= sentence_start:
        return False
    return _names_nothing(toks[i - 1][2], gazetteer, stops)


def _names_nothing(word: str, gazetteer: Gazetteer, stops: frozenset[str]) -> bool:
    """A capitalised word (not an acronym) that is no alias, nationality, role, function or
    name-list word: part of a name the reference data does not hold."""
    lowered = word.lower()
    return (word[:1].isupper() and not word.isupper() and lowered not in stops and (word,) not in gazetteer.exact
            and lowered not in gazetteer.demonyms and lowered not in gazetteer.role_words and not gazetteer.in_name_words(word))


def _surname_after_first_name(toks, i: int, gazetteer: Gazetteer, stops: frozenset[str]) -> bool:
    """An organisation's or a place's one-word name (token i) right after a first name that names
    nothing itself: a surname (« Vorsitzender Oliver Hermes » is no parcel company)."""
    if i == 0 or toks[i - 1][1] + 1 != toks[i][0] or toks[i][2].isupper():
        return False
    word = toks[i - 1][2]
    return (word[:1].isupper() and not word.isupper() and word.lower() not in stops and (word,) not in gazetteer.exact
            and _known_first_name(word))


def _surname_after_particle(toks, i: int) -> bool:
    """A place's one-word name (token i) right after a first name and name particles: a surname
    ("Leila de Lima", « Ana de Jesús »); « viajó de Lima » has no first name before its « de »."""
    k = i - 1
    while k > 0 and toks[k][2].lower() in SURNAME_PARTICLES and toks[k][1] + 1 == toks[k + 1][0]:
        k -= 1
    return k < i - 1 and toks[k][1] + 1 == toks[k + 1][0] and toks[k][2][:1].isupper() and _known_first_name(toks[k][2])


def _inside_longer_name(toks, i: int, sentence_start: int, stops: frozenset[str]) -> bool:
    """A capitalised word next to it (not a sentence's first word, not a function word), or a
    name particle before it: the word is part of a longer name."""
    before = toks[i - 1] if i > 0 and toks[i - 1][0] >= sentence_start else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    joined_before = before is not None and before[1] + 1 == toks[i][0]
    joined_after = after is not None and toks[i][1] + 1 == after[0]
    if joined_before and before[2].lower() in NAME_PARTICLES and i > 1 and toks[i - 2][1] + 1 == before[0]:
        before = toks[i - 2]  # « Palacio del Pueblo », not « la visita de Pekín »
    return (
        (joined_before and before[2][:1].isupper() and before[0] > sentence_start and before[2].lower() not in stops)
        or (joined_after and after[2][:1].isupper() and after[2].lower() not in stops)
    )
