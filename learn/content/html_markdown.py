"""Converting sanitised HTML (from Moodle GIFT ``[html]`` texts) to our Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_KEEP_TAGS = {
    "p", "br", "strong", "b", "em", "i", "code", "pre", "ul", "ol", "li", "a", "img",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
}
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Plain text made safe to read as Markdown (special characters backslash-escaped)."""
    return _MD_SPECIAL_RE.sub(r"\\\1", text)


def html_to_markdown(fragment: str) -> str:
    """Sanitise ``fragment`` and write it as Markdown (bold, italics, lists, links...)."""
    clean = nh3.clean(
        fragment, tags=_KEEP_TAGS, attributes={"a": {"href"}, "img": {"src", "alt"}},
        url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True,
    )
    writer = _Writer()
    writer.feed(clean)
    writer.close()
    text = "".join(writer.out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _Writer(HTMLParser):
    """Streams Markdown while walking the (already sanitised) HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list[int]] = []  # one [counter] per open list; counter -1 = bullets
        self.href: list[str | None] = []
        self.in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open the Markdown construct of ``tag``."""
        attr = dict(attrs)
        if tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "code" and not self.in_pre:
            self.out.append("`")
        elif tag == "pre":
            self.in_pre = True
            self.out.append("\n\n```\n")
        elif tag in ("p", "blockquote"):
            self.out.append("\n\n> " if tag == "blockquote" else "\n\n")
        elif tag == "br":
            self.out.append("  \n")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
            self.out.append("\n")
        elif tag == "li":
            indent = "    " * max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0] >= 0:
                self.lists[-1][0] += 1
                self.out.append(f"\n{indent}{self.lists[-1][0]}. ")
            else:
                self.out.append(f"\n{indent}- ")
        elif tag == "a":
            self.href.append(attr.get("href"))
            if attr.get("href"):
                self.out.append("[")
        elif tag == "img":
            alt = escape_markdown(attr.get("alt") or "")
            self.out.append(f"![{alt}]({attr.get('src') or ''})")

    def handle_endtag(self, tag: str) -> None:
        """Close the Markdown construct of ``tag``."""
        if tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "code" and not self.in_pre:
            self.out.append("`")
        elif tag == "pre":
            self.in_pre = False
            self.out.append("\n```\n\n")
        elif tag in ("p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.out.append("\n\n")
        elif tag == "a":
            href = self.href.pop() if self.href else None
            if href:
                self.out.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        """Write text, escaped unless inside a code block."""
        if self.in_pre:
            self.out.append(data)
        else:
            self.out.append(escape_markdown(re.sub(r"\s+", " ", data)))
