import re

import pytest

from depeche.tasks.gazetteer import load_gazetteer
from depeche.tasks.link import link_document
from depeche.tasks.segment import Sentence


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def link_without_model(gazetteer):
    """Link a text in a language without a spaCy model: (surface, entity id, label, method) per mention."""

    def link(text: str, language: str, published=None):
        bounds = [Sentence(m.start(), m.end(), i) for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]?", text))]
        mentions, entities = link_document(text, None, bounds, gazetteer, published, language)
        by_id = {e.entity_id: e for e in entities}
        return [(m.surface, m.entity_id, by_id[m.entity_id].label, m.method) for m in mentions]

    return link


def holders(mentions):
    """Role mentions of a `link_without_model` result: surface -> the entity it links to."""
    return {surface: entity for surface, entity, _, method in mentions if method == "role"}
