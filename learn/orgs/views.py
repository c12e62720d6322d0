"""The orgs blueprint: /admin/orgs, /admin/users, /admin/assignments (administrators and
managers; managers only ever see their own units' subtrees)."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from learn.core import navigation
from learn.core.i18n import RenderLabels
from learn.orgs.messages import (
    AUDIENCE_LABELS,
    FIELD_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    UNIT_KIND_LABELS,
    USER_KIND_LABELS,
    error_text,
)

bp = Blueprint("orgs", __name__, template_folder="templates")


@bp.record_once
def _register_navigation(state) -> None:
    for endpoint, label, order in (
        ("orgs.tree", _l("Organisation"), 60),
        ("orgs.users", lazy_pgettext("accounts", "People"), 61),
        ("orgs.assignments", _l("Assignments"), 62),
    ):
        navigation.register(
            state.app, navigation.NavItem(endpoint, label, roles=("admin", "manager"), order=order)
        )


@bp.context_processor
def _labels() -> dict:
    return {
        "unit_kind_labels": RenderLabels(UNIT_KIND_LABELS),
        "user_kind_labels": RenderLabels(USER_KIND_LABELS),
        "role_labels": RenderLabels(ROLE_LABELS),
        "audience_labels": RenderLabels(AUDIENCE_LABELS),
        "status_labels": RenderLabels(STATUS_LABELS),
        "field_labels": RenderLabels(FIELD_LABELS),
        "error_text": error_text,
    }


# The pages live in their own modules; importing them adds their routes to the blueprint.
from learn.orgs import (  # noqa: E402
    assignment_views,  # noqa: F401
    import_views,  # noqa: F401
    tree_views,  # noqa: F401
    user_views,  # noqa: F401
)
