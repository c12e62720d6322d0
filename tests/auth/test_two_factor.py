"""Two-factor sign-in: enrolment, the second step, replay, recovery codes, step-up."""

import re

import pyotp
from sqlalchemy import func, select

from learn.audit.models import AuditEvent
from learn.auth import recovery_codes, services
from learn.auth.models import RecoveryCode, TotpCredential, UserSession
from tests.auth.conftest import seed_on_page
from tests.conftest import TEST_PASSWORD

NEW_PASSWORD = "gió đưa cành trúc la đà"


def _sessions(db_session, user) -> int:
    return db_session.scalar(
        select(func.count()).select_from(UserSession).where(UserSession.user_id == user.id)
    )


def _events(db_session, action: str) -> list[AuditEvent]:
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_enrolment_shows_a_csp_safe_qr_code_and_the_key(client, auth, make_user, totp_clock):
    make_user(email="gv@example.org", roles=("trainer",))
    auth.login("gv@example.org")
    page = client.get("/account/2fa").get_data(as_text=True)
    assert "/account/2fa/start" in page
    client.post("/account/2fa/start")
    page = client.get("/account/2fa").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title>" in svg
    assert "style=" not in page
    assert "<script" not in svg
    assert len(seed_on_page(page)) == 32


def test_enrolment_needs_a_correct_code_and_shows_ten_codes_once(
    client, auth, make_user, db_session, totp_clock
):
    user = make_user(email="gv@example.org", roles=("trainer",))
    auth.login("gv@example.org")
    client.post("/account/2fa/start")
    seed = seed_on_page(client.get("/account/2fa").get_data(as_text=True))
    wrong = client.post("/account/2fa/confirm", data={"code": "000000"})
    assert wrong.status_code == 400
    assert db_session.scalar(select(TotpCredential)).confirmed_at is None

    right = client.post("/account/2fa/confirm", data={"code": pyotp.TOTP(seed).at(totp_clock.now)})
    assert right.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-z-]{19})</code></li>", right.get_data(as_text=True))
    assert len(codes) == 10
    assert right.headers["Cache-Control"] == "no-store"
    stored = set(db_session.scalars(select(RecoveryCode.code_hash)))
    assert stored == {recovery_codes.code_hash(c) for c in codes}
    assert not any(c in h for c in codes for h in stored)
    credential = db_session.scalar(select(TotpCredential).where(TotpCredential.user_id == user.id))
    db_session.refresh(credential)
    assert credential.confirmed_at is not None
    assert seed not in (credential.salt, credential.key_id)
    # The codes are not shown again.
    page = client.get("/account/2fa").get_data(as_text=True)
    assert not any(c in page for c in codes)
    assert "10" in page


def test_password_alone_does_not_sign_in(app, client, auth, make_user, db_session, enrol):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    enrol(client)
    auth.logout()
    sessions_before = _sessions(db_session, user)
    response = auth.login("qt@example.org")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login/2fa")
    assert client.get("/account").status_code == 302
    assert _sessions(db_session, user) == sessions_before


def test_second_step_signs_in_and_is_audited(client, auth, make_user, db_session, enrol):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    client.post("/login", data={"email": "qt@example.org", "password": TEST_PASSWORD,
                                "next": "/account"})
    response = client.post("/login/2fa", data={"code": keys.next_code()})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    logins = [e for e in _events(db_session, "auth.login") if e.actor_id == user.id]
    assert logins[-1].details == {"second_factor": "totp"}


def test_a_code_is_accepted_only_once(client, auth, make_user, db_session, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    code = keys.next_code()
    auth.login("qt@example.org")
    assert client.post("/login/2fa", data={"code": code}).status_code == 302
    auth.logout()
    auth.login("qt@example.org")
    replay = client.post("/login/2fa", data={"code": code})
    assert replay.status_code == 200
    assert "đã được dùng" in replay.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    # An earlier step's code is refused too once a later one was used.
    assert client.post("/login/2fa", data={"code": keys.code(-1)}).status_code == 200
    assert client.get("/account").status_code == 302


def test_the_enrolment_code_cannot_be_replayed_to_sign_in(
    client, auth, make_user, totp_clock, enrol
):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    client.post("/login/2fa", data={"code": keys.code()})
    assert client.get("/account").status_code == 302


def test_wrong_codes_are_audited(client, auth, make_user, db_session, enrol):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    response = client.post("/login/2fa", data={"code": "123456"})
    assert response.status_code == 200
    failures = _events(db_session, "auth.2fa_failed")
    assert [e.actor_id for e in failures] == [user.id]
    assert "123456" not in str(failures[0].details)


def test_recovery_code_works_once(client, auth, make_user, db_session, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    code = keys.recovery_codes[3]
    auth.login("qt@example.org")
    response = client.post("/login/2fa", data={"code": code.upper()}, follow_redirects=True)
    assert "9" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200
    auth.logout()
    auth.login("qt@example.org")
    assert client.post("/login/2fa", data={"code": code}).status_code == 200
    assert client.get("/account").status_code == 302
    used = db_session.scalars(select(RecoveryCode).where(RecoveryCode.used_at.is_not(None)))
    assert len(list(used)) == 1


def test_pending_state_expires(client, auth, make_user, monkeypatch, enrol):
    from learn.auth import signin

    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    real_time = signin.time.time
    monkeypatch.setattr(signin.time, "time", lambda: real_time() + signin.PENDING_SECONDS + 1)
    response = client.post("/login/2fa", data={"code": keys.next_code()})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    assert client.get("/account").status_code == 302


def test_second_step_without_password_step_goes_back_to_login(client):
    response = client.get("/login/2fa")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    assert client.post("/login/2fa", data={"code": "123456"}).status_code == 302


def test_deactivated_user_cannot_finish_the_second_step(
    client, auth, make_user, db_session, enrol
):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    services.set_active(db_session, db_session.merge(user), False)
    db_session.commit()
    client.post("/login/2fa", data={"code": keys.next_code()})
    assert client.get("/account").status_code == 302


def test_pending_cookie_is_replaced_and_grants_nothing(app, client, auth, make_user, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    auth.login("qt@example.org")
    pending = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], pending)
    assert other.get("/account").status_code == 302
    client.post("/login/2fa", data={"code": keys.next_code()})
    signed_in = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert signed_in != pending
    assert other.get("/account").status_code == 302


def test_activation_link_does_not_skip_the_second_factor(
    client, auth, make_user, db_session, enrol
):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    enrol(client)
    auth.logout()
    token = services.issue_activation(db_session, db_session.merge(user))
    db_session.commit()
    response = client.post(f"/activate/{token}", data={"password": NEW_PASSWORD,
                                                       "confirm": NEW_PASSWORD})
    assert response.headers["Location"].endswith("/login/2fa")
    assert client.get("/account").status_code == 302


def _step_up_page(client):
    return client.get("/account/2fa").get_data(as_text=True)


def test_turning_off_needs_password_and_code(client, auth, make_user, db_session, enrol):
    user = make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    assert "/account/2fa/disable" in _step_up_page(client)
    no_code = client.post("/account/2fa/disable", data={"current": TEST_PASSWORD})
    assert no_code.status_code == 400
    wrong_password = client.post(
        "/account/2fa/disable", data={"current": "not my password", "code": keys.next_code()}
    )
    assert wrong_password.status_code == 400
    assert _events(db_session, "auth.step_up_failed")
    assert db_session.scalar(select(TotpCredential).where(TotpCredential.user_id == user.id))
    ok = client.post(
        "/account/2fa/disable", data={"current": TEST_PASSWORD, "code": keys.next_code()}
    )
    assert ok.status_code == 302
    assert db_session.scalar(select(func.count()).select_from(TotpCredential)) == 0
    assert db_session.scalar(select(func.count()).select_from(RecoveryCode)) == 0
    assert _events(db_session, "auth.2fa_disabled")


def test_new_recovery_codes_replace_the_old_ones(client, auth, make_user, db_session, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    response = client.post(
        "/account/2fa/recovery-codes", data={"current": TEST_PASSWORD, "code": keys.next_code()}
    )
    assert response.status_code == 200
    fresh = re.findall(r"<li><code>([0-9a-z-]{19})</code></li>", response.get_data(as_text=True))
    assert len(fresh) == 10 and not set(fresh) & set(keys.recovery_codes)
    auth.logout()
    auth.login("qt@example.org")
    assert client.post("/login/2fa", data={"code": keys.recovery_codes[0]}).status_code == 200
    assert client.post("/login/2fa", data={"code": fresh[0]}).status_code == 302


def test_password_change_needs_a_code_when_2fa_is_on(client, auth, make_user, enrol):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    form = {"current": TEST_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    without = client.post("/account/password", data=form)
    assert without.status_code == 400
    assert "ứng dụng xác thực" in without.get_data(as_text=True)
    with_code = client.post("/account/password", data={**form, "code": keys.next_code()})
    assert with_code.status_code == 302


def test_retired_key_still_verifies_its_enrolments(app_factory, make_user, totp_clock):
    first = app_factory(totp_key="first server key, long and random enough")
    client = first.test_client()
    make_user(email="qt@example.org", roles=("admin",))
    client.post("/login", data={"email": "qt@example.org", "password": TEST_PASSWORD})
    client.post("/account/2fa/start")
    seed = seed_on_page(client.get("/account/2fa").get_data(as_text=True))
    client.post("/account/2fa/confirm", data={"code": pyotp.TOTP(seed).at(totp_clock.now)})

    rotated = app_factory(
        totp_key="second server key, long and random enough",
        totp_old_keys=("first server key, long and random enough",),
    ).test_client()
    rotated.post("/login", data={"email": "qt@example.org", "password": TEST_PASSWORD})
    code = pyotp.TOTP(seed).at(totp_clock.now + 30)
    assert rotated.post("/login/2fa", data={"code": code}).status_code == 302

    forgotten = app_factory(totp_key="second server key, long and random enough").test_client()
    forgotten.post("/login", data={"email": "qt@example.org", "password": TEST_PASSWORD})
    code = pyotp.TOTP(seed).at(totp_clock.now + 60)
    assert forgotten.post("/login/2fa", data={"code": code}).status_code == 200


def test_a_cookie_fixed_before_sign_in_is_useless_after_both_steps(
    app, client, auth, make_user, enrol
):
    make_user(email="qt@example.org", roles=("admin",))
    auth.login("qt@example.org")
    keys = enrol(client)
    auth.logout()
    name = app.config["SESSION_COOKIE_NAME"]
    client.get("/?lang=en")
    fixed = client.get_cookie(name).value
    auth.login("qt@example.org")
    client.post("/login/2fa", data={"code": keys.next_code()})
    assert client.get("/account").status_code == 200
    assert client.get_cookie(name).value != fixed
    attacker = app.test_client()
    attacker.set_cookie(name, fixed)
    assert attacker.get("/account").status_code == 302
    # The language chosen before signing in is kept.
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)
