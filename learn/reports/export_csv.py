"""CSV export: UTF-8 with BOM (Excel opens Vietnamese text correctly), every field quoted.

Text cells that a spreadsheet could run as a formula (starting with =, +, -, @, tab or
carriage return) get a leading apostrophe. Numbers are written by this module, never taken
from user input, so a negative discrimination stays a number.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from learn.reports.tables import Column, ReportDocument

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell that cannot be taken for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_value(value: Any, column: Column) -> str:
    """One cell as written in the CSV file."""
    if value is None:
        return ""
    if column.kind == "int":
        return str(int(value))
    if column.kind == "percent":
        return f"{round(value * 100)}%"
    if column.kind == "number":
        return f"{value:.{column.decimals}f}"
    if column.kind == "date":
        return value.isoformat()
    return neutralise(str(value))


def write_csv(document: ReportDocument) -> bytes:
    """The document as CSV bytes; several tables follow each other under their titles."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    several = len(document.tables) > 1
    for index, table in enumerate(document.tables):
        columns = [table.columns[i] for i in table.exported_columns]
        if several:
            if index:
                writer.writerow([])
            writer.writerow([neutralise(str(table.title))])
        writer.writerow([neutralise(str(c.label)) for c in columns])
        for row in table.rows:
            writer.writerow(
                [csv_value(row.values[i], table.columns[i]) for i in table.exported_columns]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
