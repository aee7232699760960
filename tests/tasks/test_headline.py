"""The headline of a text page (tasks/headline.py), on lines as the clean stage makes them."""

from depeche.tasks import clean, headline
from depeche.tasks.clean import _make_line

BODY = ("Angela Merkel and Emmanuel Macron agreed on Tuesday in Berlin on a common budget for the euro area, "
        "after months of talks between the German and French finance ministers about its size and its rules, "
        "and they will present the budget plan to the other governments of the euro area next month in Brussels.")


def lines_of(*texts):
    return [_make_line(i, text) for i, text in enumerate(texts)]


def test_tickers_menus_and_shouted_labels_are_no_headline():
    for text in ("NSE 20 Share Index 4,405.88 ▼ | KES/USD 101.85 ▲ | Gold 1,204", "BREAKING: Storm hits the coast tonight",
                 "Home News Wealth Work Careers Life Luxury", "World > Europe > Germany > Politics"):
        assert not headline.may_be_headline(_make_line(0, text)), text
    assert headline.may_be_headline(_make_line(0, "Merkel and Macron agree on a budget for the euro area"))


def test_the_longest_heading_of_the_header_is_the_headline():
    lines = lines_of("Menu", "Merkel and Macron agree on a budget for the euro area", "By Jane Doe", BODY)
    assert headline.find_title(lines, 3) == 1


def test_a_headline_off_the_body_topic_gives_way_to_the_line_on_topic():
    lines = lines_of("Special weather statement in effect for Toronto tonight", "Merkel and Macron agree on a budget for the euro area",
                     BODY, BODY)
    assert headline.headline_on_topic(lines, [2, 3], 0) == 1
    assert headline.headline_on_topic(lines, [2, 3], 1) is None  # the headline found shares the body's topic


def test_a_tabs_title_gives_way_to_the_headline_the_header_repeats():
    result = clean.clean_text_page(
        "Namur : les pharmacies de garde débordées | L'Avenir\n\nL'Avenir\n\nRégions\n\nSports\n\n"
        "Namur : les pharmacies de garde débordées\n\n" + BODY
    )
    assert result.title == "Namur : les pharmacies de garde débordées"
    assert "L'Avenir" not in result.clean_text


def test_a_tabs_title_loses_the_sites_name_when_the_page_shows_it():
    result = clean.clean_text_page("Offenbach: Tafel muss Aufnahmestopp verhängen | FR.de\n\nStartseite\n\n" + BODY)
    assert result.title == "Offenbach: Tafel muss Aufnahmestopp verhängen"
    assert ("site_name", "FR.de") in {(block.reason, block.text) for block in result.removed}


def test_a_headline_with_a_dash_keeps_its_words():
    result = clean.clean_text_page("Ukraine - Russie : les négociations reprennent à Genève\n\n" + BODY)
    assert result.title == "Ukraine - Russie : les négociations reprennent à Genève"


def test_a_short_line_the_site_repeats_is_no_headline_unless_on_topic():
    share = "Facebook Flipboard Email"
    lines = lines_of(share, "Budget : Merkel et Macron s'accordent à Berlin", BODY, share, BODY)
    assert headline.find_title(lines, 2) == 1
    lines = lines_of("Euro area budget", "Menu", BODY, "Euro area budget", BODY)
    assert headline.find_title(lines, 2) == 0


def test_a_long_headline_without_a_full_stop_beats_a_weather_line_above_it():
    title = "Merkel and Macron agree in Berlin on a common budget for the euro area after months of talks between ministers"
    lines = lines_of("Lyon 17° Cloudy with sunny spells", "Menu", title, BODY, BODY)
    prose = [i for i, line in enumerate(lines) if line.is_prose]
    assert prose[0] == 2 and headline.headline_read_as_prose(lines, prose, 0) == 2
    assert headline.headline_read_as_prose(lines_of("Menu", BODY, BODY), [1, 2], None) is None  # a paragraph is no headline
