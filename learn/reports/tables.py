"""The one shape every report takes: titled tables of typed cells.

Screen, CSV and XLSX are all rendered from the same `ReportDocument`, so the numbers in the
files are the numbers on the page. Ratios are rounded once, here, to whole percents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from learn.reports.sorting import SortState

ColumnKind = Literal["text", "int", "percent", "number", "date"]


@dataclass(frozen=True)
class Column:
    """A column: key (for sorting and links), translated label, kind of value."""

    key: str
    label: Any
    kind: ColumnKind = "text"
    sortable: bool = False
    screen_only: bool = False  # links such as "People" that mean nothing in a file
    decimals: int = 0  # for kind "number"

    @property
    def numeric(self) -> bool:
        """True for right-aligned numeric columns."""
        return self.kind in ("int", "percent", "number")


@dataclass(frozen=True)
class Link:
    """A link shown in a cell on screen (never exported)."""

    url: str
    label: str | None = None  # accessible name when the visible text is not enough


@dataclass(frozen=True)
class Row:
    """One row of values, in column order; links by column key; total rows are marked."""

    values: tuple[Any, ...]
    links: Mapping[str, Link] = field(default_factory=dict)
    total: bool = False


@dataclass(frozen=True)
class ReportTable:
    """A table of a report, with its caption (title) and optional sort state."""

    key: str
    title: Any
    columns: tuple[Column, ...]
    rows: Sequence[Row]
    sort_key: str | None = None
    descending: bool = False

    @property
    def exported_columns(self) -> list[int]:
        """Indexes of the columns written to files."""
        return [i for i, c in enumerate(self.columns) if not c.screen_only]


@dataclass(frozen=True)
class ReportDocument:
    """A whole report as exported: title, filename stem, the filters in words, its tables."""

    title: str
    filename_stem: str
    tables: Sequence[ReportTable]
    notes: Sequence[str] = ()


def sorted_table_document(*, key: str, table_title: Any, columns: tuple[Column, ...],
                          rows: Sequence[Row], sort: SortState, title: str,
                          filename_stem: str, notes: Sequence[str]) -> ReportDocument:
    """A report made of one table shown in the order asked for (organisation, people)."""
    table = ReportTable(key=key, title=table_title, columns=columns, rows=rows,
                        sort_key=sort.key, descending=sort.descending)
    return ReportDocument(title=title, filename_stem=filename_stem, tables=[table],
                          notes=notes)


def ratio(part: int, whole: int) -> float | None:
    """part / whole rounded half-up to a whole percent (0.67), or None when whole is 0."""
    if not whole:
        return None
    value = (Decimal(part) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(value)


def percent_of_score(score: float | None) -> float | None:
    """A quiz score 0..100 as a ratio rounded to a whole percent."""
    if score is None:
        return None
    value = (Decimal(str(score)) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(value)


def one_decimal(value: float | None) -> float | None:
    """A number rounded half-up to one decimal place."""
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def two_decimals(value: float | None) -> float | None:
    """A number rounded half-up to two decimal places."""
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def is_date(value: object) -> bool:
    """True for a date cell value."""
    return isinstance(value, date)
