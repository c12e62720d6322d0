"""Refused access (403) is recorded in the audit log, with the path that was asked for."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from flask import request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from learn.audit.services import record as audit
from learn.auth.blueprint import bp
from learn.db import get_session

log = logging.getLogger(__name__)


@bp.after_app_request
def audit_access_denied(response):
    """Write an `access.denied` event for every 403 response (404s are not recorded)."""
    if response.status_code != 403:
        return response
    # Read before the rollback below expires the user object.
    actor = (
        SimpleNamespace(id=current_user.id, email=current_user.email)
        if current_user.is_authenticated
        else None
    )
    db = get_session()
    try:
        # The request's own changes are rolled back (the response is an error); the event is
        # committed on its own.
        db.rollback()
        audit(
            db, "access.denied", actor=actor, target=request.path,
            ip_address=request.remote_addr,
            details={"method": request.method, "endpoint": request.endpoint or ""},
        )
        db.commit()
    except SQLAlchemyError:
        db.rollback()
        log.exception("could not record access.denied for %s", request.path)
    return response
