"""Reading exported files the way a spreadsheet program would see them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

XLSX_MAGIC = b"PK\x03\x04"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# A cell a spreadsheet may run: it starts with one of these (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?%?$")


@dataclass(frozen=True)
class XlsxCell:
    """One cell of a workbook: where, its type attribute, text, and formula if any."""

    sheet: str
    ref: str
    type: str
    text: str
    formula: str | None


def csv_cells(data: bytes) -> list[str]:
    """Every cell of a CSV download (UTF-8, BOM allowed, comma or semicolon)."""
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            for cell in row]


def runnable_csv_cells(data: bytes) -> list[str]:
    """CSV cells a spreadsheet would take for a formula (plain numbers excepted)."""
    return [c for c in csv_cells(data) if c.startswith(FORMULA_STARTS) and not _NUMBER.match(c)]


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    # The app's own export under test, not an outside file.
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314
    return ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in root.iter(f"{_MAIN}si")]


def xlsx_cells(data: bytes) -> list[XlsxCell]:
    """Every cell of every sheet of a workbook, with shared strings resolved."""
    cells = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = _shared_strings(archive)
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314
            for cell in root.iter(f"{_MAIN}c"):
                kind = cell.get("t", "n")
                formula = cell.find(f"{_MAIN}f")
                value = cell.find(f"{_MAIN}v")
                if kind == "s" and value is not None:
                    text = shared[int(value.text)]
                elif kind == "inlineStr":
                    text = "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
                else:
                    text = value.text if value is not None and value.text else ""
                cells.append(XlsxCell(name, cell.get("r", ""), kind, text,
                                      formula.text if formula is not None else None))
    return cells


def text_of_download(data: bytes) -> str:
    """The readable text of a download: the cells of a workbook, or the bytes decoded."""
    if data.startswith(XLSX_MAGIC):
        return "\n".join(cell.text for cell in xlsx_cells(data))
    return data.decode("utf-8", "replace")
