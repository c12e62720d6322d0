"""The users CSV import in the browser: CSRF, preview, apply all or nothing, links once."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from learn.audit.models import AuditEvent
from learn.auth.models import User
from tests.conftest import csrf_token_from

HEADER = "email,full_name,unit_code,kind,position,is_dx_specialist\n"


BOUNDARY = "----orgs-test-boundary"


def _upload(client, text: str | bytes, token: str | None = None, name: str = "people.csv"):
    # The body is built by hand: the test client would spool a large one to a temporary
    # file that it never closes (a ResourceWarning, an error under filterwarnings=error).
    data = text.encode("utf-8") if isinstance(text, str) else text
    body = io.BytesIO()
    if token:
        body.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                   f"{token}\r\n".encode())
    body.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
               f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'.encode())
    body.write(data + f"\r\n--{BOUNDARY}--\r\n".encode())
    return client.post("/admin/users/import", data=body.getvalue(),
                       content_type=f"multipart/form-data; boundary={BOUNDARY}")


def _apply_token(html: str) -> str:
    match = re.search(r'name="token" type="hidden" value="([^"]+)"', html) or re.search(
        r'type="hidden" name="token" value="([^"]+)"', html) or re.search(
        r'id="token" name="token" type="hidden" value="([^"]+)"', html)
    assert match, "no apply form"
    return match.group(1)


def _users(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def _signed_in(csrf_app, email: str):
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": email, "password": "correct horse battery staple",
                                "csrf_token": csrf_token_from(page)})
    return client


def test_full_flow_with_csrf(csrf_app, db_session, world):
    client = _signed_in(csrf_app, "admin@example.org")
    page = client.get("/admin/users/import").get_data(as_text=True)
    token = csrf_token_from(page)
    assert _upload(client, HEADER + "moi@example.org,Người Mới,A1,,,\n").status_code == 400
    before = _users(db_session)
    text = "\ufeff" + HEADER.replace(",", ";") + (
        "moi@example.org;Người Mới;A1;official;Văn thư;không\n"
        "an@example.org;Nguyễn Văn An;A1;official;Chuyên viên;\n"
    )
    preview = _upload(client, text, token)
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert _users(db_session) == before  # a preview changes nothing
    apply_token = _apply_token(html)
    assert client.post("/admin/users/import/apply", data={"token": apply_token}).status_code == 400
    done = client.post("/admin/users/import/apply",
                       data={"token": apply_token, "csrf_token": token})
    assert done.status_code == 200
    done_html = done.get_data(as_text=True)
    assert _users(db_session) == before + 1
    assert re.search(r"http://localhost/activate/[A-Za-z0-9_-]{20,}", done_html)
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "users.import"))
    assert event.details["created"] == 1 and event.details["unchanged"] == 1
    # the links can be downloaded once, by the importer
    upload_id = re.search(r"/admin/users/import/(\d+)/links.csv", done_html).group(1)
    url = f"/admin/users/import/{upload_id}/links.csv"
    first = client.post(url, data={"csrf_token": token})
    assert first.status_code == 200 and first.mimetype == "text/csv"
    body = first.get_data().decode("utf-8-sig")
    assert body.splitlines()[1].startswith("moi@example.org,Người Mới,http://localhost/activate/")
    assert client.post(url, data={"csrf_token": token}).status_code == 404
    # the same token cannot be applied twice
    again = client.post("/admin/users/import/apply",
                        data={"token": apply_token, "csrf_token": token})
    assert again.status_code == 400 and _users(db_session) == before + 1


def test_errors_block_apply(client, auth, world, db_session):
    auth.login("admin@example.org")
    before = _users(db_session)
    response = _upload(client, HEADER + "ok@example.org,Người Tốt,A1,,,\n"
                                        "bad-email,Người Xấu,A1,,,\n"
                                        "x@example.org,Người X,NOPE,,,\n")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="token"' not in html
    assert "bad-email" in html and "NOPE" in html
    assert _users(db_session) == before


def test_rerun_is_unchanged(client, auth, world, db_session):
    auth.login("admin@example.org")
    text = HEADER + "an@example.org,Nguyễn Văn An,A1,official,Chuyên viên,0\n"
    html = _upload(client, text).get_data(as_text=True)
    assert html.count("badge bad") == 0
    assert client.post("/admin/users/import/apply",
                       data={"token": _apply_token(html)}).status_code == 200
    assert "/activate/" not in html


def test_invalid_utf8_and_size_limit(client, auth, world, db_session):
    auth.login("admin@example.org")
    bad = _upload(client, b"email,full_name\nan@example.org,Nguy\xe1n\n")
    assert bad.status_code == 400 and "UTF-8" in bad.get_data(as_text=True)
    big = _upload(client, HEADER + "x" * (2 * 1024 * 1024 + 10))
    assert big.status_code == 400
    assert "2048 KB" in big.get_data(as_text=True)


def test_roles_column_reported_as_ignored(client, auth, world, db_session):
    auth.login("admin@example.org")
    html = _upload(client, "email,full_name,unit_code,role,password\n"
                           "boss@example.org,Sếp,A1,admin,x\n").get_data(as_text=True)
    assert "role, password" in html
    client.post("/admin/users/import/apply", data={"token": _apply_token(html)})
    boss = db_session.scalar(select(User).where(User.email == "boss@example.org"))
    assert boss.roles == frozenset({"learner"}) and boss.password_hash is None


def test_manager_import_outside_scope_is_refused(client, auth, world, db_session):
    auth.login("manager.a@example.org")
    html = _upload(client, HEADER + "new@example.org,Người Mới,B1,,,\n"
                                    "binh@example.org,Trần Thị Bình,A1,,,\n").get_data(
        as_text=True)
    assert 'name="token"' not in html
    assert html.count("badge bad") == 2


def test_token_of_another_user_is_refused(app, client, auth, world, db_session):
    auth.login("admin@example.org")
    html = _upload(client, HEADER + "new@example.org,Người Mới,A1,,,\n").get_data(as_text=True)
    token = _apply_token(html)
    other = app.test_client()
    other.post("/login", data={"email": "manager.a@example.org",
                               "password": "correct horse battery staple"})
    assert other.post("/admin/users/import/apply", data={"token": token}).status_code == 400
    assert db_session.scalar(select(User).where(User.email == "new@example.org")) is None


def test_template_download(client, auth, world):
    auth.login("manager.a@example.org")
    response = client.get("/admin/users/import/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "email,full_name,unit_code,kind,position,is_dx_specialist"
    assert "Nguyễn Văn An" in lines[1]
