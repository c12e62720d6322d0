"""The audit log viewer for administrators."""

from __future__ import annotations

import json

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l

from learn.audit.forms import AuditFilterForm
from learn.audit.queries import PAGE_SIZE, AuditFilter, known_actions, search_events
from learn.auth.access import roles_required
from learn.core import navigation
from learn.db import get_session

bp = Blueprint("audit", __name__, template_folder="templates")


@bp.record_once
def _register_nav(state) -> None:
    navigation.register(state.app, navigation.NavItem("audit.events", _l("Audit log"),
                                                      roles=("admin",), order=95))


@bp.get("/admin/audit")
@roles_required("admin")
def events():
    """Who did what, when and from where; filterable, newest first."""
    session = get_session()
    form = AuditFilterForm(request.args)
    form.action.choices = [("", _l("All actions"))] + [(a, a) for a in known_actions(session)]
    valid = form.validate()
    wanted = AuditFilter(
        action=(form.action.data or "") if valid else "",
        actor=(form.actor.data or "").strip() if valid else "",
        date_from=form.date_from.data if valid else None,
        date_to=form.date_to.data if valid else None,
    )
    page = request.args.get("page", 1, type=int) or 1
    rows, total = search_events(session, wanted, page)
    return render_template(
        "audit/events.html",
        form=form,
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        details=lambda event: json.dumps(event.details, ensure_ascii=False, sort_keys=True),
    )
