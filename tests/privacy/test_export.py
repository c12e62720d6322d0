"""A user downloads everything the system holds about them, and nothing about others."""

import json

from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.auth.privacy import PRIVACY_NOTICE_VERSION
from learn.auth.tokens import token_hash
from tests.conftest import TEST_PASSWORD

REGISTRATION = {
    "full_name": "Trần Thị Bình",
    "email": "binh@example.vn",
    "password": "mây trắng bay qua núi",
    "confirm": "mây trắng bay qua núi",
    "consent": "y",
}


def _export(client) -> dict:
    response = client.get("/account/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.get_data(as_text=True))


def test_export_needs_sign_in(client):
    assert client.get("/account/data.json").status_code == 302


def test_export_holds_every_kind_of_record(
    client, auth, make_user, learner_records, org_member, db_session
):
    user = make_user(email="an@example.org", name="Lê Văn An")
    records = learner_records(user)
    org_member(user)
    client.post("/login", data={"email": "an@example.org", "password": "wrong password!"})
    auth.login("an@example.org")
    data = _export(client)

    assert data["account"]["email"] == "an@example.org"
    assert data["account"]["full_name"] == "Lê Văn An"
    assert data["account"]["two_factor"]["enabled"] is False
    assert data["roles"] == ["learner"]
    assert data["current_privacy_notice"] == PRIVACY_NOTICE_VERSION
    assert data["organisation"]["unit"]["code"] == "SO-KHCN"
    assert data["organisation"]["unit"]["position"] == "Chuyên viên"
    assert data["course_progress"][0]["course"] == "an-toan"
    assert data["course_progress"][0]["last_unit"] == "01-mo-dau"
    assert data["unit_completions"][0]["method"] == "quiz"
    assert data["course_completions"][0]["course"] == "an-toan"
    [attempt] = data["quiz_attempts"]
    assert attempt["score"] == 100.0 and attempt["passed"] is True
    assert attempt["questions"][0]["answer"] == {"choice": 1}
    assert attempt["questions"][0]["question"] == "cau-1"
    assert data["certificates"][0]["code"] == records.certificate_code
    actions = [e["action"] for e in data["audit_events"]]
    assert "auth.login_failed" in actions and "auth.login" in actions
    [session] = [s for s in data["sessions"] if s["ended_at"] is None]
    assert session["ip_address"] == "127.0.0.1"


def test_export_never_contains_credentials(client, auth, make_user, db_session, enrol):
    from learn.auth.models import TotpCredential, UserSession

    user = make_user(email="an@example.org", roles=("trainer",))
    auth.login("an@example.org")
    keys = enrol(client)
    body = client.get("/account/data.json").get_data(as_text=True)
    db_session.expire_all()
    hashes = db_session.scalars(select(UserSession.token_hash)).all()
    credential = db_session.scalar(select(TotpCredential))
    for secret in [*hashes, user.password_hash, credential.salt, keys.seed,
                   *keys.recovery_codes]:
        assert secret not in body
    assert "token_hash" not in body and "password_hash" not in body
    data = json.loads(body)
    assert data["account"]["two_factor"] == {
        "enabled": True, "enabled_at": data["account"]["two_factor"]["enabled_at"],
        "recovery_codes_left": 10,
    }
    assert all(token_hash(c) not in body for c in keys.recovery_codes)


def test_export_shows_the_consent_given_at_registration(client):
    client.post("/register", data=REGISTRATION)
    data = _export(client)
    [consent] = data["consents"]
    assert consent["notice_version"] == PRIVACY_NOTICE_VERSION
    assert consent["withdrawn_at"] is None
    assert data["account"]["kind"] == "citizen"


def test_export_contains_nothing_of_other_users(
    app, client, auth, make_user, learner_records, db_session
):
    me = make_user(email="an@example.org")
    other = make_user(email="joan@example.org", name="Joan Nguyễn")
    learner_records(other, slug="khac", code="WXYZ-WXYZ-WXYZ")
    app.test_client().post("/login", data={"email": "joan@example.org",
                                           "password": "wrong password!"})
    app.test_client().post("/login", data={"email": "joan@example.org",
                                           "password": TEST_PASSWORD})
    auth.login("an@example.org")
    body = client.get("/account/data.json").get_data(as_text=True)
    assert "joan" not in body.lower()
    assert "WXYZ" not in body
    assert json.loads(body)["account"]["id"] == me.id


def test_export_is_audited(client, auth, make_user, db_session):
    user = make_user(email="an@example.org")
    auth.login("an@example.org")
    client.get("/account/data.json")
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.export"))
    assert event.actor_id == user.id


def test_account_page_shows_the_consented_notice_version(client):
    client.post("/register", data=REGISTRATION)
    page = client.get("/account").get_data(as_text=True)
    assert PRIVACY_NOTICE_VERSION in page
    assert "/account/data.json" in page
    assert "/account/delete" in page
