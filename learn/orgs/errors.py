"""The error raised by orgs services, with a code the views and commands translate."""

from __future__ import annotations


class OrgError(ValueError):
    """An organisation or users operation refused, with a code and optional detail."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail
