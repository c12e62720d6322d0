"""Changing a password and activating an account with a one-time link."""

from learn.auth import services
from tests.conftest import TEST_PASSWORD

NEW = "gió đưa cành trúc la đà"


def test_change_password_requires_the_current_one(client, auth, make_user):
    make_user(email="an@example.org")
    auth.login("an@example.org")
    response = client.post(
        "/account/password", data={"current": "wrong password!", "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 400
    assert "Mật khẩu hiện tại không đúng." in response.get_data(as_text=True)


def test_change_password_ends_other_sessions(app, client, auth, make_user):
    make_user(email="an@example.org")
    other = app.test_client()
    other.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD})
    auth.login("an@example.org")
    response = client.post(
        "/account/password", data={"current": TEST_PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    auth.logout()
    assert auth.login("an@example.org", NEW).status_code == 302


def test_activation_link_sets_password_once(client, make_user, db_session):
    user = make_user(email="cb@example.org", password=None)
    token = services.issue_activation(db_session, user)
    db_session.commit()
    assert client.get(f"/activate/{token}").status_code == 200
    response = client.post(f"/activate/{token}", data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert client.get(f"/activate/{token}").status_code == 404


def test_unknown_activation_token_is_404(client):
    assert client.get("/activate/not-a-token").status_code == 404


def test_password_policy_codes():
    from learn.auth.passwords import password_problems

    assert password_problems("short", []) == ["too_short"]
    assert password_problems("x" * 300, []) == ["too_long"]
    assert password_problems("1234567890", []) == ["too_weak"]
    assert password_problems("nguyenvanan2024", ["an.nguyen@example.org", "Nguyễn Văn An"])
    assert password_problems("gió đưa cành trúc la đà", []) == []
