"""/admin/users/import: upload a CSV, preview every row, apply all or nothing, get the links."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template, request
from flask_login import current_user

from learn.audit.services import record as audit
from learn.auth.access import roles_required
from learn.auth.services import ACTIVATION_HOURS
from learn.core.headers import mark_private
from learn.db import get_session
from learn.orgs import import_uploads
from learn.orgs.access import current_scope
from learn.orgs.csvfile import MAX_BYTES, MAX_ROWS, read_csv, read_limited
from learn.orgs.errors import OrgError
from learn.orgs.forms import ActionForm, ImportApplyForm, ImportUploadForm
from learn.orgs.messages import error_text
from learn.orgs.users_csv import (
    USER_COLUMNS,
    activation_links_csv,
    apply_users_import,
    plan_users_import,
    template_csv,
)
from learn.orgs.views import bp

PREVIEW_LIMIT = 500  # rows shown besides errors; counts always cover the whole file


def _upload_page(form: ImportUploadForm, problem: str | None = None, status: int = 200):
    return render_template(
        "orgs/import.html", form=form, problem=problem, columns=USER_COLUMNS,
        max_kb=MAX_BYTES // 1024, max_rows=MAX_ROWS,
    ), status


def _preview_page(plan, token: str | None, filename: str, status: int = 200):
    shown = [r for r in plan.rows if r.errors]
    shown += [r for r in plan.rows if not r.errors][:PREVIEW_LIMIT]
    shown.sort(key=lambda r: r.number)
    apply_form = ImportApplyForm(token=token) if token and plan.ok else None
    return render_template(
        "orgs/import_preview.html", plan=plan, rows=shown, apply_form=apply_form,
        filename=filename, hidden=len(plan.rows) - len(shown),
    ), status


def _read_upload(storage) -> bytes:
    try:
        return read_limited(storage.stream)
    finally:
        storage.close()


@bp.route("/admin/users/import", methods=["GET", "POST"])
@roles_required("admin", "manager")
def import_users():
    """Upload a users CSV and see what it would do (nothing is changed yet)."""
    mark_private()
    form = ImportUploadForm()
    if not form.validate_on_submit():
        return _upload_page(form, status=400 if request.method == "POST" else 200)
    session = get_session()
    storage = form.file.data
    try:
        data = _read_upload(storage)
        plan = plan_users_import(session, current_scope(), read_csv(data))
    except OrgError as error:
        return _upload_page(form, error_text(error), 400)
    token = None
    if plan.ok:
        token = import_uploads.keep_upload(session, current_user.id, storage.filename or "",
                                           data)
    return _preview_page(plan, token, storage.filename or "")


@bp.post("/admin/users/import/apply")
@roles_required("admin", "manager")
def apply_import():
    """Apply a previewed file: every row or none; list the new activation links once."""
    mark_private()
    session = get_session()
    form = ImportApplyForm()
    if not form.validate_on_submit():
        abort(400)
    upload = import_uploads.pending_upload(session, current_user.id, form.token.data)
    if upload is None:
        return _upload_page(ImportUploadForm(), error_text(OrgError("import_expired")), 400)
    scope = current_scope()
    # Parsed and checked again: the database or the importer's scope may have changed.
    plan = plan_users_import(session, scope, read_csv(upload.content))
    if not plan.ok:
        return _preview_page(plan, None, upload.filename, 409)
    created = apply_users_import(session, scope, plan)
    settings = current_app.config["SETTINGS"]
    links = (activation_links_csv(created, settings.base_url, f"{ACTIVATION_HOURS} h")
             if created else None)
    import_uploads.mark_applied(session, upload, links)
    audit(session, "users.import", actor=current_user, target=upload.filename,
          ip_address=request.remote_addr,
          details=plan.audit_details())
    return render_template(
        "orgs/import_done.html", plan=plan, created=created, upload=upload,
        base_url=settings.base_url, hours=ACTIVATION_HOURS, action_form=ActionForm(),
    )


@bp.post("/admin/users/import/<int:upload_id>/links.csv")
@roles_required("admin", "manager")
def download_links(upload_id: int):
    """The activation links of an applied import as CSV, once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    links = import_uploads.take_links(get_session(), current_user.id, upload_id)
    if links is None:
        abort(404)
    mark_private()
    return Response(
        links.encode("utf-8"), mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="activation-links.csv"'},
    )


@bp.get("/admin/users/import/template.csv")
@roles_required("admin", "manager")
def import_template():
    """An example file with the expected columns (UTF-8 with BOM, opens well in Excel)."""
    return Response(
        template_csv().encode("utf-8"), mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="users-template.csv"'},
    )
