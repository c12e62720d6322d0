"""The audit log records sign-ins without secrets and with newlines escaped."""

from sqlalchemy import select

from learn.audit.models import AuditEvent
from learn.audit.services import record


def _events(db_session):
    db_session.expire_all()
    return db_session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()


def test_login_success_failure_and_logout_are_recorded(client, auth, make_user, db_session):
    make_user(email="an@example.org")
    client.post("/login", data={"email": "an@example.org", "password": "wrong password x"})
    auth.login("an@example.org")
    auth.logout()
    actions = [(e.action, e.actor_label or e.target) for e in _events(db_session)]
    assert actions == [
        ("auth.login_failed", "an@example.org"),
        ("auth.login", "an@example.org"),
        ("auth.logout", "an@example.org"),
    ]
    assert all(e.ip_address == "127.0.0.1" for e in _events(db_session))
    assert all("wrong password" not in str(e.details) for e in _events(db_session))


def test_secrets_are_redacted_and_newlines_escaped(db_session):
    event = record(
        db_session,
        "users.import",
        target="line one\nFAKE 2026-01-01 auth.login admin",
        details={"password": "hunter2hunter2", "activation_token": "abc", "rows": 3,
                 "note": "a\r\nb"},
    )
    assert "\n" not in event.target
    assert event.target.startswith("line one\\nFAKE")
    assert event.details["password"] == "[redacted]"
    assert event.details["activation_token"] == "[redacted]"
    assert event.details["rows"] == 3
    assert event.details["note"] == "a\\r\\nb"
