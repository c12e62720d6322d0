"""The printable certificate, public verification and the administrators' revocation."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from learn.certificates.codes import display_code
from learn.certificates.models import Certificate
from learn.core.localtime import local_date
from tests.conftest import csrf_token_from


def sign_in(client, make_user, *, roles=("learner",), email="khac@example.org"):
    """Create a user and sign the client in as them."""
    make_user(email=email, roles=roles)
    client.post("/login", data={"email": email, "password": "correct horse battery staple"})


def test_owner_sees_the_printable_certificate(client, auth, certificate):
    auth.login("chu@example.org")
    response = client.get(f"/certificates/{certificate.code}?lang=vi")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Giấy chứng nhận hoàn thành khoá học" in page
    assert "Phạm Thị Dung" in page
    assert "An toàn thông tin cho cán bộ" in page
    assert local_date(certificate.issued_at).strftime("Ngày cấp: %d/%m/%Y") in page
    assert "Sở Khoa học và Công nghệ tỉnh" in page  # settings.org_name
    assert display_code(certificate.code) in page
    assert "4.1" in page and "1.2" in page
    # The print stylesheet is linked from this page only.
    assert 'href="/static/certificate.css"' in page
    assert "certificate.css" not in client.get("/me").get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_qr_code_is_inline_svg_to_the_public_url(client, auth, certificate):
    auth.login("chu@example.org")
    page = client.get(f"/certificates/{certificate.code}").get_data(as_text=True)
    svg = re.search(r"<svg .*?</svg>", page, flags=re.S).group(0)
    assert 'class="qr-code"' in svg and 'role="img"' in svg and "<title>" in svg
    assert "style" not in svg
    assert "<script" not in page and "style=" not in page
    assert f"http://localhost/verify/{certificate.code}" in page


def test_qr_encodes_the_verification_url(certificate):
    import segno

    from learn.certificates.qr import verification_url
    from learn.core.qr import qr_svg

    url = verification_url("https://hoc.example.gov.vn/", certificate.code)
    assert url == f"https://hoc.example.gov.vn/verify/{certificate.code}"
    assert str(qr_svg(url, "QR")) == segno.make(url, error="m").svg_inline(
        scale=4, border=4, title="QR", svgclass="qr-code", lineclass=None, dark="#000",
        light="#fff",
    ).replace("<svg ", '<svg role="img" ', 1)


def test_competence_names_come_from_the_framework(app_factory, client, auth, certificate,
                                                  tmp_path):
    frameworks = tmp_path / "courses" / "_frameworks"
    frameworks.mkdir(parents=True)
    (frameworks / "digcomp-2.2.yaml").write_text(
        'areas:\n  - code: "4"\n    name: {vi: "An toàn", en: "Safety"}\n'
        '    competences:\n      - code: "4.1"\n'
        '        name: {vi: "Bảo vệ thiết bị", en: "Protecting devices"}\n',
        encoding="utf-8",
    )
    other = app_factory(courses_dir=tmp_path / "courses").test_client()
    other.post("/login", data={"email": "chu@example.org",
                               "password": "correct horse battery staple"})
    page = other.get(f"/certificates/{certificate.code}?lang=vi").get_data(as_text=True)
    assert "4.1 Bảo vệ thiết bị" in page
    page = other.get(f"/certificates/{certificate.code}?lang=en").get_data(as_text=True)
    assert "4.1 Protecting devices" in page


def test_certificate_page_access(app, client, make_user, certificate):
    path = f"/certificates/{certificate.code}"
    # Anonymous: sign in first.
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    # Another learner and a trainer: the same 404 as for a code that does not exist.
    for email, roles in (("khac@example.org", ("learner",)), ("gv@example.org", ("trainer",))):
        other = app.test_client()
        sign_in(other, make_user, roles=roles, email=email)
        assert other.get(path).status_code == 404
        assert other.get("/certificates/ABCDEFGHJKMN").status_code == 404
    # An administrator may open it.
    admin = app.test_client()
    sign_in(admin, make_user, roles=("admin",), email="admin@example.org")
    assert admin.get(path).status_code == 200


def test_verify_valid_while_signed_out(client, certificate):
    response = client.get(f"/verify/{certificate.code}?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This certificate is valid" in page
    assert "Phạm Thị Dung" in page and "An toàn thông tin cho cán bộ" in page
    assert local_date(certificate.issued_at).strftime("%d/%m/%Y") in page
    # Minimum personal data: no email, no competence list, no account link.
    assert "chu@example.org" not in page
    assert "/certificates/" not in page


def test_verify_accepts_typed_codes(client, certificate):
    typed = display_code(certificate.code).lower()
    response = client.get("/verify", query_string={"code": f" {typed} "})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/verify/{certificate.code}"
    assert client.get(f"/verify/{typed}").status_code == 200


def test_verify_revoked(client, db_session, certificate):
    from learn.certificates.services import revoke_certificate
    from learn.core.localtime import local_date

    revoke_certificate(db_session, certificate, certificate.user_id, "Gian lận")
    db_session.commit()
    page = client.get(f"/verify/{certificate.code}?lang=en").get_data(as_text=True)
    assert "This certificate has been revoked" in page
    assert f"revoked on {local_date(certificate.revoked_at).strftime('%d/%m/%Y')}" in page
    assert "Gian lận" not in page  # the reason stays internal
    assert "This certificate is valid" not in page


@pytest.mark.parametrize("code", ["ABCDEFGHJKMN", "abc", "0000-OOOO-1111", "x" * 300])
def test_unknown_codes_get_the_same_answer(client, certificate, code):
    response = client.get(f"/verify/{code}?lang=en")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "No certificate found" in page
    body = page.split('role="status"', 1)[1].split("</section>", 1)[0]
    known = client.get("/verify/ZZZZZZZZZZZZ?lang=en").get_data(as_text=True)
    assert body == known.split('role="status"', 1)[1].split("</section>", 1)[0]


def test_verify_form_page(client):
    page = client.get("/verify?lang=vi").get_data(as_text=True)
    assert "<h1>Xác minh chứng nhận</h1>" in page
    assert '<label for="code">Mã chứng nhận</label>' in page
    assert 'method="get"' in page


def test_verify_is_rate_limited(client, certificate):
    statuses = [client.get(f"/verify/{certificate.code}").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert client.get("/verify").status_code == 429  # the limit is shared with the form


def test_admin_list_and_revoke(csrf_app, make_user, db_session, certificate):
    admin = csrf_app.test_client()
    make_user(email="admin@example.org", roles=("admin",))
    token = csrf_token_from(admin.get("/login").get_data(as_text=True))
    admin.post("/login", data={"email": "admin@example.org",
                               "password": "correct horse battery staple",
                               "csrf_token": token})
    home = admin.get("/?lang=en").get_data(as_text=True)
    assert '<a href="/admin/certificates">Certificates</a>' in home  # nav link for admins
    page = admin.get("/admin/certificates?lang=en").get_data(as_text=True)
    assert "Phạm Thị Dung" in page
    for query in ("Phạm", "phạm thị", certificate.code[:6].lower(), display_code(certificate.code)):
        page = admin.get("/admin/certificates", query_string={"q": query}).get_data(as_text=True)
        assert "Phạm Thị Dung" in page, query
    page = admin.get("/admin/certificates", query_string={"q": "Không ai"}).get_data(
        as_text=True
    )
    assert "Phạm Thị Dung" not in page

    detail_path = f"/admin/certificates/{certificate.id}"
    detail = admin.get(detail_path + "?lang=en").get_data(as_text=True)
    revoke_path = f"{detail_path}/revoke"
    assert f'action="{revoke_path}"' in detail
    # No CSRF token: refused. No reason: refused.
    assert admin.post(revoke_path, data={"reason": "x"}).status_code == 400
    token = csrf_token_from(detail)
    assert admin.post(revoke_path, data={"reason": "  ", "csrf_token": token}).status_code == 400
    response = admin.post(revoke_path, data={"reason": "Cấp nhầm", "csrf_token": token})
    assert response.status_code == 302
    db_session.expire_all()
    revoked = db_session.scalar(select(Certificate))
    assert revoked.revoked_at is not None
    assert revoked.revoked_reason == "Cấp nhầm"
    assert revoked.revoked_by_id is not None
    page = admin.get(detail_path + "?lang=en").get_data(as_text=True)
    assert "Cấp nhầm" in page and "Revoked" in page and revoke_path not in page


@pytest.mark.parametrize("roles", [("learner",), ("trainer",), ("manager",)])
def test_only_admins_reach_the_admin_pages(app, make_user, certificate, roles):
    other = app.test_client()
    sign_in(other, make_user, roles=roles)
    assert other.get("/admin/certificates").status_code == 403
    assert other.get(f"/admin/certificates/{certificate.id}").status_code == 403
    assert other.post(f"/admin/certificates/{certificate.id}/revoke",
                      data={"reason": "x"}).status_code == 403
    assert "/admin/certificates" not in other.get("/").get_data(as_text=True)


def test_anonymous_cannot_reach_the_admin_pages(client, certificate):
    assert client.get("/admin/certificates").status_code == 302
    assert client.post(f"/admin/certificates/{certificate.id}/revoke",
                       data={"reason": "x"}).status_code == 302


def test_owner_sees_a_revoked_banner(client, auth, db_session, certificate):
    from learn.certificates.services import revoke_certificate

    revoke_certificate(db_session, certificate, certificate.user_id, "Sai")
    db_session.commit()
    auth.login("chu@example.org")
    page = client.get(f"/certificates/{certificate.code}?lang=en").get_data(as_text=True)
    assert "This certificate has been revoked and is no longer valid." in page
