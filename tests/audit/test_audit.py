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


def test_publication_and_revocation_are_audited(app, db_session, make_user, tmp_path):
    from learn.certificates.models import Certificate
    from learn.certificates.services import revoke_certificate
    from learn.courses.models import Course
    from learn.courses.publishing import publish
    from tests.conftest import REPO_ROOT

    admin = make_user(email="qt@example.org", roles=("admin",))
    publish(db_session, REPO_ROOT / "tests" / "courses" / "fixtures" / "tree", user_id=admin.id,
            source="web")
    course = db_session.scalar(select(Course))
    certificate = Certificate(code="ABCDEFGHJK23", user_id=admin.id, course_id=course.id,
                              learner_name="X", course_title=course.title)
    db_session.add(certificate)
    db_session.flush()
    revoke_certificate(db_session, certificate, admin.id, "cấp nhầm")
    db_session.commit()
    events = {e.action: e for e in _events(db_session)}
    assert events["courses.publish"].actor_id == admin.id
    assert events["certificates.revoke"].target == "ABCDEFGHJK23"
    assert events["certificates.revoke"].actor_id == admin.id


def test_administrators_read_and_filter_the_log(client, auth, make_user):
    make_user(email="qt@example.org", roles=("admin",))
    make_user(email="an@example.org")
    client.post("/login", data={"email": "an@example.org", "password": "wrong password x"})
    auth.login("qt@example.org")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "auth.login_failed" in page and "auth.login" in page
    only_failures = client.get("/admin/audit?action=auth.login_failed").get_data(as_text=True)
    assert "an@example.org" in only_failures
    assert "<code>auth.login</code>" not in only_failures
    by_actor = client.get("/admin/audit?actor=QT@").get_data(as_text=True)
    assert "<code>auth.login</code>" in by_actor
    assert "auth.login_failed" not in by_actor.split("<tbody>")[1]


def test_vietnamese_filter_and_columns_keep_the_audit_wording(client, auth, make_user):
    # "Action", "Who" and "From" mean other things elsewhere (a column of buttons, the
    # audience of an assignment, the source of a publication).
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    page = client.get("/admin/audit?lang=vi").get_data(as_text=True)
    assert '<label for="action">Hành động</label>' in page
    assert '<label for="actor">Người thực hiện</label>' in page
    assert '<label for="date_from">Từ ngày</label>' in page
    assert '<th scope="col">Hành động</th>' in page and '<th scope="col">Chi tiết</th>' in page


def test_only_administrators_see_the_log(client, auth, make_user):
    make_user(email="ql@example.org", roles=("manager", "trainer"))
    assert client.get("/admin/audit").status_code == 302
    auth.login("ql@example.org")
    assert client.get("/admin/audit").status_code == 403


def test_the_log_is_paged(client, auth, make_user, db_session):
    make_user(email="qt@example.org", roles=("admin",))
    for n in range(60):
        record(db_session, "users.import", actor_label="qt@example.org", target=f"file{n}.csv")
    db_session.commit()
    auth.login("qt@example.org")
    first = client.get("/admin/audit").get_data(as_text=True)
    assert "file59.csv" in first and "file0.csv" not in first
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "file0.csv" in second
