"""spaCy pipelines: chosen per language, composed in one place, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

# Components the tagging stage does not use; excluding them roughly halves spaCy's time.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "trainable_lemmatizer")
SIZE_PREFERENCE = ("md", "sm", "lg", "trf")


def model_for_language(language: str | None, configured: Mapping[str, str]) -> str | None:
    """The spaCy package that tags `language`: the configured one, else an installed `<lang>_core_*`."""
    if not language:
        return None
    if language in configured:
        return configured[language]
    installed = [name for name in _installed_models() if name.split("_", 1)[0] == language]
    installed.sort(key=lambda name: SIZE_PREFERENCE.index(name.rsplit("_", 1)[-1]) if name.rsplit("_", 1)[-1] in SIZE_PREFERENCE else 99)
    return installed[0] if installed else None


@lru_cache(maxsize=1)
def _installed_models() -> tuple[str, ...]:
    import spacy

    return tuple(spacy.util.get_installed_models())


@lru_cache(maxsize=4)
def load_tagger(model_name: str):
    """The model with only sentence splitting and NER enabled (a model without `senter` keeps its parser)."""
    import spacy

    nlp = spacy.load(model_name, exclude=[c for c in UNUSED_COMPONENTS if c != "parser"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.remove_pipe("parser")
    if not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


@lru_cache(maxsize=4)
def load_parser(model_name: str):
    """The model with its dependency parser, morphology and lemmas, for event sentences only."""
    import spacy

    nlp = spacy.load(model_name, exclude=["ner", "senter"])
    return nlp


@lru_cache(maxsize=1)
def load_sentencizer():
    """Rule-based sentence splitting for languages without a model: punctuation, any script."""
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def model_version(model_name: str | None) -> str:
    if model_name is None:
        return "sentencizer"
    return f"{model_name}-{load_tagger(model_name).meta.get('version', '?')}"
