"""Reading report tables back from HTML, CSV and XLSX, into comparable values."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from html.parser import HTMLParser

from openpyxl import load_workbook

HIDDEN_CLASSES = {"visually-hidden"}


class _Tables(HTMLParser):
    """Collects every <table id=...>: its caption, header cells and body/foot rows as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict] = {}
        self._table: dict | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self._in_caption = False
        self._hidden_depth = 0
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = bool(HIDDEN_CLASSES & set((attrs.get("class") or "").split())) or (
            attrs.get("aria-hidden") == "true"
        )
        if tag not in ("br", "input", "img", "meta", "link"):
            self._stack.append((tag, hidden))
            if hidden:
                self._hidden_depth += 1
        if tag == "table":
            self._table = {"caption": "", "header": [], "rows": []}
            self.tables[attrs.get("id", str(len(self.tables)))] = self._table
        elif tag == "thead":
            self._in_head = True
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if self._stack:
            _opened, hidden = self._stack.pop()
            if hidden:
                self._hidden_depth -= 1
        if tag == "table":
            self._table = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            (self._table["header"] if self._in_head else self._table["rows"]).append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._hidden_depth:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption and self._table is not None:
            self._table["caption"] += data


def html_tables(html: str) -> dict[str, dict]:
    """Tables of a page by id: {"caption", "header": [[...]], "rows": [[...], ...]}."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def screen_value(text: str, kind: str):
    """A screen cell as a comparable value (Vietnamese formats)."""
    text = text.strip()
    if text in ("", "–"):
        return None
    if kind == "int":
        return int(text)
    if kind == "percent":
        return int(text.replace("%", "").strip()) / 100
    if kind == "number":
        return float(text.replace(",", "."))
    if kind == "date":
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return text


def csv_value(text: str, kind: str):
    """A CSV cell as a comparable value (formula guard removed from text)."""
    if text == "":
        return None
    if kind == "int":
        return int(text)
    if kind == "percent":
        return int(text.rstrip("%")) / 100
    if kind == "number":
        return float(text)
    if kind == "date":
        return date.fromisoformat(text)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    return text


def xlsx_value(value, kind: str):
    """An XLSX cell as a comparable value."""
    if value is None:
        return None
    if kind == "percent":
        return round(float(value), 2)
    if kind == "date" and isinstance(value, datetime):
        return value.date()
    return value


def csv_sections(data: bytes) -> list[list[list[str]]]:
    """The CSV's tables: sections separated by an empty line; BOM required and removed."""
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sections, current = [], []
    for row in rows:
        if not row:
            sections.append(current)
            current = []
        else:
            current.append(row)
    sections.append(current)
    return sections


def xlsx_sheets(data: bytes) -> list[list[list]]:
    """Every sheet's rows (values), in order."""
    workbook = load_workbook(io.BytesIO(data))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook]
