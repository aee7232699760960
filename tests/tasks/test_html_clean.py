"""HTML pages (tasks/html_clean.py): trafilatura's main text, the standfirst, metadata, one parse."""

import pytest

from depeche.tasks.html_clean import clean_html_page
from tests.tasks.test_page_dates import BODY, STANDFIRST


def test_html_page_main_text_and_metadata():
    html = """<html><head><title>Sommet à Pékin - Le Quotidien</title>
    <meta property="og:site_name" content="Le Quotidien"><meta property="article:published_time" content="2024-05-16T08:00:00+02:00">
    <style>p{color:red}</style><script>var tracking = "Partager sur Facebook";</script></head>
    <body><nav><a>Accueil</a> <a>International</a> <a>Newsletter</a></nav>
    <article><h1>Sommet à Pékin</h1>
    <p>Le président russe Vladimir Poutine est arrivé jeudi à Pékin pour une visite d'État de deux jours, sa première à l'étranger depuis sa réélection.</p>
    <p>Il doit s'entretenir avec son homologue chinois Xi Jinping de la guerre en Ukraine et des échanges commerciaux entre les deux pays.</p>
    <p>Les deux dirigeants devraient signer une déclaration commune sur le « partenariat stratégique global » entre Moscou et Pékin.</p></article>
    <aside><h3>À lire aussi</h3><a>Un autre article sans rapport</a></aside><footer>© Le Quotidien 2024 - Mentions légales</footer></body></html>"""
    result = clean_html_page(html)
    assert result.title == "Sommet à Pékin"
    assert result.source_name == "Le Quotidien"
    assert result.published_at.isoformat() == "2024-05-16" and result.published_precision == "day"
    assert "Vladimir Poutine est arrivé jeudi à Pékin" in result.clean_text
    for chrome in ["tracking", "color:red", "Mentions légales", "Un autre article", "Newsletter"]:
        assert chrome not in result.clean_text
    assert any("Mentions légales" in block.text for block in result.removed)


@pytest.mark.parametrize(("paragraphs", "modes"), [(12, [True]), (1, [True, False])])
def test_html_page_is_parsed_once_and_short_fast_extractions_are_redone_in_full(monkeypatch, paragraphs, modes):
    import trafilatura

    from depeche.tasks import html_page

    parses, fast_modes = [], []
    parse, extract = html_page.parse, trafilatura.bare_extraction
    monkeypatch.setattr(html_page, "parse", lambda html: parses.append(html) or parse(html))
    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda tree, options: fast_modes.append(options.fast) or extract(tree, options=options))
    sentence = "Le président a rencontré mardi son homologue pour discuter de la situation régionale et des échanges. "
    html = ("<html><head><title>Sommet</title></head><body><article><h1>Sommet</h1>"
            + "".join(f"<p>Au point {n}, {sentence * 2}</p>" for n in range(paragraphs)) + "</article></body></html>")
    result = clean_html_page(html)
    assert len(parses) == 1 and fast_modes == modes  # trafilatura works on the tree, not the string
    assert sentence.strip() in result.clean_text


def test_the_markup_date_is_the_meta_source():
    html = ("<html><head><meta property='article:published_time' content='2024-06-17T10:00:00+02:00'><title>Bonn</title></head>"
            f"<body><article><h1>Climat : les négociations de Bonn s'achèvent sans accord</h1><p>{STANDFIRST}</p><p>{BODY}</p></article></body></html>")
    result = clean_html_page(html)
    assert (str(result.published_at), result.published_source) == ("2024-06-17", "meta")


def test_a_page_laid_out_in_a_table_is_cleaned_from_its_visible_text():
    menu = "<tr><td>Política | Economia | Esportes | Viver | Classificados</td><td></td><td></td></tr>"
    article = (f"<tr><td><h1>Blocos do Recife Antigo terão horário limitado no Carnaval</h1><p>{STANDFIRST}</p><p>{BODY}</p></td>"
               "<td>Outras notícias: Galo da Madrugada divulga trajeto oficial</td><td></td></tr>")
    html = f"<html><head><title>Blocos</title></head><body><table>{menu}{article}<tr><td>Copyright © 2025 Diario</td><td></td></tr></table></body></html>"
    result = clean_html_page(html)
    assert BODY in result.clean_text and "|" not in result.clean_text
    assert "Classificados" not in result.clean_text
