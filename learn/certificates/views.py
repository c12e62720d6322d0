"""Certificate pages: printable certificate, public verification, administrators' list."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from learn.auth.access import roles_required
from learn.certificates.codes import display_code, normalise_code
from learn.certificates.forms import CertificateSearchForm, RevokeForm, VerifyForm
from learn.certificates.models import Certificate
from learn.certificates.qr import verification_url
from learn.certificates.services import (
    ADMIN_PAGE_SIZE,
    find_by_code,
    revoke_certificate,
    search_certificates,
)
from learn.core import navigation
from learn.core.headers import mark_private
from learn.core.i18n import current_language
from learn.core.localtime import local_date
from learn.core.qr import qr_svg
from learn.db import get_session
from learn.extensions import limiter
from learn.learning.competences import competence_names

bp = Blueprint("certificates", __name__, template_folder="templates")

VERIFY_LIMIT = "30 per minute"
_verify_limit = limiter.shared_limit(VERIFY_LIMIT, scope="certificate-verify")


@bp.record_once
def _register_navigation(state) -> None:
    navigation.register(state.app, navigation.NavItem(
        "certificates.admin_list", _l("Certificates"), roles=("admin",), order=80))


@bp.app_context_processor
def _helpers() -> dict:
    return {"display_code": display_code}


def _settings():
    return current_app.config["SETTINGS"]


def _issued_on(certificate: Certificate) -> str:
    # Certificates always carry the Vietnamese day/month/year order, in Vietnam time.
    return local_date(certificate.issued_at).strftime("%d/%m/%Y")


@bp.get("/certificates/<code>")
@login_required
def show(code: str):
    """The printable certificate, for its owner and administrators."""
    mark_private()
    certificate = find_by_code(get_session(), code)
    if certificate is None or not (
        certificate.user_id == current_user.id or current_user.has_role("admin")
    ):
        abort(404)  # the same answer whether it exists or not
    language = current_language()
    courses_dir = _settings().courses_dir
    url = verification_url(_settings().base_url, certificate.code)
    return render_template(
        "certificates/certificate.html",
        certificate=certificate,
        issued_on=_issued_on(certificate),
        competences=competence_names(certificate.competences or (), language, courses_dir),
        verify_url=url,
        qr=qr_svg(url, _("QR code to verify this certificate")),
    )


@bp.get("/verify")
@_verify_limit
def verify_form():
    """The public form to check a certificate code."""
    form = VerifyForm(formdata=request.args)
    if form.validate() and form.code.data and normalise_code(form.code.data):
        return redirect(url_for("certificates.verify", code=normalise_code(form.code.data)))
    return render_template("certificates/verify.html", form=form, checked=False)


@bp.get("/verify/<code>")
@_verify_limit
def verify(code: str):
    """Public check of a certificate: valid or revoked, with the minimum personal data."""
    mark_private()
    certificate = find_by_code(get_session(), code)
    form = VerifyForm(formdata=None, code=display_code(normalise_code(code))[:40])
    status = 200 if certificate is not None else 404
    return render_template(
        "certificates/verify.html",
        form=form,
        checked=True,
        certificate=certificate,
        issued_on=_issued_on(certificate) if certificate else None,
        revoked_on=(
            local_date(certificate.revoked_at).strftime("%d/%m/%Y")
            if certificate is not None and certificate.revoked_at is not None
            else None
        ),
    ), status


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@bp.get("/admin/certificates")
@roles_required("admin")
def admin_list():
    """Administrators find certificates by code or learner name."""
    form = CertificateSearchForm(formdata=request.args)
    form.validate()
    text = (form.q.data or "")[:200]
    page = _page_number()
    rows, total = search_certificates(get_session(), text, page)
    pages = max(1, -(-total // ADMIN_PAGE_SIZE))
    return render_template(
        "certificates/admin_list.html", form=form, rows=rows, total=total, page=page,
        pages=pages, query=text,
    )


def _certificate_or_404(certificate_id: int) -> Certificate:
    certificate = get_session().get(Certificate, certificate_id)
    if certificate is None:
        abort(404)
    return certificate


@bp.get("/admin/certificates/<int:certificate_id>")
@roles_required("admin")
def admin_detail(certificate_id: int):
    """One certificate with its revocation form."""
    certificate = _certificate_or_404(certificate_id)
    return render_template(
        "certificates/admin_detail.html", certificate=certificate, form=RevokeForm(),
        issued_on=_issued_on(certificate),
    )


@bp.post("/admin/certificates/<int:certificate_id>/revoke")
@roles_required("admin")
def revoke(certificate_id: int):
    """Revoke a certificate, with a reason."""
    certificate = _certificate_or_404(certificate_id)
    form = RevokeForm()
    if not form.validate_on_submit():
        return render_template(
            "certificates/admin_detail.html", certificate=certificate, form=form,
            issued_on=_issued_on(certificate),
        ), 400
    if certificate.revoked_at is None:
        revoke_certificate(get_session(), certificate, current_user.id, form.reason.data)
        flash(_("The certificate has been revoked."), "success")
    else:
        flash(_("This certificate was already revoked."), "info")
    return redirect(url_for("certificates.admin_detail", certificate_id=certificate.id))
