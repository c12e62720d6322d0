"""Reading the CSV files people make with Excel or LibreOffice, and writing safe ones.

UTF-8 with or without BOM, comma or semicolon separator, a size and row limit, row numbers as
a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from learn.orgs.errors import OrgError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
# A cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvRow:
    """One data row: its spreadsheet row number and its cells by lower-case column name."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The trimmed cell of a column ("" when absent)."""
        return self.cells.get(column, "")


@dataclass(frozen=True)
class CsvTable:
    """A parsed file: its column names (lower case, trimmed), rows and separator."""

    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    delimiter: str


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def unescape_cell(value: str) -> str:
    """Undo the apostrophe that `escape_cell` put before a formula-like cell."""
    if len(value) > 1 and value[0] == "'" and value[1].startswith(_FORMULA_START):
        return value[1:]
    return value


def escape_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def read_limited(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, reading no more than the limit allows; OrgError when larger."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OrgError("file_too_large", str(max_bytes // 1024))
    return data


def read_csv(data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> CsvTable:
    """Parse an uploaded CSV; OrgError for a file too large, not UTF-8, empty or malformed."""
    if len(data) > max_bytes:
        raise OrgError("file_too_large", str(max_bytes // 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OrgError("invalid_utf8", str(error.start)) from error
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise OrgError("empty_file")
    if "\x00" in text:
        # No text field may hold NUL (and PostgreSQL cannot even search for one).
        raise OrgError("malformed_csv", f"NUL, position {text.index(chr(0))}")
    delimiter = _delimiter(text.splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise OrgError("malformed_csv", str(error)) from error
    header = [cell.strip().lower() for cell in records[0]]
    named = [h for h in header if h]
    if len(set(named)) != len(named):
        raise OrgError("duplicate_column", next(h for h in named if named.count(h) > 1))
    rows: list[CsvRow] = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines that spreadsheets leave at the end
        if len(rows) >= max_rows:
            raise OrgError("too_many_rows", str(max_rows))
        cells = {
            name: unescape_cell(record[i].strip()) if i < len(record) else ""
            for i, name in enumerate(header)
            if name
        }
        rows.append(CsvRow(index, cells))
    return CsvTable(tuple(h for h in header if h), tuple(rows), delimiter)


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool) -> str:
    """A CSV text (comma-separated, CRLF) with formula-like cells escaped."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return out.getvalue()
