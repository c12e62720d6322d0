"""The XSS corpus pushed through every place where text enters and is shown again.

Each payload either calls alert() (a dialog a browser test would see) or sets
``window.__xss`` (a marker a browser test reads back). Plain-text fields must show them
escaped, character for character; Markdown fields must come out sanitised.
"""

from __future__ import annotations

# Tags and handlers written the way attackers write them.
TAGS = [
    "<script>alert(1)</script>",
    "<script>window.__xss=1</script>",
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror=window.__xss=1>",
    "<svg onload=alert(1)>",
    "<svg/onload=window.__xss=1>",
    "<img src=x onerror=\"window.__xss=1\">",
    "<iframe src=\"javascript:window.__xss=1\"></iframe>",
    "<details open ontoggle=window.__xss=1>",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--><script>alert(1)</script>-->",
]
# Breaking out of the context the text lands in: <title>, <textarea>, attributes, comments.
BREAKERS = [
    "</title><script>window.__xss=1</script>",
    "</textarea><script>alert(1)</script>",
    "</option></select><script>alert(1)</script>",
    "\" autofocus onfocus=\"window.__xss=1\" x=\"",
    "' autofocus onfocus='window.__xss=1' x='",
    "` onmouseover=`window.__xss=1` x=`",
    "\" onmouseover=alert(1) \"",
    "--><script>alert(1)</script><!--",
]
# Text that a careless template or a template built from strings would evaluate.
TEMPLATES = [
    "{{7*7}}",
    "{{config}}",
    "{% print(7*7) %}",
    "${7*7}",
]
# Spellings that slip past naive filters.
UNICODE = [
    "＜script＞alert(1)＜/script＞",
    "\u202e<script>alert(1)</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<ScRiPt>alert(1)</sCrIpT>",
    "\u2028<script>alert(1)</script>",
]
# Link targets: what a field that ends up in href/src must never become.
LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:window.__xss=1",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]

CORPUS: list[str] = [*TAGS, *BREAKERS, *TEMPLATES, *UNICODE, *LINKS]
# The subset for fields with tight lengths or costs (a few of each family).
SHORT: list[str] = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "</title><script>window.__xss=1</script>",
    "\" autofocus onfocus=\"window.__xss=1\" x=\"",
    "` onmouseover=`window.__xss=1` x=`",
    "{{7*7}}",
    "\u202e<script>alert(1)</script>",
    "javascript:alert(1)",
]
# Markdown bodies: raw HTML the sanitiser must remove (the checker only warns), a link whose
# title tries to break out of its attribute, code spans that must stay text.
MARKDOWN = [
    "<a href=\"javascript:alert(1)\">x</a>",
    "<img src=x onerror=alert(1)>",
    "<script>window.__xss=1</script>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "[a](https://example.org \"\\\" onmouseover=\\\"alert(1)\")",
    "`<script>alert(1)</script>`",
    "<details open ontoggle=alert(1)>x</details>",
    "<!--><script>alert(1)</script>-->",
]
# Link targets the checker refuses outright: a course containing one is not published.
MARKDOWN_REFUSED = [
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:window.__xss=1)",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
]

# Output that must never appear in a page: a template evaluated or a secret printed.
TEMPLATE_RESULTS = ("49", "SECRET_KEY", "test-secret-key")


def numbered(payload: str, n: int) -> str:
    """The payload made unique for a field (a suffix, so breakers still break first)."""
    return f"{payload} #{n}"
