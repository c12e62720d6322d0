"""Visiting pages and collecting every place where injected text came alive."""

from __future__ import annotations

from collections.abc import Iterable

from tests.security.html_checks import live_markup, shows_as_text


def visit(client, urls: Iterable[str]) -> dict[str, str]:
    """GET each URL; the HTML pages (any status) by URL. Server errors fail at once."""
    pages = {}
    for url in urls:
        response = client.get(url)
        body = response.get_data(as_text=True)
        response.close()
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.mimetype == "text/html":
            pages[url] = body
    return pages


def live_problems(pages: dict[str, str]) -> list[str]:
    """Live markup found in any of the pages, as readable lines."""
    return [f"{url}: {problem}" for url, html in pages.items() for problem in live_markup(html)]


def missing_texts(html: str, texts: Iterable[str], where: str) -> list[str]:
    """The texts a page should show (escaped, as text) but does not."""
    return [f"{where}: not shown as text: {text!r}" for text in texts
            if not shows_as_text(html, text)]
