"""A citizen deletes their account: personal data gone, anonymous counts and certificates kept."""

from sqlalchemy import func, select

from learn.audit.models import AuditEvent
from learn.auth.models import ConsentRecord, User, UserSession
from learn.certificates.models import Certificate
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.models import UserSearch
from learn.privacy.erasure import DELETED_NAME
from learn.quiz.models import AttemptQuestion, QuizAttempt
from tests.conftest import TEST_PASSWORD, csrf_token_from

CONFIRMED = {"current": TEST_PASSWORD, "confirm": "y"}


def _count(db_session, model, **where) -> int:
    stmt = select(func.count()).select_from(model)
    for name, value in where.items():
        stmt = stmt.where(getattr(model, name) == value)
    return db_session.scalar(stmt)


def _citizen(make_user, db_session, email="binh@example.vn"):
    user = make_user(email=email, name="Trần Thị Bình", kind="citizen")
    db_session.add(ConsentRecord(user_id=user.id, notice_version="2026-11-01", language="vi"))
    db_session.commit()
    return user


def test_deletion_page_explains_and_asks_for_the_password(client, auth, make_user, db_session):
    _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    page = client.get("/account/delete").get_data(as_text=True)
    assert 'autocomplete="current-password"' in page
    assert "Người dùng đã xoá" in page
    assert "/account/data.json" in page


def test_citizen_deletes_their_account(
    app, client, auth, make_user, learner_records, db_session
):
    user = _citizen(make_user, db_session)
    records = learner_records(user)
    other_browser = app.test_client()
    other_browser.post("/login", data={"email": "binh@example.vn", "password": TEST_PASSWORD})
    client.post("/login", data={"email": "binh@example.vn", "password": "a wrong password"})
    auth.login("binh@example.vn")

    response = client.post("/account/delete", data=CONFIRMED)
    assert response.status_code == 302
    assert client.get("/account").status_code == 302
    assert other_browser.get("/account").status_code == 302

    db_session.expire_all()
    gone = db_session.get(User, user.id)
    assert gone.full_name == DELETED_NAME
    assert gone.email.endswith("@deleted.invalid") and "binh" not in gone.email
    assert gone.password_hash is None and not gone.is_active
    assert _count(db_session, UserSession, user_id=user.id) == 0
    consent = db_session.scalar(select(ConsentRecord).where(ConsentRecord.user_id == user.id))
    assert consent.withdrawn_at is not None
    # Answers are personal: attempts go; completions stay as anonymous counts.
    assert _count(db_session, QuizAttempt, user_id=user.id) == 0
    assert _count(db_session, AttemptQuestion) == 0
    assert _count(db_session, CourseCompletion, user_id=user.id) == 1
    assert _count(db_session, UnitCompletion, user_id=user.id) == 1
    assert _count(db_session, CourseProgress, user_id=user.id) == 1
    assert db_session.scalar(select(UnitCompletion.attempt_id)) is None
    # The certificate stays verifiable, detached and without the name.
    certificate = db_session.scalar(
        select(Certificate).where(Certificate.code == records.certificate_code)
    )
    assert certificate.user_id is None
    assert certificate.learner_name == DELETED_NAME
    # Nothing in the search index or the audit log still names the person.
    search = db_session.get(UserSearch, user.id)
    assert search is None or "binh" not in search.folded
    for event in db_session.scalars(select(AuditEvent)):
        assert "binh@example.vn" not in f"{event.actor_label} {event.target}".lower()
    deleted = db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "privacy.account_deleted")
    )
    assert deleted.actor_id == user.id
    assert deleted.details["quiz_attempts"] == 1


def test_deleted_account_cannot_sign_in_again(client, auth, make_user, db_session):
    _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    client.post("/account/delete", data=CONFIRMED)
    assert auth.login("binh@example.vn").status_code == 200
    assert client.get("/account").status_code == 302


def test_the_email_can_register_again_after_deletion(client, auth, make_user, db_session):
    _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    client.post("/account/delete", data=CONFIRMED)
    response = client.post("/register", data={
        "full_name": "Trần Thị Bình", "email": "binh@example.vn",
        "password": "mây trắng bay qua núi", "confirm": "mây trắng bay qua núi",
        "consent": "y",
    })
    assert response.status_code == 302


def test_certificate_name_kept_when_asked(client, auth, make_user, learner_records, db_session):
    user = _citizen(make_user, db_session)
    records = learner_records(user)
    auth.login("binh@example.vn")
    client.post("/account/delete", data={**CONFIRMED, "keep_certificate_names": "y"})
    certificate = db_session.scalar(
        select(Certificate).where(Certificate.code == records.certificate_code)
    )
    db_session.refresh(certificate)
    assert certificate.learner_name == "Trần Thị Bình"
    assert certificate.user_id is None


def test_wrong_password_deletes_nothing(client, auth, make_user, db_session):
    user = _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    response = client.post("/account/delete", data={**CONFIRMED, "current": "not it at all"})
    assert response.status_code == 400
    assert "Mật khẩu hiện tại không đúng." in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(User, user.id).email == "binh@example.vn"
    assert db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "auth.step_up_failed")
    )


def test_deletion_needs_the_confirmation_box(client, auth, make_user, db_session):
    user = _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    response = client.post("/account/delete", data={"current": TEST_PASSWORD})
    assert response.status_code == 400
    db_session.expire_all()
    assert db_session.get(User, user.id).is_active


def test_deletion_with_2fa_needs_a_code(client, auth, make_user, db_session, enrol):
    user = _citizen(make_user, db_session)
    auth.login("binh@example.vn")
    keys = enrol(client)
    assert client.post("/account/delete", data=CONFIRMED).status_code == 400
    response = client.post("/account/delete", data={**CONFIRMED, "code": keys.next_code()})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(User, user.id).full_name == DELETED_NAME


def test_officials_cannot_delete_themselves(client, auth, make_user, db_session):
    user = make_user(email="cb@example.gov.vn", kind="official")
    auth.login("cb@example.gov.vn")
    page = client.get("/account/delete")
    assert page.status_code == 200
    assert "quản trị viên" in page.get_data(as_text=True)
    assert 'name="current"' not in page.get_data(as_text=True)
    assert client.post("/account/delete", data=CONFIRMED).status_code == 403
    db_session.expire_all()
    assert db_session.get(User, user.id).is_active
    assert "/account/delete" not in client.get("/account").get_data(as_text=True)


def test_deletion_needs_csrf_token(csrf_app, make_user, db_session):
    _citizen(make_user, db_session)
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": "binh@example.vn", "password": TEST_PASSWORD,
                                "csrf_token": token})
    assert client.post("/account/delete", data=CONFIRMED).status_code == 400
    assert client.get("/account").status_code == 200


def test_other_users_are_untouched(app, client, auth, make_user, learner_records, db_session):
    _citizen(make_user, db_session)
    other = make_user(email="joan@example.org", name="Joan Nguyễn", kind="citizen")
    records = learner_records(other, slug="khac", code="WXYZ-WXYZ-WXYZ")
    app.test_client().post("/login", data={"email": "joan@example.org", "password": "nope nope"})
    auth.login("binh@example.vn")
    client.post("/account/delete", data=CONFIRMED)
    db_session.expire_all()
    assert db_session.get(User, other.id).full_name == "Joan Nguyễn"
    assert _count(db_session, QuizAttempt, user_id=other.id) == 1
    certificate = db_session.scalar(
        select(Certificate).where(Certificate.code == records.certificate_code)
    )
    assert certificate.user_id == other.id and certificate.learner_name == "Joan Nguyễn"
    failed = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.login_failed"))
    assert failed.target == "joan@example.org"
