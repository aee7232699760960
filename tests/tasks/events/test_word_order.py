"""English events without a parser: roles from word order over the linked mentions (tasks/events/word_order.py)."""

from datetime import date

import pytest

from depeche.tasks import batch, ingest
from depeche.tasks.settings import Settings

ARTICLE = """World News

Talks at the White House

Published on Thursday 22 June 2023

Indian Prime Minister Narendra Modi met US President Joe Biden at the White House on Thursday. Biden hosted Modi for a state dinner later that evening. The two leaders signed a joint statement on defence cooperation.

Earlier in the week, Modi spoke with Emmanuel Macron by phone. He will travel to Paris in July. Olaf Scholz did not meet Modi. Beijing accused Washington of trying to contain China.

The European Union imposed sanctions on Iran on Monday. Modi was received by the King of Saudi Arabia last year.
"""


def analysed(raw, name: str, article: str) -> dict:
    """The tables of one article run through the batch stages (tag, link, events) as a run would."""
    (raw / name).write_text(article, encoding="utf-8")
    settings = Settings(raw_dir=raw)
    files = [ingest.hash_file(str(p), settings.max_file_bytes) for p in sorted(raw.iterdir())]
    return batch.analyse_batch(batch.prepare_batch(files, settings), settings, "test")


def coded_events(tables) -> set:
    return {(e["cameo_code"], e["actor1_id"], e["actor2_id"]) for e in tables["events"].to_pylist()}


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    tables = analysed(tmp_path_factory.mktemp("raw"), "modi.txt", ARTICLE)
    assert tables["documents"].to_pylist()[0]["language"] == "en"
    return {(e["cameo_code"], e["actor1_id"], e["actor2_id"]): e for e in tables["events"].to_pylist()}


def test_subject_verb_object_with_the_person_of_a_role_phrase(coded):
    # "met US President Joe Biden": the person, not the country that opens the phrase
    assert ("040", "narendra-modi", "joe-biden") in coded
    assert coded[("040", "narendra-modi", "joe-biden")]["event_date"] == date(2023, 6, 22)


def test_host_call_and_agreement_of_the_two_leaders(coded):
    assert ("043", "joe-biden", "narendra-modi") in coded
    assert ("057", "narendra-modi", "joe-biden") in coded  # "the two leaders": the two people named most
    assert ("041", "narendra-modi", "emmanuel-macron") in coded  # the partner after "with", the call's trigger after it


def test_future_is_an_intent_to_the_destination_with_its_month(coded):
    intent = coded[("036", "narendra-modi", "country-fra")]  # "He": the previous sentence's actor
    assert (intent["event_date"], intent["date_precision"]) == (date(2023, 7, 1), "month")


def test_negated_meeting_is_not_coded(coded):
    assert not any("olaf-scholz" in key for key in coded)


def test_accusation_keeps_its_target_and_not_its_content(coded):
    assert ("112", "country-chn", "country-usa") in coded  # capitals stand for their countries


def test_sanctions_on_and_passive_host(coded):
    sanctions = coded[("163", "european-union", "country-irn")]
    assert sanctions["event_date"] == date(2023, 6, 19)  # "on Monday" before a Thursday publication
    assert ("043", "salman-of-saudi-arabia", "narendra-modi") in coded  # "was received by X": X hosts


COUNTERPARTS = """World News

Published on Tuesday 24 February 2026

Brazilian President Luiz Inácio Lula da Silva arrived in New Delhi on Monday. Prime Minister Narendra Modi on Tuesday hosted Lula at Hyderabad House, where the two leaders signed five agreements.

Modi praised his Brazilian counterpart for his leadership. Abe invited Xi Jinping to make a state visit to Japan next spring. Merz and Tusk joined French President Emmanuel Macron for a video conference. Canada expelled six Indian diplomats.
"""


@pytest.fixture(scope="module")
def counterparts(tmp_path_factory):
    return coded_events(analysed(tmp_path_factory.mktemp("raw"), "lula.txt", COUNTERPARTS))


def test_the_two_leaders_are_the_people_of_the_sentence(counterparts):
    assert ("057", "narendra-modi", "luiz-inacio-lula-da-silva") in counterparts


def test_a_counterpart_of_a_nationality_is_the_person_of_that_country_named_before(counterparts):
    assert ("051", "narendra-modi", "luiz-inacio-lula-da-silva") in counterparts


def test_an_invitation_to_make_a_visit_is_an_intent(counterparts):
    assert ("036", "shinzo-abe", "xi-jinping") in counterparts
    assert ("042", "shinzo-abe", "xi-jinping") not in counterparts


def test_joined_for_a_call_pairs_each_subject_with_the_partner_and_a_nationality_names_the_target(counterparts):
    assert {("041", "friedrich-merz", "emmanuel-macron"), ("041", "donald-tusk", "emmanuel-macron")} <= counterparts
    assert ("161", "country-can", "country-ind") in counterparts


def test_collective_subjects_are_their_countries(tmp_path):
    article = ("World News\n\nPublished on Friday 21 November 2025\n\n"
               "Cyril Ramaphosa hosted Chinese Premier Li Qiang on Friday, and the two governments signed agreements on trade.\n")
    assert ("057", "country-zaf", "country-chn") in coded_events(analysed(tmp_path, "g20.txt", article))


def test_the_headline_is_not_coded(tmp_path):
    article = ("Modi hosts Lula in New Delhi\n\nPublished on Tuesday 24 February 2026\n\n"
               "Narendra Modi and Luiz Inácio Lula da Silva spoke about the weather in the capital on Tuesday, officials said.\n")
    tables = analysed(tmp_path, "title.txt", article)
    assert tables["documents"].to_pylist()[0]["title"] == "Modi hosts Lula in New Delhi"
    assert tables["events"].num_rows == 0


def test_an_infinitive_is_an_intent_unless_it_tells_a_first(tmp_path):
    article = ("World News\n\nPublished on Monday 6 November 2023\n\n"
               "Anthony Albanese is the first Australian leader to visit China in seven years. Albanese wants Li Qiang to visit Australia.\n")
    coded = coded_events(analysed(tmp_path, "albanese.txt", article))
    assert ("042", "anthony-albanese", "country-chn") in coded
    assert ("036", "anthony-albanese", "country-chn") not in coded


def test_the_date_closest_to_the_trigger_dates_it(tmp_path):
    article = ("World News\n\nPublished on Friday 5 August 2022\n\n"
               "Nancy Pelosi, who arrived in Taipei on Tuesday night, met Tsai Ing-wen on Wednesday. "
               "Xi Jinping hosted Anthony Albanese on Monday, and the two governments signed agreements on trade.\n")
    tables = analysed(tmp_path, "pelosi.txt", article)
    dates = {(e["cameo_code"], e["actor1_id"]): e["event_date"] for e in tables["events"].to_pylist()}
    assert dates[("040", "nancy-pelosi")] == date(2022, 8, 3)
    assert dates[("057", "country-chn")] == date(2022, 8, 1)  # the sentence's first clause dates the second


def test_an_object_inside_the_trigger_or_after_its_own_preposition(tmp_path):
    article = ("World News\n\nPublished on Friday 21 November 2025\n\n"
               "Egypt summoned the Kenyan ambassador in Cairo on Thursday. Later, Donald Trump accused the South African "
               "government of lying. Maria Zakharova lashed out at Berlin on Friday.\n")
    events = coded_events(analysed(tmp_path, "summons.txt", article))
    assert {("111", "country-egy", "country-ken"), ("112", "donald-trump", "country-zaf"), ("111", "maria-zakharova", "country-deu")} <= events


def test_a_list_of_objects_is_one_event_each(tmp_path):
    article = ("World News\n\nPublished on Saturday 27 September 2025\n\n"
               "Iran on Saturday recalled its ambassadors to Germany, France and Britain for consultations.\n")
    events = coded_events(analysed(tmp_path, "recall.txt", article))
    assert {("161", "country-irn", c) for c in ("country-deu", "country-fra", "country-gbr")} <= events


def test_an_institution_named_by_its_nationality_acts_for_its_country(tmp_path):
    article = ("World News\n\nPublished on Friday 21 November 2025\n\n"
               "The Chinese Embassy in Buenos Aires criticised Argentina on Friday.\n")
    assert ("111", "country-chn", "country-arg") in coded_events(analysed(tmp_path, "embassy.txt", article))


def test_a_criticism_naming_no_party_is_aimed_at_the_one_other_country_of_its_sentence(tmp_path):
    article = ("World News\n\nPublished on Friday 21 November 2025\n\n"
               "Narendra Modi criticised what he called a campaign of lies run from Canada on Friday.\n")
    assert ("111", "narendra-modi", "country-can") in coded_events(analysed(tmp_path, "campaign.txt", article))


def test_a_name_inside_the_trigger_is_its_object(tmp_path):
    article = ("World News\n\nPublished on Friday 1 December 2023\n\n"
               "The International Court of Justice ordered Venezuela to refrain from any action that would modify the situation in Guyana.\n")
    assert ("020", "international-court-of-justice", "country-ven") in coded_events(analysed(tmp_path, "icj.txt", article))


def test_talks_on_an_announced_trip_are_still_to_come(tmp_path):
    article = ("World News\n\nPublished on Monday 26 March 2018\n\n"
               "Simon Coveney will travel to London on Thursday for talks with Boris Johnson.\n")
    events = coded_events(analysed(tmp_path, "trip.txt", article))
    assert ("036", "simon-coveney", "boris-johnson") in events
    assert not {e for e in events if e[0] in ("040", "042") or e[2] == "country-gbr"}
