"""The coder: triggers → roles → (actor1, actor2, code) rows, dated, with restatements kept once."""

from __future__ import annotations

from datetime import date

from depeche.tasks.event_dates import date_expression, resolve_event_date
from depeche.tasks.segment import Sentence
from depeche.tasks.events.discourse import previous_actor
from depeche.tasks.events.lexicon import ATTITUDE_ROOTS, CONSULT_CODE, HOST_CODE, INTENT_CODE, Lexicon, MEETING_ROOTS, MET_IN_PERSON_CODES, quad_class, SUPPORT_INTENT_CODE, SUPPORT_ROOT, THIRD_LOCATION_CODE, VISIT_CODE, RECALL_CODE
from depeche.tasks.events.modality import governs, not_asserted, prospective
from depeche.tasks.events.phrases import CLAUSE_DEPS, same_clause_tokens
from depeche.tasks.events.positions import FirstCovering, Mentions, Sentences
from depeche.tasks.events.reactions import act_after, addressed_praise, answered_act, inviter, latest_counterpart, PRAISE_CODE, REACTION_ROOTS, reaction_target
from depeche.tasks.events.records import EventRow, MentionRef, Roles, Statement
from depeche.tasks.events.roles import CLOSING_QUOTE_BEFORE, MAX_ACTORS_PER_TRIGGER, trigger_roles
from depeche.tasks.events.sentence import Candidate, ParsedSentence, quoted_spans
from depeche.tasks.events.stance import stance_acts
from depeche.tasks.events.statements import about_relation, in_speakers_voice, other_side, voiced_roles
from depeche.tasks.events.word_order import word_order_roles
from depeche.tasks.tag import is_unlinked


PARAGRAPH_BREAK = "\n\n"
ADDRESSED_ROOTS = ("02", "11", "12", "13")  # appeals, criticism, rejections, threats: always aimed at someone
CONTEXT_SENTENCES = 4  # sentences back in the paragraph searched for the day an undated event happened


def code_events(
    text: str,
    candidates: list[Candidate],
    parsed: list,
    mentions: list[MentionRef],
    published: date | None,
    language: str | None,
    lexicon: Lexicon,
    statements: list[Statement] = (),
    sentences: list[Sentence] = (),
) -> list[EventRow]:
    """Events of the candidate sentences; `parsed[i]` is the spaCy doc of candidates[i]'s text.

    Inside a statement (`find_statements`), what a speaker's country will or should do (« la
    Chine soutiendrait … », « Pékin et Moscou devraient renforcer … ») is the speaker's own
    intent, and praise of a relation (« nos relations se développent ») is the speaker's praise
    of the other side. An event that restates one already coded in the document is kept once
    (`_without_restatements`): articles retell their news in the headline, the lead and the body."""
    events: list[EventRow] = []
    mentions = Mentions(mentions)
    statement_at = FirstCovering(statements)
    countries = {m.entity_id: m.country_id for m in mentions}
    expressions: list[str | None] = []  # each event's date expression, to tell restatements from other meetings
    event_starts = {sentence_id: start for start, _, sentence_id, _ in candidates}
    reacting = _Reactions(text, events, event_starts, statements, countries, mentions)
    for (start, end, sentence_id, found), doc in zip(candidates, parsed):
        if doc is None:
            _code_by_word_order(text, start, end, sentence_id, found, mentions, published, language, lexicon, events, expressions, reacting)
            continue
        sentence = ParsedSentence(
            doc, start, end, text, [m for m in mentions.starting(start, end) if m.end <= end], previous_actor(text, start, mentions),
            lexicon.origins, mentions,
        )
        trigger_tokens = {code_match: sentence.tokens_of(code_match[1]) for code_match in found}
        partners = lexicon.relation_countries(text[start:end])
        meeting_tokens = [t for (code, _), tokens in trigger_tokens.items() if code[:2] in MEETING_ROOTS for t in tokens]
        for code, match in sorted(found, key=lambda item: _code_rank(item[0])):
            tokens = trigger_tokens[(code, match)]
            if not tokens:
                continue
            statement = statement_at.at(match.start())
            sentence.speaker = statement.speaker if statement else None
            if match.re in lexicon.voiced:
                roles = voiced_roles(tokens, statement, partners, events, countries, mentions)
            else:
                if code == INTENT_CODE and any(governs(t, m) or governs(m, t) for t in tokens for m in meeting_tokens):
                    continue  # « prévoit de se rendre »: the planning word only makes the visit an intent
                roles = trigger_roles(sentence, tokens, code)
                if roles is None or not roles.sources or not_asserted(roles.anchor, sentence.sentence_text):
                    continue
                if not roles.targets and CLOSING_QUOTE_BEFORE.search(text[max(start, match.start() - 4) : match.start()]):
                    continue  # « « … », s'est félicité X »: the verb attributes a quotation, nobody is praised
                if statement is not None and prospective(roles.anchor):
                    roles = in_speakers_voice(roles, statement, partners, events, countries, mentions)
                if not roles.targets and code[:2] in ATTITUDE_ROOTS and about_relation(tokens):
                    # « en saluant la coopération stratégique entre les deux pays »: the relation's other side
                    other = other_side(roles.sources[0], start, end, partners, events, countries, mentions)
                    roles.targets = [other] if other else []
                if not roles.targets:
                    roles.targets = reacting.other_party(roles.sources[0], match.start(), code, answered_act(tokens), start, end, partners)
            if roles is None:
                continue
            _prefer_known(roles)
            code = roles.as_code or code
            if roles.intent and code[:2] in MEETING_ROOTS:
                event_code = INTENT_CODE
                _invited_by(roles, text, start, end, mentions)
            elif code[:2] == SUPPORT_ROOT and prospective(roles.anchor):
                event_code = SUPPORT_INTENT_CODE  # « la Chine soutiendrait … »: support promised, not yet given
            else:
                event_code = code
            scope = date_scope(sentence.sentence_text, roles.anchor)
            _add_events(roles, code, event_code, match, sentence_id, sentence.sentence_text, scope, published, language, lexicon, partners, events, expressions)
    _code_stances(text, statements, sentences, mentions, published, language, lexicon, events, expressions)
    _date_by_context(text, events, expressions, sentences, published, language)
    events, expressions = _partner_over_place(events, expressions, countries)
    return _without_restatements(events, expressions)


def _date_by_context(text: str, events: list[EventRow], expressions: list[str | None], sentences: list[Sentence],
                     published: date | None, language: str | None) -> None:
    """An event its own clause does not date happened on the day its paragraph last named
    (« Le chef de la diplomatie américaine est arrivé mardi à Doha. Il a été reçu par l'émir … »),
    not on the publication day; an announced one (036) keeps its own."""
    order = sorted(sentences)
    index_of = {sentence_id: k for k, (_, _, sentence_id) in enumerate(order)}
    days: dict[int, date | None] = {}  # sentence index -> the day its first date expression names

    def day_of(k: int) -> date | None:
        if k not in days:
            start, end, _ = order[k]
            when = resolve_event_date(text[start:end], published, language, False)
            days[k] = when.value if when.precision == "day" else None
        return days[k]

    for event, expression in zip(events, expressions):
        k = index_of.get(event.sentence_id)
        if expression is not None or event.date_precision != "reported" or event.cameo_code == INTENT_CODE or k is None:
            continue
        for earlier in range(k - 1, max(k - CONTEXT_SENTENCES, 0) - 1, -1):
            if PARAGRAPH_BREAK in text[order[earlier][1] : order[earlier + 1][0]]:
                break
            if day_of(earlier) is not None:
                event.event_date, event.date_precision = day_of(earlier), "day"
                break


def _code_stances(text: str, statements: list[Statement], sentences: list[Sentence], mentions: Mentions, published: date | None,
                  language: str | None, lexicon: Lexicon, events: list[EventRow], expressions: list[str | None]) -> None:
    """Events of the statement layer (`stance`): what each speaker's words do to another party."""
    by_position = Sentences(sentences)
    for statement in statements:
        around = by_position.at(statement.start)
        for code, match, target in stance_acts(text, statement, lexicon, language, mentions, around[0] if around else None):
            sentence = by_position.at(match.start())
            if sentence is None:
                continue
            start, end, sentence_id = sentence
            roles = Roles([statement.speaker], [target], None, False, spoken=True)
            _add_events(roles, code, code, match, sentence_id, text[start:end], None, published, language, lexicon, [], events, expressions)


class _Reactions:
    """The other party of a reaction named by nobody (`reactions`), over the events coded so far."""

    def __init__(self, text, events, event_starts, statements, countries, mentions):
        self.text, self.events, self.event_starts, self.statements, self.countries, self.mentions = text, events, event_starts, statements, countries, mentions

    def other_party(self, source: MentionRef, position: int, code: str, roots: tuple[str, ...] | None,
                    start: int, end: int, partners: list[str]) -> list[MentionRef]:
        """[the party whose act (of `roots`; None: no act) a criticism or rejection answers, or whom
        praise or thanks go to; else, for an act always aimed at someone, the one other country of
        the sentence text[start:end] (« a dénoncé une campagne orchestrée depuis la France »)], or []."""
        found = None
        if code[:2] in REACTION_ROOTS and roots is not None:
            found = reaction_target(source, position, roots, self.events, self.event_starts, self.statements, self.countries, self.mentions)
        elif code == PRAISE_CODE and addressed_praise(self.text, position, position + 80):
            found = latest_counterpart(source, position, self.events, self.event_starts, self.mentions)
        if found is None and code[:2] in ADDRESSED_ROOTS:
            found = other_side(source, start, end, partners, [], self.countries, self.mentions)
        return [found] if found else []


def _code_by_word_order(text: str, start: int, end: int, sentence_id: int, found: list, mentions: Mentions, published: date | None,
                        language: str | None, lexicon: Lexicon, events: list[EventRow], expressions: list[str | None],
                        reacting: _Reactions) -> None:
    """Events of a sentence no parser read (`word_order`), added to `events`."""
    in_sentence = [m for m in mentions.starting(start, end) if m.end <= end]
    first_word = start + len(text[start:end]) - len(text[start:end].lstrip())
    opening_quote = [(s, e) for s, e in quoted_spans(text, start, end) if s <= first_word]
    actors = Mentions(m for m in in_sentence if m.can_act and not any(s <= m.start < e for s, e in opening_quote))
    places = Mentions(m for m in in_sentence if m.label == "LOC")
    previous = previous_actor(text, start, mentions)
    partners = lexicon.relation_countries(text[start:end])
    for code, match in sorted(found, key=lambda item: _code_rank(item[0])):
        roles = word_order_roles(text, start, end, match, code, actors, places, previous, mentions, lexicon.origins)
        if roles is None:
            continue
        if not roles.targets and roles.sources:
            roles.targets = reacting.other_party(roles.sources[0], match.start(), code, act_after(text, match.end(), end), start, end, partners)
        _prefer_known(roles)
        code = roles.as_code or code
        event_code = INTENT_CODE if roles.intent and code[:2] in MEETING_ROOTS else code
        if event_code == INTENT_CODE:
            _invited_by(roles, text, start, end, mentions)
        scope = _word_order_date_scope(text[start:end], match.start() - start, roles.clause[0] - start, roles.clause[1] - start)
        _add_events(roles, code, event_code, match, sentence_id, text[start:end], scope, published, language, lexicon, partners, events, expressions)


def date_scope(text: str, anchor) -> list[tuple[int, int]] | None:
    """Which characters of the sentence `text` date an event, as the (start, end) ranges of its
    tokens: the innermost of its own clause and the clauses above it that holds a date expression
    (« en accueillant X » is dated by « a déclaré mercredi »); never a clause inside it or beside
    it (« tandis que Y se rendra en septembre »)."""
    if anchor is None:
        return None
    current = anchor
    for _ in range(3):
        while current.pos_ not in ("VERB", "AUX") and current.head != current:
            current = current.head
        # « a été accueilli lundi » with « lundi » read as a clause (xcomp): a noun is no clause of its own
        nominal = [t for c in current.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("NOUN", "PROPN", "NUM") for t in c.subtree]
        clause = sorted({(t.idx, t.idx + len(t)) for t in same_clause_tokens(current) + nominal})
        if date_expression(text, clause):
            return clause
        if current.head == current:
            break
        current = current.head
    return []


def _word_order_date_scope(sentence_text: str, trigger: int, clause_start: int, clause_end: int) -> list[tuple[int, int]]:
    """Without a parse, the date closest to the trigger: after it in its clause ("X, who arrived on
    Tuesday, met Y on Wednesday"), else before it in the clause ("On Monday, X met Y"), else in the
    clause the sentence began with ("X hosted Y on Friday, and the two governments signed …")."""
    for scope in ([(trigger, clause_end)], [(clause_start, trigger)], [(0, clause_start)]):
        if date_expression(sentence_text, scope):
            return scope
    return [(clause_start, clause_end)]


def _add_events(roles: Roles, code: str, event_code: str, match, sentence_id: int, sentence_text: str, scope, published: date | None,
                language: str | None, lexicon: Lexicon, partners: list[str], events: list[EventRow], expressions: list[str | None]) -> None:
    """The rows one trigger's roles make, dated by the expression in `scope` (ranges of the sentence)."""
    when = resolve_event_date(sentence_text, published, language, roles.intent or event_code == INTENT_CODE, scope)
    for actor1, actor2, row_code in _actor_pairs(roles, code, event_code, lexicon, partners):
        events.append(
            EventRow(
                sentence_id=sentence_id, cameo_code=row_code, actor1_id=actor1, actor2_id=actor2,
                location_id=roles.place.entity_id if roles.place else None, event_date=when.value,
                date_precision=when.precision, trigger=match.group(0),
                confidence=round(0.8 + (0.1 if actor2 else 0) + (0.1 if when.expression else 0), 2),
                quad_class=quad_class(row_code), goldstein=lexicon.code(row_code).goldstein,
            )
        )
        expressions.append(date_expression(sentence_text, scope))


def _code_rank(code: str) -> int:
    # Specific codes first: a phone call is not also "talks", a visit is not also "meeting".
    order = ["041", "057", "043", "042", "044", "046", "163", "112", "111", "051", "036", "040", "030"]
    return order.index(code) if code in order else len(order)


def _actor_pairs(roles: Roles, code: str, event_code: str, lexicon: Lexicon, partners: list[str] = ()):
    """(actor1, actor2, code) of the events one trigger states.

    `partners` are the countries a compound adjective of the sentence names (« la coopération
    russo-chinoise »): when the source belongs to one of them and no target is named, the other
    side of that relation is the target.

    Several sources with a target are one event each (« la France et l'Allemagne ont sanctionné
    l'Iran »); two sources and no target of a symmetric code are its two actors (« X et Y se sont
    rencontrés »); a visit without a named host goes to the country of the place. A meeting held
    in a place foreign to exactly one of its actors is also that actor's visit; foreign to both, it
    is a meeting at a third location."""
    info = lexicon.code(code)
    sources, targets = roles.sources, roles.targets
    if len(sources) > 1 and info.symmetric and targets and roles.clause is not None:
        # "X and Y joined Z for a video call": each with Z. Word order only: the parse's complements
        # of two coordinated subjects are more often a misreading than a third party.
        pairs = [(source, targets[0]) for source in sources[:MAX_ACTORS_PER_TRIGGER]]
    elif len(sources) > 1 and info.symmetric:
        # « X, Y et Z ont signé une déclaration »: one event per pair of the parties named together
        parties = sources[:MAX_ACTORS_PER_TRIGGER]
        pairs = [(a, b) for k, a in enumerate(parties) for b in parties[k + 1 :]]
    elif len(sources) == 1 and len(targets) > 1 and not info.symmetric:  # « a accusé Washington et Tokyo »
        pairs = [(sources[0], target) for target in targets[:MAX_ACTORS_PER_TRIGGER]]
    else:
        pairs = [(source, targets[0] if targets else None) for source in sources[:MAX_ACTORS_PER_TRIGGER]]
    if info.symmetric and not roles.spoken:  # a call or a meeting has no direction: the first named comes first
        pairs = [tuple(sorted(pair, key=lambda m: m.start)) if pair[1] is not None else pair for pair in pairs]
    place_country = roles.place.country_id if roles.place else None
    out = []
    for source, target in pairs:
        actor1 = source.actor_id
        actor2 = target.actor_id if target else None
        if actor2 is None and (code in (VISIT_CODE, RECALL_CODE) or event_code == INTENT_CODE):
            # a visit goes to the place's country; an ambassador recalled from it is recalled from that state
            actor2 = place_country if place_country != source.country_id else None
        if actor2 is None and source.country_id in partners:
            actor2 = next((country for country in partners if country not in (source.country_id, actor1)), None)
        if actor2 is None and lexicon.code(event_code).needs_target or actor1 == actor2 or _own_side(source, target, actor2):
            continue
        if is_unlinked(actor1) or is_unlinked(actor2):
            continue  # a name nothing links, without a nationality to act for, is no actor an analyst can count
        foreign = []
        # A host with no place named receives the guest at home (« Reçus à la Maison-Blanche par Donald Trump »)
        setting = place_country or (source.country_id if code == HOST_CODE and not roles.spoken else None)
        if code in MET_IN_PERSON_CODES and event_code != INTENT_CODE and setting and target is not None:
            foreign = [m for m in (source, target) if m.country_id and m.country_id != setting]
        out.append((actor1, actor2, THIRD_LOCATION_CODE if len(foreign) == 2 and event_code == CONSULT_CODE else event_code))
        if len(foreign) == 1 and foreign[0].actor_id != setting:
            out.append((foreign[0].actor_id, setting, VISIT_CODE))
    return out


def _invited_by(roles: Roles, text: str, start: int, end: int, mentions: Mentions) -> None:
    """A visit or meeting announced on someone's invitation (« se rendra à Paris à l'invitation
    d'Emmanuel Macron », "accepted Mr. Putin's invitation to travel to Russia") is an intent
    between the invited and the inviter, not the destination."""
    host = inviter(text, start, end, mentions)
    if host is not None and roles.sources and host.actor_id not in {m.actor_id for m in roles.sources}:
        roles.targets = [host]


def _prefer_known(roles: Roles) -> None:
    """Where a side names both an entity the gazetteer knows and a name nothing links (« au Grand
    Sérail avec le Premier ministre Nawaf Salam »: a building NER took for a person), the
    unlinked name is the misreading."""
    for side in ("sources", "targets"):
        mentions = getattr(roles, side)
        known = [m for m in mentions if m.linked]
        if known and len(known) < len(mentions):
            setattr(roles, side, known)


def _own_side(source: MentionRef, target: MentionRef | None, actor2: str | None) -> bool:
    """A person and their own country are one side (« Zakharova a averti que la Russie … »): what
    passes between them is domestic, which the coder leaves to a reading it lacks."""
    if source.label == "PER" and actor2 is not None and actor2 == source.country_id:
        return True
    return target is not None and target.label == "PER" and source.actor_id == target.country_id


def _partner_over_place(events: list[EventRow], expressions: list[str | None], countries: dict) -> tuple[list, list]:
    """An announced trip whose sentence also names whom the traveller will meet there (« est attendu
    à Nairobi, où il doit discuter avec William Ruto », "due in New Delhi for the G20 summit", "will
    travel to London for talks with Mr Johnson") is an intent toward that party — the talks there are
    still to come — and neither an intent toward nor a visit to the place's country as well."""
    trips: dict[tuple[int, str], set] = {}  # (sentence, traveller) -> the countries of the trips announced
    for event in events:
        if event.cameo_code == INTENT_CODE and (event.actor2_id or "").startswith("country-"):
            trips.setdefault((event.sentence_id, event.actor1_id), set()).add(event.actor2_id)
    partners: dict[tuple[int, str], set] = {}
    for event in events:
        key = (event.sentence_id, event.actor1_id)
        if event.actor2_id and not event.actor2_id.startswith("country-"):
            if event.cameo_code[:2] in MEETING_ROOTS and countries.get(event.actor2_id) in trips.get(key, ()):
                event.cameo_code = INTENT_CODE  # "will travel to London for talks with Mr Johnson": the talks are still to come
            if event.cameo_code == INTENT_CODE:
                partners.setdefault(key, set()).add(countries.get(event.actor2_id))
    kept = [(event, expression) for event, expression in zip(events, expressions)
            if not (event.cameo_code in (INTENT_CODE, VISIT_CODE) and (event.actor2_id or "").startswith("country-")
                    and ({event.actor2_id, None} & partners.get((event.sentence_id, event.actor1_id), set())))]
    return [e for e, _ in kept], [x for _, x in kept]


def _without_restatements(events: list[EventRow], expressions: list[str | None]) -> list[EventRow]:
    """Events once each: same kind of event (`_restatement_kind`), same actors, and no conflicting
    date expressions (« un entretien vidéo mercredi » and « rencontrés en septembre dernier » are
    two meetings)."""
    kept: list[tuple[EventRow, str | None]] = []
    kept_by_actors: dict[frozenset, list[tuple[EventRow, str | None]]] = {}  # the same, by pair: a long document codes thousands
    for event, expression in zip(events, expressions):
        actors = frozenset((event.actor1_id, event.actor2_id))
        earlier = next(
            (k for k in kept_by_actors.get(actors, ())
             if _restatement_kind(k[0].cameo_code, k[0].sentence_id == event.sentence_id) == _restatement_kind(event.cameo_code, k[0].sentence_id == event.sentence_id)
             and (k[1] is None or expression is None or k[1].lower() == expression.lower())),
            None,
        )
        if earlier is None:
            kept.append((event, expression))
            kept_by_actors.setdefault(actors, []).append(kept[-1])
        elif earlier[0].date_precision == "reported" and event.date_precision != "reported":
            earlier[0].event_date, earlier[0].date_precision = event.event_date, event.date_precision
    return [event for event, _ in kept]


def _restatement_kind(code: str, same_sentence: bool) -> str:
    """What makes two events of the same actors one: within a sentence, the same CAMEO root (« se
    sont entretenus par téléphone » is one call, not also talks); across sentences the same code
    (« X a reçu Y. Les deux dirigeants se sont entretenus » is a reception and talks). Among
    intents (03) always the same code: an intent to cooperate is not an intent to meet."""
    return code if code.startswith("03") or not same_sentence else code[:2]
