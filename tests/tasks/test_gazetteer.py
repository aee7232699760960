"""The reference gazetteer, loaded once from the shipped data/reference files: aliases, roles in
time, role phrases, demonyms, and a user's own entity file."""

from __future__ import annotations

from datetime import date

import pytest

from depeche.tasks import gazetteer as gz
from depeche.tasks.tag import Entity


@pytest.fixture(scope="module")
def reference() -> gz.Gazetteer:
    return gz.load_gazetteer(gz.REFERENCE_DIR)


def exact(gazetteer, alias):
    return gazetteer.exact.get(gz.alias_key(alias))


def caseless(gazetteer, alias):
    return gazetteer.caseless.get(tuple(t.lower() for t in gz.alias_key(alias)))


def test_tokens_fold_accents_and_keep_offsets():
    assert gz.tokens("L'Élysée, à Paris.") == [
        (0, 1, "L"), (1, 2, "'"), (2, 8, "Elysee"), (8, 9, ","), (10, 11, "a"), (12, 17, "Paris"), (17, 18, "."),
    ]
    assert gz.alias_key("Conseil de sécurité de l'ONU") == ("Conseil", "de", "securite", "de", "l", "'", "ONU")


@pytest.mark.parametrize(
    ("alias", "entity_id"),
    [("Poutine", "vladimir-putin"), ("Vladimir Poutine", "vladimir-putin"), ("Macron", "emmanuel-macron"),
     ("Nations unies", "united-nations"), ("ONU", "united-nations"), ("Kaboul", "kabul"),
     # countries come from pycountry, in English and French, with everyday names
     ("Allemagne", "country-deu"), ("Fédération de Russie", "country-rus"), ("Russie", "country-rus"),
     ("Royaume-Uni", "country-gbr"), ("Corée du Sud", "country-kor"),
     # accents are folded: with or without, the same key
     ("États-Unis", "country-usa"), ("Etats-Unis", "country-usa")],
)
def test_aliases_resolve_to_their_entity(reference, alias, entity_id):
    assert exact(reference, alias) == entity_id


def test_short_aliases_need_their_exact_case(reference):
    # "ONU" and "UN" (under CASELESS_MIN_CHARS) only match as written; longer ones match in any case
    assert (exact(reference, "onu"), caseless(reference, "onu"), caseless(reference, "UN")) == (None, None, None)
    assert caseless(reference, "nations unies") == "united-nations"
    assert caseless(reference, "allemagne") == "country-deu"


def test_entities_carry_their_reference_columns(reference):
    assert reference.entities["vladimir-putin"] == Entity(
        entity_id="vladimir-putin", name="Vladimir Putin", label="PER", country_code="RUS", kb_id="Q7747", actor_code="RUSGOV")
    # a country: LOC, its alpha-3 as country and actor code, no kb id
    assert reference.entities["country-fra"] == Entity(
        entity_id="country-fra", name="France", label="LOC", country_code="FRA", kb_id=None, actor_code="FRA")


@pytest.mark.parametrize(
    ("country", "on", "holder"),
    [("USA", date(2020, 1, 1), "donald-trump"), ("USA", date(2021, 1, 19), "donald-trump"),
     # the end date is exclusive: on inauguration day the successor holds the role
     ("USA", date(2021, 1, 20), "joe-biden"), ("USA", date(2025, 6, 1), "donald-trump"),
     ("FRA", date(2020, 1, 1), "emmanuel-macron"),
     # before the first listed holder: nobody, rather than a guess
     ("USA", date(1990, 1, 1), None), ("FRA", date(2010, 1, 1), "nicolas-sarkozy"), ("FRA", date(2000, 1, 1), None)],
)
def test_role_holder_on_a_date(reference, country, on, holder):
    assert reference.holder("head_of_state", country, on) == holder


def test_roles_of_an_entity(reference):
    assert reference.roles_of("emmanuel-macron", date(2020, 1, 1)) == [("head_of_state", "FRA")]
    assert reference.roles_of("donald-trump", date(2022, 1, 1)) == []  # between his two terms
    assert ("head_of_state", "USA") in reference.roles_of("donald-trump", None)  # any time
    assert reference.roles_of("no-such-entity", None) == []


def test_demonyms_are_folded_and_lower_case(reference):
    assert [reference.demonyms.get(word) for word in ("francais", "allemande", "russes", "american")] == ["FRA", "DEU", "RUS", "USA"]


def test_role_phrases_longest_first(reference):
    phrases = reference.phrases_from["president"]
    assert [len(p.tokens) for p in phrases] == sorted((len(p.tokens) for p in phrases), reverse=True)
    by_tokens = {p.tokens: p for p in phrases}
    republic = by_tokens[("president", "de", "la", "republique")]
    assert (republic.role, republic.countries) == ("head_of_state", frozenset())  # any country
    assert by_tokens[("president", "du", "conseil")].countries == frozenset({"ITA"})


COLUMNS = "entity_id,name,label,country_code,kb_id,actor_code,aliases\n"


def test_a_users_file_overrides_and_extends_and_ambiguous_aliases_are_dropped(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(
        COLUMNS
        + "emmanuel-macron,Emmanuel Jean-Michel Macron,PER,FRA,,FRAGOV,Emmanuel Macron|Macron\n"
        + "jean-poutine,Jean Poutine,PER,CAN,,,Jean Poutine|Poutine\n",
        encoding="utf-8",
    )
    gazetteer = gz.load_gazetteer(gz.REFERENCE_DIR, mine)
    assert gazetteer.entities["emmanuel-macron"].name == "Emmanuel Jean-Michel Macron"  # overridden
    assert exact(gazetteer, "Jean Poutine") == "jean-poutine"  # added
    # "Poutine" now names two entities: it cannot decide, so it resolves to nobody
    assert exact(gazetteer, "Poutine") is None and caseless(gazetteer, "poutine") is None
    assert exact(gazetteer, "Vladimir Poutine") == "vladimir-putin"


def test_a_users_file_without_the_columns_is_refused(tmp_path):
    mine = tmp_path / "bad.csv"
    mine.write_text("entity_id,name\nx,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv: missing columns \['label', 'country_code', 'kb_id', 'actor_code', 'aliases'\]"):
        gz.load_gazetteer(gz.REFERENCE_DIR, mine)


def test_the_tables_of_a_version_are_kept_on_disk_and_rebuilt_when_unreadable(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build = gz.load_gazetteer.__wrapped__  # past the in-process cache
    first = build(gz.REFERENCE_DIR, None, "test-version")
    path = gz.cache_path("test-version")
    assert path.parent == tmp_path / "depeche" and path.exists()
    assert gz.cache_path("another-version") != path  # a new version of the data is a new file
    again = build(gz.REFERENCE_DIR, None, "test-version")
    assert again.exact == first.exact and again.entities == first.entities
    path.write_bytes(b"not a pickle")
    assert build(gz.REFERENCE_DIR, None, "test-version").exact == first.exact  # rebuilt, and rewritten
    assert path.read_bytes() != b"not a pickle"
    assert not [p for p in path.parent.iterdir() if p != path]  # no temporary file left behind
