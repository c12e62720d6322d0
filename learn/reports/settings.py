"""Report settings: which courses count for the programme indicators.

Read from `SETTINGS.extra` first (so deployments and tests can set them without the
environment), then the LEARN_* environment variables, then the defaults below.
"""

from __future__ import annotations

import os

from flask import current_app, has_app_context

DEFAULT_REQUIRED_COURSES = "chuyen-doi-so-can-bo"
DEFAULT_SPECIALIST_COURSE = "chuyen-trach-cds-attt"


def _setting(name: str, default: str) -> str:
    if has_app_context():
        extra = getattr(current_app.config.get("SETTINGS"), "extra", None) or {}
        for key in (name, name.removeprefix("LEARN_").lower()):
            value = extra.get(key)
            if value:
                return str(value)
    return os.environ.get(name) or default


def _slugs(raw: str) -> tuple[str, ...]:
    seen: list[str] = []
    for part in raw.split(","):
        slug = part.strip()
        if slug and slug not in seen:
            seen.append(slug)
    return tuple(seen)


def required_course_slugs() -> tuple[str, ...]:
    """The digital-skills courses every official must complete (LEARN_REQUIRED_COURSES)."""
    return _slugs(_setting("LEARN_REQUIRED_COURSES", DEFAULT_REQUIRED_COURSES))


def specialist_course_slug() -> str:
    """The course a unit's IT/DX specialist must complete (LEARN_SPECIALIST_COURSE)."""
    slugs = _slugs(_setting("LEARN_SPECIALIST_COURSE", DEFAULT_SPECIALIST_COURSE))
    return slugs[0] if slugs else DEFAULT_SPECIALIST_COURSE
