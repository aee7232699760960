"""The headline of a text page (tasks/headline.py), on lines as the clean stage makes them."""

from depeche.tasks import headline
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
