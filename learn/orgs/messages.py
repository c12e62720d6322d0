"""Translated texts for the orgs error codes, import statuses and field names."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from learn.orgs.errors import OrgError

ERROR_MESSAGES = {
    "invalid_code": _l("Invalid unit code “%(detail)s”: use letters, digits, dots, dashes or "
                       "underscores (at most 50)."),
    "invalid_unit_name": _l("Enter the unit's name (at most 300 characters)."),
    "invalid_unit_kind": _l("Unknown kind of unit “%(detail)s”."),
    "code_taken": _l("The code “%(detail)s” is already used by another unit."),
    "parent_inactive": _l("The parent unit “%(detail)s” is deactivated."),
    "move_into_own_subtree": _l("A unit cannot be placed under itself or one of its own "
                                "sub-units."),
    "file_too_large": _l("The file is too large (at most %(detail)s KB)."),
    "invalid_utf8": _l("The file is not UTF-8 text (first wrong byte at position %(detail)s). "
                       "In Excel, use “Save as” › “CSV UTF-8”. Nothing was changed."),
    "empty_file": _l("The file is empty."),
    "malformed_csv": _l("The file is not a valid CSV file (%(detail)s)."),
    "too_many_rows": _l("The file has too many rows (at most %(detail)s). Split it into "
                        "several files."),
    "duplicate_column": _l("The column “%(detail)s” appears twice."),
    "missing_columns": _l("Missing columns: %(detail)s."),
    "duplicate_code_in_file": _l("This code already appears on row %(detail)s."),
    "unknown_parent": _l("Unknown parent unit code “%(detail)s”."),
    "parent_cycle": _l("The parent codes form a loop (through “%(detail)s”)."),
    "import_has_errors": _l("The file has errors; nothing was changed."),
    "invalid_email": _l("Invalid email address “%(detail)s”."),
    "invalid_name": _l("Enter the person's full name (at most 200 characters)."),
    "invalid_user_name": _l("Enter the person's full name (at most 200 characters)."),
    "email_taken": _l("An account with this email already exists."),
    "unknown_unit": _l("Unknown unit code “%(detail)s”."),
    "unit_inactive": _l("The unit “%(detail)s” is deactivated."),
    "unknown_kind": _l("Unknown kind of user “%(detail)s” (official or citizen)."),
    "invalid_kind": _l("Unknown kind of user “%(detail)s” (official or citizen)."),
    "invalid_boolean": _l("“%(detail)s” is not a yes/no value (true/false, 1/0, x, có/không)."),
    "duplicate_email_in_file": _l("This email already appears on row %(detail)s."),
    "outside_scope": _l("Outside your scope: you may only manage people and units in the "
                        "units you are responsible for."),
    "specialist_needs_official": _l("Only officials can be the unit's digital-transformation "
                                    "specialist."),
    "specialist_needs_unit": _l("A digital-transformation specialist must belong to a unit."),
    "position_too_long": _l("The position may have at most %(detail)s characters."),
    "cannot_deactivate_self": _l("You cannot deactivate your own account."),
    "cannot_drop_own_admin": _l("You cannot remove your own administrator role."),
    "roles_admin_only": _l("Only administrators can change roles."),
    "invalid_role": _l("Unknown role “%(detail)s”."),
    "import_expired": _l("This upload has expired or was already applied. Upload the file "
                         "again."),
    "unknown_course": _l("Unknown course."),
    "invalid_audience": _l("Unknown audience “%(detail)s”."),
}

STATUS_LABELS = {
    "create": _l("create"),
    "update": _l("update"),
    "unchanged": _l("unchanged"),
    "error": _l("error"),
}

FIELD_LABELS = {
    "full_name": _l("full name"),
    "kind": _l("kind"),
    "unit": _l("unit"),
    "position": _l("position"),
    "is_dx_specialist": _l("DX specialist"),
    "name": _l("name"),
    "parent_code": _l("parent unit"),
}

UNIT_KIND_LABELS = {
    "province": _l("Province"),
    "department": _l("Department or agency"),
    "district": _l("District level"),
    "commune": _l("Commune level"),
    "office": _l("Office"),
    "other": _l("Other"),
}

USER_KIND_LABELS = {"official": _l("Official"), "citizen": _l("Citizen")}

ROLE_LABELS = {
    "learner": _l("Learner"),
    "trainer": _l("Trainer"),
    "manager": _l("Manager"),
    "admin": _l("Administrator"),
}

AUDIENCE_LABELS = {
    "all": _l("Everyone in the unit"),
    "officials": _l("Officials only"),
    "specialists": _l("DX specialists only"),
}


def error_text(error: OrgError) -> str:
    """The translated message of an error."""
    message = ERROR_MESSAGES.get(error.code)
    if message is None:
        return _("The operation was refused (%(code)s).", code=error.code)
    return str(message) % {"detail": error.detail}
