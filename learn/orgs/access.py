"""The current viewer's scope for the administration pages (administrators and managers)."""

from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy.orm import Session

from learn.db import get_session
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope, scope_for

STAFF = ("admin", "manager")


def current_scope() -> Scope:
    """The signed-in user's scope, computed once per request."""
    if "orgs_scope" not in g:
        g.orgs_scope = scope_for(get_session(), current_user)
    return g.orgs_scope


def is_admin() -> bool:
    """True when the signed-in user is an administrator."""
    return current_user.is_authenticated and current_user.has_role("admin")


def unit_in_scope_or_404(session: Session, unit_id: int | str | None) -> OrgUnit:
    """The unit with this id if the viewer's scope covers it; 404 otherwise (never a hint)."""
    try:
        unit = session.get(OrgUnit, int(unit_id or 0))
    except (TypeError, ValueError):
        unit = None
    if unit is None or not current_scope().covers_path(unit.path):
        abort(404)
    return unit


def optional_unit_in_scope(session: Session, unit_id: str | None) -> OrgUnit | None:
    """The unit chosen in a form ("" for none); 404 for a unit outside the scope."""
    if not unit_id:
        return None
    return unit_in_scope_or_404(session, unit_id)
