"""Events and quotes: CAMEO-coded events with actors, place and date; quotations with speakers.

Events: a sentence is parsed (dependency parse, morphology) only when a trigger of the lexicon
(`data/reference/event_triggers.csv`) occurs in it. Actors come from the parse: the subjects of
the trigger's verb (or of the clause it hangs from), its objects and « avec / à / contre »
complements, or a trigger noun's own complements (« la visite de X à Y », « l'invasion de X par
Y »); word order only where the parser left a clause without them. `cameo_codes.csv` says which
codes need a second party and which are symmetric. Future or conditional forms and planning
words turn a meeting or visit into an intent (036); negated events are dropped; a meeting abroad
is also a visit; an event retold in the document is kept once; each event is dated by its own
clause against the publication date (`tasks/event_dates.py`).

Quotes: « … », “…” and "…" (a « quote may run over several paragraphs), attributed to the
subject of the speech verb before them, the name after an inverted verb or « selon X », else to
the previous speaker for « a-t-il ajouté »-style attributions.
"""

from depeche.tasks.events.coder import code_events
from depeche.tasks.events.lexicon import EVENTS_VERSION, Lexicon, load_lexicon, quad_class
from depeche.tasks.events.quotes import find_quotes
from depeche.tasks.events.records import EventRow, MentionRef, QuoteRow, Statement
from depeche.tasks.events.sentence import Candidate, candidate_sentences
from depeche.tasks.events.statements import find_statements

__all__ = [
    "EVENTS_VERSION", "Candidate", "EventRow", "Lexicon", "MentionRef", "QuoteRow", "Statement", "candidate_sentences",
    "code_events", "find_quotes", "find_statements", "load_lexicon", "quad_class",
]
