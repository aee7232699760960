"""Names in a language without a spaCy model: capitalised sequences, typed by their words and context.

What the reference data and role phrases did not explain is read as runs of capitalised words
("Lockheed Martin", "Banco de México", "Armin Papperger", "Rolls-Royce"), joined by the connectors
and particles a name holds. A run is a person when it opens with a known first name (the first
names of `gender_guesser`, about 40,000 across Europe and beyond) or follows a title ("Herr",
"Sra."); an organisation when it holds an organisation word ("Bank", "Ministerium", "Partido") or
is an acronym; a place when it holds a place word ("Sea", "Provincia") or opens with a point of
the compass before a place. The word lists are data (`data/reference/name_words.csv`).

German capitalises every noun: there, a run must be typed by its words to count, and a single
word only names something as an acronym, an organisation compound (« Bundesregierung ») or before
a hyphenated head (« BMW-Chef »). An untyped run inside a sentence is taken for an organisation (a
place after a locative preposition) only in the languages `name_words.csv` lists under
`guess_untyped`: those where the blind set measured the guess to keep precision at 0.85 or more.
"""

from __future__ import annotations

import bisect
import re

from depeche.tasks.gazetteer import Gazetteer
from depeche.tasks.link.name_shapes import acronym, capitalised, first_names, in_list, names_a_product, ticker
from depeche.tasks.link.names import CAPITALISED, short_form
from depeche.tasks.link.spans import Span, overlaps
from depeche.tasks.page_vocabulary import stop_words, stop_words_of
from depeche.tasks.segment import Sentence

NOUN_CAPITALISING = frozenset({"de"})
HEAD_FIRST = frozenset({"es", "it", "pt", "fr"})
LOCATIVES = frozenset({"in", "near", "from", "en", "em", "no", "na", "nel", "nella", "a", "at", "desde", "da"})
LOCATIVES_DE = frozenset({"in", "aus", "nach", "bei", "von"})  # before a town's name without an article
GIVEN_SYLLABLE_MAX = 5  # letters of a given name's second syllable ("shing", "gyon")
PLACE_REST_MIN = 4  # letters of the place a point of the compass is glued to (« Ost|ukraine »)
PLACE_SHAPED_MIN = 7  # letters: « Dingen », « Heime » are nouns
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")
ACRONYM_OPENING_ORG = 3  # letters of an acronym that opens an organisation's name ("JD Vance" is a person)


def find_names(text: str, toks, sentences: list[Sentence], covered: list[tuple[int, int]],
               gazetteer: Gazetteer, language: str | None) -> list[Span]:
    """Spans of names no reference entry covers, typed PER, ORG or LOC (untypeable ones are left out).
    `covered` extents are in text order and do not overlap. A one-word name found once ("Repsol"
    in "la petrolera Repsol") is a name wherever else the document writes it."""
    reading = _Reading(text, toks, covered, gazetteer.name_words, language or "", gazetteer, gazetteer.role_words)
    token_starts = [t[0] for t in toks]
    found: list[Span] = []
    for sentence_start, sentence_end, _ in sentences:
        first = bisect.bisect_left(token_starts, sentence_start)
        last = bisect.bisect_left(token_starts, sentence_end)
        i = first
        while i < last:
            end = reading.run_end(i, last)
            if end is None:
                i += 1
                continue
            span = reading.typed(i, end, first)
            if span is not None:
                found.append(span)
            i = end + 1
    return found + _repeated_single_words(reading, found)


class _Reading:
    """One document's tokens, what covers them and the word lists of its language."""

    def __init__(self, text, toks, covered, words, lang: str, gazetteer: Gazetteer, role_words) -> None:
        self.text, self.toks, self.covered, self.words, self.lang = text, toks, covered, words, lang
        self.gazetteer, self.role_words = gazetteer, role_words
        self.stops = stop_words()
        self.lower_case_words = frozenset(word for _, _, word in toks if word.islower())
        self.own_stops = stop_words_of(lang) if lang else frozenset()

    def is_(self, list_name: str, word: str) -> bool:
        return in_list(self.words, list_name, self.lang, word.lower())

    def organisation_word(self, word: str) -> bool:
        """An organisation word of any language: a Spanish page writes "General Motors", "Talisman Energy"."""
        return word.lower() in self.gazetteer.organisation_words

    def name_word(self, i: int) -> bool:
        """A capitalised word that may belong to a name: not covered by a reference match or a
        role, not a word capitalised without being a name (weekdays, currencies)."""
        start, end, word = self.toks[i]
        return (
            capitalised(word) and not overlaps(self.covered, start, end) and not ticker(word)
            and not self.gazetteer.in_name_words(word, "not_name")
        )

    def first_name(self, word: str) -> bool:
        """A first name, and no function word of the page's language (« Seit », « Nur » are names somewhere)."""
        return word.lower() not in self.own_stops and first_names().get_gender(word) != "unknown"

    def nationality(self, words: str) -> bool:
        """A people's or a region's adjective or noun, singular or plural ("South Korean", "Americans",
        "Scots", "Europeans")."""
        lowered = words.lower()
        forms = (lowered, lowered[:-1] if lowered.endswith("s") else lowered)
        adjectives = (self.gazetteer.demonyms, self.gazetteer.region_adjectives)
        return any(form in known for known in adjectives for form in forms) or any(self.is_("adjective", form) for form in forms)

    def descriptive(self, word: str) -> bool:
        """A word that qualifies a name without naming anything: « Russian », "Foreign", "European"."""
        lowered = word.lower()
        return lowered in self.gazetteer.demonyms or lowered in self.role_words or self.is_("person_title", lowered) or self.is_("adjective", lowered)

    def gap(self, j: int) -> str:
        return self.text[self.toks[j - 1][1] : self.toks[j][0]]

    def run_end(self, i: int, last: int) -> int | None:
        """The last token index of the run of name words starting at token i, else None."""
        toks = self.toks
        if not self.name_word(i):
            return None
        if toks[i][2].lower() in self.stops and not (self.first_name(toks[i][2]) and i + 1 < last and self.name_word(i + 1) and self.gap(i + 1) == " "):
            return None  # a function word, unless a first name before a name ("Jo Pritchard", "Ben Wilson")
        person = self.first_name(toks[i][2])
        end, j = i, i + 1
        while j < last:
            word = toks[j][2]
            if word in ("-", "'") and self.gap(j) == "" and j + 1 < last and self.gap(j + 1) == "" and self.name_word(j + 1):
                head = toks[j + 1][2].lower()
                if self.lang in NOUN_CAPITALISING and (self.is_("compound_head", head) or head in self.role_words):
                    break  # « BMW-Chef »: the name ends before the hyphen
                end, j = j + 1, j + 2  # "Rolls-Royce", "D'Agostino", « Mercedes-Benz »
                continue
            if word == "-" and end > i and self.gap(j) == "" and j + 1 < last and self.gap(j + 1) == "" and self.given_name_syllable(j + 1, last):
                end, j = j + 1, j + 2  # "Moon Jae-in", "Li Ka-shing", « Cho Myoung-gyon »: a given name's second syllable
                continue
            listed = self.listed_end(i, j, last) if not person else None
            if listed is not None:
                end, j = listed, listed + 1  # "Ministry of Agriculture, Fisheries and Food"
                continue
            if self.gap(j) != " ":
                break
            if self.name_word(j):
                end, j = j, j + 1
                continue
            absorbed = self.absorbed_place(i, j, last)
            if absorbed is not None:
                end, j = absorbed, absorbed + 1
                continue
            if (person and j + 2 < last and in_list(self.words, "particle", self.lang, toks[j][2]) and toks[j + 1][2] == "-"
                    and self.gap(j + 1) == "" and self.gap(j + 2) == "" and self.name_word(j + 2)):
                end, j = j + 2, j + 3  # "Ali al-Naimi", « Abdel Fattah al-Sisi »
                continue
            k = j
            # a person's name holds particles (« von der », « de la »), not an organisation's connectors ("Shantanu Narayen of Adobe")
            while k < last and self.gap(k) == " " and (in_list(self.words, "particle", self.lang, toks[k][2]) if person else self.is_("connector", toks[k][2])):
                k += 1
            if k > j and k < last and self.gap(k) == " " and self.name_word(k) and (
                # a surname after « von der », not an adjective or a body (« Demesmay von der Deutschen Gesellschaft »)
                not (acronym(toks[k][2]) or self.descriptive(toks[k][2]) or self.heads_name(toks[k][2])) if person
                # "Bank of China", "Code of Conduct Tribunal"; not "Gospel of John", « Khashoggi für Verdruss ».
                # A Romance name opens with its head noun, capitalised only there (« Foro de Boao », « Salar de Atacama »)
                else self.lang in HEAD_FIRST or any(self.heads_name(toks[m][2]) for m in range(i, j))
                or (self.headed_run_at(k, last) and not all(self.descriptive(toks[m][2]) for m in range(i, j)))
            ):
                end, j = k, k + 1
                continue
            absorbed = self.absorbed_place(i, k, last) if k > j else None
            if absorbed is not None:
                end, j = absorbed, absorbed + 1
                continue
            break
        return end

    def headed_run_at(self, k: int, last: int) -> bool:
        """Whether the name words from token k end in an organisation word ("Conduct Tribunal" after
        "Code of"): the head noun closes the name, outside German, where any noun might."""
        if self.lang in NOUN_CAPITALISING:
            return False
        end = k
        while end + 1 < last and self.gap(end + 1) == " " and self.name_word(end + 1):
            end += 1
        return self.organisation_word(self.toks[end][2])

    def given_name_syllable(self, k: int, last: int) -> bool:
        """Whether token k, glued after a hyphen to the second capitalised word of a run, is the
        lower-case second syllable of an East Asian given name ("Jae-in", "Ka-shing"), not a suffix
        that makes an adjective of a name ("Abu Dhabi-based", `compound_suffix`)."""
        word = self.toks[k][2]
        return (word.isalpha() and word.islower() and len(word) <= GIVEN_SYLLABLE_MAX and not self.is_("compound_suffix", word)
                and (k + 1 >= last or self.toks[k + 1][2] != "-"))

    def part_of_a_place(self, word: str) -> bool:
        """A point of the compass glued to a place's name: « Ostukraine », « Nordafrika », « Südtirol »."""
        for direction in self.words.get("direction", {}).get(self.lang, ()):
            rest = word[len(direction):]
            if word.lower().startswith(direction) and len(rest) >= PLACE_REST_MIN:
                entity_id = self.gazetteer.exact.get((rest[:1].upper() + rest[1:],))
                if entity_id and self.gazetteer.entities[entity_id].label == "LOC":
                    return True
        return False

    def place_shaped(self, word: str) -> bool:
        """A word long enough and ending as the language's place names do (German « -ingen », « -heim »,
        « -burg »), where its nouns do not."""
        lowered = word.lower()
        return len(lowered) >= PLACE_SHAPED_MIN and any(lowered.endswith(ending) for ending in self.words.get("place_suffix", {}).get(self.lang, ()))

    def heads_name(self, word: str) -> bool:
        """A word that makes a run an organisation or a place, so that an "of" may follow it."""
        return self.organisation_word(word) or self.gazetteer.in_name_words(word, "loc_word") or (
            self.lang in NOUN_CAPITALISING and self._org_compound(word))

    def listed_end(self, i: int, j: int, last: int) -> int | None:
        """The last token of the portfolios an organisation's name lists after its "of" ("Ministry of
        Agriculture, Fisheries and Food", "Chamber of Minerals and Energy", « Ministerio de Agricultura,
        Pesca y Alimentación »), when token j opens that list with a comma or a conjunction; else None.
        Each item is one or two name words no reference entry covers, the last after the conjunction."""
        toks = self.toks
        if toks[j][2] != "," and not self.is_("conjunction", toks[j][2]):
            return None
        of = next((m for m in range(i + 1, j) if self.is_("connector", toks[m][2])), None)
        if of is None or not any(self.heads_name(toks[m][2]) for m in range(i, of)):
            return None
        k, items = j, 0
        while k + 1 < last and items < 5:
            mark = toks[k][2]
            conjunction = self.is_("conjunction", mark)
            if not (conjunction or mark == ",") or (mark != "," and self.gap(k) != " ") or self.gap(k + 1) != " ":
                return None
            item = k + 1
            while item < last and item <= k + 2 and self.gap(item) == " " and self.name_word(item) and not (
                    acronym(toks[item][2]) or self.first_name(toks[item][2])):
                item += 1
            if item == k + 1:
                return None
            if conjunction:
                return item - 1
            k, items = item, items + 1
        return None

    def absorbed_place(self, i: int, j: int, last: int) -> int | None:
        """The last token of a place the reference data names at token j, when it ends an
        organisation's name (« State Grid Corporation of China », "Export Finance Australia")."""
        at = bisect.bisect_left(self.covered, (self.toks[j][0],))
        if at == len(self.covered) or self.covered[at][0] != self.toks[j][0]:
            return None
        heads = [self.toks[k][2] for k in range(i, j) if self.organisation_word(self.toks[k][2])]
        if not heads or all(self.is_("government_word", w) for w in heads):
            return None  # « Gobierno de Canadá » is Canada acting, not an organisation of its own
        end = self.covered[at][1]
        k = j
        while k + 1 < last and self.toks[k + 1][1] <= end:
            k += 1
        return k if self.toks[k][1] == end else None

    def typed(self, start: int, end: int, sentence_first: int) -> Span | None:
        toks = self.toks
        words = [toks[k][2] for k in range(start, end + 1) if toks[k][2][:1].isalpha()]
        if self.nationality(" ".join(words)):
            return None  # "South Korean", "Americans", "Scots"
        if any(self.is_("misc_word", w) for w in words) or (len(words) > 1 and all(w.isupper() for w in words)):
            return None
        if len(words) == 1 and PLURAL_ACRONYM.fullmatch(words[0]):
            return None  # "MPs", "NGOs": a kind of people or body, no name
        previous = toks[start - 1][2].lower() if start > 0 else ""
        initial = start == sentence_first or not (previous[:1].isalnum() or previous == ",")
        if initial and start < end and not (self.organisation_word(toks[start][2]) or self.is_("loc_word", toks[start][2])) and self.is_("connector", toks[start + 1][2]):
            # "Shares of Raytheon rose": a sentence's first word is no part of the name after it
            start = next(k for k in range(start + 1, end + 1) if not self.is_("connector", toks[k][2]))
            words = [toks[k][2] for k in range(start, end + 1) if toks[k][2][:1].isalpha()]
            initial = False
        titled = self.is_("person_title", previous)
        following = toks[end + 1][2].lower() if end + 1 < len(toks) else ""
        named_after = self._name_after_title(start, end)
        if named_after is not None:
            rest = [toks[k][2] for k in range(named_after, end + 1) if toks[k][2][:1].isalpha()]
            if rest and all(self.organisation_word(w) for w in rest):
                # "General Motors", "International Development Finance Corporation": a title word inside a name
                return self._span(start, end, "ORG")
            if not any(self.organisation_word(w) for w in rest):
                start, titled, words = named_after, True, rest  # "Defence Minister Manohar Parrikar", « Siemens-Vorstand Roland Busch »
                if len(rest) >= 2 and self.first_name(rest[0]):
                    return self._span(start, end, "PER")  # "Resources Minister Madeleine King": a surname may be a title word
        if self.lang in NOUN_CAPITALISING and len(words) > 1 and self._org_compound(words[0]):
            if self.is_("connector", toks[start + 1][2]):
                return self._span(start, end, "ORG")  # « Ministerium für Finanzen und Wirtschaft »: the compound heads the name
            if self.is_("government_word", words[0]):
                return None  # « der Regierung Gespräche anbieten »: a government describes no name after it
            return self._span(start + 1, end, "ORG")  # « Rüstungskonzern Rheinmetall », « des Zulieferers Bosch »
        if len(words) == 1 and self.lang in NOUN_CAPITALISING and self._org_compound(words[0]) and any(
            words[0].lower().startswith(prefix) for prefix in self.words.get("institution_prefix", {}).get(self.lang, ())
        ):
            return self._span(start, end, "ORG")  # « Bundesregierung », « Bundesrat »: one institution
        if all(self.descriptive(w) for w in words):
            return None  # "Foreign Minister", "Opposition Leader": a title, however capitalised
        if any(self.organisation_word(w) for w in words):
            if len(words) == 1:
                return None  # "Government", « Regierung »: a common noun
            return self._span(start, end, "ORG")
        if self.descriptive(toks[end][2]):
            return None  # "Opposition Leader", "Resources Minister": a title
        run_start = start
        while start <= end and (not toks[start][2][:1].isalpha() or self.descriptive(toks[start][2])):
            start += 1
        if start == end and start > run_start and not self.first_name(toks[end][2]):
            start = run_start  # « Deutsche Bahn », "British Airways", "Baltic Sea": the adjective is part of the name
        names = [toks[k][2] for k in range(start, end + 1) if toks[k][2][:1].isalpha()]
        if not names or all(self.descriptive(w) or self.is_("direction", w) or self.is_("loc_word", w) for w in names):
            return None
        if len(names) >= 2 and (any(self.is_("loc_word", w) for w in names) or self.is_("direction", names[0])):
            return self._span(start, end, "LOC")  # « Palacio del Pueblo », not a person whose first name is Palacio
        if (len(names) >= 2 and acronym(names[0]) and len(names[0]) >= ACRONYM_OPENING_ORG and not self.first_name(names[0])
                and self.gap(start + 1) == " "):
            return self._span(start, end, "ORG")  # « IHK Heilbronn-Franken », "ICBC Standard Bank": no person's name opens so
        # "said" after it, or before it ("sagte Yanis Varoufakis", « dijo Pedro Sánchez »)
        if len(names) >= 2 and (self.first_name(names[0]) or titled or self.is_("speech_after", following) or self.is_("speech_after", previous)):
            return self._span(start, end, "PER")
        if len(names) == 1 and names_a_product(toks, end, self.words, self.lang):
            return None  # "Patriot missiles", « Boxer vehicles », "Challenger 3"
        if self.is_("org_descriptor", previous):
            return self._span(start, end, "ORG")  # « la petrolera Repsol », "the carmaker BYD"
        if len(names) == 1 and acronym(names[0]):
            dateline = initial and end + 1 < len(toks) and toks[end + 1][2] in ("-", "—", "–", ",", "(")
            return None if dateline else self._span(start, end, "ORG")
        if self.lang in NOUN_CAPITALISING:
            after = toks[end + 1 : end + 3]
            hyphenated = len(after) == 2 and after[0][2] == "-" and after[0][0] == toks[end][1]
            if len(names) == 1 and hyphenated and self.is_("compound_head", after[1][2]):
                return self._span(start, end, "ORG")  # « BMW-Chef », « Siemens-Konzern »
            if len(names) == 1 and previous in LOCATIVES_DE and (self.place_shaped(names[0]) or names[0] in self.gazetteer.town_names):
                return self._span(start, end, "LOC")  # « aus Sigmaringen », « in Philippsburg »: a town's ending, no article
            if len(names) == 1 and self.part_of_a_place(names[0]):
                return self._span(start, end, "LOC")  # « Ostukraine », « Westeuropa », « Südtirol »
            return None  # every noun is capitalised: an untyped run is no evidence
        if start >= 2 and self.is_("connector", previous) and self.is_("portfolio_title", toks[start - 2][2]):
            # « la ministra de Minería »: the title's portfolio, no name; « la ministra de Pesca Ana Torvalde »: then hers
            named = next((k for k in range(start + 1, end) if self.first_name(toks[k][2])), None)
            return self._span(named, end, "PER") if named is not None else None
        if len(names) == 1 and toks[end + 1 : end + 3] and toks[end + 1][2] == "." and end + 2 < len(toks) and toks[end + 2][2].isdigit():
            return None  # "on Jan. 2", "No. 10": an abbreviation before its number
        if len(names) == 1 and names[0].lower() in self.lower_case_words:
            return None  # "the Index", "a Free Trade Zone": the page writes the word lower-case elsewhere, a common noun
        if len(names) == 1 and previous in LOCATIVES and names[0] in self.gazetteer.town_names:
            return self._span(start, end, "LOC")  # "from Lüderitz", « desde Montero »: a town after its preposition
        if self.is_("guess_untyped", "yes") and (len(names) >= 2 or not initial):
            return self._span(start, end, "LOC" if previous in LOCATIVES and len(names) == 1 else "ORG")
        return None

    def _org_compound(self, word: str) -> bool:
        """A German compound naming a kind of organisation or company (« Rüstungskonzern »,
        « Bundesregierung », « des Zulieferers »)."""
        lowered = word.lower()
        stems = {lowered, lowered[:-1], lowered[:-2]} if lowered.endswith(("s", "n")) else {lowered}  # « des Zulieferers »
        return any(stem.endswith(suffix) for stem in stems for suffix in self.words.get("org_suffix", {}).get(self.lang, ()))

    def _name_after_title(self, start: int, end: int) -> int | None:
        """Where a person's name starts after the title that opens a run: after its last title or
        role word that is no organisation word ("Minister", not "Defence" of "Ministry of
        Defence"); in German, at a first name after a noun (« Vorstand Roland Busch »)."""
        toks = self.toks
        for k in range(end - 1, start - 1, -1):
            word = toks[k][2]
            if (word.lower() in self.role_words or self.is_("person_title", word)) and not self.organisation_word(word) and word[:1].isupper():
                opens_name = toks[k + 1][2][:1].isupper() and not self.is_("connector", toks[k + 1][2])
                # the word right before the title is its portfolio ("Resources Minister"), not an organisation's name
                inside_organisation = any(self.organisation_word(toks[j][2]) and toks[j][2].lower() not in self.role_words for j in range(start, k - 1))
                return k + 1 if opens_name and not inside_organisation else None
        if self.lang in NOUN_CAPITALISING:
            for k in range(start + 1, end):
                compound_first_name = toks[k - 1][2] == "-"  # « Heinz-Christian »: the name started before
                if self.first_name(toks[k][2]) and not compound_first_name and (toks[k + 1][2][:1].isupper() or toks[k + 1][2] == "-"):
                    return k
        return None

    def _span(self, start: int, end: int, label: str) -> Span | None:
        if start > end:
            return None
        return Span(self.toks[start][0], self.toks[end][1], label, None, CAPITALISED)


def _repeated_single_words(reading: _Reading, found: list[Span]) -> list[Span]:
    """Every other place a one-word name found in the document is written, as that name; and the
    surname of a person, the first word of an organisation ("Papperger said", "Lockheed's")."""
    labels = {reading.text[s.start : s.end]: s.label for s in found if " " not in reading.text[s.start : s.end]}
    for span in found:
        words = reading.text[span.start : span.end].split()
        short = short_form(words, span.label) if len(words) > 1 and span.label in ("PER", "ORG") else None
        if short and not (reading.organisation_word(short) or short.lower() in reading.stops):
            labels.setdefault(short, span.label)  # not « Ministerium » of « Ministerium für Finanzen »
    if not labels:
        return []
    taken = sorted([(s.start, s.end) for s in found] + reading.covered)
    more = []
    for start, end, _ in reading.toks:
        surface = reading.text[start:end]
        if surface in labels and not overlaps(taken, start, end):
            more.append(Span(start, end, labels[surface], None, CAPITALISED))
    return more
