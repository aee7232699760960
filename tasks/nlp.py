"""spaCy pipelines: chosen per language, composed in one place, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

# The components each use runs (tagging: sentences and entities; parsing: the parse, morphology and
# lemmas of event sentences), with those they listen to: the rest is skipped, about half of
# spaCy's time for tagging.
TAGGING_COMPONENTS = ("senter", "sentencizer", "ner")
PARSING_COMPONENTS = ("tok2vec", "morphologizer", "tagger", "parser", "attribute_ruler", "lemmatizer", "trainable_lemmatizer")
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


@dataclass(frozen=True)
class Components:
    """Some of the components of a loaded pipeline, run as one: tagging and parsing are two views of
    one model in memory (its weights and vectors once, not twice: about 250 MB less per process)."""

    nlp: object
    disabled: tuple[str, ...]

    def pipe(self, texts, batch_size: int | None = None):
        return self.nlp.pipe(texts, batch_size=batch_size, disable=self.disabled)

    def __call__(self, text: str):
        return next(iter(self.pipe([text])))

    @property
    def meta(self) -> dict:
        return self.nlp.meta


@lru_cache(maxsize=4)
def load_model(model_name: str):
    """The whole pipeline, loaded once per process, with its sentence splitter on (`senter` is off
    by default in spaCy's models; a model with neither `senter` nor a parser gets `sentencizer`)."""
    import spacy

    nlp = spacy.load(model_name)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def load_tagger(model_name: str) -> Components:
    """Sentence splitting and NER (a model without `senter` splits with its parser)."""
    nlp = load_model(model_name)
    wanted = set(TAGGING_COMPONENTS) | ({"parser"} if not nlp.has_pipe("senter") else set())
    return Components(nlp, _disabled(nlp, wanted))


def load_parser(model_name: str) -> Components:
    """The dependency parse, morphology and lemmas, for event sentences only."""
    nlp = load_model(model_name)
    return Components(nlp, _disabled(nlp, set(PARSING_COMPONENTS)))


def _disabled(nlp, wanted: set[str]) -> tuple[str, ...]:
    """The components to skip for `wanted`, keeping a shared embedding layer that a wanted one listens to."""
    needed = set(wanted)
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", [])
        if set(listeners) & wanted:
            needed.add(name)
    return tuple(name for name in nlp.pipe_names if name not in needed)


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
