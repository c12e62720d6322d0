"""Refusing text no page can accept: NUL characters in the path, query string or form.

No field of the application may hold a NUL character, and PostgreSQL refuses to store or
even compare one: letting it through would turn a typing mistake or a probe into a server
error on some pages. It is refused once, here, with 400.
"""

from __future__ import annotations

from flask import Request

NUL = "\x00"


def has_nul(request: Request) -> bool:
    """True when the path, a query or form field (name or value) or a file name holds NUL."""
    if NUL in request.path:
        return True
    for fields in (request.args, request.form):
        for name, values in fields.lists():
            if NUL in name or any(NUL in value for value in values):
                return True
    return any(NUL in (upload.filename or "") for upload in request.files.values())
