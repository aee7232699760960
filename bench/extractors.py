"""Extractor callables for the peer bench: ours (the pipeline's HTML path) and trafilatura's default."""

from __future__ import annotations

from depeche.tasks.html_clean import clean_html_page


def depeche_body(html: str) -> str:
    """The article body the pipeline stores for an HTML page, without the headline paragraph."""
    result = clean_html_page(html)
    paragraphs = result.clean_text.split("\n\n")
    if result.title and paragraphs and paragraphs[0] == result.title:
        paragraphs = paragraphs[1:]
    return "\n".join(paragraphs)


def trafilatura_default(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""
