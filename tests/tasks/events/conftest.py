import pytest

from depeche.tasks.events import load_lexicon
from depeche.tasks.settings import Settings


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(Settings().reference_dir)
