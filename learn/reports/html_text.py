"""Plain text from the sanitised HTML of published questions (for labels in tables)."""

from __future__ import annotations

from html.parser import HTMLParser


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str | None) -> str:
    """The text of an HTML fragment, tags dropped, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    return " ".join("".join(collector.parts).split())
