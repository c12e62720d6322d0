"""XLSX export (openpyxl, streaming): real numbers, percents and dates; styled, frozen header.

Each table becomes a sheet; an "About" sheet holds the title and the filters in words.
Text is stored as text, never as a formula, whatever it starts with.
"""

from __future__ import annotations

import io
import re
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from learn.reports.tables import Column, ReportDocument, ReportTable

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMATS = {"percent": "0.0%", "date": "DD/MM/YYYY"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60
MIN_WIDTH = 8
WIDTH_SAMPLE_ROWS = 500


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        name = f"{base[:26]} {n}"
        n += 1
    taken.add(name.casefold())
    return name


def _cell(sheet, value: Any, column: Column) -> WriteOnlyCell | int | str | None:
    # Plain values are much cheaper to write; cells are built only for a format or for text
    # that openpyxl would otherwise store as a formula.
    if value is None or column.kind == "int":
        return value
    if column.kind == "text" and not str(value).startswith("="):
        return str(value)
    if column.kind in ("percent", "number", "date"):
        cell = WriteOnlyCell(sheet, value=value)
        if column.kind == "number":
            cell.number_format = "0." + "0" * column.decimals if column.decimals else "0"
        elif column.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.kind]
        return cell
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # a text starting with "=" stays text
    return cell


def _width(table: ReportTable, index: int) -> float:
    column = table.columns[index]
    longest = len(str(column.label))
    for row in table.rows[:WIDTH_SAMPLE_ROWS]:
        value = row.values[index]
        if column.kind == "date":
            size = 10
        elif column.kind == "percent":
            size = 7
        else:
            size = len(str(value)) if value is not None else 0
        longest = max(longest, size)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _write_table(workbook: Workbook, table: ReportTable, taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(str(table.title), taken))
    indexes = table.exported_columns
    for position, index in enumerate(indexes, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = _width(table, index)
    sheet.freeze_panes = "A2"
    header = []
    for index in indexes:
        cell = WriteOnlyCell(sheet, value=str(table.columns[index].label))
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_cell(sheet, row.values[i], table.columns[i]) for i in indexes])


def _write_about(workbook: Workbook, document: ReportDocument, taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(_("About"), taken))
    sheet.column_dimensions["A"].width = 100
    title = WriteOnlyCell(sheet, value=str(document.title))
    title.data_type = "s"
    title.font = HEADER_FONT
    sheet.append([title])
    for note in document.notes:
        cell = WriteOnlyCell(sheet, value=str(note))
        cell.data_type = "s"
        sheet.append([cell])


def write_xlsx(document: ReportDocument) -> bytes:
    """The document as an XLSX workbook."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for table in document.tables:
        _write_table(workbook, table, taken)
    _write_about(workbook, document, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
