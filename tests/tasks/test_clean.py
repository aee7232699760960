import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from depeche.tasks.clean import clean_document, clean_text_page
from depeche.tasks.plain_text import normalize_text
from tests.golden.pin import GOLDEN, SAMPLES, golden_record

SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
def test_sample_matches_golden(path: Path):
    expected = json.loads((GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert golden_record(path) == expected


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
def test_sample_keeps_headline_once_and_no_known_chrome(path: Path):
    result = clean_text_page(path.read_text(encoding="utf-8"))
    paragraphs = result.clean_text.split("\n\n")
    assert result.title and paragraphs[0] == result.title and paragraphs.count(result.title) == 1
    for chrome in ["Temps de lecture", "Newsletter", "Partager", "Publicité", "Tous droits réservés", "commentaire", "Accueil /", "Table of Contents", "Suivez-nous", "À découvrir"]:
        assert chrome not in result.clean_text


def test_nothing_is_lost_silently():
    page = "Menu\nAccueil / Monde / Titre\nUn titre d’article assez long\n\nLe président a parlé longuement devant les députés de la situation du pays.\nPartager\nLire aussi : Un autre article\n"
    result = clean_text_page(page)
    kept = set(result.clean_text.split("\n\n"))
    assert len(normalize_text(page).split("\n")) < 20  # too short to be taken for a hard-wrapped page
    removed = {block.text for block in result.removed}
    for line in filter(None, normalize_text(page).split("\n")):
        assert line in kept or line in removed


def test_short_article_lines_between_paragraphs_are_kept():
    page = (
        "Sommet de l'Otan à Vilnius\n\n"
        "Les dirigeants des pays membres se sont retrouvés mardi à Vilnius pour un sommet consacré à l'Ukraine.\n\n"
        "Une adhésion différée\n\n"
        "« Nous ne céderons pas. »\n\n"
        "Le président ukrainien a dénoncé une décision « absurde » prise sans lui, selon plusieurs diplomates.\n\n"
        "Partager\n\nLire aussi\n\nUn autre titre sans rapport\n"
    )
    result = clean_text_page(page)
    assert result.clean_text.split("\n\n") == [
        "Sommet de l'Otan à Vilnius",
        "Les dirigeants des pays membres se sont retrouvés mardi à Vilnius pour un sommet consacré à l'Ukraine.",
        "Une adhésion différée",
        "« Nous ne céderons pas. »",
        "Le président ukrainien a dénoncé une décision « absurde » prise sans lui, selon plusieurs diplomates.",
    ]


def test_other_languages_do_not_break_cleaning():
    page = "Summit in Beijing\n\nRussian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit, his first trip abroad since his re-election.\n\nShare this article\n\n3 min read\n"
    result = clean_document(page, "text")
    assert result.language == "en"
    assert result.title == "Summit in Beijing"
    assert "Share" not in result.clean_text and "min read" not in result.clean_text


def collapse(text: str) -> str:
    """White space folded: unwrapping hard-wrapped lines turns line breaks into spaces."""
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_cleaning_never_raises_and_never_invents_text(text):
    result = clean_text_page(text)
    source = collapse(normalize_text(text))
    for paragraph in filter(None, result.clean_text.split("\n\n")):
        assert collapse(paragraph) in source
    if result.title:
        assert collapse(result.title) in source


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Partager", "Temps de lecture : 3 min", "Le ministre a rencontré son homologue à Moscou pour des entretiens.", "\u00a0", "\u200b", "\r\n", "\n\n", "« Citation »", "Titre court"]), max_size=30))
def test_cleaning_is_robust_to_mixed_layout(parts):
    text = "\n".join(parts)
    result = clean_text_page(text)
    assert "\r" not in result.clean_text and "\u200b" not in result.clean_text
    for paragraph in filter(None, result.clean_text.split("\n\n")):
        assert collapse(paragraph) in collapse(normalize_text(text))


def test_the_headline_is_no_ticker_menu_or_standfirst():
    body = ("ISLAMABAD: Chinese President Xi Jinping and Prime Minister Nawaz Sharif on Monday launched a package of "
            "energy and infrastructure projects worth $46 billion, the largest investment the country has seen.\n\n"
            "The two sides signed 51 memorandums of understanding, covering the deep-sea port at Gwadar and roads.\n")
    ticker = "LIVE: KSE-100 33,412.08 ▲ 402.17 (1.22%)   |   USD/PKR 101.85   |   Gold (Tola) Rs46,300"
    headline = "Xi, Nawaz unveil $46bn economic corridor as Chinese president hails 'iron brother'"
    standfirst = "51 agreements signed in Islamabad; military promises special security division to protect Chinese workers on corridor projects"
    page = f"THE NATIONAL LEDGER\n{ticker}\nHome  Pakistan  World  Business  Sport  Opinion\n\n{headline}\n\n{standfirst}\n\n{body}\n{ticker}\n"
    assert clean_text_page(page).title == headline
    # a weather alert that reads as a paragraph, a masthead the footer repeats, a byline under the standfirst
    headline = "Trump says NHS 'on the table' as May hosts final talks before stepping down"
    body = ("Donald Trump said on Tuesday that the National Health Service would be on the table in any trade talks "
            "after Brexit, at a joint press conference with Theresa May at the Foreign Office in London, where the two "
            "leaders spent most of an hour on trade, on Huawei and on the Iran nuclear deal before taking questions.\n\n"
            "Theresa May, who steps down as Conservative leader on Friday, said the NHS was not for sale and that "
            "any trade deal with Washington would have to respect British food standards, Downing Street said.\n")
    page = ("THE LONDON LEDGER\n\nMet Office yellow warning: thunderstorms for London and the South East from 2pm "
            "until 10pm Tuesday. Expect travel disruption.\n\nPolitics > Brexit\n\n"
            f"{headline}\n\nThe president promised a trade deal after Brexit, but his comments on the health service "
            "drew a rebuke.\n\nBy Eleanor Whitcombe, Political Correspondent\n4 June 2019, 7:42pm BST\n\n"
            f"{body}\nTHE LONDON LEDGER\n")
    assert clean_text_page(page).title == headline
    # a menu of section names, with an ampersand, that the footer repeats
    menu = "Home Markets Politics Policy World Property Technology Opinion Wealth Work & Careers Life & Luxury"
    page = f"{menu}\n\n{headline}\n\n{body}\n{menu}\n"
    assert clean_text_page(page).title == headline


