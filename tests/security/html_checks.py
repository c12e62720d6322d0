"""Structural checks of rendered pages: injected text stays text, never markup.

A page is parsed with html.parser (as a browser would tokenise it, near enough) and every
element, attribute and URL is examined; string searches alone would miss a payload that
arrives re-encoded or split.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements the app never emits; any of them in a page means injected markup.
FORBIDDEN_ELEMENTS = frozenset({
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math",
    "foreignobject", "portal", "noscript", "template", "xmp", "plaintext", "listing",
})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
    "codebase", "cite", "longdesc", "srcset", "ping", "manifest", "lowsrc", "dynsrc",
})
SCRIPT_SOURCES = ("/static/", "/reports/static/")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "mocha:", "data:")


@dataclass
class Page:
    """What a page is made of: elements with attributes, text, script bodies."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    script_bodies: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def attribute_values(self) -> list[str]:
        """Every attribute value of every element."""
        return [v for _tag, attrs in self.elements for v in attrs.values() if v]

    def plain_text(self) -> str:
        """The text content with whitespace collapsed."""
        return " ".join("".join(self.text).split())


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values: dict[str, str | None] = {}
        for name, value in attrs:
            values.setdefault(name, value)
        self.page.elements.append((tag, values))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.page.script_bodies.append(data)
        else:
            self.page.text.append(data)

    def handle_comment(self, data):
        self.page.comments.append(data)


def parse(html: str) -> Page:
    """Parse a page."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def _url_is_dangerous(tag: str, name: str, value: str) -> bool:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    squeezed = _INVISIBLE.sub("", value).lower()
    if name == "srcset":
        return any(_url_is_dangerous(tag, "src", part.strip()) for part in value.split(","))
    if squeezed.startswith("data:image/") and tag == "img":
        return False
    return squeezed.startswith(DANGEROUS_SCHEMES)


def live_markup(html: str) -> list[str]:
    """Everything in the page that would run script or load foreign content."""
    page = parse(html)
    problems: list[str] = []
    for tag, attrs in page.elements:
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}> element")
        if tag == "script":
            src = attrs.get("src") or ""
            if not src.startswith(SCRIPT_SOURCES):
                problems.append(f"<script src={src!r}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>")
            if name in ("style", "srcdoc"):
                problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value and _url_is_dangerous(tag, name, value):
                problems.append(f"<{tag} {name}={value!r}>")
    problems += [f"inline script {body[:60]!r}" for body in page.script_bodies if body.strip()]
    return problems


def as_stored(text: str) -> str:
    """How the app stores a one-line text field: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def shows_as_text(html: str, text: str) -> bool:
    """True when the text is in the page as text or as an attribute value, unchanged."""
    page = parse(html)
    wanted = " ".join(text.split())
    if wanted in page.plain_text():
        return True
    return any(wanted == " ".join(v.split()) or wanted in " ".join(v.split())
               for v in page.attribute_values())


def assert_inert(html: str, where: str, shown: list[str] | tuple[str, ...] = ()) -> None:
    """The page has no live markup, and every text in `shown` appears escaped, as text."""
    problems = live_markup(html)
    assert not problems, f"{where}: live markup {problems}"
    missing = [t for t in shown if not shows_as_text(html, t)]
    assert not missing, f"{where}: not shown as text: {missing}"
