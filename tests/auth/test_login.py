"""Signing in and out, with sessions recorded on the server."""

from sqlalchemy import select

from learn.auth import services
from learn.auth.models import UserSession
from tests.conftest import TEST_PASSWORD


def test_login_page_renders_with_csrf(csrf_app):
    page = csrf_app.test_client().get("/login").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    assert 'autocomplete="current-password"' in page


def test_login_succeeds_and_records_session(client, auth, make_user, db_session):
    user = make_user(email="an@example.org")
    response = auth.login("AN@Example.org")
    assert response.status_code == 302
    rows = db_session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    assert len(rows) == 1
    assert rows[0].ended_at is None
    assert "Nguyễn Văn An" in client.get("/account").get_data(as_text=True)


def test_unknown_email_and_wrong_password_get_the_same_answer(client, make_user):
    make_user(email="an@example.org")
    wrong = client.post("/login", data={"email": "an@example.org", "password": "x" * 12})
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "x" * 12})
    assert wrong.status_code == unknown.status_code == 200
    message = "Thư điện tử hoặc mật khẩu không đúng."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)


def test_inactive_user_cannot_sign_in(client, auth, make_user):
    make_user(email="off@example.org", is_active=False)
    assert auth.login("off@example.org").status_code == 200
    assert client.get("/account").status_code == 302


def test_logout_requires_post(client, auth, make_user):
    make_user(email="an@example.org")
    auth.login("an@example.org")
    assert client.get("/logout").status_code == 405
    assert client.get("/account").status_code == 200


def test_logout_ends_the_session_for_a_copied_cookie(app, auth, client, make_user):
    make_user(email="an@example.org")
    auth.login("an@example.org")
    stolen = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen)
    assert thief.get("/account").status_code == 302


def test_login_replaces_a_fixed_pre_login_session(app, client, make_user):
    make_user(email="an@example.org")
    client.get("/?lang=en")
    before = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    client.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD})
    after = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert before != after
    attacker = app.test_client()
    attacker.set_cookie(app.config["SESSION_COOKIE_NAME"], before)
    assert attacker.get("/account").status_code == 302


def test_language_choice_survives_login(client, make_user):
    make_user(email="an@example.org")
    client.get("/login?lang=en")
    client.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD})
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)


def test_deactivation_ends_sessions_at_once(client, auth, make_user, db_session):
    user = make_user(email="an@example.org")
    auth.login("an@example.org")
    assert client.get("/account").status_code == 200
    services.set_active(db_session, db_session.merge(user), False)
    db_session.commit()
    assert client.get("/account").status_code == 302


def test_idle_session_expires(app_factory, make_user):
    app = app_factory(session_idle_minutes=0)
    client = app.test_client()
    make_user(email="an@example.org")
    client.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD})
    assert client.get("/account").status_code == 302


def test_login_is_rate_limited(client, make_user):
    make_user(email="an@example.org")
    codes = [
        client.post("/login", data={"email": "an@example.org", "password": "wrong" * 3}).status_code
        for _ in range(12)
    ]
    assert codes[-1] == 429
    assert "Quá nhiều lần thử" in client.post(
        "/login", data={"email": "an@example.org", "password": "x"}
    ).get_data(as_text=True)


def test_password_rehashed_when_parameters_change(client, make_user, db_session):
    from learn.auth import passwords

    user = make_user(email="an@example.org")
    old_hash = user.password_hash
    passwords.configure(time_cost=2, memory_kib=2048)
    try:
        client.post("/login", data={"email": "an@example.org", "password": TEST_PASSWORD})
        db_session.refresh(user)
        assert user.password_hash != old_hash
        assert "m=2048" in user.password_hash
    finally:
        passwords.configure(time_cost=1, memory_kib=1024)


def test_one_account_attacked_from_many_addresses_is_rate_limited(client, make_user):
    make_user(email="target@example.org")
    codes = []
    for n in range(22):
        codes.append(
            client.post(
                "/login",
                data={"email": "Target@Example.org", "password": "wrong" * 3},
                environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250 + 1}"},
            ).status_code
        )
    assert 429 not in codes[:20]
    assert codes[-1] == 429


def test_trusted_hosts_reject_other_hosts(app_factory):
    app = app_factory(trusted_hosts=("hoc.example.gov.vn",))
    client = app.test_client()
    assert client.get("/healthz", headers={"Host": "hoc.example.gov.vn"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400


def test_proxy_headers_trusted_only_when_configured(app_factory, make_user, db_session):
    from learn.auth.models import UserSession

    for hops, expected in ((0, "127.0.0.1"), (1, "203.0.113.9")):
        app = app_factory(proxy_hops=hops)
        client = app.test_client()
        user = make_user()
        client.post(
            "/login", data={"email": user.email, "password": TEST_PASSWORD},
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
        row = db_session.scalar(select(UserSession).where(UserSession.user_id == user.id))
        assert row.ip_address == expected


def test_session_cookie_lasts_the_session_lifetime_and_is_not_resent(client, auth, make_user):
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    make_user(email="an@example.org")
    signed_in = auth.login("an@example.org")
    cookie = next(h for h in signed_in.headers.getlist("Set-Cookie") if "HttpOnly" in h)
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    lifetime = timedelta(hours=12)  # LEARN_SESSION_LIFETIME_HOURS' default
    assert abs(expires - (datetime.now(UTC) + lifetime)) < timedelta(minutes=1)
    # Pages read afterwards do not re-sign the cookie: the server-side session holds the
    # idle and absolute timeouts, and the cookie already lives as long as it may.
    assert client.get("/account").status_code == 200  # shows (and drops) the welcome
    for _ in range(2):
        page = client.get("/account")
        assert page.status_code == 200
        assert page.headers.getlist("Set-Cookie") == []
