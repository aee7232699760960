"""Lines inside a text page's body that belong to something else (tasks/page_blocks.py), through the
cleaner that lays the page out."""

from depeche.tasks.clean import clean_text_page

BODY = ("Le ministre des Affaires étrangères a reçu son homologue allemand à Paris pour préparer le sommet de "
        "Bruxelles, où les Vingt-Sept doivent s'accorder sur le budget de la défense européenne.")
MORE = ("Les deux hommes ont aussi évoqué l'aide à l'Ukraine et la situation au Proche-Orient, sans annoncer de "
        "nouvelle initiative commune avant la fin du mois, selon un diplomate présent à la rencontre.")


def reasons(page: str) -> dict[str, str]:
    return {block.text: block.reason for block in clean_text_page(page).removed}


def test_a_photos_caption_before_its_credit_is_removed_as_a_caption():
    caption = "Le ministre à son arrivée au Quai d'Orsay"
    page = (f"Un titre d'article assez long sur la diplomatie\n\n{BODY}\n\n{caption}\nPhoto : Jean Dupont / AFP\n\n"
            f"{MORE}\n")
    found = reasons(page)
    assert found[caption] == "caption" and found["Photo : Jean Dupont / AFP"] == "photo_credit"


def test_a_heading_with_a_lead_cut_short_is_a_teaser():
    heading, lead = "Budget européen : les Vingt-Sept divisés", "Les discussions sur le cadre financier pluriannuel ont repris…"
    page = f"Un titre d'article assez long sur la diplomatie\n\n{BODY}\n\n{heading}\n{lead}\n\n{MORE}\n"
    found = reasons(page)
    assert found.get(heading) == "teaser" and found.get(lead) == "teaser"
