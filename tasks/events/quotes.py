"""Quotations and their speakers."""

from __future__ import annotations

import re

from depeche.tasks.segment import Sentence
from depeche.tasks.events.discourse import after_place_word, OBLIQUE_BEFORE_NAME, previous_actor
from depeche.tasks.events.positions import Mentions, SentenceEnds, Sentences
from depeche.tasks.events.records import MentionRef, QuoteRow
from depeche.tasks.events.statements import clause_speaker, governed_subject, REPORTED_THAT, subject_before
from depeche.tasks.events.words import COMPLEMENTIZERS, SAY_VERB, SPEECH_VERBS


QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
SOURCE_FOR = re.compile(r"(?:^|[.;:]\s*|,\s*)\s*(?:pour|for)\s+(?:le\s+|la\s+|l['’]|les\s+)?$", re.IGNORECASE)
INCISE_BEFORE = re.compile(r",\s*(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+)?)?$")  # « …, a déclaré »: the verb opens an incise
PRONOUN_SPEAKER = re.compile(
    r"\s*(?:(?:il|elle)\b[^«»\"“”]{0,80}?\b(?:a|avait)\s+(?:\w+\s+)?(?:déclaré|dit|affirmé|ajouté|souligné|estimé|assuré|expliqué|précisé|averti|noté|rappelé)\b"
    r"|(?:selon|d['’]après|pour)\s+(?:lui|elle)\b)",
    re.IGNORECASE,
)
SOURCE_MARKERS = re.compile(r"^(?:selon|d['’]après|according to)$", re.IGNORECASE)  # the speaker follows the marker
PRONOUN_ATTRIBUTION = re.compile(r"(?:\w+\s+)?\b(?:a|ont)[- ]t[- ](?:il|elle|ils|elles)\b|\b(?:il|elle|ils|elles) (?:a|ont) (?:déclaré|dit|ajouté|souligné|affirmé|estimé|assuré)\b|\b(?:he|she|they) (?:said|added|told|says|continued|insisted|warned|wrote|stressed|noted|argued|declared|replied|explained)\b", re.IGNORECASE)
# Unattributed words in quotes read as a term or a title below this length (« coalition des volontaires »).
SPEECH_MIN_WORDS = 8
SENTENCE_MARKS = (".", "!", "?", "…", ",")
SPEAKER_PERSONS = frozenset({"je", "j", "nous", "vous", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "i", "we", "you", "our", "your", "my", "me", "us"})
WORD = re.compile(r"\w+")
PRONOUN_BEFORE_VERB = re.compile(r"(?<![-\w])(?:he|she|il|elle)\s+(?:\w+\s+)?$", re.IGNORECASE)  # not « a-t-il »
RELATIVE_SUBJECT_BEFORE = re.compile(r",\s*(?:who|qui)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A name followed by its own verb is the subject of what was reported, not who reported it.
CLAUSE_GOES_ON = re.compile(r"\s+(?:had|has|have|was|were|is|are|would|will|could|should|did|does|might|may|must|a|ont|avait|avaient|est|sont|serait|sera|allait|va)\b", re.IGNORECASE)
NAME_AFTER_QUOTE = 12  # characters between a quote's end and a name that attributes it ('," Mr. Lula said')
TITLE_GAP = re.compile(r"[\s,\u00a0]*(?:(?:Mr|Mrs|Ms|Dr|Prof|M|Mme)\.?\s+)?")
COMPLEMENTIZER = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(COMPLEMENTIZERS)))})|[;:.]", re.IGNORECASE)  # or a clause's end
OPENING_PRONOUN = re.compile(r"\s*(?:he|she|il|elle)\b", re.IGNORECASE)
CONJUNCTION = re.compile(r"\b(?:and|et|but|mais|then|puis)\b", re.IGNORECASE)
VERB_AFTER_NAME = re.compile(r"\s*(?:\w+\s+)?(?:said|says|told|added|wrote|writes|warned|insisted|stressed|noted|argued|declared|replied|explained|tweeted|posted"
                             r"|a(?:vait)?\s+(?:\w+\s+)?(?:déclaré|dit|affirmé|ajouté|estimé|souligné|écrit|assuré|expliqué|précisé|lancé|martelé|insisté|averti))\b", re.IGNORECASE)
MIN_QUOTE_WORDS = 3  # shorter quotes (« Sud global ») count only when an attribution names who said them
ATTRIBUTION_WINDOW = 120  # characters around a quote searched for its attribution
QUOTE_CONTEXT = 300  # characters before a quote searched for its attribution
INVERTED_VERB_REACH = 30  # characters from a quote's end to the speech verb of an inverted attribution
PRONOUN_WINDOW = 25  # « … », a-t-il déclaré: the pronoun comes right after the quote
INVERTED_SUBJECT_GAP = re.compile(r"\s*,?\s*(?:(?:le|la|les|l['’]|the)\s*)?")  # « a déclaré le dirigeant chinois »: the subject right after the verb


def find_quotes(text: str, sentences: list[Sentence], mentions: list[MentionRef]) -> list[QuoteRow]:
    """Quotations with their speaker: the person an attribution names, « a-t-il dit » the previous
    speaker, a quote introduced by a colon the subject of its sentence, and a second quote of a
    sentence the speaker of the first. `sentences` are in text order and do not overlap."""
    quotes: list[QuoteRow] = []
    sentences, mentions, sentence_ends = Sentences(sentences), Mentions(mentions), SentenceEnds(text)
    # People and organisations speak, and so do capitals standing for their government (« Pékin a qualifié … »).
    speakers = Mentions(sorted(
        (m for m in mentions if (m.label in ("PER", "ORG") or m.can_act) and not after_place_word(text, m.start)),
        key=lambda m: m.start,
    ))
    previous_speaker: str | None = None
    previous_end = 0
    for start, end in _quote_spans(text):
        reporter = _latest_reporter(text, previous_end, start, sentences, speakers, mentions)
        previous_speaker, previous_end = (reporter or previous_speaker), end  # « X a précisé que … » speaks too
        inner = text[start + 1 : end - 1].strip(" \u00a0")
        sentence = sentences.at(start)
        sentence_start = sentence[0] if sentence else text.rfind("\n", 0, start) + 1
        if len(inner.split()) < MIN_QUOTE_WORDS:
            # « Sud global » is a term in quotes; « a dénoncé les « sanctions illégales » » a partial quote.
            speaker = _attributed_speaker(text, start, end, speakers, sentence_start, sentence_ends) if inner else None
            if speaker is not None:
                quotes.append(_quote_row(text, start, end, sentence, speaker))
            continue
        last_quote_end = quotes[-1].end_char if quotes else 0
        if PRONOUN_ATTRIBUTION.match(text[end : end + PRONOUN_WINDOW].lstrip(" ,\u00a0")):
            speaker = _pronoun_speaker(previous_speaker, text, sentence_start, mentions, last_quote_end)
        else:
            speaker = _attributed_speaker(text, start, end, speakers, sentence_start, sentence_ends)
        if speaker is None and PRONOUN_SPEAKER.match(text[sentence_start : min(start, sentence_start + QUOTE_CONTEXT)]):
            # « Il a ajouté que l'UE continuerait à « … » », « Selon lui, … « … » »
            speaker = _pronoun_speaker(previous_speaker, text, sentence_start, mentions, last_quote_end)
        if speaker is None and quotes and quotes[-1].speaker_id and "\n" not in text[quotes[-1].end_char : start]:
            # Who is speaking now: a quote nothing attributes, in the paragraph of an attributed one,
            # goes on with the same speaker ("…," she told reporters. "Those responsible must …")
            speaker = quotes[-1].speaker_id
        if speaker is None and not _reads_as_speech(inner):
            continue  # « l'esprit de Camp David », the "Pact for the Future": a term or a title in quotes
        previous_speaker = speaker or previous_speaker
        quotes.append(_quote_row(text, start, end, sentence, speaker))
    return quotes


def _reads_as_speech(inner: str) -> bool:
    """Whether words in quotation marks that nobody is said to have said read as a quotation
    rather than a term, a name or a title: a long stretch, a sentence's end, or a speaker's own
    persons (« nous », "we", « vous »)."""
    words = WORD.findall(inner.lower())
    return len(words) >= SPEECH_MIN_WORDS or inner.rstrip().endswith(SENTENCE_MARKS) or any(w in SPEAKER_PERSONS for w in words)


def _pronoun_speaker(previous_speaker: str | None, text: str, sentence_start: int, mentions: Mentions, since: int = 0) -> str | None:
    """Who « a-t-il dit », "he said", « selon lui » is: the person the previous sentence is about
    when it was named after the last quote (the text has moved on to someone else: "…, Ramaphosa
    was unapologetic. "…," he said."), else the previous speaker, else that person anyway."""
    antecedent = previous_actor(text, sentence_start, mentions)
    person = antecedent.entity_id if antecedent is not None and antecedent.label == "PER" else None
    introduced = antecedent is not None and OBLIQUE_BEFORE_NAME.search(text[max(0, antecedent.start - 16) : antecedent.start])
    if person is not None and antecedent.start >= since and not introduced:
        return person  # not « … s'est entretenu avec X. « … », a-t-il affirmé »: X is no subject
    return previous_speaker if previous_speaker is not None else person


def _latest_reporter(text: str, start: int, end: int, sentences: Sentences, speakers: Mentions, mentions: Mentions) -> str | None:
    """Who last reported something between two quotes (« Mélanie Joly a précisé que … »), so
    that « … », a-t-elle affirmé » goes to her rather than to an earlier quote's speaker."""
    found = None
    for match in REPORTED_THAT.finditer(text, start, end):
        sentence = sentences.at(match.start())
        sentence_start = sentence[0] if sentence else start
        speaker = clause_speaker(text, sentence_start, match.start(), speakers, mentions)
        found = speaker.entity_id if speaker is not None and speaker.label == "PER" else found
    return found


def _quote_row(text: str, start: int, end: int, sentence, speaker: str | None) -> QuoteRow:
    inside = text[start + 1 : end - 1]
    inner_start = start + 1 + len(inside) - len(inside.lstrip())
    inner_end = end - 1 - (len(inside) - len(inside.rstrip()))
    return QuoteRow(sentence[2] if sentence else None, inner_start, inner_end, text[inner_start:inner_end], speaker)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for opening, closing in QUOTE_PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            # Straight quotes pair within a paragraph; « » may span paragraphs (continued quotes).
            if opening == '"' and "\n\n" in text[start:end]:
                position = start + 1
                continue
            spans.append((start, end + 1))
            position = end + 1
    return sorted(spans)


def _attributed_speaker(text: str, start: int, end: int, speakers: Mentions, sentence_start: int, sentence_ends: SentenceEnds) -> str | None:
    """A speaker named after the quote (« … », a déclaré X), before it (selon X, « … » ; X a dit : « … »),
    or the subject of a sentence whose quote a colon introduces."""
    after_limit = sentence_ends.after(end)
    # '"…," Zelensky wrote', « « … », Macron a-t-il dit »: a name right after the quote, then its verb
    named_next = next((m for m in speakers.starting(end, end + NAME_AFTER_QUOTE) if TITLE_GAP.fullmatch(text, end, m.start)), None)
    if named_next is not None and VERB_AFTER_NAME.match(text, named_next.end):
        return named_next.entity_id
    after = _people_first_in_order(speakers.starting(end, min(after_limit, end + ATTRIBUTION_WINDOW)))
    # « « … », a déclaré X »: the speech verb right after the quote (not « … » contre Y, tout en saluant Z)
    inverted = SPEECH_VERBS.search(text[end : min(after[0].start + 1, end + INVERTED_VERB_REACH)] + " ") if after else None
    if inverted and not CONJUNCTION.search(text, end, end + inverted.start()):  # not '"…" and accused Washington'
        return after[0].entity_id
    # The attribution sits near the quote: looking further back in a long sentence only costs time.
    before_limit = max(sentence_start, start - QUOTE_CONTEXT)
    before_limit = max(before_limit, text.rfind("\n", before_limit, start) + 1)
    markers = list(SPEECH_VERBS.finditer(text, before_limit, start))
    if markers:
        marker = markers[-1]
        named_after = [m for m in speakers.starting(marker.end(), start) if m.end <= start]
        if SOURCE_MARKERS.match(marker.group(0)) and re.match(r"\s*(?:lui|elle|eux|elles|him|her|them)\b", text[marker.end() : start]):
            return None  # « Selon lui, … « … » »: the previous speaker, found by the caller
        if SOURCE_MARKERS.match(marker.group(0)) and named_after:  # « Selon X, « … » »
            return _people_first_in_order(named_after)[0].entity_id
        lead = text[max(sentence_start, marker.start() - 16) : marker.start()]
        if PRONOUN_BEFORE_VERB.search(lead) or RELATIVE_SUBJECT_BEFORE.search(lead):
            # "Tusk praised the chancellor for what he called « … »", "Starmer, who condemned the strike as « … »":
            # the sentence's first person, else the person right before « who ».
            people = [m for m in speakers.starting(sentence_start, marker.start()) if m.end <= marker.start() and m.label == "PER"]
            opening = OPENING_PRONOUN.match(text, sentence_start)
            if opening and not RELATIVE_SUBJECT_BEFORE.search(lead) and (not people or people[0].start > opening.end()):
                # "He thanked Mr. Modi for what he called « … »": the sentence's subject is a pronoun
                antecedent = previous_actor(text, sentence_start, speakers)
                return antecedent.entity_id if antecedent is not None else None
            if people:
                return (people[-1] if RELATIVE_SUBJECT_BEFORE.search(lead) else people[0]).entity_id
        incise = INCISE_BEFORE.search(text[before_limit : marker.start()]) and SAY_VERB.search(marker.group(0))
        if named_after and CLAUSE_GOES_ON.match(text, named_after[0].end):
            named_after = []  # "said Beijing had chosen to « … »": the reported clause's subject, not the speaker
        if named_after and incise and INVERTED_SUBJECT_GAP.fullmatch(text[marker.end() : named_after[0].start]):
            return named_after[0].entity_id  # « …, a déclaré le dirigeant chinois : « … » », not « X a accusé Moscou de « … » »
        window_start = max(before_limit, marker.start() - ATTRIBUTION_WINDOW)
        before = [m for m in speakers.starting(window_start, marker.start()) if m.end <= marker.start()]
        if marker.group(0).lower().endswith(("ant", "ing")) and before:
            before = before[:1]  # « X a accusé Y …, tout en saluant « … » »: the gerund's subject is the clause's
        speaker = subject_before(text, before, marker.start()) or governed_subject(text, before)
        if speaker is not None:
            return _subject_of_object(text, before, speaker).entity_id
    for m in speakers.starting(before_limit, start):  # « Pour Giorgia Meloni, il s'agit d'« une étape importante » »
        if m.end <= start and text[m.end : m.end + 2].lstrip().startswith(",") and SOURCE_FOR.search(text[before_limit : m.start]):
            return m.entity_id
    if text[max(0, start - 3) : start].strip().endswith(":"):
        subject = next((m for m in speakers.starting(before_limit, start) if m.start < start and m.label == "PER"), None)
        if subject is not None:
            return subject.entity_id
    if after and SPEECH_VERBS.search(text[end:after_limit]):
        return after[0].entity_id
    return None


def _subject_of_object(text: str, named: list[MentionRef], chosen: MentionRef) -> MentionRef:
    """The subject whose verb has `chosen` as its object: "Sharif thanked the crown prince … and
    praised the Kingdom as « … »", "Lin Jian accused Japan of « … »" are Sharif's and Lin Jian's
    words. Walks back over names that a speech verb (and no « que », "that") separates."""
    eligible = [m for m in named if m.start <= chosen.start and not OBLIQUE_BEFORE_NAME.search(text[max(0, m.start - 16) : m.start])]
    k = len(eligible) - 1
    while k > 0:
        gap = text[eligible[k - 1].end : eligible[k].start]
        if not SPEECH_VERBS.search(gap) or COMPLEMENTIZER.search(gap) or CONJUNCTION.search(gap):
            break
        k -= 1
    return eligible[k] if eligible and eligible[-1] is chosen else chosen


def _people_first_in_order(mentions: list[MentionRef]) -> list[MentionRef]:
    people = [m for m in mentions if m.label == "PER"]
    return people or mentions
