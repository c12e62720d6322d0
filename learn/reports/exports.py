"""Export formats, file names and the HTTP response of an export."""

from __future__ import annotations

import re
from datetime import date

from flask import Response

from learn.core.headers import mark_private
from learn.reports.export_csv import write_csv
from learn.reports.export_xlsx import write_xlsx
from learn.reports.tables import ReportDocument

FORMATS = {
    "csv": ("text/csv", write_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write_xlsx),
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(stem: str, fmt: str, day: date) -> str:
    """An ASCII file name: letters, digits, dot, dash, underscore; dated."""
    cleaned = _UNSAFE.sub("-", stem).strip("-.") or "report"
    return f"{cleaned[:80]}-{day:%Y%m%d}.{fmt}"


def render(document: ReportDocument, fmt: str) -> bytes:
    """The document in a format ("csv" or "xlsx")."""
    return FORMATS[fmt][1](document)


def export_response(document: ReportDocument, fmt: str, day: date) -> Response:
    """A download of the document that no cache keeps."""
    mark_private()
    mimetype, _writer = FORMATS[fmt]
    name = safe_filename(document.filename_stem, fmt, day)
    response = Response(render(document, fmt), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
