"""Published course assets: ``/courses/<slug>/assets/<hash12>/<path>``, cached for a year."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from learn.courses.assets import published_asset
from learn.courses.responses import IMMUTABLE, IMMUTABLE_PRIVATE, asset_response
from learn.db import get_session

bp = Blueprint("courses", __name__, template_folder="templates")

STAFF_ROLES = ("trainer", "admin")


def is_staff() -> bool:
    """True for trainers and administrators (who see drafts)."""
    return current_user.is_authenticated and current_user.has_role(*STAFF_ROLES)


@bp.get("/courses/<slug>/assets/<hash12>/<path:name>")
def asset(slug: str, hash12: str, name: str):
    """A published asset; the hash in the URL makes it safe to cache forever."""
    found = published_asset(get_session(), slug, hash12, name)
    if found is None or (found.staff_only and not is_staff()):
        abort(404)
    return asset_response(found, cache_control=IMMUTABLE_PRIVATE if found.staff_only
                          else IMMUTABLE)
