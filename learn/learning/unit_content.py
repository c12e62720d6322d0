"""A unit's rendered HTML, kept per process by published version.

The HTML is rendered and sanitised once, at publish time, and never changes in place: a new
publication writes the course row too, which changes the version key (see outline.py). So
each worker reads a unit's HTML once per version and serves it from memory afterwards.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.core.bounded_cache import BoundedCache
from learn.courses.models import Course, Unit
from learn.learning.outline import OutlineUnit, version_key

# Characters of HTML kept per worker: the shipped curriculum is well under 2 MB; a larger
# one keeps its most read units.
_MAX_CHARACTERS = 16 * 1024 * 1024

_cache: BoundedCache[str] = BoundedCache(_MAX_CHARACTERS, weight=len)


def unit_html(session: Session, course: Course, unit: OutlineUnit) -> str:
    """The unit's sanitised HTML as published in the course's current version."""
    key = (version_key(course), unit.id, unit.version)
    html = _cache.get(key)
    if html is None:
        html = session.scalar(select(Unit.html).where(Unit.id == unit.id)) or ""
        _cache.put(key, html)
    return html
