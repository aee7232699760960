"""Whether a clause asserts an event: negation, habit, hypothesis, an accusation's content; and
whether it is future, conditional or planned (an intent)."""

from __future__ import annotations


from depeche.tasks.events.phrases import CLAUSE_DEPS, clause_of, same_clause_tokens
from depeche.tasks.events.words import NE_WORDS, NEEDS_NE, ACCUSATION_LEMMAS, FUTURE_ENDINGS, HABITUAL, HYPOTHETICAL_WORDS, INTENT_LEMMAS, IRREGULAR_FUTURE_STEMS, MODAL_LEMMAS, NEGATIONS


# Dependencies through which a planning word governs a meeting (« prévoit de tenir des consultations »,
# « les bases d'une rencontre »); not coordination or adverbial clauses (« …, tandis que X se rendra »).
GOVERNS_DEPS = frozenset({"xcomp", "obj", "nmod", "acl", "obl:arg", "ccomp"})


def prospective(anchor) -> bool:
    """Whether a clause says what will or should happen: its finite verb is future, conditional,
    or a modal (« coordonneraient », « devraient renforcer »), not « ont convenu de discuter »."""
    if anchor is None:
        return False
    token = anchor
    while "Inf" in token.morph.get("VerbForm") and token.dep_ in ("xcomp", "ccomp", "obj") and token.head != token:
        token = token.head
    finite = [token] + [c for c in token.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    return any(future_or_conditional(t) or t.lemma_.lower() in MODAL_LEMMAS for t in finite)


def future_or_conditional(token) -> bool:
    """Future or conditional, read from the form because the tagger errs both ways (« soutiendrait »
    read as an imperfect, « coordonneraient » as a noun, « apprécions » as a future): a future
    stem (the infinitive, « prendr- » for « prendre », or an irregular stem) plus a future or
    conditional ending. « déclarait » (imperfect) and « déclara » (simple past) are neither."""
    form, lemma = token.lower_, token.lemma_.lower()
    for ending in FUTURE_ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            return (
                stem in (lemma, lemma[:-1]) and stem.endswith("r")
                or len(stem) > 4 and stem.endswith("er")
                or stem in IRREGULAR_FUTURE_STEMS
                or any(stem.endswith(irregular) for irregular in IRREGULAR_FUTURE_STEMS if len(irregular) > 4)
            )
    return False


def misread_verb(token) -> bool:
    """A future or conditional verb the tagger took for a noun (« que la Russie et la Chine
    coordonneraient leurs efforts »): heads a clause and has a verb's ending."""
    return token.pos_ in ("NOUN", "ADJ", "PROPN") and token.dep_ in ("ROOT", "ccomp", "advcl", "conj", "acl:relcl") and future_or_conditional(token)


def governs(token, other, steps: int = 3) -> bool:
    """Whether `token` is the head of `other` within a few steps of complement relations."""
    for _ in range(steps):
        if other.dep_ not in GOVERNS_DEPS or other.head == other:
            return False
        other = other.head
        if other == token:
            return True
    return False


def noun_is_intended(noun) -> bool:
    """« le voyage de Poutine, prévu en mai », « préparer la visite », « les bases d'une rencontre »."""
    if any(c.dep_ == "acl" and (c.lemma_.lower() in INTENT_LEMMAS or "Fut" in c.morph.get("Tense")) for c in noun.children):
        return True
    current = noun
    for _ in range(3):
        if current.dep_ not in GOVERNS_DEPS or current.head == current:
            return False
        current = current.head
        if current.lemma_.lower() in INTENT_LEMMAS or "Inf" in current.morph.get("VerbForm") or "Fut" in current.morph.get("Tense"):
            return True
    return False


def not_asserted(anchor, text: str) -> bool:
    """What the sentence (`text`, the text of the anchor's doc) does not report as happening: the
    content of an accusation (« a accusé Pékin de soutenir … » is an accusation, not support), a
    hypothetical event (« une éventuelle visite »), or a habit (« tiennent tous les deux ans des
    consultations »)."""
    if anchor is None:
        return False
    current = anchor
    for _ in range(4):
        if current.head == current or current.dep_ not in GOVERNS_DEPS:
            break
        current = current.head
        if current.lemma_.lower() in ACCUSATION_LEMMAS:
            return True
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_WORDS for c in anchor.children):
        return True
    clause = anchor if anchor.pos_ in ("VERB", "AUX") else clause_of(anchor)
    if clause is None:
        return False
    words = same_clause_tokens(clause)
    span = text[min(t.idx for t in words) : max(t.idx + len(t) for t in words)]
    return bool(HABITUAL.search(span))


def negated(verb) -> bool:
    """« n'a pas rencontré », « ne reçoit que rarement des … » (the adverb hangs on the object); « plus »
    negates only with « ne » (« plus tôt dans la journée, il s'était entretenu » is no negation)."""
    near = [verb] + [c for c in verb.children if c.dep_ not in CLAUSE_DEPS]
    words = [t for n in near for t in n.children if t.dep_ == "advmod" and t.lower_ in NEGATIONS]
    has_ne = any(t.lower_ in NE_WORDS for n in near for t in n.children)
    return any(t.lower_ not in NEEDS_NE or has_ne for t in words)


def is_intent(verb) -> bool:
    """Future, conditional, or governed by a planning verb (« prévoit de se rendre », « est attendu »)."""
    if "Inf" in verb.morph.get("VerbForm"):
        return True  # « accepté une invitation à se rendre », « pour rencontrer »: not (yet) done
    candidates = [verb, verb.head] + [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "aux:tense")]
    for token in candidates:
        if future_or_conditional(token):
            return True
        if token.lemma_.lower() in INTENT_LEMMAS and (token != verb or verb.lemma_.lower() in INTENT_LEMMAS):
            return True
    return False
