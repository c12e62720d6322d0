"""Ending one's other sessions, the staff 2FA policy, refused access in the audit log."""

import re

import pytest
from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.auth.access import roles_required
from learn.auth.models import UserSession
from learn.config import load_settings
from tests.conftest import TEST_PASSWORD, csrf_token_from, make_settings


def _login(app, email):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": TEST_PASSWORD})
    return client


def _session_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"/account/sessions/(\d+)/end", html)]


def test_account_lists_sessions_and_marks_this_one(app, make_user):
    make_user(email="an@example.org")
    _login(app, "an@example.org")
    client = _login(app, "an@example.org")
    page = client.get("/account").get_data(as_text=True)
    assert "Trình duyệt này" in page
    assert len(_session_ids(page)) == 1
    assert "/account/sessions/end-others" in page


def test_ending_another_session_signs_it_out(app, make_user, db_session):
    make_user(email="an@example.org")
    phone = _login(app, "an@example.org")
    laptop = _login(app, "an@example.org")
    [other] = _session_ids(laptop.get("/account").get_data(as_text=True))
    response = laptop.post(f"/account/sessions/{other}/end")
    assert response.status_code == 302
    assert phone.get("/account").status_code == 302
    assert laptop.get("/account").status_code == 200
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.session_end"))
    assert event.details == {"session_id": other}


def test_this_session_cannot_be_ended_through_the_session_list(app, make_user, db_session):
    user = make_user(email="an@example.org")
    client = _login(app, "an@example.org")
    own = db_session.scalar(select(UserSession.id).where(UserSession.user_id == user.id))
    assert client.post(f"/account/sessions/{own}/end").status_code == 400
    assert client.get("/account").status_code == 200


def test_someone_elses_session_cannot_be_ended(app, make_user, db_session):
    victim = make_user(email="victim@example.org")
    make_user(email="mallory@example.org")
    victim_client = _login(app, "victim@example.org")
    mallory = _login(app, "mallory@example.org")
    target = db_session.scalar(select(UserSession.id).where(UserSession.user_id == victim.id))
    assert mallory.post(f"/account/sessions/{target}/end").status_code == 404
    assert victim_client.get("/account").status_code == 200


def test_end_all_other_sessions(app, make_user):
    make_user(email="an@example.org")
    others = [_login(app, "an@example.org") for _ in range(3)]
    me = _login(app, "an@example.org")
    assert me.post("/account/sessions/end-others").status_code == 302
    assert all(c.get("/account").status_code == 302 for c in others)
    assert me.get("/account").status_code == 200


def test_session_buttons_need_csrf_token(csrf_app, make_user):
    make_user(email="an@example.org")
    other = csrf_app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    other.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD,
                               "csrf_token": token})
    me = csrf_app.test_client()
    token = csrf_token_from(me.get("/login").get_data(as_text=True))
    me.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD,
                            "csrf_token": token})
    page = me.get("/account").get_data(as_text=True)
    [other_id] = _session_ids(page)
    assert me.post("/account/sessions/end-others").status_code == 400
    assert me.post(f"/account/sessions/{other_id}/end").status_code == 400
    assert other.get("/account").status_code == 200
    token = csrf_token_from(page)
    assert me.post("/account/sessions/end-others", data={"csrf_token": token}).status_code == 302
    assert other.get("/account").status_code == 302


def test_sessions_end_after_the_absolute_lifetime(app_factory, make_user):
    app = app_factory(session_lifetime_hours=0)
    make_user(email="an@example.org")
    client = _login(app, "an@example.org")
    assert client.get("/account").status_code == 302


# --- the staff two-factor policy -------------------------------------------------------


def test_policy_default_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("LEARN_REQUIRE_STAFF_2FA", raising=False)
    assert make_settings("sqlite://", tmp_path, env="production").staff_must_use_2fa
    assert not make_settings("sqlite://", tmp_path).staff_must_use_2fa
    monkeypatch.setenv("LEARN_REQUIRE_STAFF_2FA", "1")
    assert load_settings(tmp_path).staff_must_use_2fa
    monkeypatch.setenv("LEARN_ENV", "production")
    monkeypatch.setenv("LEARN_REQUIRE_STAFF_2FA", "0")
    assert not load_settings(tmp_path).staff_must_use_2fa


@pytest.mark.parametrize("role", ["admin", "manager", "trainer"])
def test_staff_without_2fa_are_sent_to_enrolment(app_factory, make_user, role):
    app = app_factory(require_staff_2fa=True)
    make_user(email="staff@example.org", roles=(role,))
    client = _login(app, "staff@example.org")
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/account/2fa")
    assert client.post("/language", data={"lang": "en", "next": "/"}).status_code == 302
    for open_path in ("/account", "/account/2fa", "/static/learn.css", "/privacy",
                      "/account/data.json"):
        answer = client.get(open_path)
        answer.close()
        assert answer.status_code == 200, open_path
    assert client.post("/logout").status_code == 302


def test_learners_are_not_asked_for_2fa(app_factory, make_user):
    app = app_factory(require_staff_2fa=True)
    make_user(email="hv@example.org", roles=("learner",))
    client = _login(app, "hv@example.org")
    assert client.get("/").status_code == 200


def test_staff_with_2fa_pass_the_policy(app_factory, make_user, enrol):
    app = app_factory(require_staff_2fa=True)
    make_user(email="staff@example.org", roles=("manager",))
    client = _login(app, "staff@example.org")
    enrol(client)
    assert client.get("/").status_code == 200


def test_policy_off_lets_staff_explore(app_factory, make_user):
    app = app_factory(require_staff_2fa=False)
    make_user(email="staff@example.org", roles=("admin",))
    assert _login(app, "staff@example.org").get("/").status_code == 200


# --- refused access is audited ---------------------------------------------------------


def _with_admin_page(app):
    @app.get("/admin-only-for-test")
    @roles_required("admin")
    def admin_only():
        return "secret"

    return app


def test_forbidden_access_is_audited_with_the_path(app, make_user, db_session):
    _with_admin_page(app)
    user = make_user(email="hv@example.org")
    client = _login(app, "hv@example.org")
    response = client.get("/admin-only-for-test?x=1")
    assert response.status_code == 403
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "access.denied"))
    assert event.actor_id == user.id
    assert event.target == "/admin-only-for-test"
    assert event.details["method"] == "GET"


def test_not_found_and_anonymous_redirects_write_nothing(app, db_session):
    _with_admin_page(app)
    client = app.test_client()
    assert client.get("/no-such-page").status_code == 404
    assert client.get("/admin-only-for-test").status_code == 302
    assert db_session.scalar(select(AuditEvent)) is None
