"""Redirect targets limited to paths of this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_local_path(target: str | None) -> bool:
    """True only for an absolute path on this site: no scheme, host or backslash tricks."""
    if not target or not isinstance(target, str):
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target) or "\\" in target:
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default_endpoint: str = "core.home") -> str:
    """The target when it is a local path, else the given page."""
    return target if is_local_path(target) else url_for(default_endpoint)
