"""The structural checker itself: it sees live payloads and passes escaped ones."""

from __future__ import annotations

import html

import pytest

from tests.security.html_checks import live_markup, shows_as_text
from tests.security.payloads import CORPUS

LIVE = [
    "<p><script>alert(1)</script></p>",
    '<input value=""><img src=x onerror=alert(1)>">',
    "<svg onload=alert(1)>",
    '<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<input value="" autofocus onfocus="window.__xss=1" x="">',
    "<title></title><script>window.__xss=1</script></title>",
    '<img srcset="x.png 1x, javascript:alert(1) 2x">',
    '<form action="data:text/html,x"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<p style="color:red">x</p>',
    '<script src="https://evil.example/x.js"></script>',
]


@pytest.mark.parametrize("page", LIVE)
def test_live_markup_is_found(page):
    assert live_markup(page)


@pytest.mark.parametrize("payload", CORPUS)
def test_escaped_payloads_pass_and_are_seen_as_text(payload):
    page = (f"<title>{html.escape(payload)}</title><h1>{html.escape(payload)}</h1>"
            f'<input value="{html.escape(payload)}">'
            '<script src="/static/quiz-timer.js" defer></script>')
    assert live_markup(page) == []
    assert shows_as_text(page, payload)


def test_text_that_is_not_there_is_not_seen():
    assert not shows_as_text("<p>&lt;b&gt;</p>", "<script>")
    assert not shows_as_text("<p><b>x</b></p>", "<b>x</b>")
