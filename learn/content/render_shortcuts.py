"""Shortcuts that make rendering faster without changing a byte of its output.

Publishing renders thousands of texts; most quiz texts are one plain sentence and most body
paragraphs have no inline Markdown at all. Both shortcuts skip work whose result is known in
advance; the tests compare them with the full pipeline (``MarkdownRenderer(shortcuts=False)``).
"""

from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import InlineProcessor

# One line of words and punctuation that means nothing to Markdown or HTML: no emphasis,
# code, link, entity or tag character, no line break or tab, nothing at the start that would
# open a block (a heading, list, quote, table, admonition, "1." list) and no space at the ends.
_PLAIN_TEXT_RE = re.compile(r"(?!\d+\.)[^\W_](?:[^\W_]|[ .,;:?!()'\"/%+=…“”‘’–—-])*(?<! )")

# What each inline pattern of the renderer's configuration needs in a text to match at all.
_INLINE_TRIGGERS = {
    "backtick": ("`", "\\"),
    "escape": ("\\",),
    "footnote": ("[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


def is_plain_text(text: str) -> bool:
    """True for one line of words and punctuation that means nothing to Markdown or HTML."""
    return _PLAIN_TEXT_RE.fullmatch(text) is not None


def plain_paragraph(text: str) -> str | None:
    """``<p>text</p>``, what Markdown makes of one plain line of text; None for other texts."""
    if _PLAIN_TEXT_RE.fullmatch(text):
        return f"<p>{text}</p>"
    return None


def install_quick_inline(md: markdown.Markdown) -> None:
    """Replace the inline processor by one that skips texts no registered pattern can match.

    Only when every registered inline pattern is one whose trigger is known; a configuration
    with another pattern keeps Python-Markdown's processor.
    """
    names = [item.name for item in md.inlinePatterns._priority]  # the registry has no public list
    if not names or any(name not in _INLINE_TRIGGERS for name in names):
        return
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    triggers = {trigger for name in names for trigger in _INLINE_TRIGGERS[name]}
    md.treeprocessors.register(_QuickInlineProcessor(md, triggers), "inline", priority)


class _QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, returning at once texts that no pattern can match.

    Without any trigger every pattern's search fails, and the original returns the text
    unchanged after trying them all, one by one.
    """

    def __init__(self, md: markdown.Markdown, triggers: set[str]) -> None:
        super().__init__(md)
        # A character class finds any single-character trigger in one fast scan.
        characters = "".join(sorted(t for t in triggers if len(t) == 1))
        self.characters = re.compile(f"[{re.escape(characters)}]")
        self.strings = tuple(sorted(t for t in triggers if len(t) > 1))

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """The original ``__handleInline`` (name-mangled), skipped when nothing can match."""
        if self.characters.search(data) is None and not any(s in data for s in self.strings):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]
