"""Rendering Markdown texts found inside YAML (prompts, options, feedback) with linting."""

from __future__ import annotations

from collections.abc import Callable

from learn.content.blocks import LinkRef, scan_body
from learn.content.diagnostics import Pos, Reporter
from learn.content.render import MarkdownRenderer
from learn.content.render_shortcuts import is_plain_text

LinkChecker = Callable[[list[LinkRef], Reporter], None]


class TextRenderer:
    """Renders short Markdown texts of one course and checks their links and images.

    ``used_assets`` collects the sha256 of every asset the texts rendered since the last
    ``take_used_assets()``, so a question's hash can include the images it shows.
    """

    def __init__(self, renderer: MarkdownRenderer, check_links: LinkChecker | None = None):
        self.renderer = renderer
        self.check_links = check_links
        self.used_assets: set[str] = set()

    def block(self, text: str, pos: Pos | None, rep: Reporter) -> str:
        """Lint and render a Markdown text to block HTML."""
        if not text:
            return ""
        if not (self.renderer.shortcuts and is_plain_text(text)):  # a plain line has no links
            self._lint(text, pos, rep)
        rendered = self.renderer.render(text)
        self.used_assets.update(rendered.asset_hashes)
        return rendered.html

    def inline(self, text: str, pos: Pos | None, rep: Reporter) -> str:
        """Lint and render a short Markdown text, without a lone wrapping paragraph."""
        html = self.block(text, pos, rep)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html

    def take_used_assets(self) -> tuple[str, ...]:
        """The assets used since the last call, sorted; resets the collection."""
        used = tuple(sorted(self.used_assets))
        self.used_assets = set()
        return used

    def _lint(self, text: str, pos: Pos | None, rep: Reporter) -> None:
        line = pos.line if pos else 1
        scanned = scan_body(text, line, rep)
        if scanned.quizzes:
            rep.error("quiz_in_text", Pos(line))
        if self.check_links is not None:
            self.check_links(scanned.links, rep)
