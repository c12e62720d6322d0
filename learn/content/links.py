"""Classifying link and image targets written in course Markdown."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from learn.content.slugs import UNIT_FILE_RE

EXTERNAL_SCHEMES = ("http", "https", "mailto")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's placeholder for "&" inside attributes


@dataclass(frozen=True)
class Target:
    """What a link target points at.

    ``kind`` is one of: ``anchor`` (``#x``), ``external`` (http/https/mailto), ``unit``
    (``02-x.md``, ``path`` = file name), ``asset`` (``assets/...``, ``path`` = normalised
    path), ``bad_scheme`` (javascript:, data:, ...), ``unknown`` (any other relative path).
    """

    kind: str
    path: str = ""
    anchor: str | None = None
    scheme: str = ""


def classify_target(raw: str) -> Target:
    """Classify a link target the way browsers would read it (entities, hidden spaces)."""
    decoded = html.unescape(raw.replace(_AMP_SUBSTITUTE, "&"))
    squashed = _INVISIBLE_RE.sub("", decoded).lower()
    scheme = _SCHEME_RE.match(squashed)
    if scheme:
        name = scheme.group(1)
        if name in EXTERNAL_SCHEMES and _INVISIBLE_RE.sub("", decoded) == decoded.strip():
            return Target("external", scheme=name)
        return Target("bad_scheme", scheme=name)
    text = decoded.strip()
    if text.startswith("#"):
        return Target("anchor", anchor=text[1:])
    if squashed.startswith(("//", "\\", "/\\")):
        return Target("unknown", path=text)
    path, _, anchor = text.partition("#")
    path = unquote(path)
    if path.startswith("./"):
        path = path[2:]
    if UNIT_FILE_RE.match(path):
        return Target("unit", path=path, anchor=anchor or None)
    if path.startswith("assets/"):
        normal = posixpath.normpath(path)
        if normal.startswith("assets/") and ".." not in normal.split("/"):
            return Target("asset", path=normal, anchor=anchor or None)
    return Target("unknown", path=path)
