"""Citizens register themselves with explicit, recorded consent."""

from sqlalchemy import select

from learn.auth.models import ConsentRecord, User
from learn.auth.privacy import PRIVACY_NOTICE_VERSION

GOOD = {
    "full_name": "  Trần   Thị Bình ",
    "email": "Binh.Tran@Example.VN",
    "password": "mây trắng bay qua núi",
    "confirm": "mây trắng bay qua núi",
    "consent": "y",
}


def test_register_page_shows_the_privacy_notice(client):
    page = client.get("/register").get_data(as_text=True)
    assert "Luật số 91/2025/QH15" in page
    assert "Nghị định 356/2025/NĐ-CP" in page
    assert PRIVACY_NOTICE_VERSION in page


def test_citizen_registers_and_consent_is_recorded(client, db_session):
    response = client.post("/register", data=GOOD)
    assert response.status_code == 302
    user = db_session.scalar(select(User).where(User.email == "binh.tran@example.vn"))
    assert user.full_name == "Trần Thị Bình"
    assert user.kind == "citizen"
    assert user.roles == {"learner"}
    consent = db_session.scalar(select(ConsentRecord).where(ConsentRecord.user_id == user.id))
    assert consent.notice_version == PRIVACY_NOTICE_VERSION
    assert consent.language == "vi"
    assert consent.consented_at is not None
    assert client.get("/account").status_code == 200


def test_name_is_stored_in_nfc(client, db_session):
    decomposed = "Nguye\u0302\u0303n Va\u0306n A"
    client.post("/register", data={**GOOD, "full_name": decomposed})
    user = db_session.scalar(select(User))
    assert user.full_name == "Nguyễn Văn A"


def test_registration_without_consent_is_refused(client, db_session):
    data = {k: v for k, v in GOOD.items() if k != "consent"}
    response = client.post("/register", data=data)
    assert response.status_code == 200
    assert "Cần có sự đồng ý" in response.get_data(as_text=True)
    assert db_session.scalar(select(User)) is None


def test_weak_password_is_refused_with_a_reason(client, db_session):
    response = client.post("/register", data={**GOOD, "password": "password123",
                                              "confirm": "password123"})
    assert "quá dễ đoán" in response.get_data(as_text=True)
    assert db_session.scalar(select(User)) is None


def test_short_password_is_refused(client):
    response = client.post("/register", data={**GOOD, "password": "abc", "confirm": "abc"})
    assert "từ 10 đến 256 ký tự" in response.get_data(as_text=True)


def test_duplicate_email_any_case_is_refused(client, make_user, db_session):
    make_user(email="binh.tran@example.vn")
    response = client.post("/register", data=GOOD)
    assert "Đã có tài khoản" in response.get_data(as_text=True)


def test_long_passphrase_is_accepted(client, db_session):
    long_password = "một câu rất dài " * 10
    response = client.post("/register", data={**GOOD, "password": long_password,
                                              "confirm": long_password})
    assert response.status_code == 302


def test_registration_needs_csrf_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/register", data=GOOD).status_code == 400
